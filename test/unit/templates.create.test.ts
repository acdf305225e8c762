/**
 * Template > Create and Delete: the definition we submit, compared with Meta's documented create
 * shapes (../shared/meta/templates/create-template-positional-params / -named-params and the
 * spec's header/footer/buttons/authentication examples, rewritten with our own values), and
 * every review rule checked before submitting, with the message and fix the user sees.
 */
import {
	buildCreateTemplateRequest,
	type CreateTemplateInput,
} from '../../nodes/WhatsAppCloud/actions/template/create.operation';
import { buildDeleteTemplateRequest } from '../../nodes/WhatsAppCloud/actions/template/delete.operation';
import { problem, value } from '../support/result';
import {
	checkComponentsJson,
	readTemplateIdentity,
} from '../../nodes/WhatsAppCloud/templates/draft';
import { buildButtonsComponent } from '../../nodes/WhatsAppCloud/templates/draftButtons';
import {
	buildBodyComponent,
	buildHeaderComponent,
	templateVariablesOf,
} from '../../nodes/WhatsAppCloud/templates/draftText';

const WABA = '2223334445556667';

const create = (input: Partial<CreateTemplateInput>) =>
	buildCreateTemplateRequest(
		{ name: 'repair_ready', language: 'en_US', category: 'UTILITY', inputMode: 'fields', ...input },
		WABA,
	);

