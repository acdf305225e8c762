import { describeGraphError } from '../../nodes/WhatsAppCloud/transport/errors/catalog';
import { dedupe } from '../../nodes/WhatsAppCloud/webhook/dedup';
import { normalizeDelivery } from '../../nodes/WhatsAppCloud/webhook/normalize';
import {
	change,
	contact,
	delivery,
	DISPLAY_PHONE_NUMBER,
	entry,
	inbound,
	inboundDelivery,
	messagesDelivery,
	messagesValue,
	metadata as metadataOf,
	metaError,
	OTHER_PHONE_NUMBER_ID,
	PHONE_NUMBER_ID,
	status,
	T0,
	templateStatusUpdate,
	USER_BSUID,
	USER_NAME,
	USER_WA_ID,
	WABA_ID,
	T0_ISO,
	WINDOW_ISO,
} from '../support/webhook.fixtures';
import { events, only } from '../support/webhookEvents';

describe('inbound messages', () => {
	it('text: common fields, body, ISO timestamp and the 24-hour window', () => {
		const message = inbound('text', { body: 'Is the blue one back in stock?' });
		const body = inboundDelivery(message);
		const event = only(body);
		expect(event.kind).toBe('message');
		expect(event.messageType).toBe('text');
		expect(event.dedupKey).toBe(`message:${message.id}`);
		expect(event.json).toEqual({
			event: 'message',
			field: 'messages',
			businessAccountId: WABA_ID,
			phoneNumberId: PHONE_NUMBER_ID,
			displayPhoneNumber: DISPLAY_PHONE_NUMBER,
			messageId: message.id,
			from: USER_WA_ID,
			contactName: USER_NAME,
			contactWaId: USER_WA_ID,
			timestamp: T0_ISO,
			timestampUnix: T0,
			windowExpiresAt: WINDOW_ISO,
			type: 'text',
			text: 'Is the blue one back in stock?',
			raw: body.entry[0].changes[0].value,
		});
	});

	it('from is digits as Meta sends them, usable as a recipient', () => {
		const event = only(inboundDelivery(inbound('text', { body: 'hi' })));
		expect(event.json.from).toMatch(/^\d+$/);
	});

	it.each([
		[
			'image',
			{
				id: '9100000000000001',
				mime_type: 'image/jpeg',
				sha256: 'aW1hZ2UtaGFzaA==',
				caption: 'Receipt',
			},
			{ caption: 'Receipt' },
		],
		[
			'audio',
			{
				id: '9100000000000002',
				mime_type: 'audio/ogg; codecs=opus',
				sha256: 'YXVkaW8taGFzaA==',
				voice: true,
			},
			{ voice: true },
		],
		[
			'video',
			{
				id: '9100000000000003',
				mime_type: 'video/mp4',
				sha256: 'dmlkZW8taGFzaA==',
				caption: 'Unboxing',
			},
			{ caption: 'Unboxing' },
		],
		[
			'document',
			{
				id: '9100000000000004',
				mime_type: 'application/pdf',
				sha256: 'ZG9jLWhhc2g=',
				filename: 'invoice-2025-001.pdf',
				caption: 'Invoice',
			},
			{ filename: 'invoice-2025-001.pdf', caption: 'Invoice' },
		],
		[
			'sticker',
			{ id: '9100000000000005', mime_type: 'image/webp', sha256: 'c3RpY2tlcg==', animated: false },
			{ animated: false },
		],
	])('%s: media id, mime type, sha256 and its own extras', (type, content, extras) => {
		const event = only(inboundDelivery(inbound(type, content)));
		expect(event.messageType).toBe(type);
		expect(event.json).toMatchObject({
			type,
			mediaId: content.id,
			mimeType: content.mime_type,
			sha256: content.sha256,
			...extras,
		});
		expect(event.json.text).toBeUndefined();
	});

	it('media url, when Meta includes one, is kept', () => {
		const event = only(
			inboundDelivery(
				inbound('image', {
					id: '91',
					mime_type: 'image/png',
					sha256: 'x',
					url: 'https://lookaside.example/att/91',
				}),
			),
		);
		expect(event.json.mediaUrl).toBe('https://lookaside.example/att/91');
	});

	it('location', () => {
		const event = only(
			inboundDelivery(
				inbound('location', {
					latitude: 52.520008,
					longitude: 13.404954,
					name: 'Alexanderplatz',
					address: 'Alexanderplatz 1, 10178 Berlin',
					url: 'https://example.com/alex',
				}),
			),
		);
		expect(event.json).toMatchObject({
			type: 'location',
			latitude: 52.520008,
			longitude: 13.404954,
			locationName: 'Alexanderplatz',
			locationAddress: 'Alexanderplatz 1, 10178 Berlin',
			locationUrl: 'https://example.com/alex',
		});
	});

	it('contacts: shared cards are kept whole (non-ASCII intact)', () => {
		const cards = [
			{
				name: { first_name: 'José', last_name: 'Müller', formatted_name: 'José Müller' },
				phones: [{ phone: '+49 151 0000 0001', wa_id: '4915100000001', type: 'MOBILE' }],
			},
		];
		const message = inbound('contacts', undefined, { contacts: cards });
		const event = only(inboundDelivery(message));
		expect(event.json.type).toBe('contacts');
		expect(event.json.sharedContacts).toEqual(cards);
		// The sender's own contact entry is not confused with the shared cards.
		expect(event.json.contactName).toBe(USER_NAME);
	});

	it('interactive button reply', () => {
		const message = inbound(
			'interactive',
			{ type: 'button_reply', button_reply: { id: 'confirm-order', title: 'Confirm' } },
			{ context: { from: DISPLAY_PHONE_NUMBER, id: 'wamid.OUT-0001' } },
		);
		const event = only(inboundDelivery(message));
		expect(event.json).toMatchObject({
			type: 'interactive',
			interactiveType: 'button_reply',
			replyId: 'confirm-order',
			replyTitle: 'Confirm',
			contextMessageId: 'wamid.OUT-0001',
			contextFrom: DISPLAY_PHONE_NUMBER,
		});
	});

	it('interactive list reply with description', () => {
		const event = only(
			inboundDelivery(
				inbound('interactive', {
					type: 'list_reply',
					list_reply: { id: 'slot-0930', title: 'Tomorrow 09:30', description: 'Room 2' },
				}),
			),
		);
		expect(event.json).toMatchObject({
			interactiveType: 'list_reply',
			replyId: 'slot-0930',
			replyTitle: 'Tomorrow 09:30',
			replyDescription: 'Room 2',
		});
	});

	it('interactive flow (nfm_reply): response_json parsed', () => {
		const event = only(
			inboundDelivery(
				inbound('interactive', {
					type: 'nfm_reply',
					nfm_reply: {
						name: 'flow',
						body: 'Sent',
						response_json: '{"flow_token":"t-1","size":"M"}',
					},
				}),
			),
		);
		expect(event.json).toMatchObject({
			interactiveType: 'nfm_reply',
			flowResponse: { flow_token: 't-1', size: 'M' },
		});
	});

	it('template quick-reply button: payload and text', () => {
		const event = only(
			inboundDelivery(
				inbound(
					'button',
					{ payload: 'STOP_PROMOS', text: 'Stop promotions' },
					{ context: { from: DISPLAY_PHONE_NUMBER, id: 'wamid.OUT-0002' } },
				),
			),
		);
		expect(event.json).toMatchObject({
			type: 'button',
			buttonPayload: 'STOP_PROMOS',
			buttonText: 'Stop promotions',
			replyId: 'STOP_PROMOS',
			replyTitle: 'Stop promotions',
			contextMessageId: 'wamid.OUT-0002',
		});
	});

	it('reaction', () => {
		const event = only(
			inboundDelivery(inbound('reaction', { message_id: 'wamid.OUT-0003', emoji: '❤️' })),
		);
		expect(event.json).toMatchObject({
			type: 'reaction',
			reactionMessageId: 'wamid.OUT-0003',
			reactionEmoji: '❤️',
			reactionRemoved: false,
		});
	});

	it.each([
		['emoji left out', { message_id: 'wamid.OUT-0004' }],
		['emoji empty', { message_id: 'wamid.OUT-0004', emoji: '' }],
	])('removed reaction (%s)', (_label, content) => {
		const event = only(inboundDelivery(inbound('reaction', content)));
		expect(event.json).toMatchObject({
			reactionMessageId: 'wamid.OUT-0004',
			reactionRemoved: true,
		});
		expect(event.json.reactionEmoji).toBeUndefined();
	});

	it('order', () => {
		const event = only(
			inboundDelivery(
				inbound('order', {
					catalog_id: '700000000000001',
					text: 'Gift wrap please',
					product_items: [
						{ product_retailer_id: 'SKU-RED-M', quantity: 2, item_price: 19.9, currency: 'EUR' },
						{ product_retailer_id: 'SKU-BLU-L', quantity: 1, item_price: 24.5, currency: 'EUR' },
					],
				}),
			),
		);
		expect(event.json).toMatchObject({
			type: 'order',
			orderCatalogId: '700000000000001',
			orderText: 'Gift wrap please',
			orderItems: [
				{ productRetailerId: 'SKU-RED-M', quantity: 2, itemPrice: 19.9, currency: 'EUR' },
				{ productRetailerId: 'SKU-BLU-L', quantity: 1, itemPrice: 24.5, currency: 'EUR' },
			],
		});
	});

	it('system (user changed number): no contacts[], no service window', () => {
		const message = inbound('system', {
			body: 'User Ada changed from 4915112345678 to 4915187654321',
			wa_id: '4915187654321',
			type: 'user_changed_number',
		});
		const event = only(messagesDelivery({ messages: [message] }));
		expect(event.json).toMatchObject({
			type: 'system',
			systemType: 'user_changed_number',
			systemWaId: '4915187654321',
			from: USER_WA_ID,
		});
		expect(event.json.windowExpiresAt).toBeUndefined();
		expect(event.json.contactName).toBeUndefined();
	});

	it('unsupported: the errors with catalog fix', () => {
		const message = inbound('unsupported', undefined, {
			errors: [
				metaError(131051, 'Message type unknown', 'Message type is currently not supported.'),
			],
		});
		const event = only(inboundDelivery(message));
		expect(event.json.type).toBe('unsupported');
		expect(event.json.errors).toEqual([
			expect.objectContaining({
				code: 131051,
				title: 'Message type unknown',
				details: 'Message type is currently not supported.',
				fix: expect.any(String),
			}),
		]);
	});

	it('unsupported inbound message: the fix speaks of what the user sent, not of what the business should send', () => {
		const message = inbound('unsupported', undefined, {
			errors: [metaError(131051, 'Message type unknown')],
		});
		const fix = String(
			(only(inboundDelivery(message)).json.errors as Array<Record<string, unknown>>)[0].fix,
		);
		expect(fix).not.toBe(describeGraphError(131051).fix);
		expect(fix).toMatch(/user|customer/i);
		expect(fix).toMatch(/raw/);
		// A failed status of a message we sent keeps the catalog's (sending) fix.
		const st = status('wamid.OUT-131051', 'failed', {
			errors: [metaError(131051, 'Message type unknown')],
		});
		expect(only(messagesDelivery({ statuses: [st] })).json.errorFix).toBe(
			describeGraphError(131051).fix,
		);
	});

	it('an unknown type passes through with its type, content and raw', () => {
		const message = inbound('hologram', { frame_rate: 120, mesh_id: 'm-1' });
		const body = inboundDelivery(message);
		const event = only(body);
		expect(event.messageType).toBe('hologram');
		expect(event.json).toMatchObject({
			type: 'hologram',
			content: { frameRate: 120, meshId: 'm-1' },
		});
		expect(event.json.raw).toEqual(body.entry[0].changes[0].value);
	});

	it('referral from a click-to-WhatsApp ad', () => {
		const event = only(
			inboundDelivery(
				inbound(
					'text',
					{ body: 'Tell me more' },
					{
						referral: {
							source_url: 'https://fb.me/example-ad',
							source_id: '120000000000001',
							source_type: 'ad',
							headline: 'Spring sale',
							body: 'Up to 30% off',
							media_type: 'image',
							image_url: 'https://example.com/ad.jpg',
							ctwa_clid: 'clid-abc',
						},
					},
				),
			),
		);
		expect(event.json.referral).toMatchObject({
			sourceUrl: 'https://fb.me/example-ad',
			sourceId: '120000000000001',
			sourceType: 'ad',
			headline: 'Spring sale',
			ctwaClid: 'clid-abc',
		});
	});

	it('product inquiry context: referred product', () => {
		const event = only(
			inboundDelivery(
				inbound(
					'text',
					{ body: 'Still available?' },
					{
						context: {
							from: DISPLAY_PHONE_NUMBER,
							id: 'wamid.OUT-0005',
							referred_product: { catalog_id: '700000000000001', product_retailer_id: 'SKU-RED-M' },
						},
					},
				),
			),
		);
		expect(event.json).toMatchObject({
			contextMessageId: 'wamid.OUT-0005',
			referredProductCatalogId: '700000000000001',
			referredProductRetailerId: 'SKU-RED-M',
		});
	});

	it('forwarded flags from context', () => {
		const event = only(
			inboundDelivery(
				inbound(
					'text',
					{ body: 'fwd' },
					{ context: { forwarded: true, frequently_forwarded: true } },
				),
			),
		);
		expect(event.json).toMatchObject({ forwarded: true, frequentlyForwarded: true });
	});

	it('business-scoped user IDs and username are kept; missing from / wa_id break nothing', () => {
		const message = {
			id: 'wamid.IN-bsuid',
			timestamp: String(T0),
			type: 'text',
			text: { body: 'hello' },
			from_user_id: USER_BSUID,
		};
		const contacts = [
			{
				profile: { name: USER_NAME, username: '@ada' },
				user_id: USER_BSUID,
				parent_user_id: 'DE.ENT.555',
			},
		];
		const event = only(messagesDelivery({ contacts, messages: [message] }));
		expect(event.json).toMatchObject({
			messageId: 'wamid.IN-bsuid',
			fromUserId: USER_BSUID,
			fromParentUserId: 'DE.ENT.555',
			contactName: USER_NAME,
			contactUsername: '@ada',
			text: 'hello',
			windowExpiresAt: WINDOW_ISO,
		});
		expect(event.json).not.toHaveProperty('from');
		expect(event.json).not.toHaveProperty('contactWaId');
	});

	it('a message without contacts[] or timestamp still becomes an item', () => {
		const event = only(
			messagesDelivery({
				messages: [{ id: 'wamid.IN-bare', from: USER_WA_ID, type: 'text', text: { body: 'x' } }],
			}),
		);
		expect(event.json).toMatchObject({ messageId: 'wamid.IN-bare', from: USER_WA_ID, text: 'x' });
		expect(event.json.timestamp).toBeUndefined();
		expect(event.json.windowExpiresAt).toBeUndefined();
	});
});

