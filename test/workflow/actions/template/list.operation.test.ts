/**
 * Template > List in-process: every page of a paginated fake Graph, one item per template paired
 * with its input item, filters as Meta spells them; and every template the sandbox seeds.
 */
import type { INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { seedTemplates, startSandbox, type SandboxHandle } from '../../../../sandbox';
import {
	credentials,
	run,
	serveTemplates,
	TEMPLATES_PATH,
	TOKEN,
} from '../../../support/actionNode';
import { startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';
import { runNode } from '../../../support/n8n/runNode';
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

describe('Template > List against the sandbox', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox({ quiet: true });
	});
	afterAll(async () => sb.close());

	const setup = (parameters: INodeParameters) => ({
		nodeType: WhatsAppCloud,
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: { whatsAppCloudApi: { ...sb.credentials } },
		parameters,
	});

	it('Template > List returns every seeded template', async () => {
		const { items } = await runNode(setup({ resource: 'template', operation: 'list' }));
		expect(items).toHaveLength(seedTemplates().length);
	});
});