describe('Template > Create: the definitions', () => {
	it("positional: Meta's create-template-positional-params shape", () => {
		expect(
			value(
				create({
					body: 'Hi {{1}}! Your repair {{2}} is done. Thank you.',
					examples: [
						{ variable: '2', example: 'R-2041' },
						{ variable: '1', example: 'Ada' },
					],
				}),
			),
		).toEqual({
			method: 'POST',
			path: `/${WABA}/message_templates`,
			meta: { name: 'repair_ready', language: 'en_US' },
			body: {
				name: 'repair_ready',
				language: 'en_US',
				category: 'UTILITY',
				parameter_format: 'positional',
				components: [
					{
						type: 'BODY',
						text: 'Hi {{1}}! Your repair {{2}} is done. Thank you.',
						example: { body_text: [['Ada', 'R-2041']] },
					},
				],
			},
		});
	});

	it("named: Meta's create-template-named-params shape (examples in order of appearance)", () => {
		expect(
			value(
				create({
					parameterFormat: 'named',
					body: 'Thanks, {{customer}}! Order {{order_ref}} ships today.',
					examples: [
						{ variable: '{{order_ref}}', example: 'B-77' },
						{ variable: 'customer', example: 'Bo' },
					],
				}),
			).body,
		).toEqual({
			name: 'repair_ready',
			language: 'en_US',
			category: 'UTILITY',
			parameter_format: 'named',
			components: [
				{
					type: 'BODY',
					text: 'Thanks, {{customer}}! Order {{order_ref}} ships today.',
					example: {
						body_text_named_params: [
							{ param_name: 'customer', example: 'Bo' },
							{ param_name: 'order_ref', example: 'B-77' },
						],
					},
				},
			],
		});
	});

	it("header, footer and buttons in Meta's order and shape", () => {
		const body = value(
			create({
				category: 'MARKETING',
				header: { format: 'TEXT', text: 'Spring sale {{1}}', example: '2026' },
				body: 'Use code {{1}} for 15% off all tune-ups this week.',
				examples: [{ variable: '1', example: 'SPRING15' }],
				footer: 'Reply STOP to opt out',
				buttons: [
					{ type: 'QUICK_REPLY', text: 'Stop promotions' },
					{
						type: 'URL',
						text: 'Shop',
						url: 'https://example.org/shop?promo={{1}}',
						urlExample: 'spring15',
					},
					{ type: 'PHONE_NUMBER', text: 'Call us', phoneNumber: '+1 (555) 014-2277' },
					{ type: 'COPY_CODE', couponExample: 'SPRING15' },
				],
			}),
		).body;
		expect(body?.components).toEqual([
			{
				type: 'HEADER',
				format: 'TEXT',
				text: 'Spring sale {{1}}',
				example: { header_text: ['2026'] },
			},
			{
				type: 'BODY',
				text: 'Use code {{1}} for 15% off all tune-ups this week.',
				example: { body_text: [['SPRING15']] },
			},
			{ type: 'FOOTER', text: 'Reply STOP to opt out' },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'QUICK_REPLY', text: 'Stop promotions' },
					{
						type: 'URL',
						text: 'Shop',
						url: 'https://example.org/shop?promo={{1}}',
						example: ['spring15'],
					},
					{ type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550142277' },
					{ type: 'COPY_CODE', example: 'SPRING15' },
				],
			},
		]);
		expect(body?.category).toBe('MARKETING');
	});

	it('media and location headers; named header variable', () => {
		expect(
			value(
				buildHeaderComponent({ format: 'IMAGE', mediaHandle: '4::aW1hZ2U=:ARb' }, 'POSITIONAL'),
			),
		).toEqual({
			type: 'HEADER',
			format: 'IMAGE',
			example: { header_handle: ['4::aW1hZ2U=:ARb'] },
		});
		expect(value(buildHeaderComponent({ format: 'LOCATION' }, 'POSITIONAL'))).toEqual({
			type: 'HEADER',
			format: 'LOCATION',
		});
		expect(
			value(
				buildHeaderComponent({ format: 'TEXT', text: 'Hello {{name}}', example: 'Cy' }, 'NAMED'),
			),
		).toEqual({
			type: 'HEADER',
			format: 'TEXT',
			text: 'Hello {{name}}',
			example: { header_text_named_params: [{ param_name: 'name', example: 'Cy' }] },
		});
	});

	it("authentication: Meta's copy-code OTP shape (no parameter_format)", () => {
		expect(
			value(
				create({
					name: 'login_code',
					category: 'AUTHENTICATION',
					addSecurityRecommendation: true,
					codeExpirationMinutes: 10,
					otpButtonText: 'Copy code',
				}),
			).body,
		).toEqual({
			name: 'login_code',
			language: 'en_US',
			category: 'AUTHENTICATION',
			components: [
				{ type: 'BODY', add_security_recommendation: true },
				{ type: 'FOOTER', code_expiration_minutes: 10 },
				{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
			],
		});
		expect(
			value(create({ category: 'AUTHENTICATION', codeExpirationMinutes: 0 })).body?.components,
		).toEqual([
			{ type: 'BODY' },
			{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy Code' }] },
		]);
		expect(
			problem(create({ category: 'AUTHENTICATION', codeExpirationMinutes: 91 })),
		).toMatchObject({ field: 'codeExpirationMinutes' });
	});

	it("JSON mode: Meta's components sent as given, after the example checks", () => {
		const components = [
			{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['77'] } },
			{
				type: 'BODY',
				text: 'Hi {{1}}, order {{2}} is ready. Thanks!',
				example: { body_text: [['Ada', '77']] },
			},
		];
		expect(
			value(create({ inputMode: 'json', components: JSON.stringify(components) })).body,
		).toEqual({
			name: 'repair_ready',
			language: 'en_US',
			category: 'UTILITY',
			parameter_format: 'positional',
			components,
		});
		expect(
			problem(
				create({
					inputMode: 'json',
					components: JSON.stringify([
						{
							type: 'BODY',
							text: 'Hi {{1}}, order {{2}} is ready. Thanks!',
							example: { body_text: [['Ada']] },
						},
					]),
				}),
			).message,
		).toBe('Component 1 (BODY) has 2 variable(s) but 1 example(s)');
		expect(
			problem(checkComponentsJson([{ type: 'FOOTER', text: 'x' }], 'UTILITY', 'POSITIONAL'))
				.message,
		).toBe('Components (JSON) has no BODY component');
		expect(
			checkComponentsJson(
				[{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] }],
				'AUTHENTICATION',
				'POSITIONAL',
			).ok,
		).toBe(true);
		// Carousel cards and limited-time offers exist only in JSON mode (the description says so): never refused.
		const carousel = [
			{ type: 'BODY', text: 'New bikes are in, take a look at them.' },
			{
				type: 'CAROUSEL',
				cards: [
					{
						components: [
							{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aGVsbG8='] } },
						],
					},
				],
			},
		];
		expect(checkComponentsJson(carousel, 'MARKETING', 'POSITIONAL')).toEqual({
			ok: true,
			value: carousel,
		});
		const offer = [
			{
				type: 'LIMITED_TIME_OFFER',
				limited_time_offer: { text: 'Weekend deal', has_expiration: true },
			},
			{ type: 'body', text: 'Only this weekend: a free tune-up with every repair.' },
		];
		expect(checkComponentsJson(offer, 'MARKETING', 'POSITIONAL').ok).toBe(true);
		expect(
			problem(checkComponentsJson([{ type: 'BUTTON', buttons: [] }], 'MARKETING', 'POSITIONAL')),
		).toMatchObject({
			message: 'Component 1 has type "BUTTON"',
			description:
				'Component types are HEADER, BODY, FOOTER, BUTTONS, CAROUSEL, LIMITED_TIME_OFFER and CALL_PERMISSION_REQUEST.',
		});
		expect(problem(checkComponentsJson([], 'MARKETING', 'POSITIONAL')).message).toBe(
			'Components (JSON) must be a non-empty array',
		);
		expect(
			problem(
				checkComponentsJson(
					[
						{
							type: 'BODY',
							text: 'Hi {{name}} and more words.',
							example: { body_text_named_params: [] },
						},
					],
					'MARKETING',
					'NAMED',
				),
			).message,
		).toBe('Component 1 (BODY) has 1 variable(s) but 0 example(s)');
		expect(problem(create({ inputMode: 'json', components: '[oops' }))).toMatchObject({
			field: 'components',
		});
	});

	it('the credential must name the WhatsApp Business Account', () => {
		expect(
			problem(
				buildCreateTemplateRequest(
					{ name: 'a', language: 'en', category: 'UTILITY', inputMode: 'fields', body: 'x' },
					'',
				),
			),
		).toMatchObject({
			field: 'businessAccountId',
		});
	});
});

