/**
 * The template picker's list search run by n8n-core: every page is read (not only the first),
 * approved templates first, a typed search sent as Meta's name filter when it can only be a name;
 * and all 40 templates the sandbox seeds.
 */
import type { INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { seedTemplates, startSandbox, type SandboxHandle } from '../../../sandbox';
import {
	accepted,
	listSearch,
	MESSAGES_PATH,
	serveTemplates,
	TEMPLATES_PATH,
	TOKEN,
} from '../../support/actionNode';
import { startFakeGraph, type FakeGraph } from '../../support/fakeGraph';
import { runListSearch } from '../../support/n8n/loadOptions';
import * as t from '../../support/templates.fixtures';

let graph: FakeGraph;
beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => {
	graph.reset();
	serveTemplates(graph, t.allTemplates, 4);
	graph.on('POST', MESSAGES_PATH, (req) => accepted(req, 'accepted'));
});
afterAll(async () => graph.close());

const base = { resource: 'message', operation: 'sendTemplate', recipient: '={{ $json.phone }}' };
const byList = (value: string) => ({ __rl: true, mode: 'list', value, cachedResultName: value });

describe('template picker (list search)', () => {
	it('reads every page of templates (not only the first) and shows approved ones with language, category, status', async () => {
		const { results } = await listSearch(graph, { ...base, template: byList('') });
		const lookups = graph.find('GET', TEMPLATES_PATH);
		expect(lookups.length).toBe(Math.ceil(t.allTemplates.length / 4));
		for (const req of lookups) {
			expect(req.url).not.toContain('access_token');
			expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
		}
		expect(results).toHaveLength(t.allTemplates.filter((x) => x.status === 'APPROVED').length);
		expect(results).toContainEqual({
			name: 'weekend_coupon_offer (en_US) · MARKETING · APPROVED',
			value: 'weekend_coupon_offer:en_US',
		});
		expect(results).toContainEqual({
			name: 'spring_promo_positional (es) · MARKETING · APPROVED',
			value: 'spring_promo_positional:es',
		});
	});

	it('a search also finds templates that are not approved, with their status', async () => {
		const { results } = await listSearch(graph, { ...base, template: byList('') }, 'mega');
		expect(results).toEqual([
			{ name: 'mega_sale (en_US) · MARKETING · REJECTED', value: 'mega_sale:en_US' },
		]);
	});

	it("a typed search is sent as Meta's name filter: only matching templates are read (every page of them), then searched here", async () => {
		const { results } = await listSearch(graph, { ...base, template: byList('') }, 'mega');
		const lookups = graph.find('GET', TEMPLATES_PATH);
		// One match fits one page, where the unfiltered account takes ceil(n / 4) pages.
		expect(lookups).toHaveLength(1);
		expect(lookups[0].query).toMatchObject({ name: 'mega' });
		expect(results.map((r) => r.value)).toEqual(['mega_sale:en_US']);

		// Matches spread over pages: every page is read, each with the filter kept.
		graph.reset();
		serveTemplates(graph, t.allTemplates, 1);
		const spring = await listSearch(graph, { ...base, template: byList('') }, 'Spring_Promo es');
		const pages = graph.find('GET', TEMPLATES_PATH);
		expect(pages).toHaveLength(2);
		expect(
			pages.every((req) => (req.query as Record<string, string>).name === 'spring_promo'),
		).toBe(true);
		expect(pages.every((req) => !req.url.includes('access_token'))).toBe(true);
		// Local search still applies every word ("es" is the language).
		expect(spring.results.map((r) => r.value)).toEqual(['spring_promo_positional:es']);
	});

	it('a search for a category, status or language reads every template (the name filter would miss them)', async () => {
		const { results } = await listSearch(graph, { ...base, template: byList('') }, 'market');
		const lookups = graph.find('GET', TEMPLATES_PATH);
		expect(lookups).toHaveLength(Math.ceil(t.allTemplates.length / 4));
		expect(lookups.every((req) => (req.query as Record<string, string>).name === undefined)).toBe(
			true,
		);
		expect(results.map((r) => r.value)).toContain('mega_sale:en_US');
		expect(results.every((r) => r.name.includes('MARKETING'))).toBe(true);
	});

	it("when Meta's name filter finds nothing (it may match whole names only), every template is read and searched", async () => {
		graph.reset();
		graph.once('GET', TEMPLATES_PATH, { json: { data: [] } }); // Meta answers the filtered read with nothing
		serveTemplates(graph, t.allTemplates, 4);
		const { results } = await listSearch(graph, { ...base, template: byList('') }, 'promo');
		const lookups = graph.find('GET', TEMPLATES_PATH);
		expect((lookups[0].query as Record<string, string>).name).toBe('promo');
		expect(
			lookups.slice(1).every((req) => (req.query as Record<string, string>).name === undefined),
		).toBe(true);
		expect(results.map((r) => r.value)).toEqual([
			'spring_promo_positional:en_US',
			'spring_promo_positional:es',
		]);
	});
});

describe('template picker against the sandbox', () => {
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

	const approved = seedTemplates().filter((t) => t.status === 'APPROVED');

	it('the list search reads all pages of the 40 seeded templates', async () => {
		const { results } = await runListSearch({
			...setup({ resource: 'message', operation: 'sendTemplate' }),
			method: 'searchTemplates',
		});
		expect(results).toHaveLength(approved.length);
	});
});
