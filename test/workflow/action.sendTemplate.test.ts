/**
 * Message > Send Template in-process: the template picker (all pages), the resource mapper's
 * variable fields, mapped values turned into Meta's components, the Components JSON mode, and
 * every pre-send check with its message.
 */
import type { ResourceMapperValue } from 'n8n-workflow';

import { graphError, startFakeGraph, type FakeGraph } from '../support/fakeGraph';
import * as t from '../support/templates.fixtures';
import {
	accepted,
	listSearch,
	loadOptions,
	MESSAGES_PATH,
	resourceMapping,
	run,
	sends,
	serveTemplates,
	TEMPLATES_PATH,
	TOKEN,
} from '../support/actionNode';

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

describe('template variables (resource mapper)', () => {
	it('one field per variable in order, labelled with the example, required marked', async () => {
		const { fields } = await resourceMapping(graph, {
			...base,
			template: byList('weekend_coupon_offer:en_US'),
		});
		expect(fields.map((f) => [f.id, f.displayName, f.required, f.type])).toEqual([
			['header_image', 'Header Image (https link or media ID)', true, 'string'],
			['body_1', 'Body {{1}} (e.g. SHIPFREE)', true, 'string'],
			['offer_expiration_time_ms', 'Offer Expiration (Unix time in milliseconds)', true, 'number'],
			['button_0_coupon_code', 'Button 1: Coupon Code (e.g. SHIPFREE)', true, 'string'],
			['button_1_url', 'Button "Shop": URL Suffix (e.g. wk22)', true, 'string'],
		]);
	});

	it('by ID reads GET /{template-id}', async () => {
		const { fields } = await resourceMapping(graph, {
			...base,
			template: { __rl: true, mode: 'id', value: t.namedBooking.id },
		});
		expect(fields.map((f) => f.id)).toEqual([
			'header_image',
			'body_guest_name',
			'body_party_size',
			'body_visit_date',
			'button_1_payload',
		]);
		expect(graph.find('GET', `/v24.0/${t.namedBooking.id}`)).toHaveLength(1);
	});

	it('explains an empty field list: no variables, unknown template, ambiguous name, expression', async () => {
		expect(
			(
				await resourceMapping(graph, { ...base, template: byList('delivery_feedback_quick:fr') })
			).fields.map((f) => [f.id, f.required]),
		).toEqual([
			['button_0_payload', false],
			['button_1_payload', false],
			['button_2_payload', false],
		]);
		expect(
			await resourceMapping(graph, { ...base, template: byList('autumn_launch:en_US') }),
		).toEqual({
			fields: [],
			emptyFieldsNotice: expect.stringContaining(
				'Template "autumn_launch" (en_US) is not approved (status PENDING)',
			),
		});
		expect(
			await resourceMapping(graph, {
				...base,
				template: { __rl: true, mode: 'name', value: 'no_such_template:en_US' },
			}),
		).toEqual({
			fields: [],
			emptyFieldsNotice: expect.stringContaining(
				'Template "no_such_template" (en_US) was not found in this WhatsApp Business Account',
			),
		});
		expect(
			(
				await resourceMapping(graph, {
					...base,
					template: { __rl: true, mode: 'name', value: 'spring_promo_positional' },
				})
			).emptyFieldsNotice,
		).toContain('exists in several languages (en_US, es)');
		expect(
			(await resourceMapping(graph, { ...base, template: byList('') })).emptyFieldsNotice,
		).toContain('Choose a template first.');
		expect(
			(
				await resourceMapping(graph, {
					...base,
					template: { __rl: true, mode: 'name', value: '={{ $json.template }}' },
				})
			).emptyFieldsNotice,
		).toContain('The template is set by an expression');
	});

	it('Variable Formats lists the body variables', async () => {
		expect(
			await loadOptions(
				graph,
				{ ...base, template: byList('spring_promo_positional:en_US') },
				'getBodyVariables',
			),
		).toEqual([
			{ name: 'Body {{1}} (e.g. GARDEN15)', value: 'body_1' },
			{ name: 'Body {{2}} (e.g. 15%)', value: 'body_2' },
		]);
	});
});