describe("Template > Create: Meta's review rules, before submitting", () => {
	it.each([
		['', 'Template name is empty'],
		['Repair Ready', '"Repair Ready" is not a valid template name'],
		['a'.repeat(513), `"${'a'.repeat(60)}…" is not a valid template name`],
	])('name %j', (name, message) => {
		expect(
			problem(readTemplateIdentity({ name, language: 'en', category: 'UTILITY' })),
		).toMatchObject({ message, field: 'name' });
	});

	it('name suggestions, language codes, categories', () => {
		expect(
			problem(readTemplateIdentity({ name: 'Repair Ready!', language: 'en', category: 'UTILITY' }))
				.description,
		).toContain('"repair_ready"');
		expect(
			value(readTemplateIdentity({ name: 'ok', language: 'pt-BR', category: 'marketing' })),
		).toEqual({ name: 'ok', language: 'pt_BR', category: 'MARKETING' });
		expect(
			problem(readTemplateIdentity({ name: 'ok', language: 'English', category: 'UTILITY' })),
		).toMatchObject({ field: 'language' });
		expect(
			problem(readTemplateIdentity({ name: 'ok', language: 'en', category: 'SERVICE' })),
		).toMatchObject({ field: 'category' });
	});

	it('every body variable needs an example, and examples must name existing variables', () => {
		const missing = problem(
			buildBodyComponent(
				'Hi {{1}}, your order {{2}} has shipped today.',
				[{ variable: '1', example: 'Ada' }],
				'POSITIONAL',
			),
		);
		expect(missing).toMatchObject({ message: 'No example for {{2}}', field: 'examples' });
		expect(missing.description).toContain('Meta requires an example value for every variable');
		expect(
			problem(
				buildBodyComponent(
					'Hi {{1}}, thanks for your order.',
					[{ variable: '3', example: 'x' }],
					'POSITIONAL',
				),
			).message,
		).toBe('Example for {{3}}, which the body does not have');
		expect(
			problem(
				buildBodyComponent(
					'Hi {{1}}, thanks for your order.',
					[{ variable: '1', example: '  ' }],
					'POSITIONAL',
				),
			).message,
		).toBe('No example for {{1}}');
	});

	it('positional variables numbered from 1 without gaps; formats not mixed; no spaces in braces; balanced braces', () => {
		expect(
			problem(buildBodyComponent('Hi {{1}}, gate {{3}} opens soon, thanks.', [], 'POSITIONAL'))
				.message,
		).toBe('Body Text skips or misnumbers variables: it has {{1}}, {{3}}');
		expect(
			problem(buildBodyComponent('Hi {{name}}, welcome back to us.', [], 'POSITIONAL')).message,
		).toBe('Body Text uses the named variable {{name}} but Parameter Format is Positional');
		expect(problem(buildBodyComponent('Hi {{1}}, welcome back to us.', [], 'NAMED')).message).toBe(
			'Body Text uses the positional variable {{1}} but Parameter Format is Named',
		);
		const spaced = problem(
			templateVariablesOf('Hi {{ 1 }} there', 'POSITIONAL', 'Body Text', 'body'),
		);
		expect(spaced).toMatchObject({
			message: 'Body Text has a malformed variable "{{ 1 }}"',
			description: 'Write it as {{1}}, without spaces.',
		});
		expect(
			problem(templateVariablesOf('Hi {{First Name}} there', 'NAMED', 'Body Text', 'body'))
				.description,
		).toContain('lowercase letters');
		expect(
			problem(templateVariablesOf('Hi {{1} there', 'POSITIONAL', 'Body Text', 'body')).message,
		).toBe('Body Text has unbalanced braces');
	});

	it('the body may not start or end with a variable (trailing punctuation still counts as the end)', () => {
		expect(
			problem(
				buildBodyComponent(
					'{{1}}, your bike is ready.',
					[{ variable: '1', example: 'Ada' }],
					'POSITIONAL',
				),
			).message,
		).toBe('Body Text starts with a variable');
		expect(
			problem(
				buildBodyComponent(
					'Your bike is ready, {{1}}.',
					[{ variable: '1', example: 'Ada' }],
					'POSITIONAL',
				),
			).message,
		).toBe('Body Text ends with a variable');
		expect(
			buildBodyComponent(
				'Your bike is ready, {{1}}. See you soon!',
				[{ variable: '1', example: 'Ada' }],
				'POSITIONAL',
			).ok,
		).toBe(true);
	});

	it('lengths: body 1024, header 60 with one variable, footer 60 without variables', () => {
		expect(buildBodyComponent('b'.repeat(1024), [], 'POSITIONAL').ok).toBe(true);
		expect(problem(buildBodyComponent('b'.repeat(1025), [], 'POSITIONAL')).message).toBe(
			'Body Text is 1025 characters; Meta allows at most 1024',
		);
		expect(problem(buildBodyComponent('  ', [], 'POSITIONAL')).message).toBe('Body Text is empty');
		expect(
			problem(buildHeaderComponent({ format: 'TEXT', text: 'h'.repeat(61) }, 'POSITIONAL')).message,
		).toBe('Header Text is 61 characters; Meta allows at most 60');
		expect(
			problem(
				buildHeaderComponent(
					{ format: 'TEXT', text: '{{1}} and {{2}}', example: 'x' },
					'POSITIONAL',
				),
			).message,
		).toBe('Header Text has 2 variables; Meta allows one');
		expect(
			problem(
				buildHeaderComponent({ format: 'TEXT', text: 'Order {{2}}', example: 'x' }, 'POSITIONAL'),
			).message,
		).toBe('The header variable must be {{1}}, not {{2}}');
		expect(
			problem(buildHeaderComponent({ format: 'TEXT', text: 'Order {{1}}' }, 'POSITIONAL')),
		).toMatchObject({ field: 'header.example' });
		expect(problem(buildHeaderComponent({ format: 'VIDEO' }, 'POSITIONAL'))).toMatchObject({
			field: 'header.mediaHandle',
		});
		expect(
			problem(create({ body: 'Hello there, all good.', footer: 'f'.repeat(61) })).message,
		).toBe('Footer Text is 61 characters; Meta allows at most 60');
		expect(problem(create({ body: 'Hello there, all good.', footer: 'Bye {{1}}' })).message).toBe(
			'Footer Text has a variable',
		);
	});

	it('buttons: text 25, valid URL with {{1}} only at the end and an example, phone number, coupon 15, counts and grouping', () => {
		expect(
			problem(buildButtonsComponent([{ type: 'QUICK_REPLY', text: 't'.repeat(26) }])).message,
		).toBe('Button 1 text is 26 characters; Meta allows at most 25');
		expect(problem(buildButtonsComponent([{ type: 'QUICK_REPLY' }])).message).toBe(
			'Button 1 (Quick Reply) has no text',
		);
		expect(
			problem(buildButtonsComponent([{ type: 'URL', text: 'Go', url: 'example.org' }])).message,
		).toBe('Button 1 has no valid URL');
		expect(
			problem(
				buildButtonsComponent([{ type: 'URL', text: 'Go', url: 'https://example.org/{{1}}/x' }]),
			).message,
		).toBe('Button 1 URL has a misplaced variable');
		expect(
			problem(
				buildButtonsComponent([{ type: 'URL', text: 'Go', url: 'https://example.org/{{1}}' }]),
			).message,
		).toBe('Button 1 URL has {{1}} but no example');
		expect(
			problem(
				buildButtonsComponent([{ type: 'PHONE_NUMBER', text: 'Call', phoneNumber: 'call me' }]),
			).message,
		).toBe('Button 1 has no valid phone number');
		expect(
			problem(buildButtonsComponent([{ type: 'COPY_CODE', couponExample: 'C'.repeat(16) }]))
				.message,
		).toBe('Button 1 (Copy Code) needs an example code of 1 to 15 characters');
		expect(problem(buildButtonsComponent([{ type: 'SHARE' }])).message).toBe(
			'Button 1 has no valid type',
		);
		const url = { type: 'URL', text: 'Go', url: 'https://example.org' };
		expect(problem(buildButtonsComponent([url, url, url])).message).toBe(
			'3 URL buttons; Meta allows at most 2',
		);
		const phone = { type: 'PHONE_NUMBER', text: 'Call', phoneNumber: '+15550142277' };
		expect(problem(buildButtonsComponent([phone, phone])).message).toBe(
			'2 phone number buttons; Meta allows one',
		);
		const code = { type: 'COPY_CODE', couponExample: 'A' };
		expect(problem(buildButtonsComponent([code, code])).message).toBe(
			'2 copy code buttons; Meta allows one',
		);
		const quick = { type: 'QUICK_REPLY', text: 'Yes' };
		expect(problem(buildButtonsComponent(Array(11).fill(quick))).message).toBe(
			'11 buttons; Meta allows at most 10',
		);
		expect(problem(buildButtonsComponent([quick, url, quick])).message).toBe(
			'Quick reply buttons are mixed between other buttons',
		);
		expect(buildButtonsComponent([url, quick, quick]).ok).toBe(true);
		expect(value(buildButtonsComponent([]))).toBeUndefined();
	});
});

describe('Template > Delete', () => {
	it('by name (every language), or one version with hsm_id', () => {
		expect(value(buildDeleteTemplateRequest({ name: 'repair_ready' }, WABA))).toEqual({
			method: 'DELETE',
			path: `/${WABA}/message_templates`,
			qs: { name: 'repair_ready' },
			meta: { name: 'repair_ready' },
		});
		expect(
			value(
				buildDeleteTemplateRequest(
					{ name: ' repair_ready ', templateId: '1387372356726668' },
					WABA,
				),
			).qs,
		).toEqual({
			name: 'repair_ready',
			hsm_id: '1387372356726668',
		});
	});

	it('refuses a name with a language or a non-numeric ID', () => {
		expect(problem(buildDeleteTemplateRequest({ name: 'repair_ready:en_US' }, WABA))).toMatchObject(
			{ field: 'name' },
		);
		expect(
			problem(buildDeleteTemplateRequest({ name: 'repair_ready', templateId: 'abc' }, WABA)),
		).toMatchObject({ field: 'templateId' });
		expect(problem(buildDeleteTemplateRequest({ name: 'x' }, undefined))).toMatchObject({
			field: 'businessAccountId',
		});
	});
});
