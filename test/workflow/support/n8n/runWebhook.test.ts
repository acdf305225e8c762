/**
 * runWebhook with a test-only trigger: the GET handshake, the exact raw bytes for the signature, and
 * what n8n itself answers when webhook() throws or the JSON cannot be parsed.
 */
import { createHmac } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';
import {
	APP_SECRET,
	HarnessTriggerApi,
	HarnessTriggerNode,
	TOKEN,
} from '../../../support/harnessNodes';
import { runWebhook } from '../../../support/n8n/runWebhook';

let graph: FakeGraph;

beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => graph.reset());
afterAll(async () => {
	await graph.close();
});

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
