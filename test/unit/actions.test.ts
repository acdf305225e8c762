/**
 * Pure builders of the action node: one item's parameters -> the exact Graph request, compared
 * with the request shapes Meta documents for POST /{phone-number-id}/messages (text, reply with
 * context, template with components) and GET /{waba-id}/message_templates.
 */
import { NodeHelpers, type INodeParameters, type INodeProperties } from 'n8n-workflow';

import { buildNodeProperties } from '../../nodes/WhatsAppCloud/actions/nodeProperties';
import { findOperation, resources } from '../../nodes/WhatsAppCloud/actions/registry';
import { messageOutput } from '../../nodes/WhatsAppCloud/actions/message/common';
import {
	buildTemplateJsonRequest,
	buildTemplateMessageRequest,
	parseComponentsJson,
	readVariableFormats,
	sendTemplate,
} from '../../nodes/WhatsAppCloud/actions/message/sendTemplate.operation';
import { buildSendTextRequest } from '../../nodes/WhatsAppCloud/actions/message/sendText.operation';
import { describeTemplate } from '../../nodes/WhatsAppCloud/actions/template/get.operation';
import {
	buildListTemplatesRequest,
	filterTemplates,
} from '../../nodes/WhatsAppCloud/actions/template/list.operation';
import { nameFilterFor, templateSearchResults } from '../../nodes/WhatsAppCloud/methods/listSearch';
import { problem, value } from '../support/result';
import type { TemplateDefinition } from '../../nodes/WhatsAppCloud/templates/definition';
import { unsupportedComponents } from '../../nodes/WhatsAppCloud/templates/variables';
import { WhatsAppCloud } from '../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import * as t from '../support/templates.fixtures';

const PHONE_ID = '109876543210987';

describe('Message > Send Text', () => {
	it("builds Meta's text message body", () => {
		expect(
			value(
				buildSendTextRequest(
					{ recipient: '+1 (415) 555-0142', text: 'Your table is ready.' },
					PHONE_ID,
				),
			),
		).toEqual({
			method: 'POST',
			path: `/${PHONE_ID}/messages`,
			recipient: '+14155550142',
			body: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '+14155550142',
				type: 'text',
				text: { body: 'Your table is ready.', preview_url: false },
			},
		});
	});

	it('link preview on and reply-to as context.message_id; a webhook wa_id works as recipient', () => {
		expect(
			value(
				buildSendTextRequest(
					{
						recipient: '4915123456789',
						text: 'See https://example.org/menu',
						previewUrl: true,
						replyToMessageId: ' wamid.ABC123 ',
					},
					PHONE_ID,
				),
			).body,
		).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '+4915123456789',
			type: 'text',
			text: { body: 'See https://example.org/menu', preview_url: true },
			context: { message_id: 'wamid.ABC123' },
		});
	});

	it('numbers are sent as text', () => {
		expect(
			value(buildSendTextRequest({ recipient: '+14155550142', text: 42 }, PHONE_ID)).body?.text,
		).toEqual({
			body: '42',
			preview_url: false,
		});
	});

	it.each([[''], ['   \n '], [undefined], [null]])(
		'empty text %j is refused before sending',
		(text) => {
			expect(problem(buildSendTextRequest({ recipient: '+14155550142', text }, PHONE_ID))).toEqual({
				message: 'The text to send is empty',
				description:
					'Type the message under Text, or check that the expression you mapped returns text for this item. WhatsApp does not deliver empty messages.',
				field: 'text',
			});
		},
	);

	it('4096 characters pass, 4097 are refused with the count', () => {
		expect(
			buildSendTextRequest({ recipient: '+14155550142', text: 'a'.repeat(4096) }, PHONE_ID).ok,
		).toBe(true);
		const tooLong = problem(
			buildSendTextRequest({ recipient: '+14155550142', text: 'a'.repeat(4097) }, PHONE_ID),
		);
		expect(tooLong.message).toBe('The text is 4097 characters; WhatsApp allows at most 4096');
		expect(tooLong.field).toBe('text');
	});

	it('characters are counted, not UTF-16 units (4096 emoji pass)', () => {
		expect(
			buildSendTextRequest({ recipient: '+14155550142', text: '🙂'.repeat(4096) }, PHONE_ID).ok,
		).toBe(true);
	});

	it.each([
		['abc', 'Invalid phone number "abc" in "Recipient Phone Number": it contains letters.'],
		['', 'Invalid phone number "" in "Recipient Phone Number": it is empty.'],
		['0612345678', 'Invalid phone number "0612345678" in "Recipient Phone Number"'],
		['+1234', 'Invalid phone number "+1234" in "Recipient Phone Number"'],
	])("bad recipient %j is refused with the phone helper's message", (recipient, start) => {
		const result = problem(buildSendTextRequest({ recipient, text: 'hi' }, PHONE_ID));
		expect(result.message.startsWith(start)).toBe(true);
		expect(result.field).toBe('recipient');
		expect(result.description.length).toBeGreaterThan(10);
	});
});

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

