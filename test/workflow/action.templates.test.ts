/** Template > List and Template > Get run in-process against a paginated fake Graph. */
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph';
import * as t from '../support/templates.fixtures';
import {
	credentials,
	run,
	serveTemplates,
	TEMPLATES_PATH,
	TOKEN,
	WABA_ID,
} from '../support/actionNode';
import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { runNode } from '../support/n8n/runNode';

let graph: FakeGraph;
beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => {
	graph.reset();
	serveTemplates(graph, t.allTemplates, 4);
});
afterAll(async () => graph.close());

describe('Template > List', () => {
	it('follows every page and outputs one item per template, paired with the input item', async () => {
		const { items, error } = await run(graph, { resource: 'template', operation: 'list' });
		expect(error).toBeUndefined();
		const pages = graph.find('GET', TEMPLATES_PATH);
		expect(pages).toHaveLength(4);
		expect(pages.map((p) => p.query.after)).toEqual([undefined, '4', '8', '12']);
		for (const page of pages) {
			expect(page.headers.authorization).toBe(`Bearer ${TOKEN}`);
			expect(page.url).not.toContain('access_token');
			expect(page.query.fields).toBe(
				'id,name,language,status,category,sub_category,parameter_format,components,rejected_reason',
			);
		}
		expect(items.map((i) => `${i.json.name}:${i.json.language}`)).toEqual(
			t.allTemplates.map((x) => `${x.name}:${x.language}`),
		);
		expect(new Set(items.map((i) => JSON.stringify(i.pairedItem)))).toEqual(
			new Set([JSON.stringify({ item: 0 })]),
		);
		expect(items[0].json).toEqual(t.allTemplates[0]);
	});

	it('filters by status, category, language and name', async () => {
		const { items } = await run(graph, {
			resource: 'template',
			operation: 'list',
			filters: { status: 'APPROVED', category: 'MARKETING', name: 'promo' },
		});
		expect(graph.find('GET', TEMPLATES_PATH)[0].query).toMatchObject({
			status: 'APPROVED',
			category: 'MARKETING',
		});
		expect(items.map((i) => `${i.json.name}:${i.json.language}`)).toEqual([
			'spring_promo_positional:en_US',
			'spring_promo_positional:es',
		]);

		const { items: german } = await run(graph, {
			resource: 'template',
			operation: 'list',
			filters: { language: 'de' },
		});
		expect(german.map((i) => i.json.name)).toEqual(['parcel_update_named']);
	});

	it('filters are sent to Meta the way Meta spells them (pt-BR -> pt_BR, approved -> APPROVED), as they are matched locally', async () => {
		const { items, error } = await run(graph, {
			resource: 'template',
			operation: 'list',
			filters: { language: ' pt-BR ', status: '={{ "approved" }}', category: '={{ "utility" }}' },
		});
		expect(error).toBeUndefined();
		expect(graph.find('GET', TEMPLATES_PATH)[0].query).toMatchObject({
			language: 'pt_BR',
			status: 'APPROVED',
			category: 'UTILITY',
		});
		expect(items.map((i) => `${i.json.name}:${i.json.language}`)).toEqual([
			'pickup_point_location:pt_BR',
		]);
	});

	it('without a WhatsApp Business Account ID the user is told where to find it', async () => {
		const { error } = await runNode({
			nodeType: WhatsAppCloud,
			credentialTypes: [new WhatsAppCloudApi()],
			credentials: credentials(graph, { businessAccountId: '' }),
			parameters: { resource: 'template', operation: 'list' },
		});
		expect(error?.message).toBe('The credential has no WhatsApp Business Account ID');
		expect(error?.description).toContain('fill in "WhatsApp Business Account ID"');
		expect(graph.requests).toHaveLength(0);
	});
});

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
