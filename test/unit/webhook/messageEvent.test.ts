/**
 * Inbound messages as trigger items, from Meta's webhook payloads (our own values): common fields,
 * the 24-hour window, each message type's own fields, referrals, forwarding and business-scoped
 * user IDs.
 */
import { describeGraphError } from '../../../nodes/WhatsAppCloud/transport/errors/catalog';
import {
	DISPLAY_PHONE_NUMBER,
	inbound,
	inboundDelivery,
	messagesDelivery,
	metaError,
	PHONE_NUMBER_ID,
	status,
	T0,
	T0_ISO,
	USER_BSUID,
	USER_NAME,
	USER_WA_ID,
	WABA_ID,
	WINDOW_ISO,
} from '../../support/webhook.fixtures';
import { only } from '../../support/webhookEvents';

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
