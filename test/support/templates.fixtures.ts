/**
 * Our own template definitions, in the shapes Meta's GET /{waba-id}/message_templates returns
 * (the shapes of Meta's published examples; the values are invented for this project). Used by
 * the unit tests (variable discovery, components) and the workflow tests (fake Graph).
 */
import type { TemplateDefinition } from '../../nodes/WhatsAppCloud/templates/definition';

/** Positional: text header {{1}}, body {{1}} {{2}}, footer, static URL + quick reply. */
export const positionalPromo: TemplateDefinition = {
	id: '900000000000001',
	name: 'spring_promo_positional',
	language: 'en_US',
	status: 'APPROVED',
	category: 'MARKETING',
	parameter_format: 'POSITIONAL',
	components: [
		{ type: 'HEADER', format: 'TEXT', text: 'Hello {{1}}!', example: { header_text: ['Maria'] } },
		{
			type: 'BODY',
			text: 'Your code {{1}} takes {{2}} off anything in the garden shop until Sunday.',
			example: { body_text: [['GARDEN15', '15%']] },
		},
		{ type: 'FOOTER', text: 'Green Thumb Nursery' },
		{
			type: 'BUTTONS',
			buttons: [
				{ type: 'URL', text: 'Open shop', url: 'https://shop.example.org/spring' },
				{ type: 'QUICK_REPLY', text: 'Stop offers' },
			],
		},
	],
};

/** Named: image header, body with {{guest_name}} {{party_size}} {{visit_date}}. */
export const namedBooking: TemplateDefinition = {
	id: '900000000000002',
	name: 'table_booking_named',
	language: 'en_GB',
	status: 'APPROVED',
	category: 'UTILITY',
	parameter_format: 'NAMED',
	components: [
		{
			type: 'HEADER',
			format: 'IMAGE',
			example: { header_handle: ['https://media.example.org/h/abc'] },
		},
		{
			type: 'BODY',
			text: 'Hi {{guest_name}}, your table for {{party_size}} on {{visit_date}} is booked. See you, {{guest_name}}!',
			example: {
				body_text_named_params: [
					{ param_name: 'guest_name', example: 'Tomasz' },
					{ param_name: 'party_size', example: '3' },
					{ param_name: 'visit_date', example: 'Friday 12 June' },
				],
			},
		},
		{
			type: 'BUTTONS',
			buttons: [
				{ type: 'PHONE_NUMBER', text: 'Call the restaurant', phone_number: '+441234567890' },
				{ type: 'QUICK_REPLY', text: 'Cancel booking' },
			],
		},
	],
};

/** Named header text variable. */
export const namedHeader: TemplateDefinition = {
	id: '900000000000003',
	name: 'parcel_update_named',
	language: 'de',
	status: 'APPROVED',
	category: 'UTILITY',
	parameter_format: 'NAMED',
	components: [
		{
			type: 'HEADER',
			format: 'TEXT',
			text: 'Paket {{parcel_id}}',
			example: { header_text_named_params: [{ param_name: 'parcel_id', example: 'DE-4471' }] },
		},
		{
			type: 'BODY',
			text: 'Ihr Paket kommt am {{arrival_day}}.',
			example: { body_text_named_params: [{ param_name: 'arrival_day', example: 'Montag' }] },
		},
	],
};

/** Document header (media), positional body. */
export const documentInvoice: TemplateDefinition = {
	id: '900000000000004',
	name: 'invoice_document',
	language: 'es_MX',
	status: 'APPROVED',
	category: 'UTILITY',
	parameter_format: 'POSITIONAL',
	components: [
		{
			type: 'HEADER',
			format: 'DOCUMENT',
			example: { header_handle: ['https://media.example.org/h/doc'] },
		},
		{ type: 'BODY', text: 'Factura {{1}} adjunta.', example: { body_text: [['F-2231']] } },
	],
};

/** Video header, body without variables. */
export const videoTour: TemplateDefinition = {
	id: '900000000000005',
	name: 'studio_tour_video',
	language: 'en',
	status: 'APPROVED',
	category: 'MARKETING',
	components: [
		{
			type: 'HEADER',
			format: 'VIDEO',
			example: { header_handle: ['https://media.example.org/h/vid'] },
		},
		{ type: 'BODY', text: 'Take a quick tour of our new studio.' },
	],
};

/** Location header, positional body. */
export const locationPickup: TemplateDefinition = {
	id: '900000000000006',
	name: 'pickup_point_location',
	language: 'pt_BR',
	status: 'APPROVED',
	category: 'UTILITY',
	parameter_format: 'POSITIONAL',
	components: [
		{ type: 'HEADER', format: 'LOCATION' },
		{
			type: 'BODY',
			text: 'Seu pedido {{1}} espera por você aqui.',
			example: { body_text: [['P-88']] },
		},
	],
};

