/**
 * Message > Send Template in-process: mapped values turned into Meta's components, the Components
 * JSON mode, every pre-send check with its message (against a fake Graph); a template read that
 * fails for a passing reason, read again on the retry; and every approved template the sandbox
 * seeds, discovered through the resource mapper, filled and sent (the sandbox checks what Meta
 * checks: template approved, variable count and names per component, button parameters, so wrong
 * variable discovery or components would be answered 132000/132001).
 */
import type { INodeParameters, ResourceMapperValue } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import {
	SEED,
	seedTemplates,
	startSandbox,
	TEMPLATE,
	type SandboxHandle,
} from '../../../../sandbox';
import {
	accepted,
	MESSAGES_PATH,
	run,
	sends,
	serveTemplates,
	TEMPLATES_PATH,
} from '../../../support/actionNode';
import { graphError, startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';
import { runResourceMapping } from '../../../support/n8n/loadOptions';
import { runNode } from '../../../support/n8n/runNode';
import * as t from '../../../support/templates.fixtures';

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

describe('a template read that fails for a passing reason', () => {
	// A fake Graph of its own: the one above serves the templates before each test, and these tests
	// script a failing read ahead of them.
	let graph: FakeGraph;
	beforeAll(async () => {
		graph = await startFakeGraph();
	});
	beforeEach(() => graph.reset());
	afterAll(async () => graph.close());

	const sendTemplate = {
		resource: 'message',
		operation: 'sendTemplate',
		recipient: '={{ $json.to }}',
		template: { __rl: true, mode: 'list', value: 'plain_notice:en_US' },
		variables: {
			mappingMode: 'defineBelow',
			value: { body_1: 'Gym closed' },
			matchingColumns: [],
			schema: [],
		},
		sending: { retries: 3 },
	};

	it('is read again on the retry (Continue On Fail), so every item is sent', async () => {
		graph.once('GET', TEMPLATES_PATH, {
			status: 503,
			json: {
				error: { message: 'Service temporarily unavailable', code: 2, fbtrace_id: 'Atrace2' },
			},
		});
		serveTemplates(graph, t.allTemplates, 50);
		graph.on('POST', MESSAGES_PATH, (req) => accepted(req));
		const { items, error } = await run(graph, sendTemplate, {
			inputItems: [{ to: '+14155550101' }, { to: '+14155550102' }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.messageId)).toEqual([
			expect.stringMatching(/^wamid\./),
			expect.stringMatching(/^wamid\./),
		]);
		expect(graph.find('GET', TEMPLATES_PATH).length).toBeGreaterThanOrEqual(2);
		expect(sends(graph)).toHaveLength(2);
	});

	it('a template that does not exist fails its items at once, without retries or sends', async () => {
		serveTemplates(graph, t.allTemplates, 50);
		const { items, error } = await run(
			graph,
			{ ...sendTemplate, template: { __rl: true, mode: 'name', value: 'no_such_template:en_US' } },
			{ inputItems: [{ to: '+14155550101' }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(String(items[0].json.error)).toMatch(/no_such_template/);
		expect(sends(graph)).toHaveLength(0);
	});
});

describe('Send Template against the sandbox', () => {
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

	/** A plausible value for each kind of variable key. */
	function valueFor(key: string): string | number {
		if (key === 'header_image') return SEED.media.image;
		if (key === 'header_video') return SEED.media.video;
		if (key === 'header_document') return SEED.media.document;
		if (key === 'header_document_filename') return 'invoice.pdf';
		if (key === 'header_latitude') return 52.5208;
		if (key === 'header_longitude') return 13.4094;
		if (key.startsWith('header_location')) return 'Workshop';
		if (key.endsWith('_coupon_code')) return 'SPOKE10';
		if (key.endsWith('_url')) return 'ref-42';
		if (key.endsWith('_payload')) return 'PAYLOAD';
		if (key.endsWith('_flow_token')) return 'flow-token-1';
		if (key.endsWith('_flow_action_data')) return '';
		if (key.endsWith('_otp_code')) return '123456';
		if (key === 'offer_expiration_time_ms') return 1893456000000;
		return `v-${key}`;
	}

	const approved = seedTemplates().filter((t) => t.status === 'APPROVED');
	const recipient = SEED.users[0].waId;

	describe('every approved seeded template: discovered, filled and accepted by the sandbox', () => {
		it.each(approved.map((t) => [`${t.name}:${t.language}`]))('%s', async (value) => {
			const template = { __rl: true, mode: 'list', value };
			const base = { resource: 'message', operation: 'sendTemplate', recipient, template };
			const { fields } = await runResourceMapping({
				...setup(base),
				method: 'getTemplateVariables',
			});
			const values: Record<string, string | number> = Object.fromEntries(
				fields.map((f) => [f.id, valueFor(f.id)]),
			);
			if (value === `${TEMPLATE.currencyDate}:en_US`)
				Object.assign(values, { body_1: 49.9, body_2: 'May 3, 2026' });
			const options =
				value === `${TEMPLATE.currencyDate}:en_US`
					? {
							variableFormats: {
								values: [
									{ variable: 'body_1', format: 'currency', currencyCode: 'USD' },
									{ variable: 'body_2', format: 'date_time' },
								],
							},
						}
					: {};
			const { items, error } = await runNode({
				...setup({
					...base,
					variables: {
						mappingMode: 'defineBelow',
						value: values,
						matchingColumns: [],
						schema: fields,
						attemptToConvertTypes: false,
						convertFieldsToString: false,
					} satisfies ResourceMapperValue,
					options,
				}),
				continueOnFail: true,
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				operation: 'sendTemplate',
				recipient: `+${recipient}`,
			});
			expect(items[0].json.error).toBeUndefined();
			expect(items[0].json.messageId).toMatch(/^wamid\./);
			const record = sb.sandbox.getMessage(String(items[0].json.messageId));
			expect(record?.outcome).toBe('accepted');
		});
	});

	it.each([TEMPLATE.pending, TEMPLATE.rejected, TEMPLATE.paused])(
		'%s is refused before sending, naming its status',
		async (name) => {
			const before = sb.sandbox.listMessages().total;
			const { items } = await runNode({
				...setup({
					resource: 'message',
					operation: 'sendTemplate',
					recipient,
					template: { __rl: true, mode: 'name', value: name },
					variables: {
						mappingMode: 'defineBelow',
						value: { body_1: 'x', body_2: 'y' },
						matchingColumns: [],
						schema: [],
					},
				}),
				continueOnFail: true,
			});
			expect(String(items[0].json.error)).toMatch(
				/is not approved \(status (PENDING|REJECTED|PAUSED)\), so it cannot be sent/,
			);
			expect(sb.sandbox.listMessages().total).toBe(before);
		},
	);
});
