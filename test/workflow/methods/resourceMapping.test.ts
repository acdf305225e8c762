/**
 * The template variables' resource mapper and the Variable Formats list, run by n8n-core against a
 * fake Graph: one field per variable, labelled with its example, and why a field list is empty.
 */
import {
	accepted,
	loadOptions,
	MESSAGES_PATH,
	resourceMapping,
	serveTemplates,
} from '../../support/actionNode';
import { startFakeGraph, type FakeGraph } from '../../support/fakeGraph';
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
