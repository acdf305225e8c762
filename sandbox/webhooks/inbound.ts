/**
 * Inbound webhooks: a user writing to the business (text, replies, media, location, reactions,
 * ...) as Meta's "messages" webhook, signed and delivered; statuses can ride in the same POST.
 * An inbound message (re)opens the sender's 24-hour window.
 */
import type { Identity } from '../core/config';
import { errors } from '../core/errors';
import { digitsOf } from '../core/ids';
import type { MediaStore } from '../core/media-store';
import type { Counters, MessageLog, StatusName } from '../core/records';
import { SEED } from '../core/seed';
import type { ServiceWindows } from '../core/windows';
import type { DeliveryRecord, Dispatcher, SignatureMode } from './dispatcher';
import {
	type Change,
	envelope,
	type InboundSpec,
	inboundMessage,
	MEDIA_SAMPLES,
	messagesChange,
	metadataOf,
} from './payloads';
import type { WebhookRouting } from './routing';
import type { StatusScheduler } from './statuses';

export interface InjectOptions {
	/** several messages in one webhook POST (one change, like Meta batches) */
	messages?: InboundSpec[];
	/** also include statuses for these wamids in the same POST */
	statuses?: Array<{ messageId: string; status: StatusName; recipient?: string }>;
	/** deliver the exact same bytes a second time (Meta's redelivery) */
	duplicate?: boolean;
	/** 'invalid' signs with a wrong secret, 'missing' leaves the header out */
	signature?: SignatureMode;
	/** false: only build and record, do not POST (default true) */
	deliver?: boolean;
	/** delivery attempts for this POST (default: the retry policy; 1 = no redelivery) */
	attempts?: number;
}

/** What inject() uses of the sandbox. */
export interface InboundContext {
	readonly identity: Identity;
	readonly counters: Counters;
	readonly messages: MessageLog;
	readonly media: MediaStore;
	readonly windows: ServiceWindows;
	readonly statuses: StatusScheduler;
	readonly routing: WebhookRouting;
	readonly dispatcher: Dispatcher;
	/** Base of the media URLs the webhook carries. */
	readonly publicUrl: string;
}

/** Simulates a user writing to the business: builds Meta's webhook and delivers it signed. */
export function inject(
	ctx: InboundContext,
	spec: InboundSpec,
	opts: InjectOptions = {},
): {
	messages: Array<{ id: string; from: string; type: string }>;
	delivery: DeliveryRecord | null;
	payload: unknown;
} {
	const specs = opts.messages?.length ? opts.messages : [spec];
	const contacts = new Map<string, { profile: { name: string }; wa_id: string }>();
	const built: Array<Record<string, unknown>> = [];
	for (const s of specs) {
		const from = digitsOf(s.from ?? spec.from ?? SEED.users[0].waId);
		if (!/^\d{7,15}$/.test(from))
			throw errors.invalidParameter(`inbound: from must be a wa_id (digits), got '${s.from}'`);
		const name =
			s.name ?? spec.name ?? SEED.users.find((u) => u.waId === from)?.name ?? 'Sandbox User';
		contacts.set(from, { profile: { name }, wa_id: from });
		const type = s.type ?? 'text';
		let media: { id: string; mime: string; sha256: string; url?: string } | undefined;
		if (MEDIA_SAMPLES[type]) {
			const existing = s.mediaId ? ctx.media.get(s.mediaId) : undefined;
			const sample = MEDIA_SAMPLES[type];
			const obj =
				existing ??
				ctx.media.add(sample.bytes(), s.mimeType ?? sample.mime, {
					filename: s.filename ?? sample.filename,
				});
			media = {
				id: obj.id,
				mime: obj.mime,
				sha256: obj.sha256Base64,
				url: ctx.media.url(ctx.publicUrl, obj.id),
			};
		}
		const msg = inboundMessage({ ...s, from }, ctx.identity.displayPhoneDigits, media);
		built.push(msg);
		const ts = Number(msg.timestamp) * 1000;
		ctx.windows.inbound(from, ts);
		ctx.counters.inbound++;
	}
	const parts: Record<string, unknown> = { contacts: [...contacts.values()], messages: built };
	const changes: Change[] = [messagesChange(metadataOf(ctx.identity), parts)];
	if (opts.statuses?.length) {
		const now = Date.now();
		const events = opts.statuses.map((s) => {
			const rec = ctx.messages.get(s.messageId);
			return ctx.statuses.emit(
				{
					messageId: s.messageId,
					status: s.status,
					recipient: s.recipient ?? rec?.waId ?? '',
					category: rec?.template?.category.toLowerCase() ?? 'service',
				},
				now,
			);
		});
		changes.push(messagesChange(metadataOf(ctx.identity), { statuses: events }));
	}
	const payload = envelope(ctx.identity.wabaId, changes);
	let delivery: DeliveryRecord | null = null;
	if (opts.deliver !== false) {
		const body = ctx.dispatcher.serialize(payload);
		const t = ctx.routing.resolve('messages');
		const refs = built.map((m) => String(m.id));
		const count = built.length + (opts.statuses?.length ?? 0);
		const meta = {
			events: count,
			refs,
			signature: opts.signature,
			skipReason: t.skipReason,
			maxAttempts: opts.attempts,
		};
		delivery = ctx.dispatcher.send(t.url, t.target, 'inbound', body, meta);
		if (opts.duplicate) ctx.dispatcher.send(t.url, t.target, 'duplicate', body, meta);
	}
	return {
		messages: built.map((m) => ({
			id: String(m.id),
			from: String(m.from),
			type: String(m.type),
		})),
		delivery,
		payload,
	};
}
