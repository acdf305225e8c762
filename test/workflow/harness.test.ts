/**
 * Proves the workflow harness (test/support) against n8n-core's real engine with a test-only
 * node type, so the node engineers can trust what it reports about theirs.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

import {
	NodeApiError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type ILoadOptionsFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeType,
	type INodeTypeDescription,
	type ResourceMapperFields,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type JsonObject,
} from 'n8n-workflow';

import { startFakeGraph, graphError, type FakeGraph } from '../support/fakeGraph';
import { runCredentialTest } from '../support/n8n/credentialTest';
import { runListSearch, runLoadOptions, runResourceMapping } from '../support/n8n/loadOptions';
import { runNode } from '../support/n8n/runNode';
import { runWebhook } from '../support/n8n/runWebhook';
import { runWebhookMethod } from '../support/n8n/webhookMethods';

const TOKEN = 'harness-secret-token';

class HarnessTestApi implements ICredentialType {
	name = 'harnessTestApi';
	displayName = 'Harness Test API';
	properties: ICredentialType['properties'] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'https://graph.invalid' },
		{ displayName: 'API Version', name: 'apiVersion', type: 'string', default: 'v24.0' },
	];
	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};
	test: ICredentialType['test'] = {
		request: { baseURL: '={{$credentials.baseUrl}}/{{$credentials.apiVersion}}', url: '/me' },
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Token rejected: paste a valid token' },
			},
		],
	};
}

const description: INodeTypeDescription = {
	displayName: 'Harness Test',
	name: 'harnessTest',
	group: ['transform'],
	version: 1,
	description: 'Test-only node for the workflow harness',
	defaults: { name: 'Harness Test' },
	inputs: ['main'],
	outputs: ['main'],
	credentials: [{ name: 'harnessTestApi', required: true }],
	properties: [
		{ displayName: 'Recipient', name: 'recipient', type: 'string', default: '' },
		{ displayName: 'Text', name: 'text', type: 'string', default: 'hello' },
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			options: [
				{ name: 'Per Item', value: 'perItem' },
				{ name: 'Throw Raw', value: 'throwRaw' },
			],
			default: 'perItem',
		},
	],
};

/** Sends one POST per item; per-item errors become error items under continueOnFail. */
class HarnessTestNode implements INodeType {
	description = description;

	methods = {
		listSearch: {
			async searchThings(
				this: ILoadOptionsFunctions,
				filter?: string,
			): Promise<INodeListSearchResult> {
				const credentials = await this.getCredentials('harnessTestApi');
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'harnessTestApi',
					{
						method: 'GET',
						url: `${credentials.baseUrl as string}/${credentials.apiVersion as string}/things`,
						qs: filter ? { name: filter } : {},
						json: true,
					},
				)) as { data: Array<{ id: string; name: string }> };
				const text = this.getCurrentNodeParameter('text') as string;
				return {
					results: response.data.map((t) => ({ name: `${t.name} (${text})`, value: t.id })),
				};
			},
		},
		resourceMapping: {
			async getFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
				const text = this.getCurrentNodeParameter('text') as string;
				return {
					fields: text.split(',').map((id) => ({
						id,
						displayName: id,
						required: true,
						defaultMatch: false,
						display: true,
						type: 'string' as const,
					})),
				};
			},
		},
		loadOptions: {
			async getModes(this: ILoadOptionsFunctions) {
				return [
					{ name: `mode of ${this.getNodeParameter('recipient', '') as string}`, value: 'x' },
				];
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = await this.getCredentials('harnessTestApi');
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const recipient = this.getNodeParameter('recipient', i) as string;
			const text = this.getNodeParameter('text', i) as string;
			const mode = this.getNodeParameter('mode', i) as string;
			try {
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'harnessTestApi',
					{
						method: 'POST',
						url: `${credentials.baseUrl as string}/${credentials.apiVersion as string}/messages`,
						body: { to: recipient, text },
						json: true,
					},
				)) as IDataObject;
				out.push({ json: { sent: true, recipient, response }, pairedItem: { item: i } });
			} catch (error) {
				if (mode === 'throwRaw') throw error;
				if (this.continueOnFail()) {
					out.push({
						json: { sent: false, recipient, error: (error as Error).message },
						pairedItem: { item: i },
					});
					continue;
				}
				if (error instanceof NodeApiError) throw error;
				throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
			}
		}
		return [out];
	}
}

let graph: FakeGraph;
const credentialTypes = [new HarnessTestApi()];
const credentials = () => ({ harnessTestApi: { accessToken: TOKEN, baseUrl: graph.url } });

beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => graph.reset());
afterAll(async () => {
	await graph.close();
});

describe('runNode', () => {
	it('sends Bearer auth in a header (never in the URL) and resolves expressions per item', async () => {
		graph.on('POST', '/v24.0/messages', (req) => ({
			json: { id: `msg-${(req.json as IDataObject).to as string}` },
		}));

		const result = await runNode({
			nodeType: HarnessTestNode,
			credentialTypes,
			credentials: credentials(),
			parameters: { recipient: '={{ $json.phone }}', text: '=Hi {{ $json.name }}' },
			inputItems: [
				{ phone: '111', name: 'Ana' },
				{ phone: '222', name: 'Bo' },
			],
		});

		expect(result.error).toBeUndefined();
		expect(result.executionStatus).toBe('success');
		expect(graph.requests.map((r) => r.json)).toEqual([
			{ to: '111', text: 'Hi Ana' },
			{ to: '222', text: 'Hi Bo' },
		]);
		for (const req of graph.requests) {
			expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
			expect(req.url).not.toContain(TOKEN);
			expect(req.headers['content-type']).toMatch(/application\/json/);
		}
		expect(result.items.map((i) => i.json)).toEqual([
			{ sent: true, recipient: '111', response: { id: 'msg-111' } },
			{ sent: true, recipient: '222', response: { id: 'msg-222' } },
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('applies credential defaults (apiVersion) like n8n does', async () => {
		graph.on('POST', '/v24.0/messages', { json: { ok: true } });
		const { items } = await runNode({
			nodeType: new HarnessTestNode(),
			credentialTypes,
			credentials: { harnessTestApi: { accessToken: TOKEN, baseUrl: graph.url } },
			parameters: { recipient: 'x' },
		});
		expect(items).toHaveLength(1);
		expect(graph.requests[0].path).toBe('/v24.0/messages');
	});

	it('with continueOnFail, failed items become error items and the others still go out', async () => {
		graph.on('POST', '/v24.0/messages', (req) =>
			(req.json as IDataObject).to === 'bad'
				? graphError(131030, 'Recipient phone number not in allowed list', {
						details: 'Add it to the list',
					})
				: { json: { id: 'ok' } },
		);

		const { items, error, executionStatus } = await runNode({
			nodeType: HarnessTestNode,
			credentialTypes,
			credentials: credentials(),
			parameters: { recipient: '={{ $json.to }}' },
			inputItems: [{ to: 'a' }, { to: 'bad' }, { to: 'c' }],
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(executionStatus).toBe('success');
		expect(items).toHaveLength(3);
		expect(items.map((i) => i.json.sent)).toEqual([true, false, true]);
		expect(items[1].json.error).toEqual(expect.any(String));
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(graph.requests).toHaveLength(3);
	});

	it('without continueOnFail, a NodeApiError fails the run with that error', async () => {
		graph.on(
			'POST',
			'/v24.0/messages',
			graphError(131030, 'Recipient phone number not in allowed list'),
		);

		const { error, nodeError, thrownError, executionStatus, items } = await runNode({
			nodeType: HarnessTestNode,
			credentialTypes,
			credentials: credentials(),
			parameters: { recipient: 'x' },
			inputItems: [{}, {}],
		});

		expect(executionStatus).toBe('error');
		expect(items).toEqual([]);
		// n8n records a plain-object copy; the harness keeps the thrown instance.
		expect(thrownError).toBeInstanceOf(NodeApiError);
		expect(error).not.toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message: thrownError!.message,
			httpCode: '400',
			description: 'Recipient phone number not in allowed list',
		});
		expect(nodeError).toMatchObject({ name: 'NodeApiError', message: thrownError!.message });
		const apiError = thrownError as NodeApiError;
		// httpRequestWithAuthentication already wrapped the HTTP failure: generic message,
		// Graph's message in the description, Graph's body in context.data.
		expect(apiError.message).toBe('Bad request - please check your parameters');
		expect(apiError.context.data).toEqual({ error: expect.objectContaining({ code: 131030 }) });
		expect(JSON.stringify(error)).not.toContain(TOKEN);
		// Pitfall: the thrown error's cause is n8n's AxiosError, whose config carries the
		// Authorization header: never copy `cause` into output items, messages or logs.
		const cause = (
			thrownError as Error & { cause?: { config?: { headers?: Record<string, string> } } }
		).cause;
		expect(cause?.config?.headers?.Authorization).toBe(`Bearer ${TOKEN}`);
		expect(graph.requests).toHaveLength(1);
	});

	it('a node that THROWS under continueOnFail: n8n passes the input items through and the run still ends in error', async () => {
		graph.on('POST', '/v24.0/messages', graphError(100, 'Invalid parameter'));

		const { items, error, nodeError, executionStatus } = await runNode({
			nodeType: HarnessTestNode,
			credentialTypes,
			credentials: credentials(),
			parameters: { recipient: 'x', mode: 'throwRaw' },
			inputItems: [{ n: 1 }, { n: 2 }],
			continueOnFail: true,
		});

		// Not one error item per input: the node must build per-item error items itself.
		expect(items.map((i) => i.json)).toEqual([{ n: 1 }, { n: 2 }]);
		expect(nodeError).toMatchObject({ name: 'NodeApiError', description: 'Invalid parameter' });
		// Quirk of n8n-core 2.41: when the failing node is the last one, the run's status is 'error'.
		expect(executionStatus).toBe('error');
		expect(error).toMatchObject({ name: 'NodeApiError' });
	});

	it('a missing credential fails the run with a clear error', async () => {
		const { error, executionStatus } = await runNode({
			nodeType: HarnessTestNode,
			credentialTypes,
			parameters: { recipient: 'x' },
		});
		expect(executionStatus).toBe('error');
		expect(error?.message).toMatch(/credential/i);
	});
});

describe('load options and list search', () => {
	it('runs a listSearch method with real credentials, HTTP and current parameters', async () => {
		graph.on('GET', '/v24.0/things', (req) => ({
			json: { data: [{ id: 't1', name: `thing ${String(req.query.name)}` }] },
		}));
		const result = await runListSearch({
			nodeType: HarnessTestNode,
			credentialTypes,
			credentials: credentials(),
			parameters: { text: 'current' },
			method: 'searchThings',
			filter: 'abc',
		});
		expect(result.results).toEqual([{ name: 'thing abc (current)', value: 't1' }]);
		expect(graph.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
	});

	it('runs a loadOptions method with getNodeParameter', async () => {
		const options = await runLoadOptions({
			nodeType: HarnessTestNode,
			credentialTypes,
			credentials: credentials(),
			parameters: { recipient: 'r1' },
			method: 'getModes',
		});
		expect(options).toEqual([{ name: 'mode of r1', value: 'x' }]);
	});

	it('runs a resourceMapping method with getCurrentNodeParameter', async () => {
		const { fields } = await runResourceMapping({
			nodeType: HarnessTestNode,
			credentialTypes,
			credentials: credentials(),
			parameters: { text: 'first_name,order_id' },
			method: 'getFields',
		});
		expect(fields.map((f) => f.id)).toEqual(['first_name', 'order_id']);
	});
});

// ---------------------------------------------------------------------------------------------
// Webhooks: a test-only trigger with Meta-style handshake, signature check and registration.
// ---------------------------------------------------------------------------------------------

class HarnessTriggerApi implements ICredentialType {
	name = 'harnessTriggerApi';
	displayName = 'Harness Trigger API';
	properties: ICredentialType['properties'] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Verify Token',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'https://graph.invalid' },
	];
	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};
}

class HarnessTriggerNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Trigger',
		name: 'harnessTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Test-only webhook trigger',
		defaults: { name: 'Harness Trigger' },
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'harnessTriggerApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [{ displayName: 'Label', name: 'label', type: 'string', default: 'none' }],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				if (!data.subscriptionId) return false;
				const { baseUrl } = await this.getCredentials('harnessTriggerApi');
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'harnessTriggerApi',
					{
						method: 'GET',
						url: `${baseUrl as string}/subscriptions`,
						json: true,
					},
				)) as { data: Array<{ id: string }> };
				return response.data.some((s) => s.id === data.subscriptionId);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const { baseUrl } = await this.getCredentials('harnessTriggerApi');
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'harnessTriggerApi',
					{
						method: 'POST',
						url: `${baseUrl as string}/subscriptions`,
						body: {
							callback_url: this.getNodeWebhookUrl('default'),
							mode: this.getActivationMode(),
						},
						json: true,
					},
				)) as { id: string };
				this.getWorkflowStaticData('node').subscriptionId = response.id;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				const { baseUrl } = await this.getCredentials('harnessTriggerApi');
				await this.helpers.httpRequestWithAuthentication.call(this, 'harnessTriggerApi', {
					method: 'DELETE',
					url: `${baseUrl as string}/subscriptions/${data.subscriptionId as string}`,
					json: true,
				});
				delete data.subscriptionId;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credentials = await this.getCredentials('harnessTriggerApi');
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		if (req.method === 'GET') {
			const query = this.getQueryData() as IDataObject;
			if (
				query['hub.mode'] === 'subscribe' &&
				query['hub.verify_token'] === credentials.verifyToken
			) {
				res.status(200).type('text/plain').send(String(query['hub.challenge']));
			} else {
				res.status(403).end();
			}
			return { noWebhookResponse: true };
		}
		const rawBody = (req as unknown as { rawBody: Buffer }).rawBody;
		const expected = `sha256=${createHmac('sha256', credentials.appSecret as string)
			.update(rawBody)
			.digest('hex')}`;
		const given = this.getHeaderData()['x-hub-signature-256'];
		if (
			typeof given !== 'string' ||
			given.length !== expected.length ||
			!timingSafeEqual(Buffer.from(given), Buffer.from(expected))
		) {
			res.status(403).send('Forbidden');
			return { noWebhookResponse: true };
		}
		const body = this.getBodyData() as { entry?: IDataObject[] };
		const seen = this.getWorkflowStaticData('node');
		seen.deliveries = ((seen.deliveries as number | undefined) ?? 0) + 1;
		return {
			workflowData: [
				this.helpers.returnJsonArray(
					(body.entry ?? []).map((e) => ({
						...e,
						label: this.getNodeParameter('label') as string,
						bytes: rawBody.length,
					})),
				),
			],
		};
	}
}

