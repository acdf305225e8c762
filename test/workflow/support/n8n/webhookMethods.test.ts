/**
 * runWebhookMethod with a test-only trigger: checkExists / create / delete with static data kept
 * between the calls.
 */
import type { IDataObject } from 'n8n-workflow';

import { startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';
import {
	APP_SECRET,
	HarnessTriggerApi,
	HarnessTriggerNode,
	TOKEN,
} from '../../../support/harnessNodes';
import { runWebhookMethod } from '../../../support/n8n/webhookMethods';

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
