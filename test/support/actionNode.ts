/**
 * The action node run in-process against the fake Graph: its credentials, `run` and the editor's
 * methods (list search, resource mapper, load options), plus Meta-like answers for accepted sends
 * and a paginated message_templates endpoint.
 */
import type { INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import type { TemplateDefinition } from '../../nodes/WhatsAppCloud/templates/definition';
import { WhatsAppCloud } from '../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import type { FakeGraph, FakeResponse, RecordedRequest } from './fakeGraph';
import { runListSearch, runLoadOptions, runResourceMapping } from './n8n/loadOptions';
import { runNode, type RunNodeOptions } from './n8n/runNode';

export const TOKEN = 'EAAtesttoken1234567890abcdefSECRET';
export const PHONE_ID = '109876543210987';
export const WABA_ID = '2223334445556667';
export const MESSAGES_PATH = `/v24.0/${PHONE_ID}/messages`;
export const TEMPLATES_PATH = `/v24.0/${WABA_ID}/message_templates`;

export function credentials(graph: FakeGraph, overrides: Record<string, string> = {}) {
	return {
		whatsAppCloudApi: {
			accessToken: TOKEN,
			phoneNumberId: PHONE_ID,
			businessAccountId: WABA_ID,
			appSecret: 'app-secret-value',
			verifyToken: 'verify-token-value',
			apiVersion: 'v24.0',
			baseUrl: graph.url,
			...overrides,
		},
	};
}

export function run(
	graph: FakeGraph,
	parameters: INodeParameters,
	options: Partial<RunNodeOptions> = {},
) {
	return runNode({
		nodeType: WhatsAppCloud,
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: credentials(graph),
		parameters,
		...options,
	});
}

function methodSetup(graph: FakeGraph, parameters: INodeParameters, method: string) {
	return {
		nodeType: WhatsAppCloud,
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: credentials(graph),
		parameters,
		method,
	};
}

export const listSearch = (graph: FakeGraph, parameters: INodeParameters, filter?: string) =>
	runListSearch({ ...methodSetup(graph, parameters, 'searchTemplates'), filter });
export const resourceMapping = (graph: FakeGraph, parameters: INodeParameters) =>
	runResourceMapping(methodSetup(graph, parameters, 'getTemplateVariables'));
export const loadOptions = (graph: FakeGraph, parameters: INodeParameters, method: string) =>
	runLoadOptions(methodSetup(graph, parameters, method));

/** Meta's answer to an accepted send: contacts[].wa_id and messages[].id. */
export function accepted(req: RecordedRequest, status?: string): FakeResponse {
	const to = String(req.json?.to ?? '');
	const message: Record<string, string> = { id: `wamid.${to.replace(/\D/g, '')}.${req.seq}` };
	if (status) message.message_status = status;
	return {
		json: {
			messaging_product: 'whatsapp',
			contacts: [{ input: to, wa_id: to.replace(/\D/g, '') }],
			messages: [message],
		},
	};
}

/**
 * GET message_templates like Meta: `limit` per page, `after` cursor, paging.next as an absolute
 * URL (with an access_token in it, which the transport must drop), filters on status, category,
 * language and name (contains). GET /{id} answers one template.
 */
export function serveTemplates(
	graph: FakeGraph,
	templates: TemplateDefinition[],
	pageSize = 4,
): void {
	graph.on('GET', TEMPLATES_PATH, (req) => {
		const q = req.query as Record<string, string>;
		const all = templates.filter(
			(t) =>
				(!q.status || t.status === q.status) &&
				(!q.category || t.category === q.category) &&
				(!q.language || t.language === q.language) &&
				(!q.name || t.name.includes(q.name)),
		);
		const start = q.after ? Number(q.after) : 0;
		const size = Math.min(pageSize, Number(q.limit ?? 25));
		const rows = all.slice(start, start + size);
		const end = start + rows.length;
		const more = all.length > end;
		const next = new URL(`${graph.url}${TEMPLATES_PATH}`);
		for (const [key, value] of Object.entries(q))
			if (key !== 'after') next.searchParams.set(key, value);
		next.searchParams.set('after', String(end));
		next.searchParams.set('access_token', 'EAAleakedtokeninpagingnext000000');
		return {
			json: {
				data: rows,
				paging: {
					cursors: { before: String(start), after: String(end) },
					...(more ? { next: next.toString() } : {}),
				},
			},
		};
	});
	graph.on('GET', /^\/v24\.0\/\d+$/, (req) => {
		const id = req.path.split('/').pop();
		const template = templates.find((t) => t.id === id);
		if (!template) {
			return {
				status: 400,
				json: {
					error: {
						message: `Unsupported get request. Object with ID '${id}' does not exist`,
						type: 'GraphMethodException',
						code: 100,
						error_subcode: 33,
						fbtrace_id: 'AtraceNotFound',
					},
				},
			};
		}
		return { json: template };
	});
}

export const sends = (graph: FakeGraph) => graph.find('POST', MESSAGES_PATH);

/** Every request carried the Bearer header, and no token reached a URL. */
export function expectAuthorized(requests: RecordedRequest[]) {
	expect(requests.length).toBeGreaterThan(0);
	for (const req of requests) {
		expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(req.url).not.toContain(TOKEN);
		expect(req.url).not.toContain('access_token');
	}
}
