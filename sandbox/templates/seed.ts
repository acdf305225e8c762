/**
 * The seeded message templates (40, in Meta's shapes): every header format, the button kinds,
 * positional and named variables, several languages, and approved, pending, rejected and paused
 * ones; `TEMPLATE` holds the names tests and the demo refer to.
 */
import type { StoredTemplate, TemplateCategory, TemplateComponent } from './types';

/** Template names other tests can refer to (language in brackets when not en_US only). */
export const TEMPLATE = {
	/** No variables at all (like Meta's hello_world). en_US. */
	noVariables: 'sandbox_hello',
	/** Body {{1}} {{2}} positional; en_US, es, pt_BR, de. */
	positional: 'repair_ready',
	/** parameter_format NAMED: body {{customer_name}} {{order_number}}; en_US, es. */
	named: 'order_confirmation_named',
	/** NAMED header text {{shop_name}} + named body. */
	namedHeader: 'pickup_reminder_named',
	/** IMAGE header + body {{1}} + URL button with dynamic suffix. */
	imageHeader: 'new_bike_drop',
	/** VIDEO header, body {{1}}. */
	videoHeader: 'maintenance_video_tip',
	/** DOCUMENT header (invoice PDF), body {{1}} {{2}}. */
	documentHeader: 'invoice_available',
	/** LOCATION header, body {{1}}. */
	locationHeader: 'workshop_location',
	/** TEXT header with {{1}}, body {{1}} {{2}} {{3}}, two quick replies. */
	textHeader: 'spring_service_sale',
	/** Body {{1}}, COPY_CODE button and dynamic URL button. */
	copyCode: 'loyalty_coupon',
	/** Body, QUICK_REPLY x3. */
	quickReplies: 'appointment_confirm',
	/** Body {{1}}, FLOW button. */
	flow: 'service_feedback_flow',
	/** Body {{1}} currency, {{2}} date_time. */
	currencyDate: 'payment_due',
	/** PENDING review (sending it gives 132001). */
	pending: 'warranty_extension_offer',
	/** REJECTED (sending it gives 132001). */
	rejected: 'mega_discount_blast',
	/** PAUSED for low quality (sending it gives 132015). */
	paused: 'winter_storage_promo',
	/** Prefix of the generated variants that make listing span several pages. */
	generatedPrefix: 'ride_reminder_',
} as const;

let idCounter = 0;
/** Stable template IDs (16 digits) so tests can refer to them between runs. */
function tid(): string {
	idCounter++;
	return String(2710000000000000 + idCounter * 7919);
}

function positionalBody(text: string, examples: string[]): TemplateComponent {
	return examples.length
		? { type: 'BODY', text, example: { body_text: [examples] } }
		: { type: 'BODY', text };
}

function namedBody(text: string, params: Array<[string, string]>): TemplateComponent {
	return {
		type: 'BODY',
		text,
		example: {
			body_text_named_params: params.map(([param_name, example]) => ({ param_name, example })),
		},
	};
}

function base(
	name: string,
	language: string,
	category: TemplateCategory,
	components: TemplateComponent[],
	extra: Partial<StoredTemplate> = {},
): StoredTemplate {
	return {
		id: tid(),
		name,
		language,
		status: 'APPROVED',
		category,
		parameter_format: 'POSITIONAL',
		components,
		...extra,
	};
}

const REPAIR_READY_TEXT: Record<string, string> = {
	en_US: 'Hi {{1}}, your bike is ready for pickup. Repair ticket: {{2}}.',
	es: 'Hola {{1}}, tu bicicleta está lista para recoger. Ticket de reparación: {{2}}.',
	pt_BR: 'Olá {{1}}, sua bicicleta está pronta para retirada. Ticket de reparo: {{2}}.',
	de: 'Hallo {{1}}, dein Fahrrad ist abholbereit. Reparaturticket: {{2}}.',
};

