/**
 * Template > Get in-process against a fake Graph: by name:language or by ID, with its variables,
 * each output paired with its input item, and an unknown template explained.
 */
import { run, serveTemplates, WABA_ID } from '../../../support/actionNode';
import { startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';
import * as t from '../../../support/templates.fixtures';

let graph: FakeGraph;
beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => {
	graph.reset();
	serveTemplates(graph, t.allTemplates, 4);
});
afterAll(async () => graph.close());

describe('Template > Get', () => {
	it('by name:language, with its variables listed', async () => {
		const { items, error } = await run(graph, {
			resource: 'template',
			operation: 'get',
			template: { __rl: true, mode: 'name', value: 'track_order_url:en_US' },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: t.urlTracking.id,
			name: 'track_order_url',
			language: 'en_US',
			status: 'APPROVED',
			sendable: true,
			variables: [
				expect.objectContaining({ key: 'body_1', example: 'A-1009', required: true }),
				expect.objectContaining({ key: 'button_1_url', example: 'ZX81-2', buttonIndex: 1 }),
			],
		});
	});

	it('by ID, for several input items, each paired with its item', async () => {
		const { items } = await run(
			graph,
			{
				resource: 'template',
				operation: 'get',
				template: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			{ inputItems: [{ id: t.otpLogin.id }, { id: t.pendingTemplate.id }] },
		);
		expect(items.map((i) => [i.json.name, i.json.sendable, i.pairedItem])).toEqual([
			['login_code_otp', true, { item: 0 }],
			['autumn_launch', false, { item: 1 }],
		]);
	});

	it('an unknown template is an error that says what to check', async () => {
		const { error } = await run(graph, {
			resource: 'template',
			operation: 'get',
			template: { __rl: true, mode: 'id', value: '123' },
		});
		expect(error?.message).toBe(
			'Template with ID 123 was not found in this WhatsApp Business Account',
		);
		expect(error?.description).toContain('Templates are per WhatsApp Business Account');
	});

	it('only asks Meta about the configured account', async () => {
		await run(graph, {
			resource: 'template',
			operation: 'get',
			template: { __rl: true, mode: 'list', value: 'plain_notice:en_US' },
		});
		expect(graph.requests.every((r) => r.path === `/v24.0/${WABA_ID}/message_templates`)).toBe(
			true,
		);
	});
});
