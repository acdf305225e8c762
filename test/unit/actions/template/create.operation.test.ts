/**
 * Template > Create: the definition we submit, compared with Meta's documented create shapes
 * (positional and named parameters, header/footer/buttons, authentication; written with our own
 * values), from fields or as Components JSON.
 */
import {
	buildCreateTemplateRequest,
	type CreateTemplateInput,
} from '../../../../nodes/WhatsAppCloud/actions/template/create.operation';
import { checkComponentsJson } from '../../../../nodes/WhatsAppCloud/templates/draft';
import { problem, value } from '../../../support/result';

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