describe('output of a send', () => {
	it('messageId, waId, recipient, messageStatus when present, operation and template facts', () => {
		const toOutput = messageOutput('sendTemplate');
		expect(
			toOutput(
				{
					messaging_product: 'whatsapp',
					contacts: [{ input: '+5511912345678', wa_id: '5511912345678' }],
					messages: [{ id: 'wamid.XYZ', message_status: 'accepted' }],
				},
				{
					method: 'POST',
					path: '/x',
					recipient: '+5511912345678',
					meta: { template: 'a', language: 'en' },
				},
			),
		).toEqual([
			{
				operation: 'sendTemplate',
				messageId: 'wamid.XYZ',
				waId: '5511912345678',
				recipient: '+5511912345678',
				messageStatus: 'accepted',
				template: 'a',
				language: 'en',
			},
		]);
		expect(
			messageOutput('sendText')(
				{ messages: [{ id: 'wamid.1' }] },
				{ method: 'POST', path: '/x', recipient: '+1' },
			),
		).toEqual([{ operation: 'sendText', messageId: 'wamid.1', waId: undefined, recipient: '+1' }]);
	});
});

describe('Template > List / Get', () => {
	it('list request: all pages, filters sent to Meta and kept for checking', () => {
		expect(
			value(
				buildListTemplatesRequest(
					{ status: 'APPROVED', category: 'UTILITY', language: 'en_US', name: 'order' },
					'2223334445556667',
				),
			),
		).toEqual({
			method: 'GET',
			path: '/2223334445556667/message_templates',
			qs: {
				fields:
					'id,name,language,status,category,sub_category,parameter_format,components,rejected_reason',
				limit: 100,
				status: 'APPROVED',
				category: 'UTILITY',
				language: 'en_US',
			},
			allPages: true,
			meta: {
				filters: { status: 'APPROVED', category: 'UTILITY', language: 'en_US', name: 'order' },
			},
		});
	});

	it('list without a WhatsApp Business Account ID says where to find it', () => {
		expect(problem(buildListTemplatesRequest({}, '')).message).toBe(
			'The credential has no WhatsApp Business Account ID',
		);
	});

	it('filters are applied again locally (name contains, case-insensitive)', () => {
		expect(
			filterTemplates(t.allTemplates, { status: 'approved', name: 'PROMO' }).map(
				(x) => `${x.name}:${x.language}`,
			),
		).toEqual(['spring_promo_positional:en_US', 'spring_promo_positional:es']);
		expect(
			filterTemplates(t.allTemplates, { category: 'AUTHENTICATION' }).map((x) => x.name),
		).toEqual(['login_code_otp']);
		expect(filterTemplates(t.allTemplates, { language: 'pt-BR' }).map((x) => x.name)).toEqual([
			'pickup_point_location',
		]);
		expect(filterTemplates(t.allTemplates, {})).toHaveLength(t.allTemplates.length);
	});

	it('get lists the variables a user has to map', () => {
		const described = describeTemplate(t.urlTracking);
		expect(described.variables).toEqual([
			{
				key: 'body_1',
				label: 'Body {{1}} (e.g. A-1009)',
				component: 'body',
				required: true,
				type: 'string',
				example: 'A-1009',
				position: 1,
				maxLength: 1024,
			},
			{
				key: 'button_1_url',
				label: 'Button "Track": URL Suffix (e.g. ZX81-2)',
				component: 'button',
				required: true,
				type: 'string',
				example: 'ZX81-2',
				buttonIndex: 1,
				buttonText: 'Track',
			},
		]);
		expect(described).toMatchObject({
			name: 'track_order_url',
			parameter_format: 'POSITIONAL',
			sendable: true,
		});
		expect(describeTemplate(t.pendingTemplate)).toMatchObject({ sendable: false });
		expect(String(describeTemplate(t.pendingTemplate).notSendableReason)).toContain(
			'status PENDING',
		);
	});
});

describe("template list search: the word sent as Meta's name filter", () => {
	it('a name-like word of 4+ characters, the longest; the name part of name:language', () => {
		expect(nameFilterFor('mega')).toBe('mega');
		expect(nameFilterFor('promo es')).toBe('promo');
		expect(nameFilterFor('spring tour')).toBe('spring');
		expect(nameFilterFor('  Spring_Promo  ')).toBe('spring_promo');
		expect(nameFilterFor('spring_promo_positional:es')).toBe('spring_promo_positional');
		expect(nameFilterFor('order2024')).toBe('order2024');
	});

	it('nothing for no search, or words that may mean a category, status or language, or cannot be in a name', () => {
		for (const search of [
			undefined,
			'',
			'   ',
			'MARKETING',
			'market',
			'utility',
			'auth',
			'pending',
			'rejected',
			'approved',
			'en_US',
			'pt_br',
			'es_419',
			'de',
			'fr es',
			'abc',
			'a-b',
			'promo!',
		]) {
			expect(nameFilterFor(search)).toBeUndefined();
		}
		expect(nameFilterFor('pending promo')).toBe('promo');
	});
});