function mapped(value: ResourceMapperValue['value'], schemaIds?: string[]): ResourceMapperValue {
	return {
		mappingMode: 'defineBelow',
		value,
		matchingColumns: [],
		schema: (schemaIds ?? Object.keys(value ?? {})).map((id) => ({
			id,
			displayName: id,
			required: true,
			defaultMatch: false,
			display: true,
			type: 'string',
		})),
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
}

describe('sending with mapped variables', () => {
	it("each item's mapped values become Meta's components; the template is read once per execution", async () => {
		const { items, error } = await run(
			graph,
			{
				...base,
				template: byList('spring_promo_positional:en_US'),
				variables: mapped(
					{
						header_1: '={{ $json.name }}',
						body_1: '={{ $json.code }}',
						body_2: '={{ $json.discount }}',
						button_1_payload: 'STOP',
					},
					['header_1', 'body_1', 'body_2', 'button_1_payload'],
				),
				options: {
					variableFormats: {
						values: [{ variable: 'body_2', format: 'currency', currencyCode: 'USD' }],
					},
				},
			},
			{
				inputItems: [
					{ phone: '+14155550101', name: 'Ava', code: 'TULIP5', discount: 5 },
					{ phone: '+14155550102', name: 'Ben', code: 'TULIP7', discount: '7.25' },
				],
			},
		);
		expect(error).toBeUndefined();
		const lookups = graph.find('GET', TEMPLATES_PATH);
		expect(lookups).toHaveLength(1);
		expect(lookups[0].query).toMatchObject({ name: 'spring_promo_positional', limit: '100' });
		const bodies = sends(graph)
			.map((r) => r.json)
			.sort((a, b) => a.to.localeCompare(b.to));
		expect(bodies[0]).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '+14155550101',
			type: 'template',
			template: {
				name: 'spring_promo_positional',
				language: { code: 'en_US' },
				components: [
					{ type: 'header', parameters: [{ type: 'text', text: 'Ava' }] },
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'TULIP5' },
							{
								type: 'currency',
								currency: { fallback_value: '$5.00', code: 'USD', amount_1000: 5000 },
							},
						],
					},
					{
						type: 'button',
						sub_type: 'quick_reply',
						index: 1,
						parameters: [{ type: 'payload', payload: 'STOP' }],
					},
				],
			},
		});
		expect(bodies[1].template.components[1].parameters[1]).toEqual({
			type: 'currency',
			currency: { fallback_value: '$7.25', code: 'USD', amount_1000: 7250 },
		});
		expect(items.map((i) => i.json)).toEqual([
			expect.objectContaining({
				operation: 'sendTemplate',
				recipient: '+14155550101',
				template: 'spring_promo_positional',
				language: 'en_US',
				messageStatus: 'accepted',
			}),
			expect.objectContaining({
				operation: 'sendTemplate',
				recipient: '+14155550102',
				template: 'spring_promo_positional',
				language: 'en_US',
			}),
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('named template with media header, chosen by ID', async () => {
		const { error } = await run(
			graph,
			{
				...base,
				template: { __rl: true, mode: 'id', value: t.namedBooking.id },
				variables: mapped({
					header_image: 'https://cdn.example.org/hall.jpg',
					body_guest_name: '={{ $json.guest }}',
					body_party_size: '={{ $json.size }}',
					body_visit_date: 'Sunday',
				}),
			},
			{ inputItems: [{ phone: '+447700900123', guest: 'Noor', size: 2 }] },
		);
		expect(error).toBeUndefined();
		expect(sends(graph)[0].json.template).toEqual({
			name: 'table_booking_named',
			language: { code: 'en_GB' },
			components: [
				{
					type: 'header',
					parameters: [{ type: 'image', image: { link: 'https://cdn.example.org/hall.jpg' } }],
				},
				{
					type: 'body',
					parameters: [
						{ type: 'text', parameter_name: 'guest_name', text: 'Noor' },
						{ type: 'text', parameter_name: 'party_size', text: '2' },
						{ type: 'text', parameter_name: 'visit_date', text: 'Sunday' },
					],
				},
			],
		});
	});

	it('Components JSON with name:language is sent as is, without reading the template', async () => {
		const components = [{ type: 'body', parameters: [{ type: 'text', text: 'Kai' }] }];
		const { error } = await run(
			graph,
			{
				...base,
				template: { __rl: true, mode: 'name', value: 'any_template:en_US' },
				variablesMode: 'json',
				components: '={{ $json.components }}',
			},
			{ inputItems: [{ phone: '+14155550101', components }] },
		);
		expect(error).toBeUndefined();
		expect(graph.find('GET', TEMPLATES_PATH)).toHaveLength(0);
		expect(sends(graph)[0].json.template).toEqual({
			name: 'any_template',
			language: { code: 'en_US' },
			components,
		});
	});

	it('Components JSON with an ID reads the template for its name and language', async () => {
		const { error } = await run(
			graph,
			{
				...base,
				template: { __rl: true, mode: 'id', value: t.bodyOnly.id },
				variablesMode: 'json',
				components: '[{"type":"body","parameters":[{"type":"text","text":"hi"}]}]',
			},
			{ inputItems: [{ phone: '+14155550101' }] },
		);
		expect(error).toBeUndefined();
		expect(sends(graph)[0].json.template).toEqual({
			name: 'plain_notice',
			language: { code: 'en_US' },
			components: [{ type: 'body', parameters: [{ type: 'text', text: 'hi' }] }],
		});
	});
});

