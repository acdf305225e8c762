/**
 * Webhook payloads in the shapes of Meta's webhook reference and examples:
 * { object: 'whatsapp_business_account', entry: [{ id: <WABA ID>, changes: [{ value, field }] }] }
 * with `value.metadata` = { display_phone_number (digits), phone_number_id } for field "messages".
 */
import type { Identity } from '../core/config';
import type { WebhookError } from '../core/errors';
import { wamid } from '../core/ids';
import type { StatusName } from '../core/records';

export interface Metadata {
	display_phone_number: string;
	phone_number_id: string;
}

/** value.metadata of a "messages" change: the business number (digits) and its ID. */
export function metadataOf(identity: Identity): Metadata {
	return {
		display_phone_number: identity.displayPhoneDigits,
		phone_number_id: identity.phoneNumberId,
	};
}

export interface Change {
	value: Record<string, unknown>;
	field: string;
}

export function envelope(
	wabaId: string,
	changes: Change[],
	time?: number,
): Record<string, unknown> {
	return {
		object: 'whatsapp_business_account',
		entry: [{ id: wabaId, ...(time !== undefined ? { time } : {}), changes }],
	};
}

export function messagesChange(metadata: Metadata, parts: Record<string, unknown>): Change {
	return { value: { messaging_product: 'whatsapp', metadata, ...parts }, field: 'messages' };
}

export interface StatusEvent {
	id: string;
	status: StatusName;
	timestamp: string;
	recipient_id: string;
	conversation?: { id: string; expiration_timestamp?: string; origin: { type: string } };
	pricing?: { billable: boolean; pricing_model: string; type: string; category: string };
	errors?: WebhookError[];
	biz_opaque_callback_data?: string;
}

const unix = (ms: number) => String(Math.floor(ms / 1000));

/**
 * One status. Pricing per Meta's per-message pricing (PMP, 2025): templates are billed in their
 * category; free-form replies inside the customer service window are `service`,
 * `free_customer_service`, not billable. `read` carries no pricing (as in Meta's examples).
 */
export function statusEvent(opts: {
	messageId: string;
	status: StatusName;
	at: number;
	recipient: string;
	category: string;
	conversationId: string;
	conversationExpiresAt: number;
	errors?: WebhookError[];
	bizOpaque?: string;
}): StatusEvent {
	const ev: StatusEvent = {
		id: opts.messageId,
		status: opts.status,
		timestamp: unix(opts.at),
		recipient_id: opts.recipient,
	};
	if (opts.status === 'sent' || opts.status === 'delivered') {
		const free = opts.category === 'service';
		ev.conversation = {
			id: opts.conversationId,
			...(opts.status === 'sent' ? { expiration_timestamp: unix(opts.conversationExpiresAt) } : {}),
			origin: { type: opts.category },
		};
		ev.pricing = {
			billable: !free,
			pricing_model: 'PMP',
			type: free ? 'free_customer_service' : 'regular',
			category: opts.category,
		};
	}
	if (opts.errors) ev.errors = opts.errors;
	if (opts.bizOpaque) ev.biz_opaque_callback_data = opts.bizOpaque;
	return ev;
}

export interface InboundSpec {
	from?: string;
	name?: string;
	type?: string;
	text?: string;
	/** interactive button_reply / list_reply */
	replyId?: string;
	replyTitle?: string;
	replyDescription?: string;
	/** template quick-reply button ("button" type) */
	payload?: string;
	buttonText?: string;
	caption?: string;
	filename?: string;
	mimeType?: string;
	mediaId?: string;
	latitude?: number;
	longitude?: number;
	locationName?: string;
	address?: string;
	/** reaction: wamid reacted to; emoji '' (or omitted with removed: true) removes it */
	reactTo?: string;
	emoji?: string;
	removed?: boolean;
	contacts?: unknown[];
	/** message this one replies to (context.id) */
	contextMessageId?: string;
	referral?: Record<string, unknown>;
	/** unix seconds; defaults to now. An old timestamp leaves the 24h window closed. */
	timestamp?: number;
	id?: string;
	/** merged over the built message object, for shapes not covered above */
	extra?: Record<string, unknown>;
}

export const MEDIA_SAMPLES: Record<
	string,
	{ mime: string; filename?: string; bytes: () => Buffer }