describe('statuses', () => {
	it.each(['sent', 'delivered', 'read'])(
		'%s: message id, recipient, timestamp, conversation and pricing',
		(statusValue) => {
			const st = status('wamid.OUT-0100', statusValue, {
				conversation: {
					id: 'conv-0001',
					expiration_timestamp: String(T0 + 86400),
					origin: { type: 'utility' },
				},
				pricing: { billable: true, pricing_model: 'PMP', category: 'utility', type: 'regular' },
				biz_opaque_callback_data: 'order-42',
			});
			const body = messagesDelivery({ statuses: [st] });
			const event = only(body);
			expect(event.kind).toBe('status');
			expect(event.status).toBe(statusValue);
			expect(event.dedupKey).toBe(`status:wamid.OUT-0100:${statusValue}`);
			expect(event.json).toEqual({
				event: 'status',
				field: 'messages',
				businessAccountId: WABA_ID,
				phoneNumberId: PHONE_NUMBER_ID,
				displayPhoneNumber: DISPLAY_PHONE_NUMBER,
				messageId: 'wamid.OUT-0100',
				status: statusValue,
				recipientId: USER_WA_ID,
				timestamp: new Date((T0 + 60) * 1000).toISOString(),
				timestampUnix: T0 + 60,
				conversationId: 'conv-0001',
				conversationOrigin: 'utility',
				conversationExpiresAt: new Date((T0 + 86400) * 1000).toISOString(),
				pricingBillable: true,
				pricingModel: 'PMP',
				pricingCategory: 'utility',
				pricingType: 'regular',
				bizOpaqueCallbackData: 'order-42',
				raw: body.entry[0].changes[0].value,
			});
		},
	);

	it('failed with 131047: the fix says the 24-hour window closed and a template is needed', () => {
		const st = status('wamid.OUT-0101', 'failed', {
			errors: [
				metaError(
					131047,
					'Re-engagement message',
					'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
				),
			],
		});
		const event = only(messagesDelivery({ statuses: [st] }));
		expect(event.status).toBe('failed');
		expect(event.json.errorCode).toBe(131047);
		expect(event.json.errorTitle).toBe('Re-engagement message');
		expect(event.json.errorDetails).toContain('24 hours');
		const fix = String(event.json.errorFix);
		expect(fix).toMatch(/24 hours/);
		expect(fix).toMatch(/template/i);
		expect(event.json.errors).toEqual([
			expect.objectContaining({ code: 131047, fix, retryable: false, href: expect.any(String) }),
		]);
	});

	it('failed with several errors keeps each one with its fix', () => {
		const st = status('wamid.OUT-0102', 'failed', {
			errors: [
				metaError(131049, 'Not delivered for ecosystem engagement'),
				metaError(131026, 'Message undeliverable'),
			],
		});
		const event = only(messagesDelivery({ statuses: [st] }));
		const errors = event.json.errors as Array<Record<string, unknown>>;
		expect(errors.map((e) => e.code)).toEqual([131049, 131026]);
		for (const error of errors) expect(typeof error.fix).toBe('string');
	});

	it('deleted and unknown statuses', () => {
		const all = events(
			messagesDelivery({
				statuses: [status('wamid.OUT-0103', 'deleted'), status('wamid.OUT-0104', 'played')],
			}),
		);
		expect(all.map((e) => e.status)).toEqual(['deleted', 'played']);
	});

	it('BSUID recipient without recipient_id', () => {
		const st = {
			id: 'wamid.OUT-0105',
			status: 'delivered',
			timestamp: String(T0),
			recipient_user_id: USER_BSUID,
		};
		const event = only(
			messagesDelivery({
				statuses: [st],
				contacts: [{ profile: { username: '@ada' }, user_id: USER_BSUID }],
			}),
		);
		expect(event.json).toMatchObject({
			recipientUserId: USER_BSUID,
			recipientUsername: '@ada',
			status: 'delivered',
		});
		expect(event.json).not.toHaveProperty('recipientId');
	});
});