describe('checks before sending (Continue On Fail: the other items still go)', () => {
	it('missing variable, too long variable, unknown template, not approved, changed template', async () => {
		const { items, error } = await run(
			graph,
			{
				...base,
				template: { __rl: true, mode: 'name', value: '={{ $json.template }}' },
				variables: mapped({ body_1: '={{ $json.value }}' }, ['body_1']),
			},
			{
				continueOnFail: true,
				inputItems: [
					{ phone: '+14155550101', template: 'plain_notice:en_US', value: 'Pool closed today' },
					{ phone: '+14155550102', template: 'plain_notice:en_US', value: '' },
					{ phone: '+14155550103', template: 'track_order_url:en_US', value: 'A-5' },
					{ phone: '+14155550104', template: 'no_such_template:en_US', value: 'x' },
					{ phone: '+14155550105', template: 'autumn_launch:en_US', value: 'x' },
					{ phone: '+14155550106', template: 'spring_promo_positional:en_US', value: 'y' },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(6);
		expect(sends(graph).map((r) => r.json.to)).toEqual(['+14155550101']);
		expect(items[0].json.messageId).toMatch(/^wamid\./);
		expect(items[1].json).toMatchObject({
			operation: 'sendTemplate',
			error: 'Template "plain_notice" (en_US) needs a value for Body {{1}} (e.g. Water off 9-11am)',
			field: 'body_1',
			fix: expect.stringContaining(
				'Type or map a value for this variable under Template Variables',
			),
		});
		// The user mapped only body_1: Meta's definition also needs the URL suffix.
		expect(items[2].json).toMatchObject({
			error:
				'The variables of template "track_order_url" (en_US) changed in Meta: it now also needs Button "Track": URL Suffix (e.g. ZX81-2)',
			fix: expect.stringContaining('reopen the node to refresh the variable fields'),
		});
		expect(items[3].json).toMatchObject({
			error: 'Template "no_such_template" (en_US) was not found in this WhatsApp Business Account',
			field: 'template',
		});
		expect(items[4].json).toMatchObject({
			error:
				'Template "autumn_launch" (en_US) is not approved (status PENDING), so it cannot be sent',
		});
		expect(items[5].json.error).toContain('changed in Meta');
		expect(items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
	});

	it("a variable over Meta's limit is named with its length", async () => {
		const { error } = await run(
			graph,
			{
				...base,
				template: byList('spring_promo_positional:en_US'),
				variables: mapped({ header_1: '={{ $json.name }}', body_1: 'a', body_2: 'b' }),
			},
			{ inputItems: [{ phone: '+14155550101', name: 'N'.repeat(61) }] },
		);
		expect(error?.message).toBe(
			'Header {{1}} (e.g. Maria) of template "spring_promo_positional" (en_US) is 61 characters; Meta allows at most 60',
		);
		expect(sends(graph)).toHaveLength(0);
	});

	it('132000 from Meta says the template changed and to reopen the node', async () => {
		graph.reset();
		serveTemplates(graph, t.allTemplates, 4);
		graph.on('POST', MESSAGES_PATH, () =>
			graphError(
				132000,
				'(#132000) Number of parameters does not match the expected number of params',
				{
					details:
						'body: number of localizable_params (1) does not match the expected number of params (2)',
					fbtraceId: 'AtraceParams',
				},
			),
		);
		const { error } = await run(
			graph,
			{ ...base, template: byList('plain_notice:en_US'), variables: mapped({ body_1: 'x' }) },
			{ inputItems: [{ phone: '+14155550101' }] },
		);
		expect(error?.message).toBe('WhatsApp error 132000: Template parameter count mismatch');
		expect(error?.description).toContain(
			"Fix: The template's variables changed in Meta; reopen the node to refresh the variable fields",
		);
		expect(error?.description).toContain('body: number of localizable_params (1)');
		expect(error?.description).toContain('fbtrace_id AtraceParams');
	});
});
