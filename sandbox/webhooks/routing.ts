/**
 * Where webhooks go, by Meta's precedence (phone number override, then WABA override, then the
 * app's callback URL; nothing while the app is not subscribed to the WABA), the handshake a new
 * callback must pass, and the deliveries the control API asks for (raw payloads, replays).
 */
import type { Identity, Knobs } from '../core/config';
import { errors } from '../core/errors';
import type { DeliveryRecord, Dispatcher, HandshakeRecord, SignatureMode } from './dispatcher';
import { type Change, envelope } from './payloads';

export interface CallbackOverride {
	url: string;
	verifyToken: string;
}

export interface WebhookTarget {
	url: string | null;
	target: string;
	skipReason?: string;
}

export class WebhookRouting {
	/** The app-level callback URL (Meta's app dashboard setting). */
	callbackUrl: string | null;
	/** POST /{phone-number-id} webhook_configuration.override_callback_uri */
	phoneOverride: CallbackOverride | null = null;
	/** POST /{waba-id}/subscribed_apps override_callback_uri */
	wabaOverride: CallbackOverride | null = null;

	constructor(
		private readonly identity: Identity,
		private readonly knobs: Knobs,
		private readonly dispatcher: Dispatcher,
		private readonly log: (line: string) => void,
		callbackUrl: string | null,
	) {
		this.callbackUrl = callbackUrl;
	}

	/**
	 * The target of a webhook of this field. Nothing at all when the app is not subscribed to the
	 * WABA: the classic "sending works but nothing arrives" pitfall.
	 */
	resolve(field: string): WebhookTarget {
		if (!this.knobs.subscribed) {
			return {
				url: null,
				target: 'none',
				skipReason: 'app not subscribed to the WABA (POST /{waba-id}/subscribed_apps)',
			};
		}
		if (field === 'messages' && this.phoneOverride)
			return { url: this.phoneOverride.url, target: 'phone_number' };
		if (this.wabaOverride)
			return { url: this.wabaOverride.url, target: 'whatsapp_business_account' };
		if (this.callbackUrl) return { url: this.callbackUrl, target: 'application' };
		return { url: null, target: 'none', skipReason: 'no callback URL configured' };
	}

	/** Meta's webhook override lookup: which callback each level would use. */
	configuration(): Record<string, string> {
		const out: Record<string, string> = {};
		if (this.phoneOverride) out.phone_number = this.phoneOverride.url;
		if (this.wabaOverride) out.whatsapp_business_account = this.wabaOverride.url;
		if (this.callbackUrl) out.application = this.callbackUrl;
		return out;
	}

	/** Wraps one change in Meta's envelope and sends it to its target. */
	deliverChange(
		kind: string,
		change: Change,
		events: number,
		refs: string[],
		signature?: SignatureMode,
		time?: number,
	): DeliveryRecord {
		const body = this.dispatcher.serialize(envelope(this.identity.wabaId, [change], time));
		const t = this.resolve(change.field);
		return this.dispatcher.send(t.url, t.target, kind, body, {
			events,
			refs,
			signature,
			skipReason: t.skipReason,
		});
	}

	/** The handshake an override must pass before Graph accepts it (2200 when it fails). */
	async verifyOrThrow(uri: string, token: string, target: string): Promise<void> {
		try {
			new URL(uri);
		} catch {
			throw errors.invalidParameter('Invalid callback URI format');
		}
		const rec = await this.dispatcher.handshake(uri, token, target);
		if (!rec.ok) {
			throw errors.callbackVerification(
				rec.error
					? `Couldn't connect to server (${rec.error})`
					: rec.status !== 200
						? `HTTP Status Code = ${rec.status}`
						: "The URL didn't echo back the challenge",
			);
		}
	}

	/** Sets (or clears) the app callback URL; performs the handshake unless told not to. */
	async setCallback(
		url: string | null,
		opts: { verifyToken?: string; handshake?: boolean } = {},
	): Promise<HandshakeRecord | null> {
		if (url) new URL(url);
		this.callbackUrl = url;
		if (opts.verifyToken) this.identity.verifyToken = opts.verifyToken;
		this.log(url ? `app callback URL set to ${url}` : 'app callback URL cleared');
		if (!url || opts.handshake === false) return null;
		return this.dispatcher.handshake(url, this.identity.verifyToken, 'application');
	}

	/**
	 * Delivers an arbitrary payload (for signature tests): valid, invalid or missing signature.
	 * `rawBody` sends those exact bytes instead of serializing `payload`; `attempts` 1 avoids the
	 * redeliveries a 403 would otherwise cause.
	 */
	sendRaw(
		payload: unknown,
		opts: { signature?: SignatureMode; rawBody?: string; attempts?: number } = {},
	): DeliveryRecord {
		const body = opts.rawBody ?? this.dispatcher.serialize(payload);
		const t = this.resolve('messages');
		return this.dispatcher.send(t.url, t.target, 'raw', body, {
			events: 1,
			signature: opts.signature,
			skipReason: t.skipReason,
			maxAttempts: opts.attempts,
		});
	}

	/** Meta's redelivery of the same event: the exact bytes of a past delivery, sent again. */
	replay(id?: string, opts: { attempts?: number } = {}): DeliveryRecord {
		const original = id
			? this.dispatcher.deliveries.find((d) => d.id === id)
			: this.dispatcher.deliveries.last();
		if (!original)
			throw errors.invalidParameter(
				id ? `No delivery ${id} in the history` : 'No delivery to replay yet',
			);
		const t = this.resolve('messages');
		return this.dispatcher.send(t.url ?? original.url, t.target, 'replay', original.body, {
			events: original.events,
			refs: original.refs,
			signature: original.signature,
			skipReason: t.url || original.url ? undefined : t.skipReason,
			maxAttempts: opts.attempts,
		});
	}

	/** Webhook routing is state, not a knob: a reset drops the overrides. */
	clearOverrides(): void {
		this.phoneOverride = null;
		this.wabaOverride = null;
	}
}