describe('group messages (Groups API)', () => {
	const GROUP_ID = 'Z3JvdXAtMDAwMDAwMDAwMDAx';

	it('per-participant statuses of one group message are separate events with their own dedup keys', () => {
		const body = messagesDelivery({
			statuses: [
				status('wamid.GRP-OUT-1', 'read', { recipient_id: '4915100000001', group_id: GROUP_ID }),
				status('wamid.GRP-OUT-1', 'read', { recipient_id: '4915100000002', group_id: GROUP_ID }),
			],
		});
		const all = events(body);
		expect(all).toHaveLength(2);
		expect(all.map((e) => e.json.groupId)).toEqual([GROUP_ID, GROUP_ID]);
		expect(all.map((e) => e.json.recipientId)).toEqual(['4915100000001', '4915100000002']);
		expect(new Set(all.map((e) => e.dedupKey)).size).toBe(2);
		// ...and dedup does not take the second reader for a redelivery of the first.
		expect(
			dedupe(all, undefined, { windowSeconds: 600, maxEntries: 100, nowSeconds: T0 }).kept,
		).toHaveLength(2);
	});

	it('the shape with recipient_type "group" and a participant ID is told apart per participant too', () => {
		const st = (participant: string) => ({
			id: 'wamid.GRP-OUT-2',
			status: 'delivered',
			timestamp: String(T0),
			recipient_id: GROUP_ID,
			recipient_type: 'group',
			recipient_participant_id: participant,
		});
		const all = events(messagesDelivery({ statuses: [st('4915100000001'), st('4915100000002')] }));
		expect(all.map((e) => e.json)).toEqual([
			expect.objectContaining({
				groupId: GROUP_ID,
				recipientType: 'group',
				recipientParticipantId: '4915100000001',
			}),
			expect.objectContaining({
				groupId: GROUP_ID,
				recipientType: 'group',
				recipientParticipantId: '4915100000002',
			}),
		]);
		expect(new Set(all.map((e) => e.dedupKey)).size).toBe(2);
	});

	it('a one-to-one status keeps its dedup key (message ID + status), so memory saved before stays valid', () => {
		expect(only(messagesDelivery({ statuses: [status('wamid.OUT-1to1', 'read')] })).dedupKey).toBe(
			'status:wamid.OUT-1to1:read',
		);
	});

	it('an inbound group message says which group it came from', () => {
		const event = only(
			inboundDelivery(inbound('text', { body: 'hi all' }, { group_id: GROUP_ID })),
		);
		expect(event.json).toMatchObject({ groupId: GROUP_ID, from: USER_WA_ID, text: 'hi all' });
	});
});