const APP_SECRET = 'harness-app-secret';
const triggerCredentials = () => ({
	harnessTriggerApi: {
		accessToken: TOKEN,
		appSecret: APP_SECRET,
		verifyToken: 'verify-me',
		baseUrl: graph.url,
	},
});
const triggerSetup = () => ({
	nodeType: HarnessTriggerNode,
	credentialTypes: [new HarnessTriggerApi()],
	credentials: triggerCredentials(),
	parameters: { label: 'L1' },
});
const sign = (raw: Buffer) =>
	`sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}`;

describe('runWebhook', () => {
	it('answers the GET handshake with the challenge as text/plain', async () => {
		const { response, noWebhookResponse, workflowData } = await runWebhook({
			...triggerSetup(),
			request: {
				method: 'GET',
				query: {
					'hub.mode': 'subscribe',
					'hub.verify_token': 'verify-me',
					'hub.challenge': '12345',
				},
			},
		});
		expect(response).toMatchObject({ status: 200, text: '12345', sent: true, sentBy: 'node' });
		expect(response.headers['content-type']).toBe('text/plain');
		expect(noWebhookResponse).toBe(true);
		expect(workflowData).toBeUndefined();
	});

	it('answers 403 to a wrong verify token', async () => {
		const { response } = await runWebhook({
			...triggerSetup(),
			request: {
				method: 'GET',
				query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '1' },
			},
		});
		expect(response).toMatchObject({ status: 403, sent: true });
		expect(response.body).toBeUndefined();
	});

	it('gives the node the exact raw bytes (signature over raw UTF-8, not re-serialized JSON)', async () => {
		// Raw UTF-8 "é" and the escaped form parse to the same object but sign differently.
		const raw = Buffer.from('{"entry":[{"id":"1","text":"café"}]}', 'utf8');
		const escaped = Buffer.from('{"entry":[{"id":"1","text":"caf\\u00e9"}]}', 'utf8');
		const staticData: IDataObject = {};

		const ok = await runWebhook({
			...triggerSetup(),
			staticData,
			request: {
				headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': sign(raw) },
				rawBody: raw,
			},
		});
		expect(ok.error).toBeUndefined();
		expect(ok.workflowData?.[0].map((i) => i.json)).toEqual([
			{ id: '1', text: 'café', label: 'L1', bytes: raw.length },
		]);
		// n8n answers onReceived webhooks itself.
		expect(ok.response).toMatchObject({
			status: 200,
			sentBy: 'n8n',
			body: { message: 'Workflow was started' },
		});

		const forged = await runWebhook({
			...triggerSetup(),
			staticData,
			request: {
				headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) },
				rawBody: escaped,
			},
		});
		expect(forged.response).toMatchObject({ status: 403, text: 'Forbidden', sentBy: 'node' });
		expect(forged.workflowData).toBeUndefined();

		const missing = await runWebhook({
			...triggerSetup(),
			staticData,
			request: { body: { entry: [] } },
		});
		expect(missing.response.status).toBe(403);

		// Static data persisted across the three calls (only the valid one counted).
		expect(staticData['node:Harness Trigger']).toEqual({ deliveries: 1 });
	});

	it('a webhook() that throws is answered 500 by n8n', async () => {
		const { response, error } = await runWebhook({
			...triggerSetup(),
			credentials: {}, // getCredentials fails
			request: { method: 'GET', query: {} },
		});
		expect(error).toBeDefined();
		expect(response).toMatchObject({ status: 500, sentBy: 'n8n' });
	});

	it('invalid JSON with application/json is rejected by n8n (422) before webhook() runs', async () => {
		const raw = Buffer.from('{not json', 'utf8');
		const { response, result } = await runWebhook({
			...triggerSetup(),
			request: {
				headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) },
				rawBody: raw,
			},
		});
		expect(result).toBeUndefined();
		expect(response).toMatchObject({ status: 422, sentBy: 'n8n' });
	});
});