/** Builds a fresh copy of the seeded templates (the sandbox mutates its own copy). */
export function seedTemplates(): StoredTemplate[] {
	idCounter = 0;
	const list: StoredTemplate[] = [];

	list.push(
		base(TEMPLATE.noVariables, 'en_US', 'UTILITY', [
			{ type: 'HEADER', format: 'TEXT', text: 'Sandbox check-in' },
			{
				type: 'BODY',
				text: 'This is a test message from the local WhatsApp Cloud API sandbox. No variables here.',
			},
			{ type: 'FOOTER', text: 'Sandbox Bike Repair' },
		]),
	);

	for (const [language, text] of Object.entries(REPAIR_READY_TEXT)) {
		list.push(
			base(TEMPLATE.positional, language, 'UTILITY', [positionalBody(text, ['Ada', 'RB-20418'])]),
		);
	}

	const namedText: Record<string, string> = {
		en_US:
			'Thanks {{customer_name}}! We received order {{order_number}} and will message you when it ships.',
		es: '¡Gracias {{customer_name}}! Recibimos el pedido {{order_number}} y te avisaremos cuando se envíe.',
	};
	for (const [language, text] of Object.entries(namedText)) {
		list.push(
			base(
				TEMPLATE.named,
				language,
				'UTILITY',
				[
					namedBody(text, [
						['customer_name', 'Ada'],
						['order_number', 'SB-7731-QX'],
					]),
				],
				{ parameter_format: 'NAMED' },
			),
		);
	}

	list.push(
		base(
			TEMPLATE.namedHeader,
			'en_US',
			'UTILITY',
			[
				{
					type: 'HEADER',
					format: 'TEXT',
					text: 'Pickup at {{shop_name}}',
					example: {
						header_text_named_params: [
							{ param_name: 'shop_name', example: 'Sandbox Bikes Downtown' },
						],
					},
				},
				namedBody('Hi {{first_name}}, your slot is {{pickup_time}}. Bring ticket {{ticket_id}}.', [
					['first_name', 'Ada'],
					['pickup_time', 'Friday 17:30'],
					['ticket_id', 'RB-20418'],
				]),
				{ type: 'FOOTER', text: 'Reply STOP to opt out' },
			],
			{ parameter_format: 'NAMED' },
		),
	);

	list.push(
		base(
			TEMPLATE.imageHeader,
			'en_US',
			'MARKETING',
			[
				{
					type: 'HEADER',
					format: 'IMAGE',
					example: { header_handle: ['https://sandbox.example/media/bike-drop.jpg'] },
				},
				positionalBody(
					'{{1}}, the new gravel bikes just arrived. Take a look before they are gone!',
					['Ada'],
				),
				{
					type: 'BUTTONS',
					buttons: [
						{
							type: 'URL',
							text: 'See the bikes',
							url: 'https://shop.sandbox.example/bikes/{{1}}',
							example: ['https://shop.sandbox.example/bikes/gravel-2025'],
						},
						{ type: 'QUICK_REPLY', text: 'Not interested' },
					],
				},
			],
			{ sub_category: 'CUSTOM' },
		),
	);

	list.push(
		base(TEMPLATE.videoHeader, 'en_US', 'MARKETING', [
			{
				type: 'HEADER',
				format: 'VIDEO',
				example: { header_handle: ['https://sandbox.example/media/chain-tip.mp4'] },
			},
			positionalBody('Hi {{1}}, here is a 60-second tip to keep your chain quiet.', ['Ada']),
		]),
	);

	list.push(
		base(TEMPLATE.documentHeader, 'en_US', 'UTILITY', [
			{
				type: 'HEADER',
				format: 'DOCUMENT',
				example: { header_handle: ['https://sandbox.example/media/invoice.pdf'] },
			},
			positionalBody('Hello {{1}}, your invoice {{2}} is attached.', ['Ada', 'INV-2025-0042']),
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'PHONE_NUMBER', text: 'Call the shop', phone_number: '+15550142277' },
					{ type: 'URL', text: 'Billing help', url: 'https://shop.sandbox.example/billing' },
				],
			},
		]),
	);

	list.push(
		base(TEMPLATE.locationHeader, 'en_US', 'UTILITY', [
			{ type: 'HEADER', format: 'LOCATION' },
			positionalBody('{{1}}, our workshop has moved. Find us at the location above.', ['Ada']),
		]),
	);

	list.push(
		base(TEMPLATE.textHeader, 'en_US', 'MARKETING', [
			{
				type: 'HEADER',
				format: 'TEXT',
				text: '{{1}} is here!',
				example: { header_text: ['Spring service week'] },
			},
			positionalBody('Book a tune-up before {{1}} with code {{2}} and save {{3}}.', [
				'April 30',
				'TUNE15',
				'15%',
			]),
			{ type: 'FOOTER', text: 'Use the buttons to manage promotions' },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'QUICK_REPLY', text: 'Book now' },
					{ type: 'QUICK_REPLY', text: 'Stop promotions' },
				],
			},
		]),
	);

	list.push(
		base(TEMPLATE.copyCode, 'en_US', 'MARKETING', [
			positionalBody('Thanks for riding with us, {{1}}! Here is a coupon for your next service.', [
				'Ada',
			]),
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'COPY_CODE', example: 'RIDE20' },
					{
						type: 'URL',
						text: 'Book a service',
						url: 'https://shop.sandbox.example/book?c={{1}}',
						example: ['https://shop.sandbox.example/book?c=RIDE20'],
					},
				],
			},
		]),
	);

	list.push(
		base(TEMPLATE.quickReplies, 'en_US', 'UTILITY', [
			positionalBody('Your appointment is on {{1}}. Can you make it?', ['Monday 09:00']),
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'QUICK_REPLY', text: 'Yes, confirm' },
					{ type: 'QUICK_REPLY', text: 'Reschedule' },
					{ type: 'QUICK_REPLY', text: 'Cancel' },
				],
			},
		]),
	);

	list.push(
		base(TEMPLATE.flow, 'en_US', 'MARKETING', [
			positionalBody('How was your last service, {{1}}? Tell us in 30 seconds.', ['Ada']),
			{
				type: 'BUTTONS',
				buttons: [
					{
						type: 'FLOW',
						text: 'Rate the service',
						flow_id: '3350981267740012',
						flow_action: 'navigate',
						navigate_screen: 'RATING',
					},
				],
			},
		]),
	);

	list.push(
		base(TEMPLATE.currencyDate, 'en_US', 'UTILITY', [
			positionalBody('A payment of {{1}} is due on {{2}}. Thank you!', ['$49.90', 'May 3, 2025']),
		]),
	);

	list.push(
		base(
			TEMPLATE.pending,
			'en_US',
			'MARKETING',
			[positionalBody('Extend your warranty by a year, {{1}}.', ['Ada'])],
			{
				status: 'PENDING',
			},
		),
	);
	list.push(
		base(
			TEMPLATE.rejected,
			'en_US',
			'MARKETING',
			[positionalBody('BUY NOW!!! {{1}}{{2}}', ['90%', 'OFF'])],
			{
				status: 'REJECTED',
				rejected_reason: 'INVALID_FORMAT',
			},
		),
	);
	list.push(
		base(
			TEMPLATE.paused,
			'en_US',
			'MARKETING',
			[positionalBody('Store your bike with us this winter, {{1}}.', ['Ada'])],
			{
				status: 'PAUSED',
				quality_score: { score: 'RED' },
			},
		),
	);

	// Generated variants so the list spans several pages at Meta's default limit of 25.
	const languages = ['en_US', 'es', 'fr', 'pt_BR', 'de'];
	for (let i = 1; i <= 20; i++) {
		const n = String(i).padStart(2, '0');
		const vars = (i % 3) + 1;
		const placeholders = Array.from({ length: vars }, (_, k) => `{{${k + 1}}}`).join(', ');
		list.push(
			base(
				`${TEMPLATE.generatedPrefix}${n}`,
				languages[i % languages.length],
				i % 2 ? 'UTILITY' : 'MARKETING',
				[
					positionalBody(
						`Ride reminder ${n}: ${placeholders}.`,
						Array.from({ length: vars }, (_, k) => `value${k + 1}`),
					),
				],
			),
		);
	}
	return list;
}
