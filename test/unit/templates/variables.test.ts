/**
 * Variable discovery: one field per template variable, in message order, labelled with Meta's
 * examples, for every kind of component; and the parts the variable fields cannot fill.
 */
import {
	discoverTemplateVariables,
	unsupportedComponents,
	type TemplateVariable,
} from '../../../nodes/WhatsAppCloud/templates/variables';
import * as t from '../../support/templates.fixtures';

const summary = (variables: TemplateVariable[]) =>
	variables.map((v) => ({ key: v.key, label: v.label, required: v.required, type: v.fieldType }));

describe('variable discovery (one field per variable, in message order)', () => {
	it('positional: header text and body, labelled with the examples; static URL and quick reply', () => {
		expect(summary(discoverTemplateVariables(t.positionalPromo))).toEqual([
			{ key: 'header_1', label: 'Header {{1}} (e.g. Maria)', required: true, type: 'string' },
			{ key: 'body_1', label: 'Body {{1}} (e.g. GARDEN15)', required: true, type: 'string' },
			{ key: 'body_2', label: 'Body {{2}} (e.g. 15%)', required: true, type: 'string' },
			{
				key: 'button_1_payload',
				label: 'Button "Stop offers": Quick Reply Payload (optional)',
				required: false,
				type: 'string',
			},
		]);
		const [header, body1] = discoverTemplateVariables(t.positionalPromo);
		expect(header).toMatchObject({ position: 1, maxLength: 60, component: 'header' });
		// The body shares the message with a header/footer/buttons: Meta's 1024 limit applies.
		expect(body1).toMatchObject({ position: 1, maxLength: 1024, component: 'body' });
	});

	it('named: image header and named body parameters (a repeated name is one field)', () => {
		const variables = discoverTemplateVariables(t.namedBooking);
		expect(summary(variables)).toEqual([
			{
				key: 'header_image',
				label: 'Header Image (https link or media ID)',
				required: true,
				type: 'string',
			},
			{
				key: 'body_guest_name',
				label: 'Body {{guest_name}} (e.g. Tomasz)',
				required: true,
				type: 'string',
			},
			{
				key: 'body_party_size',
				label: 'Body {{party_size}} (e.g. 3)',
				required: true,
				type: 'string',
			},
			{
				key: 'body_visit_date',
				label: 'Body {{visit_date}} (e.g. Friday 12 June)',
				required: true,
				type: 'string',
			},
			{
				key: 'button_1_payload',
				label: 'Button "Cancel booking": Quick Reply Payload (optional)',
				required: false,
				type: 'string',
			},
		]);
		expect(variables[1].parameterName).toBe('guest_name');
		expect(variables[1].position).toBeUndefined();
	});

	it('named header text variable', () => {
		expect(summary(discoverTemplateVariables(t.namedHeader))).toEqual([
			{
				key: 'header_parcel_id',
				label: 'Header {{parcel_id}} (e.g. DE-4471)',
				required: true,
				type: 'string',
			},
			{
				key: 'body_arrival_day',
				label: 'Body {{arrival_day}} (e.g. Montag)',
				required: true,
				type: 'string',
			},
		]);
	});

	it('media headers: document (with optional file name) and video', () => {
		expect(summary(discoverTemplateVariables(t.documentInvoice))).toEqual([
			{
				key: 'header_document',
				label: 'Header Document (https link or media ID)',
				required: true,
				type: 'string',
			},
			{
				key: 'header_document_filename',
				label: 'Header Document File Name (optional, e.g. invoice.pdf)',
				required: false,
				type: 'string',
			},
			{ key: 'body_1', label: 'Body {{1}} (e.g. F-2231)', required: true, type: 'string' },
		]);
		expect(summary(discoverTemplateVariables(t.videoTour))).toEqual([
			{
				key: 'header_video',
				label: 'Header Video (https link or media ID)',
				required: true,
				type: 'string',
			},
		]);
	});

	it('location header: latitude and longitude required numbers, name and address optional', () => {
		expect(summary(discoverTemplateVariables(t.locationPickup))).toEqual([
			{
				key: 'header_latitude',
				label: 'Header Location Latitude (e.g. 37.4847)',
				required: true,
				type: 'number',
			},
			{
				key: 'header_longitude',
				label: 'Header Location Longitude (e.g. -122.1484)',
				required: true,
				type: 'number',
			},
			{
				key: 'header_location_name',
				label: 'Header Location Name (optional)',
				required: false,
				type: 'string',
			},
			{
				key: 'header_location_address',
				label: 'Header Location Address (optional)',
				required: false,
				type: 'string',
			},
			{ key: 'body_1', label: 'Body {{1}} (e.g. P-88)', required: true, type: 'string' },
		]);
	});

	it('dynamic URL button: keyed by its Meta index, example shown as the suffix only', () => {
		const variables = discoverTemplateVariables(t.urlTracking);
		expect(summary(variables)).toEqual([
			{ key: 'body_1', label: 'Body {{1}} (e.g. A-1009)', required: true, type: 'string' },
			{
				key: 'button_1_url',
				label: 'Button "Track": URL Suffix (e.g. ZX81-2)',
				required: true,
				type: 'string',
			},
		]);
		expect(variables[1]).toMatchObject({ buttonIndex: 1, buttonText: 'Track', example: 'ZX81-2' });
	});

	it('copy-code coupon, limited-time offer and URL suffix', () => {
		expect(summary(discoverTemplateVariables(t.couponOffer))).toEqual([
			{
				key: 'header_image',
				label: 'Header Image (https link or media ID)',
				required: true,
				type: 'string',
			},
			{ key: 'body_1', label: 'Body {{1}} (e.g. SHIPFREE)', required: true, type: 'string' },
			{
				key: 'offer_expiration_time_ms',
				label: 'Offer Expiration (Unix time in milliseconds)',
				required: true,
				type: 'number',
			},
			{
				key: 'button_0_coupon_code',
				label: 'Button 1: Coupon Code (e.g. SHIPFREE)',
				required: true,
				type: 'string',
			},
			{
				key: 'button_1_url',
				label: 'Button "Shop": URL Suffix (e.g. wk22)',
				required: true,
				type: 'string',
			},
		]);
		expect(discoverTemplateVariables(t.couponOffer)[3].maxLength).toBe(15);
	});

	it('quick replies: one optional payload per button', () => {
		expect(summary(discoverTemplateVariables(t.quickReplies))).toEqual([
			{
				key: 'button_0_payload',
				label: 'Button "Oui": Quick Reply Payload (optional)',
				required: false,
				type: 'string',
			},
			{
				key: 'button_1_payload',
				label: 'Button "Non": Quick Reply Payload (optional)',
				required: false,
				type: 'string',
			},
			{
				key: 'button_2_payload',
				label: 'Button "Parler à quelqu’un": Quick Reply Payload (optional)',
				required: false,
				type: 'string',
			},
		]);
	});

	it('flow button: optional token, and optional action data hidden until added', () => {
		const variables = discoverTemplateVariables(t.flowSignup);
		expect(summary(variables)).toEqual([
			{
				key: 'body_first_name',
				label: 'Body {{first_name}} (e.g. Ana)',
				required: true,
				type: 'string',
			},
			{
				key: 'button_0_flow_token',
				label: 'Button "Sign up": Flow Token (optional)',
				required: false,
				type: 'string',
			},
			{
				key: 'button_0_flow_action_data',
				label: 'Button "Sign up": Flow Action Data (optional JSON object)',
				required: false,
				type: 'string',
			},
		]);
		expect(variables[2].hiddenByDefault).toBe(true);
	});

	it('authentication template: body code and the one-time-password button', () => {
		expect(summary(discoverTemplateVariables(t.otpLogin))).toEqual([
			{ key: 'body_1', label: 'Body {{1}} (e.g. 482913)', required: true, type: 'string' },
			{
				key: 'button_0_otp_code',
				label: 'Button "Copy code": One-Time Code',
				required: true,
				type: 'string',
			},
		]);
	});

	it('body-only template: body parameters may be 32768 characters', () => {
		expect(discoverTemplateVariables(t.bodyOnly)[0].maxLength).toBe(32768);
	});

	it('template without variables has no fields', () => {
		expect(discoverTemplateVariables(t.pendingTemplate)).toEqual([]);
	});

	it('lowercase component types (as in create requests) are read too', () => {
		const lower = {
			name: 'order_confirmation',
			language: 'en_US',
			parameter_format: 'named',
			components: [
				{
					type: 'body',
					text: 'Thanks {{customer}}, order {{order_ref}} is confirmed.',
					example: {
						body_text_named_params: [
							{ param_name: 'customer', example: 'Kim' },
							{ param_name: 'order_ref', example: 'Q-77' },
						],
					},
				},
			],
		};
		expect(discoverTemplateVariables(lower).map((v) => v.key)).toEqual([
			'body_customer',
			'body_order_ref',
		]);
	});

	it('long example values are shortened in labels', () => {
		const long = 'x'.repeat(80);
		const variables = discoverTemplateVariables({
			name: 'n',
			language: 'en',
			components: [{ type: 'BODY', text: '{{1}}', example: { body_text: [[long]] } }],
		});
		expect(variables[0].label).toBe(`Body {{1}} (e.g. ${'x'.repeat(39)}…)`);
	});

	it('names components it cannot fill', () => {
		expect(
			unsupportedComponents({
				name: 'c',
				language: 'en',
				components: [{ type: 'HEADER', format: 'PRODUCT' }, { type: 'CAROUSEL' }],
			}),
		).toEqual(['product header', 'carousel cards']);
	});
});

describe('variable keys', () => {
	it('every fixture yields unique keys', () => {
		for (const template of t.allTemplates) {
			const keys = discoverTemplateVariables(template).map((v) => v.key);
			expect(new Set(keys).size).toBe(keys.length);
		}
	});
});
