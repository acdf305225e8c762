/**
 * graphRequest: the request it builds from the credential (URL, version, query, no token anywhere
 * but the Authorization header), on a fake context; then the real n8n-core request path
 * (LoadOptionsContext from the harness: real httpRequestWithAuthentication, real axios, our
 * credential's `authenticate`) against a local HTTP server, to prove the parsing and redaction
 * tested on the fake context hold for what n8n actually throws.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeType } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../credentials/WhatsAppCloudApi.credentials';
import { getAccountInfo } from '../../../nodes/WhatsAppCloud/transport/credentials';
import { WhatsAppApiError } from '../../../nodes/WhatsAppCloud/transport/errors/whatsAppApiError';
import { graphRequestAllPages } from '../../../nodes/WhatsAppCloud/transport/paging';
import { graphRequest } from '../../../nodes/WhatsAppCloud/transport/request';
import { startFakeGraph, type FakeGraph } from '../../support/fakeGraph';
import {
	APP_SECRET,
	catchError,
	expectNoSecrets,
	fakeContext,
	PHONE_ID,
	TOKEN,
	VERIFY_TOKEN,
	WABA_ID,
} from '../../support/fakeHttpContext';
import { createLoadOptionsContext } from '../../support/n8n/loadOptions';

const probeNode: INodeType = {
	description: {
		displayName: 'Graph Probe',
		name: 'graphProbe',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Graph Probe' },
		inputs: ['main'] as INodeType['description']['inputs'],
		outputs: ['main'] as INodeType['description']['outputs'],
		credentials: [{ name: 'whatsAppCloudApi', required: true }],
		properties: [],
	},
};

describe('graphRequest: request building', () => {
	it('builds {baseUrl}/{apiVersion}{path}, sends through the credential, keeps the token out of the URL', async () => {
		const { ctx, calls } = fakeContext(() => ({ messages: [{ id: 'wamid.1' }] }));
		const body = {
			messaging_product: 'whatsapp',
			to: '+15551234567',
			type: 'text',
			text: { body: 'hi' },
		};
		const result = await graphRequest.call(ctx, 'POST', `/${PHONE_ID}/messages`, { body });
		expect(result).toEqual({ messages: [{ id: 'wamid.1' }] });
		expect(calls).toHaveLength(1);
		expect(calls[0].type).toBe('whatsAppCloudApi');
		expect(calls[0].thisArg).toBe(ctx); // n8n-core's helper needs the context as `this`
		expect(calls[0].options).toEqual({
			method: 'POST',
			url: `https://graph.facebook.com/v24.0/${PHONE_ID}/messages`,
			json: true,
			body,
		});
		expect(JSON.stringify(calls[0].options)).not.toContain(TOKEN);
	});

	it('passes qs, drops access_token / appsecret_proof from it and never sets Authorization itself', async () => {
		const { ctx, calls } = fakeContext(() => ({ data: [] }));
		await graphRequest.call(ctx, 'GET', `/${WABA_ID}/message_templates`, {
			qs: {
				limit: 50,
				fields: 'name,status',
				access_token: TOKEN,
				appsecret_proof: 'x',
				skip: undefined,
			},
			headers: { Authorization: 'Bearer other', 'X-Trace': '1' },
		});
		expect(calls[0].options.qs).toEqual({ limit: 50, fields: 'name,status' });
		expect(calls[0].options.headers).toEqual({ 'X-Trace': '1' });
		expect(calls[0].options.url).toBe(
			`https://graph.facebook.com/v24.0/${WABA_ID}/message_templates`,
		);
	});

	it('normalizes base URL and version from the credential', async () => {
		const { ctx, calls } = fakeContext(() => ({}), {
			baseUrl: ' http://127.0.0.1:8080/v23.0/ ',
			apiVersion: '24.0',
		});
		await graphRequest.call(ctx, 'GET', `/${PHONE_ID}`);
		expect(calls[0].options.url).toBe(`http://127.0.0.1:8080/v24.0/${PHONE_ID}`);
	});

	it('uses the defaults when base URL and version are empty', async () => {
		const { ctx, calls } = fakeContext(() => ({}), { baseUrl: '', apiVersion: '' });
		await graphRequest.call(ctx, 'GET', `/${PHONE_ID}`);
		expect(calls[0].options.url).toBe(`https://graph.facebook.com/v24.0/${PHONE_ID}`);
	});

	it('rejects a base URL that is not a URL, naming the field, before any request', async () => {
		const { ctx, calls } = fakeContext(() => ({}), { baseUrl: 'graph.facebook.com' });
		const error = await catchError(graphRequest.call(ctx, 'GET', `/${PHONE_ID}`));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/API Base URL "graph\.facebook\.com" is not a URL/);
		expect(calls).toHaveLength(0);
	});

	it('rejects a bad Graph API version', async () => {
		const { ctx } = fakeContext(() => ({}), { apiVersion: 'latest' });
		const error = await catchError(graphRequest.call(ctx, 'GET', `/${PHONE_ID}`));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.description).toMatch(/v24\.0/);
	});

	it('explains an empty ID in the path (empty credential field) instead of calling Meta', async () => {
		const { ctx, calls } = fakeContext(() => ({}), { phoneNumberId: '' });
		const info = await getAccountInfo.call(ctx);
		const error = await catchError(
			graphRequest.call(ctx, 'POST', `/${info.phoneNumberId}/messages`, { itemIndex: 3 }),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.description).toMatch(/Phone Number ID or WhatsApp Business Account ID field/);
		expect(error.context.itemIndex).toBe(3);
		expect(calls).toHaveLength(0);
		await expect(graphRequest.call(ctx, 'GET', '/undefined/phone_numbers')).rejects.toThrow(
			/empty ID/,
		);
		await expect(graphRequest.call(ctx, 'GET', 'no-slash')).rejects.toThrow(/must start with "\/"/);
	});
});

describe('graphRequest through real n8n-core (httpRequestWithAuthentication + axios)', () => {
	let graph: FakeGraph;
	beforeAll(async () => {
		graph = await startFakeGraph();
	});
	afterAll(async () => {
		await graph.close();
	});
	beforeEach(() => graph.reset());

	function realContext(credentials: IDataObject = {}) {
		const { context } = createLoadOptionsContext({
			nodeType: probeNode,
			credentialTypes: [new WhatsAppCloudApi()],
			credentials: {
				whatsAppCloudApi: {
					accessToken: TOKEN,
					phoneNumberId: PHONE_ID,
					businessAccountId: WABA_ID,
					appSecret: APP_SECRET,
					verifyToken: VERIFY_TOKEN,
					apiVersion: 'v24.0',
					baseUrl: `${graph.url}/`,
					...credentials,
				},
			},
		});
		return context;
	}

	it('sends Bearer in the header only, JSON body, query string, to {baseUrl}/{version}{path}', async () => {
		graph.on('POST', `/v24.0/${PHONE_ID}/messages`, {
			json: { messaging_product: 'whatsapp', messages: [{ id: 'wamid.X' }] },
		});
		const result = await graphRequest.call(realContext(), 'POST', `/${PHONE_ID}/messages`, {
			body: {
				messaging_product: 'whatsapp',
				to: '+15551234567',
				type: 'text',
				text: { body: 'hello' },
			},
			qs: { debug: 'all' },
		});
		expect(result).toEqual({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.X' }] });
		const [req] = graph.requests;
		expect(req.method).toBe('POST');
		expect(req.path).toBe(`/v24.0/${PHONE_ID}/messages`);
		expect(req.query).toEqual({ debug: 'all' });
		expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(req.headers['content-type']).toMatch(/application\/json/);
		expect(req.json).toEqual({
			messaging_product: 'whatsapp',
			to: '+15551234567',
			type: 'text',
			text: { body: 'hello' },
		});
		expect(req.url).not.toContain(TOKEN);
	});

	it('accepts a token pasted with "Bearer " and spaces (authenticate strips them)', async () => {
		graph.on('GET', `/v24.0/${PHONE_ID}`, { json: { id: PHONE_ID } });
		await graphRequest.call(
			realContext({ accessToken: `  Bearer ${TOKEN}  ` }),
			'GET',
			`/${PHONE_ID}`,
		);
		expect(graph.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
	});

	it('a real 401 with the token echoed back: parsed, retryable=false, no secret anywhere', async () => {
		graph.on('GET', `/v24.0/${PHONE_ID}`, {
			status: 401,
			headers: { 'www-authenticate': 'OAuth "Facebook Platform" "invalid_token"' },
			json: {
				error: {
					message: `Invalid OAuth access token - Cannot parse access token ${TOKEN}`,
					type: 'OAuthException',
					code: 190,
					fbtrace_id: 'AReal401',
				},
			},
		});
		const error = await catchError(
			graphRequest.call(realContext(), 'GET', `/${PHONE_ID}`, { qs: { fields: 'id' } }),
		);
		expect(error).toBeInstanceOf(WhatsAppApiError);
		expect(error.graph).toMatchObject({
			code: 190,
			httpStatus: 401,
			fbtraceId: 'AReal401',
			retryable: false,
			transport: 'response',
		});
		expect(error.graph.message).toBe(
			'Invalid OAuth access token - Cannot parse access token [redacted]',
		);
		expectNoSecrets(error);
	});

	it('a real 429 with Retry-After and a 400 with details', async () => {
		graph.once('POST', `/v24.0/${PHONE_ID}/messages`, {
			status: 429,
			headers: { 'Retry-After': '3' },
			json: {
				error: {
					message: '(#130429) Rate limit hit',
					code: 130429,
					type: 'OAuthException',
					fbtrace_id: 'R1',
				},
			},
		});
		graph.once('POST', `/v24.0/${PHONE_ID}/messages`, {
			status: 400,
			json: {
				error: {
					message: '(#131047) Re-engagement message',
					code: 131047,
					error_data: {
						messaging_product: 'whatsapp',
						details:
							'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
					},
					fbtrace_id: 'R2',
				},
			},
		});
		const ctx = realContext();
		const first = await catchError(
			graphRequest.call(ctx, 'POST', `/${PHONE_ID}/messages`, { body: { to: '1' } }),
		);
		expect(first.graph).toMatchObject({
			code: 130429,
			httpStatus: 429,
			retryable: true,
			retryAfterMs: 3000,
		});
		const second = await catchError(
			graphRequest.call(ctx, 'POST', `/${PHONE_ID}/messages`, { body: { to: '1' } }),
		);
		expect(second.graph).toMatchObject({
			code: 131047,
			httpStatus: 400,
			retryable: false,
			fbtraceId: 'R2',
		});
		expect(second.graph.details).toMatch(/more than 24 hours/);
		expect(second.graph.fix).toMatch(/Send an approved template/);
	});

	it('a real connection refusal names the base URL', async () => {
		const closed = await startFakeGraph();
		const url = closed.url;
		await closed.close();
		const error = await catchError(
			graphRequest.call(realContext({ baseUrl: url }), 'GET', `/${PHONE_ID}`),
		);
		expect(error.graph).toMatchObject({
			transport: 'network',
			networkCode: 'ECONNREFUSED',
			retryable: false,
		});
		expect(error.graph.fix).toContain(url);
		expectNoSecrets(error);
	});

	it('a real dropped connection is retryable and ambiguous', async () => {
		graph.on('POST', `/v24.0/${PHONE_ID}/messages`, { destroy: true });
		const error = await catchError(
			graphRequest.call(realContext(), 'POST', `/${PHONE_ID}/messages`, { body: { to: '1' } }),
		);
		expect(error.graph.transport).toBe('network');
		expect(error.graph.networkCode).toBe('ECONNRESET');
		expect(error.graph).toMatchObject({ retryable: true, ambiguous: true });
	});

	it('a real timeout is retryable and ambiguous', async () => {
		graph.on('GET', `/v24.0/${PHONE_ID}`, { delayMs: 400, json: {} });
		const error = await catchError(
			graphRequest.call(realContext(), 'GET', `/${PHONE_ID}`, { timeout: 50 }),
		);
		expect(error.graph.transport).toBe('network');
		expect(['ECONNABORTED', 'ETIMEDOUT']).toContain(error.graph.networkCode);
		expect(error.graph).toMatchObject({ retryable: true, ambiguous: true });
	});

	it('pages through a real server; the token never appears in a request URL', async () => {
		graph.on('GET', `/v24.0/${WABA_ID}/message_templates`, (req) => {
			const after = req.query.after as string | undefined;
			if (!after) {
				return {
					json: {
						data: [{ name: 'a' }],
						paging: {
							next: `https://graph.facebook.com/v24.0/${WABA_ID}/message_templates?access_token=${TOKEN}&limit=1&after=p2`,
						},
					},
				};
			}
			return { json: { data: [{ name: 'b' }], paging: { cursors: { after: 'end' } } } };
		});
		const rows = await graphRequestAllPages.call(realContext(), `/${WABA_ID}/message_templates`, {
			limit: 1,
		});
		expect(rows).toEqual([{ name: 'a' }, { name: 'b' }]);
		expect(graph.requests).toHaveLength(2);
		for (const req of graph.requests) {
			expect(req.url).not.toContain(TOKEN);
			expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
		}
		expect(graph.requests[1].query).toEqual({ limit: '1', after: 'p2' });
	});
});