describe('template list search', () => {
	it('approved only without a search, sorted, showing language, category and status; value name:language', () => {
		const results = templateSearchResults(t.allTemplates);
		expect(results).toHaveLength(13);
		expect(results[0]).toEqual({
			name: 'club_signup_flow (en_US) · MARKETING · APPROVED',
			value: 'club_signup_flow:en_US',
		});
		expect(results.some((r) => r.name.includes('PENDING'))).toBe(false);
	});

	it('a search finds every status, approved first', () => {
		expect(templateSearchResults(t.allTemplates, 'autumn')).toEqual([
			{ name: 'autumn_launch (en_US) · MARKETING · PENDING', value: 'autumn_launch:en_US' },
		]);
		expect(templateSearchResults(t.allTemplates, 'promo es').map((r) => r.value)).toEqual([
			'spring_promo_positional:es',
		]);
		expect(templateSearchResults(t.allTemplates, 'MARKETING').map((r) => r.value)).toEqual([
			'club_signup_flow:en_US',
			'spring_promo_positional:en_US',
			'spring_promo_positional:es',
			'studio_tour_video:en',
			'weekend_coupon_offer:en_US',
			'autumn_launch:en_US',
			'mega_sale:en_US',
		]);
	});
});

describe('node description', () => {
	const node = new WhatsAppCloud();
	const { description } = node;
	const props = description.properties;

	it('identity, credential, tool use, subtitle, icons', () => {
		expect(description).toMatchObject({
			displayName: 'WhatsApp Cloud',
			name: 'whatsAppCloud',
			usableAsTool: true,
			subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
			credentials: [{ name: 'whatsAppCloudApi', required: true }],
			icon: { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' },
		});
		expect(node.methods.listSearch.searchTemplates).toBeInstanceOf(Function);
		expect(node.methods.resourceMapping.getTemplateVariables).toBeInstanceOf(Function);
		expect(node.methods.loadOptions.getBodyVariables).toBeInstanceOf(Function);
	});

	it('resources and operations (internal names), sorted by display name, each with an action', () => {
		const resource = props.find((p) => p.name === 'resource')!;
		expect(resource.options).toEqual([
			{ name: 'Media', value: 'media' },
			{ name: 'Message', value: 'message' },
			{ name: 'Template', value: 'template' },
		]);
		const operations = props.filter((p) => p.name === 'operation');
		expect(
			operations.map((p) => [
				p.displayOptions?.show?.resource,
				(p.options as Array<{ value: string }>).map((o) => o.value),
				p.default,
			]),
		).toEqual([
			[
				['message'],
				[
					'markAsRead',
					'sendButtons',
					'sendContacts',
					'sendCtaUrl',
					'sendList',
					'sendLocation',
					'sendMedia',
					'sendReaction',
					'sendTemplate',
					'sendText',
				],
				'sendText',
			],
			[['media'], ['delete', 'download', 'getUrl', 'upload'], 'upload'],
			[['template'], ['create', 'delete', 'get', 'list'], 'list'],
		]);
		for (const operation of operations) {
			for (const option of operation.options as Array<{ action?: string; description?: string }>) {
				expect(option.action).toBeTruthy();
				expect(option.description).toBeTruthy();
			}
		}
	});

	const shown = (p: INodeProperties) => p.displayOptions?.show ?? {};
	const fieldsOf = (resource: string, operation: string) =>
		props
			.filter(
				(p) => shown(p).resource?.includes(resource) && shown(p).operation?.includes(operation),
			)
			.map((p) => p.name);

	it('parameter names per operation (what workflows store)', () => {
		expect(fieldsOf('message', 'sendText')).toEqual([
			'recipient',
			'text',
			'previewUrl',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendTemplate')).toEqual([
			'recipient',
			'template',
			'variablesMode',
			'variables',
			'components',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendMedia')).toEqual([
			'recipient',
			'mediaType',
			'source',
			'link',
			'binaryPropertyName',
			'mediaId',
			'caption',
			'fileName',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendButtons')).toEqual([
			'recipient',
			'body',
			'inputMode',
			'buttons',
			'buttonsJson',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendList')).toEqual([
			'recipient',
			'body',
			'buttonText',
			'inputMode',
			'rows',
			'sectionsJson',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendCtaUrl')).toEqual([
			'recipient',
			'body',
			'displayText',
			'url',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendLocation')).toEqual([
			'recipient',
			'latitude',
			'longitude',
			'name',
			'address',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendContacts')).toEqual([
			'recipient',
			'inputMode',
			'formattedName',
			'phones',
			'emails',
			'additionalFields',
			'contactsJson',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendReaction')).toEqual([
			'recipient',
			'messageId',
			'emoji',
			'sending',
		]);
		expect(fieldsOf('message', 'markAsRead')).toEqual(['messageId', 'typingIndicator', 'sending']);
		expect(fieldsOf('media', 'upload')).toEqual(['binaryPropertyName', 'options']);
		expect(fieldsOf('media', 'getUrl')).toEqual(['mediaId']);
		expect(fieldsOf('media', 'download')).toEqual(['mediaId', 'binaryPropertyName', 'options']);
		expect(fieldsOf('media', 'delete')).toEqual(['mediaId']);
		expect(fieldsOf('template', 'list')).toEqual(['filters']);
		expect(fieldsOf('template', 'create')).toEqual([
			'name',
			'language',
			'category',
			'inputMode',
			'parameterFormat',
			'header',
			'body',
			'examples',
			'footer',
			'templateButtons',
			'addSecurityRecommendation',
			'codeExpirationMinutes',
			'otpButtonText',
			'components',
		]);
		expect(fieldsOf('template', 'delete')).toEqual(['name', 'templateId']);
		expect(fieldsOf('template', 'get')).toEqual(['template']);
	});

	it('every field has a description (for users and AI agents)', () => {
		for (const p of props.filter(
			(p) => !['resource', 'operation', 'options', 'filters', 'additionalFields'].includes(p.name),
		)) {
			expect(`${p.name}: ${p.description ?? ''}`.length).toBeGreaterThan(p.name.length + 10);
		}
	});

	it('template variables use the resource mapper, refreshed from Meta', () => {
		const variables = props.find((p) => p.name === 'variables')!;
		expect(variables.type).toBe('resourceMapper');
		expect(variables.typeOptions?.loadOptionsDependsOn).toEqual(['template.value']);
		expect(variables.typeOptions?.resourceMapper).toMatchObject({
			resourceMapperMethod: 'getTemplateVariables',
			mode: 'add',
			supportAutoMap: false,
			fieldWords: { singular: 'variable', plural: 'variables' },
		});
	});

	it("options that only apply to one mode are offered only in that mode (as n8n's editor decides it)", () => {
		/** Names of the Options collection's entries the editor offers for these parameters. */
		const offered = (parameters: Record<string, unknown>): string[] => {
			const nodeValues = { resource: 'message', options: {}, ...parameters } as INodeParameters;
			const collection = props.find(
				(p) =>
					p.name === 'options' && NodeHelpers.displayParameter(nodeValues, p, null, description),
			)!;
			return (collection.options as INodeProperties[])
				.filter((option) =>
					NodeHelpers.displayParameterPath(nodeValues, option, 'options', null, description),
				)
				.map((option) => option.name);
		};
		expect(offered({ operation: 'sendTemplate', variablesMode: 'map' })).toContain(
			'variableFormats',
		);
		expect(offered({ operation: 'sendTemplate', variablesMode: 'json' })).toEqual([
			'replyToMessageId',
		]);
		expect(offered({ operation: 'sendMedia', source: 'binary' })).toContain('mimeType');
		expect(offered({ operation: 'sendMedia', source: 'link' })).toEqual(['replyToMessageId']);
		expect(offered({ operation: 'sendMedia', source: 'id' })).toEqual(['replyToMessageId']);
	});

	it('every operation is reachable through findOperation', () => {
		for (const resource of resources) {
			for (const operation of resource.operations) {
				expect(findOperation(resource.value, operation.value)).toBe(operation);
			}
		}
		expect(findOperation('message', 'nope')).toBeUndefined();
	});

	it('adding an operation is one definition: its fields get resource/operation display options', () => {
		const extra = buildNodeProperties([
			{
				value: 'message',
				name: 'Message',
				defaultOperation: 'react',
				operations: [
					{
						value: 'react',
						name: 'React',
						action: 'React to a message',
						description: 'Send an emoji reaction',
						sendsMessage: true,
						properties: [{ displayName: 'Emoji', name: 'emoji', type: 'string', default: '' }],
						readParameters: () => ({}),
						buildRequest: () => ({ ok: false, problem: { message: '', description: '' } }),
						toOutput: () => [],
					},
				],
			},
		]);
		expect(extra.map((p) => [p.name, p.displayOptions?.show])).toEqual([
			['resource', undefined],
			['operation', { resource: ['message'] }],
			['emoji', { resource: ['message'], operation: ['react'] }],
			['sending', { resource: ['message'], operation: ['react'] }],
		]);
	});
});
