/**
 * Message > Send Template: the template send body Meta documents (positional and named variables,
 * reply context, Components JSON), and what is refused before sending: templates not approved,
 * missing or changed variables, parts the variable fields cannot fill.
 */
import {
	buildTemplateJsonRequest,
	buildTemplateMessageRequest,
	parseComponentsJson,
	readVariableFormats,
	sendTemplate,
} from '../../../../nodes/WhatsAppCloud/actions/message/sendTemplate.operation';
import type { TemplateDefinition } from '../../../../nodes/WhatsAppCloud/templates/definition';
import { unsupportedComponents } from '../../../../nodes/WhatsAppCloud/templates/variables';
import { problem, value } from '../../../support/result';
import * as t from '../../../support/templates.fixtures';

const PHONE_ID = '109876543210987';

describe('Message > Send Template', () => {
	it('positional template: full body as Meta documents it', () => {
		expect(
			value(
				buildTemplateMessageRequest(
					{
						recipient: '+5511912345678',
						definition: t.positionalPromo,
						values: { header_1: 'Rafa', body_1: 'SUN20', body_2: '20%' },
						schemaIds: ['header_1', 'body_1', 'body_2', 'button_1_payload'],
					},
					PHONE_ID,
				),
			),
		).toEqual({
			method: 'POST',
			path: `/${PHONE_ID}/messages`,
			recipient: '+5511912345678',
			meta: { template: 'spring_promo_positional', language: 'en_US' },
			body: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '+5511912345678',
				type: 'template',
				template: {
					name: 'spring_promo_positional',
					language: { code: 'en_US' },
					components: [
						{ type: 'header', parameters: [{ type: 'text', text: 'Rafa' }] },
						{
							type: 'body',
							parameters: [
								{ type: 'text', text: 'SUN20' },
								{ type: 'text', text: '20%' },
							],
						},
					],
				},
			},
		});
	});

	it('named template with reply context', () => {
		const body = value(
			buildTemplateMessageRequest(
				{
					recipient: '447700900123',
					definition: t.namedHeader,
					values: { header_parcel_id: 'DE-9', body_arrival_day: 'Freitag' },
					replyToMessageId: 'wamid.PREV',
				},
				PHONE_ID,
			),
		).body;
		expect(body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '+447700900123',
			type: 'template',
			template: {
				name: 'parcel_update_named',
				language: { code: 'de' },
				components: [
					{
						type: 'header',
						parameters: [{ type: 'text', parameter_name: 'parcel_id', text: 'DE-9' }],
					},
					{
						type: 'body',
						parameters: [{ type: 'text', parameter_name: 'arrival_day', text: 'Freitag' }],
					},
				],
			},
			context: { message_id: 'wamid.PREV' },
		});
	});

	it('a template without variables is sent without components', () => {
		const definition = { ...t.pendingTemplate, status: 'APPROVED' };
		expect(
			value(
				buildTemplateMessageRequest(
					{ recipient: '+14155550142', definition, values: {} },
					PHONE_ID,
				),
			).body?.template,
		).toEqual({
			name: 'autumn_launch',
			language: { code: 'en_US' },
		});
	});

	it.each([
		[
			t.pendingTemplate,
			'Template "autumn_launch" (en_US) is not approved (status PENDING), so it cannot be sent',
			'still reviewing',
		],
		[
			t.rejectedTemplate,
			'Template "mega_sale" (en_US) is not approved (status REJECTED), so it cannot be sent',
			'reason: INVALID_FORMAT',
		],
		[
			{ ...t.bodyOnly, status: 'PAUSED' },
			'Template "plain_notice" (en_US) is not approved (status PAUSED), so it cannot be sent',
			'132015',
		],
		[
			{ ...t.bodyOnly, status: 'DISABLED' },
			'Template "plain_notice" (en_US) is not approved (status DISABLED), so it cannot be sent',
			'Create a new template',
		],
	])('not approved: %#', (definition, message, hint) => {
		const result = problem(
			buildTemplateMessageRequest(
				{ recipient: '+14155550142', definition, values: { body_1: 'x' } },
				PHONE_ID,
			),
		);
		expect(result.message).toBe(message);
		expect(result.description).toContain(hint);
		expect(result.field).toBe('template');
	});

	it('missing variable is named with the template', () => {
		expect(
			problem(
				buildTemplateMessageRequest(
					{ recipient: '+14155550142', definition: t.urlTracking, values: { body_1: 'A-1' } },
					PHONE_ID,
				),
			).message,
		).toBe(
			'Template "track_order_url" (en_US) needs a value for Button "Track": URL Suffix (e.g. ZX81-2)',
		);
	});

	it('a changed template is reported before the missing variable', () => {
		expect(
			problem(
				buildTemplateMessageRequest(
					{
						recipient: '+14155550142',
						definition: t.urlTracking,
						values: { body_1: 'A-1' },
						schemaIds: ['body_1'],
					},
					PHONE_ID,
				),
			).description,
		).toContain(
			"The template's variables changed in Meta; reopen the node to refresh the variable fields",
		);
	});

	it('a template with parts the variable fields cannot fill (carousel cards, product header, multi-product button) is refused before sending, pointing to Components JSON', () => {
		const carousel: TemplateDefinition = {
			name: 'bike_carousel',
			language: 'en_US',
			status: 'APPROVED',
			components: [
				{
					type: 'BODY',
					text: 'Hi {{1}}, these bikes are back in stock.',
					example: { body_text: [['Ada']] },
				},
				{ type: 'CAROUSEL' },
			],
		};
		expect(
			problem(
				buildTemplateMessageRequest(
					{ recipient: '+14155550142', definition: carousel, values: { body_1: 'Ada' } },
					PHONE_ID,
				),
			),
		).toMatchObject({
			message:
				'Template "bike_carousel" (en_US) has carousel cards, which Map Each Variable cannot fill',
			field: 'variablesMode',
		});
		const multiProduct: TemplateDefinition = {
			name: 'cart_reminder',
			language: 'en_US',
			components: [
				{ type: 'BODY', text: 'You left items in your cart, take another look.' },
				{ type: 'BUTTONS', buttons: [{ type: 'MPM', text: 'View items' }] },
			],
		};
		expect(unsupportedComponents(multiProduct)).toEqual(['multi-product button']);
		const refused = problem(
			buildTemplateMessageRequest(
				{ recipient: '+14155550142', definition: multiProduct, values: {} },
				PHONE_ID,
			),
		);
		expect(refused.message).toBe(
			'Template "cart_reminder" (en_US) has a multi-product button, which Map Each Variable cannot fill',
		);
		expect(refused.description).toContain('set Variables Input to Components JSON');
		// Components JSON sends such a template as given.
		expect(
			buildTemplateJsonRequest(
				{ recipient: '+14155550142', name: 'cart_reminder', language: 'en_US', components: [] },
				PHONE_ID,
			).ok,
		).toBe(true);
	});

	it('bad recipient comes first', () => {
		expect(
			problem(
				buildTemplateMessageRequest(
					{ recipient: 'x', definition: t.bodyOnly, values: {} },
					PHONE_ID,
				),
			).field,
		).toBe('recipient');
	});

	it('Components JSON is sent as is (array or JSON text)', () => {
		const components = [{ type: 'body', parameters: [{ type: 'text', text: 'Zed' }] }];
		const expected = {
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '+14155550142',
			type: 'template',
			template: { name: 'any_name', language: { code: 'en' }, components },
		};
		expect(
			value(
				buildTemplateJsonRequest(
					{ recipient: '+14155550142', name: 'any_name', language: 'en', components },
					PHONE_ID,
				),
			).body,
		).toEqual(expected);
		expect(
			value(
				buildTemplateJsonRequest(
					{
						recipient: '+14155550142',
						name: 'any_name',
						language: 'en',
						components: JSON.stringify(components),
					},
					PHONE_ID,
				),
			).body,
		).toEqual(expected);
		expect(
			value(
				buildTemplateJsonRequest(
					{ recipient: '+14155550142', name: 'any_name', language: 'en', components: '[]' },
					PHONE_ID,
				),
			).body?.template,
		).toEqual({ name: 'any_name', language: { code: 'en' } });
	});

	it('Components JSON must be a JSON array', () => {
		expect(problem(parseComponentsJson('{"type":"body"}')).message).toBe(
			'Components (JSON) must be an array of template components',
		);
		expect(problem(parseComponentsJson('[{')).message).toMatch(
			/^Components \(JSON\) is not valid JSON: /,
		);
		expect(value(parseComponentsJson(''))).toEqual([]);
	});

	it('Variable Formats option is read into per-variable formats', () => {
		expect(
			readVariableFormats({
				variableFormats: {
					values: [
						{ variable: 'body_2', format: 'currency', currencyCode: 'BRL' },
						{ variable: 'body_3', format: 'date_time' },
						{ variable: '', format: 'date_time' },
					],
				},
			}),
		).toEqual({
			body_2: { format: 'currency', currencyCode: 'BRL' },
			body_3: { format: 'date_time' },
		});
		expect(readVariableFormats({})).toEqual({});
	});

	it("adds advice to Meta's template errors", () => {
		expect(sendTemplate.adviseOnError?.(132000, { method: 'POST', path: '/' })).toContain(
			"The template's variables changed in Meta; reopen the node to refresh the variable fields",
		);
		expect(sendTemplate.adviseOnError?.(132001, { method: 'POST', path: '/' })).toContain(
			'does not exist in this language',
		);
		expect(sendTemplate.adviseOnError?.(131047, { method: 'POST', path: '/' })).toBeUndefined();
	});
});