describe('runWebhookMethod', () => {
	it('runs checkExists / create / delete with static data kept between calls', async () => {
		const subscriptions: Array<{ id: string }> = [];
		graph.on('GET', '/subscriptions', () => ({ json: { data: subscriptions } }));
		graph.on('POST', '/subscriptions', () => {
			subscriptions.push({ id: 'sub-1' });
			return { json: { id: 'sub-1' } };
		});
		graph.on('DELETE', '/subscriptions/sub-1', () => {
			subscriptions.length = 0;
			return { json: { success: true } };
		});
		const staticData: IDataObject = {};

		expect((await runWebhookMethod('checkExists', { ...triggerSetup(), staticData })).result).toBe(
			false,
		);
		const created = await runWebhookMethod('create', { ...triggerSetup(), staticData });
		expect(created.result).toBe(true);
		expect(created.webhookUrl).toBe('http://localhost:5678/webhook/harness-webhook-id/webhook');
		expect(graph.find('POST', '/subscriptions')[0].json).toEqual({
			callback_url: created.webhookUrl,
			mode: 'activate',
		});
		expect(graph.find('POST', '/subscriptions')[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(staticData['node:Harness Trigger']).toEqual({ subscriptionId: 'sub-1' });

		expect((await runWebhookMethod('checkExists', { ...triggerSetup(), staticData })).result).toBe(
			true,
		);
		expect((await runWebhookMethod('delete', { ...triggerSetup(), staticData })).result).toBe(true);
		expect(staticData['node:Harness Trigger']).toEqual({});
		expect(graph.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /subscriptions',
			'GET /subscriptions',
			'DELETE /subscriptions/sub-1',
		]);
	});
});

describe('runCredentialTest', () => {
	it("runs the credential's declarative test request with auth and defaults", async () => {
		graph.on('GET', '/v24.0/me', (req) =>
			req.headers.authorization === `Bearer ${TOKEN}`
				? { json: { id: '1' } }
				: graphError(190, 'Invalid OAuth access token', { status: 401 }),
		);
		const ok = await runCredentialTest({
			credentialType: new HarnessTestApi(),
			credentials: { accessToken: TOKEN, baseUrl: graph.url },
		});
		expect(ok).toEqual({ status: 'OK', message: 'Connection successful!' });

		const bad = await runCredentialTest({
			credentialType: new HarnessTestApi(),
			credentials: { accessToken: 'wrong', baseUrl: graph.url },
		});
		expect(bad).toEqual({ status: 'Error', message: 'Token rejected: paste a valid token' });

		graph.reset();
		graph.on('GET', '/v24.0/me', graphError(100, 'Unsupported get request', { status: 400 }));
		const unknownStatus = await runCredentialTest({
			credentialType: new HarnessTestApi(),
			credentials: { accessToken: 'wrong', baseUrl: graph.url },
		});
		// No rule for 400: n8n reports the HTTP status text.
		expect(unknownStatus).toEqual({ status: 'Error', message: 'Bad Request' });
	});

	it("runs a node's methods.credentialTest function", async () => {
		class WithTest extends HarnessTestNode {
			description = {
				...description,
				credentials: [{ name: 'harnessTestApi', required: true, testedBy: 'probe' }],
			};
			methods = {
				...new HarnessTestNode().methods,
				credentialTest: {
					async probe(
						this: ICredentialTestFunctions,
						credential: ICredentialsDecrypted,
					): Promise<INodeCredentialTestResult> {
						const data = credential.data as IDataObject;
						return data.apiVersion === 'v24.0' && data.accessToken === TOKEN
							? { status: 'OK', message: 'fine' }
							: { status: 'Error', message: 'bad' };
					},
				},
			};
		}
		const result = await runCredentialTest({
			credentialType: { ...new HarnessTestApi(), test: undefined } as unknown as ICredentialType,
			credentials: { accessToken: TOKEN, baseUrl: graph.url },
			nodeType: WithTest,
		});
		expect(result).toEqual({ status: 'OK', message: 'fine' });
	});
});