/** Dynamic URL button (suffix) and a second, static URL button. */
export const urlTracking: TemplateDefinition = {
	id: '900000000000007',
	name: 'track_order_url',
	language: 'en_US',
	status: 'APPROVED',
	category: 'UTILITY',
	parameter_format: 'POSITIONAL',
	components: [
		{ type: 'BODY', text: 'Order {{1}} has shipped.', example: { body_text: [['A-1009']] } },
		{
			type: 'BUTTONS',
			buttons: [
				{ type: 'URL', text: 'Help', url: 'https://help.example.org' },
				{
					type: 'URL',
					text: 'Track',
					url: 'https://track.example.org/p/{{1}}',
					example: ['https://track.example.org/p/ZX81-2'],
				},
			],
		},
	],
};

/** Copy-code coupon + limited-time offer with expiration + URL suffix (Meta's LTO shape). */
export const couponOffer: TemplateDefinition = {
	id: '900000000000008',
	name: 'weekend_coupon_offer',
	language: 'en_US',
	status: 'APPROVED',
	category: 'MARKETING',
	parameter_format: 'POSITIONAL',
	components: [
		{
			type: 'HEADER',
			format: 'IMAGE',
			example: { header_handle: ['https://media.example.org/h/img'] },
		},
		{
			type: 'LIMITED_TIME_OFFER',
			limited_time_offer: { text: 'Weekend deal', has_expiration: true },
		},
		{ type: 'BODY', text: 'Use {{1}} for free delivery.', example: { body_text: [['SHIPFREE']] } },
		{
			type: 'BUTTONS',
			buttons: [
				{ type: 'COPY_CODE', example: 'SHIPFREE' },
				{
					type: 'URL',
					text: 'Shop',
					url: 'https://shop.example.org/w/{{1}}',
					example: ['https://shop.example.org/w/wk22'],
				},
			],
		},
	],
};

/** Three quick replies, no other variables. */
export const quickReplies: TemplateDefinition = {
	id: '900000000000009',
	name: 'delivery_feedback_quick',
	language: 'fr',
	status: 'APPROVED',
	category: 'UTILITY',
	components: [
		{ type: 'BODY', text: 'Votre livraison s’est-elle bien passée ?' },
		{
			type: 'BUTTONS',
			buttons: [
				{ type: 'QUICK_REPLY', text: 'Oui' },
				{ type: 'QUICK_REPLY', text: 'Non' },
				{ type: 'QUICK_REPLY', text: 'Parler à quelqu’un' },
			],
		},
	],
};

/** Flow button. */
export const flowSignup: TemplateDefinition = {
	id: '900000000000010',
	name: 'club_signup_flow',
	language: 'en_US',
	status: 'APPROVED',
	category: 'MARKETING',
	parameter_format: 'NAMED',
	components: [
		{
			type: 'BODY',
			text: 'Join the club, {{first_name}}!',
			example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] },
		},
		{
			type: 'BUTTONS',
			buttons: [
				{
					type: 'FLOW',
					text: 'Sign up',
					flow_id: '7000000001',
					flow_action: 'navigate',
					navigate_screen: 'WELCOME',
				},
			],
		},
	],
};

/** Authentication template with a one-time-password button. */
export const otpLogin: TemplateDefinition = {
	id: '900000000000011',
	name: 'login_code_otp',
	language: 'en_US',
	status: 'APPROVED',
	category: 'AUTHENTICATION',
	components: [
		{
			type: 'BODY',
			text: '{{1}} is your verification code.',
			example: { body_text: [['482913']] },
		},
		{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
	],
};

/** Body-only positional template (body parameters may be up to 32768 characters). */
export const bodyOnly: TemplateDefinition = {
	id: '900000000000012',
	name: 'plain_notice',
	language: 'en_US',
	status: 'APPROVED',
	category: 'UTILITY',
	components: [
		{ type: 'BODY', text: 'Notice: {{1}}', example: { body_text: [['Water off 9-11am']] } },
	],
};

/** Pending (not approved) template. */
export const pendingTemplate: TemplateDefinition = {
	id: '900000000000013',
	name: 'autumn_launch',
	language: 'en_US',
	status: 'PENDING',
	category: 'MARKETING',
	components: [{ type: 'BODY', text: 'Autumn is here.' }],
};

/** Rejected template with a reason. */
export const rejectedTemplate: TemplateDefinition = {
	id: '900000000000014',
	name: 'mega_sale',
	language: 'en_US',
	status: 'REJECTED',
	category: 'MARKETING',
	rejected_reason: 'INVALID_FORMAT',
	components: [{ type: 'BODY', text: 'Sale!' }],
};

/** Same name, second language (to test name-only ambiguity). */
export const positionalPromoSpanish: TemplateDefinition = {
	...positionalPromo,
	id: '900000000000015',
	language: 'es',
};

export const allTemplates: TemplateDefinition[] = [
	positionalPromo,
	namedBooking,
	namedHeader,
	documentInvoice,
	videoTour,
	locationPickup,
	urlTracking,
	couponOffer,
	quickReplies,
	flowSignup,
	otpLogin,
	bodyOnly,
	pendingTemplate,
	rejectedTemplate,
	positionalPromoSpanish,
];