> = {
	image: {
		mime: 'image/jpeg',
		bytes: () => Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex'),
	},
	sticker: {
		mime: 'image/webp',
		bytes: () =>
			Buffer.from(
				'RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00',
				'latin1',
			),
	},
	document: {
		mime: 'application/pdf',
		filename: 'repair-quote.pdf',
		bytes: () => Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1'),
	},
	audio: {
		mime: 'audio/ogg; codecs=opus',
		bytes: () =>
			Buffer.from('OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00sandbox-voice-note', 'latin1'),
	},
	video: {
		mime: 'video/mp4',
		bytes: () => Buffer.from('\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom', 'latin1'),
	},
};

/**
 * Builds an inbound message object (value.messages[i]). Media messages need a media entry; the
 * caller passes `media` = { id, mime, sha256 } for them.
 */
export function inboundMessage(
	spec: InboundSpec & { from: string },
	businessDigits: string,
	media?: { id: string; mime: string; sha256: string; url?: string },
): Record<string, unknown> {
	const type = spec.type ?? 'text';
	const msg: Record<string, unknown> = {
		from: spec.from,
		id: spec.id ?? wamid(spec.from, 'inbound'),
		timestamp: String(spec.timestamp ?? Math.floor(Date.now() / 1000)),
	};
	if (spec.contextMessageId) msg.context = { from: businessDigits, id: spec.contextMessageId };
	if (spec.referral) msg.referral = spec.referral;
	switch (type) {
		case 'text':
			msg.type = 'text';
			msg.text = { body: spec.text ?? 'Hello from the sandbox' };
			break;
		case 'button_reply':
		case 'list_reply': {
			msg.type = 'interactive';
			const reply: Record<string, unknown> = {
				id: spec.replyId ?? `${type}-1`,
				title: spec.replyTitle ?? 'Option 1',
			};
			if (type === 'list_reply' && spec.replyDescription) reply.description = spec.replyDescription;
			msg.interactive = { type, [type]: reply };
			break;
		}
		case 'button':
			msg.type = 'button';
			msg.button = {
				payload: spec.payload ?? spec.buttonText ?? 'Yes',
				text: spec.buttonText ?? spec.payload ?? 'Yes',
			};
			break;
		case 'image':
		case 'video':
		case 'audio':
		case 'document':
		case 'sticker': {
			msg.type = type;
			const m: Record<string, unknown> = {
				mime_type: media?.mime,
				sha256: media?.sha256,
				id: media?.id,
			};
			if (spec.caption && type !== 'audio' && type !== 'sticker') m.caption = spec.caption;
			if (type === 'document') m.filename = spec.filename ?? MEDIA_SAMPLES.document.filename;
			if (type === 'audio') m.voice = true;
			if (type === 'sticker') m.animated = false;
			if (media?.url) m.url = media.url;
			msg[type] = m;
			break;
		}
		case 'location':
			msg.type = 'location';
			msg.location = {
				latitude: spec.latitude ?? 52.52,
				longitude: spec.longitude ?? 13.405,
				...(spec.locationName ? { name: spec.locationName } : {}),
				...(spec.address ? { address: spec.address } : {}),
			};
			break;
		case 'reaction':
			msg.type = 'reaction';
			msg.reaction =
				spec.removed || spec.emoji === ''
					? { message_id: spec.reactTo }
					: { message_id: spec.reactTo, emoji: spec.emoji ?? '👍' };
			break;
		case 'contacts':
			msg.type = 'contacts';
			msg.contacts = spec.contacts ?? [
				{
					name: { formatted_name: 'Lena Fischer', first_name: 'Lena', last_name: 'Fischer' },
					phones: [{ phone: '+49 151 2345 6789', wa_id: '4915123456789', type: 'MOBILE' }],
				},
			];
			break;
		default:
			// unsupported / order / system ...: pass the type through with whatever `extra` says
			msg.type = type;
			if (type === 'unsupported') {
				msg.errors = [
					{
						code: 131051,
						title: 'Message type unknown',
						message: 'Message type unknown',
						error_data: { details: 'Message type is currently not supported.' },
					},
				];
			}
	}
	return spec.extra ? { ...msg, ...spec.extra } : msg;
}

export function templateStatusChange(opts: {
	event: string;
	id: string;
	name: string;
	language: string;
	category: string;
	reason?: string;
	rejectionInfo?: { reason: string; recommendation: string };
}): Change {
	return {
		field: 'message_template_status_update',
		value: {
			event: opts.event,
			// Meta sends this ID as a number (its example of an approved template's update).
			message_template_id: Number(opts.id),
			message_template_name: opts.name,
			message_template_language: opts.language,
			reason: opts.reason ?? 'NONE',
			message_template_category: opts.category,
			...(opts.rejectionInfo ? { rejection_info: opts.rejectionInfo } : {}),
		},
	};
}