describe('value.errors', () => {
	it('each error becomes an error item with code, title, details and fix', () => {
		const body = messagesDelivery({
			errors: [
				metaError(
					130429,
					'Rate limit hit',
					'Too many messages sent from this phone number in a short period',
				),
			],
		});
		const event = only(body);
		expect(event.kind).toBe('error');
		expect(event.json).toMatchObject({
			event: 'error',
			field: 'messages',
			phoneNumberId: PHONE_NUMBER_ID,
			code: 130429,
			title: 'Rate limit hit',
			details: 'Too many messages sent from this phone number in a short period',
			fix: describeGraphError(130429).fix,
			retryable: true,
			raw: body.entry[0].changes[0].value,
		});
	});
});

describe('other fields', () => {
	it('template status update: event = field name, value copied in camelCase', () => {
		const body = templateStatusUpdate('REJECTED', {
			rejection_info: {
				reason: 'Adjacent parameters',
				recommendation: 'Put text between parameters',
			},
		});
		const event = only(body);
		expect(event.kind).toBe('field');
		expect(event.json).toEqual({
			event: 'message_template_status_update',
			field: 'message_template_status_update',
			businessAccountId: WABA_ID,
			timestamp: new Date((T0 + 120) * 1000).toISOString(),
			templateStatus: 'REJECTED',
			changeEvent: 'REJECTED',
			messageTemplateId: 880000000000001,
			messageTemplateName: 'order_ready',
			messageTemplateLanguage: 'en_US',
			reason: 'INVALID_FORMAT',
			messageTemplateCategory: 'UTILITY',
			rejectionInfo: {
				reason: 'Adjacent parameters',
				recommendation: 'Put text between parameters',
			},
			raw: body.entry[0].changes[0].value,
		});
	});

	it.each([
		[
			'phone_number_quality_update',
			{ display_phone_number: DISPLAY_PHONE_NUMBER, event: 'DOWNGRADE', current_limit: 'TIER_1K' },
		],
		['account_update', { phone_number: DISPLAY_PHONE_NUMBER, event: 'VERIFIED_ACCOUNT' }],
		[
			'message_template_quality_update',
			{
				previous_quality_score: 'GREEN',
				new_quality_score: 'YELLOW',
				message_template_id: 1,
				message_template_name: 'x',
				message_template_language: 'en',
			},
		],
	])('%s passes through as its own event', (field, value) => {
		const event = only(delivery(entry([change(field, value)])));
		expect(event.json.event).toBe(field);
		expect(event.json.raw).toEqual(value);
	});

	it("a value key named like one of the item's own fields keeps its plain name when the item has none (no metadata)", () => {
		const value = {
			display_phone_number: DISPLAY_PHONE_NUMBER,
			event: 'FLAGGED',
			current_limit: 'TIER_1K',
		};
		const event = only(
			delivery(entry([change('phone_number_quality_update', value)], WABA_ID, T0)),
		);
		expect(event.json).toMatchObject({
			event: 'phone_number_quality_update',
			displayPhoneNumber: DISPLAY_PHONE_NUMBER,
			changeEvent: 'FLAGGED',
			currentLimit: 'TIER_1K',
			timestamp: T0_ISO,
		});
		expect(event.json).not.toHaveProperty('changeDisplayPhoneNumber');
	});

	it('...and still gets the change prefix when the item has its own value there', () => {
		const value = {
			messaging_product: 'whatsapp',
			metadata: metadataOf(PHONE_NUMBER_ID),
			display_phone_number: '15550000000',
			groups: [],
		};
		const event = only(delivery(entry([change('group_lifecycle_update', value)])));
		expect(event.json).toMatchObject({
			displayPhoneNumber: DISPLAY_PHONE_NUMBER,
			changeDisplayPhoneNumber: '15550000000',
			groups: [],
		});
	});

	it('a messages change with nothing known in it still reaches the workflow', () => {
		const value = {
			messaging_product: 'whatsapp',
			metadata: { phone_number_id: PHONE_NUMBER_ID },
			user_preferences: [{ value: 'stop' }],
		};
		const event = only(delivery(entry([change('messages', value)])));
		expect(event.kind).toBe('field');
		expect(event.json).toMatchObject({
			event: 'messages',
			phoneNumberId: PHONE_NUMBER_ID,
			userPreferences: [{ value: 'stop' }],
		});
	});
});

describe('batches and envelopes', () => {
	it('one item per event across entries, changes, messages and statuses, in delivery order', () => {
		const m1 = inbound('text', { body: 'one' });
		const m2 = inbound('text', { body: 'two' });
		const body = delivery(
			entry([
				change('messages', messagesValue({ contacts: [contact()], messages: [m1, m2] })),
				change(
					'messages',
					messagesValue({
						statuses: [status('wamid.OUT-1', 'sent'), status('wamid.OUT-1', 'delivered')],
					}),
				),
			]),
			entry(
				[
					change(
						'messages',
						messagesValue(
							{ messages: [inbound('text', { body: 'three' }, { from: '15550001111' })] },
							OTHER_PHONE_NUMBER_ID,
						),
					),
					change('message_template_status_update', {
						event: 'APPROVED',
						message_template_id: 1,
						message_template_name: 't',
						message_template_language: 'en',
					}),
				],
				'300000000000002',
			),
		);
		const all = events(body);
		expect(all.map((e) => [e.kind, e.json.text ?? e.json.status ?? e.json.event])).toEqual([
			['message', 'one'],
			['message', 'two'],
			['status', 'sent'],
			['status', 'delivered'],
			['message', 'three'],
			['field', 'message_template_status_update'],
		]);
		expect(all[4].json).toMatchObject({
			businessAccountId: '300000000000002',
			phoneNumberId: OTHER_PHONE_NUMBER_ID,
			from: '15550001111',
		});
		// Each item carries the value of its own change.
		expect(all[0].json.raw).toBe(body.entry[0].changes[0].value);
		expect(all[2].json.raw).toBe(body.entry[0].changes[1].value);
	});

	it('non-WhatsApp objects are ignored', () => {
		expect(normalizeDelivery({ object: 'page', entry: [] })).toEqual({
			kind: 'ignored',
			object: 'page',
		});
		expect(normalizeDelivery([1, 2])).toEqual({ kind: 'ignored', object: undefined });
		expect(normalizeDelivery('text')).toEqual({ kind: 'ignored', object: undefined });
	});

	it('malformed pieces are skipped, never thrown on', () => {
		const body = {
			object: 'whatsapp_business_account',
			entry: [
				null,
				5,
				{ id: WABA_ID, changes: 'nope' },
				{ id: WABA_ID, changes: [null, { field: 'messages', value: { messages: [null, 'x'] } }] },
			],
		};
		expect(() => normalizeDelivery(body)).not.toThrow();
		const all = events(body);
		expect(all.map((e) => e.json.event)).toEqual(['unknown', 'messages']);
	});
});
