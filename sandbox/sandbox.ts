import type { IncomingHttpHeaders } from 'node:http';

import {
	type Identity,
	type Knobs,
	resolveIdentity,
	resolveKnobs,
	type RetryPolicy,
	type SandboxOptions,
} from './core/config';
import { asyncErrors, errors, GraphError, type WebhookError } from './core/errors';
import { conversationId, digitsOf, seededRandom, wamid } from './core/ids';
import { PairLimiter, TokenBucket } from './core/limits';
import {
	countRejection,
	createCounters,
	type MessageFilter,
	MessageLog,
	type MessageRecord,
	type PitfallRecord,
	type RequestRecord,
	type StatusName,
} from './core/records';
import { Ring } from './core/ring';
import { SEED } from './core/seed';
import { TimedQueue } from './core/timed-queue';
import { ServiceWindows, WINDOW_MS } from './core/windows';
import { MediaStore, mediaLimit, parseMultipart } from './media';
import {
	type Change,
	envelope,
	type InboundSpec,
	inboundMessage,
	MEDIA_SAMPLES,
	messagesChange,
	type StatusEvent,
	statusEvent,
	templateStatusChange,
} from './payloads';
import { type OutboundMessage, parseMessagesRequest } from './graph/message-schemas';
import { validateTemplateSend } from './graph/template-send';
import { seedTemplates } from './templates/seed';
import { projectTemplate, TemplateStore } from './templates/store';
import type { StoredTemplate } from './templates/types';
import { type DeliveryRecord, Dispatcher, type HandshakeRecord } from './webhooks';

/**
 * The sandbox's state and behaviour, independent of HTTP: the Graph endpoints (handleGraph) and
 * the control API (the public methods). server.ts wires it to node:http.
 */

export interface GraphRequest {
	method: string;
	/** path segments after the version, e.g. ['731596248005317', 'messages'] */
	segments: string[];
	version: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: Buffer;
	/** scheme://host:port the client used, for absolute URLs (paging.next, media URL) */
	baseUrl: string;
}

export type GraphResult =
	| { status: number; json: unknown; headers?: Record<string, string> }
	| { status: number; bytes: Buffer; contentType: string; headers?: Record<string, string> }
	| { destroy: true };

export interface FaultSpec {
	/**
	 * reset: destroy the socket before answering (nothing recorded); 429: plain HTTP 429 with
	 * Retry-After; 5xx: server error (afterAccept: the message was accepted and sent anyway);
	 * error: answer this Graph error code synchronously; async-error: accept, then a `failed`
	 * status webhook with this code; latency: extra delay, then normal processing.
	 */
	type: 'reset' | '429' | '5xx' | 'error' | 'async-error' | 'latency';
	/** how many requests this applies to (default 1) */
	count?: number;
	status?: number;
	afterAccept?: boolean;
	code?: number;
	title?: string;
	details?: string;
	retryAfterSeconds?: number;
	latencyMs?: number;
	/** only requests matching all given fields (recipient digits, message type, template name) */
	match?: { to?: string; type?: string; template?: string };
}

interface PendingStatus {
	messageId: string;
	status: StatusName;
	recipient: string;
	category: string;
	errors?: WebhookError[];
	bizOpaque?: string;
}

export interface DeliveryFilter {
	since?: number;
	limit?: number;
	kind?: string;
	state?: string;
	ref?: string;
	includeBody?: boolean;
}

export interface InjectOptions {
	/** several messages in one webhook POST (one change, like Meta batches) */
	messages?: InboundSpec[];
	/** also include statuses for these wamids in the same POST */
	statuses?: Array<{ messageId: string; status: StatusName; recipient?: string }>;
	/** deliver the exact same bytes a second time (Meta's redelivery) */
	duplicate?: boolean;
	/** 'invalid' signs with a wrong secret, 'missing' leaves the header out */
	signature?: 'valid' | 'invalid' | 'missing';
	/** false: only build and record, do not POST (default true) */
	deliver?: boolean;
	/** delivery attempts for this POST (default: the retry policy; 1 = no redelivery) */
	attempts?: number;
}

const JSON_LIMIT = 4 * 1024 * 1024;

export class Sandbox {
	readonly identity: Identity;
	readonly knobs: Knobs;
	readonly templates: TemplateStore;
	readonly media: MediaStore;
	readonly dispatcher: Dispatcher;
	readonly messages: MessageLog;
	readonly requests: Ring<RequestRecord>;
	readonly pitfalls: Ring<PitfallRecord>;
	readonly counters = createCounters();
	readonly windows = new ServiceWindows();

	/** App-level callback (Meta app dashboard). */
	callbackUrl: string | null;
	private phoneOverride: { url: string; verifyToken: string } | null = null;
	private wabaOverride: { url: string; verifyToken: string } | null = null;

	private readonly throughput: TokenBucket;
	private readonly pairs: PairLimiter;
	private readonly pendingStatuses = new TimedQueue<PendingStatus>();
	private flushTimer: NodeJS.Timeout | null = null;
	private flushAt = 0;
	private faults: Array<FaultSpec & { remaining: number }> = [];
	private reviewTimers = new Set<NodeJS.Timeout>();
	private random: () => number;
	readonly log: (line: string) => void;
	private readonly options: SandboxOptions;
	/** Base URL for links when no request tells us the host (webhook media URLs). */
	publicUrl: string;
	private closed = false;

	constructor(options: SandboxOptions = {}) {
		this.options = options;
		this.identity = resolveIdentity(options);
		this.knobs = resolveKnobs(options);
		this.log =
			options.log ??
			(options.quiet ? () => undefined : (line: string) => console.log(`[sandbox] ${line}`));
		this.random = options.randomSeed !== undefined ? seededRandom(options.randomSeed) : Math.random;
		this.callbackUrl = options.callbackUrl ?? null;
		this.publicUrl = options.publicUrl ?? 'http://127.0.0.1';
		this.templates = new TemplateStore(seedTemplates());
		this.media = new MediaStore(
			options.maxMediaBytes ?? 64 * 1024 * 1024,
			options.mediaUrlTtlMs ?? 5 * 60 * 1000,
		);
		this.seedMedia();
		const h = options.history ?? {};
		this.messages = new MessageLog(h.messages ?? 5_000);
		this.requests = new Ring<RequestRecord>(h.requests ?? 1_000);
		this.pitfalls = new Ring<PitfallRecord>(h.pitfalls ?? 200);
		this.dispatcher = new Dispatcher({
			appSecret: () => this.identity.appSecret,
			retry: () => this.knobs.webhookRetry,
			timeoutMs: options.webhookTimeoutMs ?? 5_000,
			concurrency: options.webhookConcurrency ?? 16,
			maxQueue: 20_000,
			maxPendingBytes: 64 * 1024 * 1024,
			historySize: h.deliveries ?? 500,
			unicode: () => this.knobs.webhookUnicode,
			log: this.log,
		});
		const now = Date.now();
		this.throughput = new TokenBucket(this.knobs.tier, this.knobs.tierBurst, now);
		this.pairs = new PairLimiter(this.knobs.pairRateSeconds, this.knobs.pairBurst);
	}

	private seedMedia(): void {
		for (const [kind, id] of Object.entries(SEED.media)) {
			const sample = MEDIA_SAMPLES[kind];
			this.media.add(sample.bytes(), sample.mime, { id, filename: sample.filename, pinned: true });
		}
	}

	// -------------------------------------------------------------------------------------------
	// Graph API

	async handleGraph(req: GraphRequest): Promise<GraphResult> {
		try {
			this.authenticate(req);
			return await this.route(req);
		} catch (err) {
			if (err instanceof GraphError)
				return { status: err.status, json: err.body, headers: err.headers };
			throw err;
		}
	}

	private pitfall(kind: string, detail: string): void {
		this.counters.pitfalls++;
		this.pitfalls.push({ at: new Date().toISOString(), kind, detail });
	}

	private authenticate(req: GraphRequest): void {
		const header = req.headers.authorization;
		const queryToken = req.query.get('access_token');
		let token: string | undefined;
		if (queryToken !== null) {
			this.pitfall(
				'token_in_query',
				'access_token was sent in the URL query string; send it in the Authorization header',
			);
			if (this.knobs.queryToken === 'reject') throw errors.tokenInQuery();
			token = queryToken;
		}
		if (header !== undefined) {
			const m = /^Bearer(?:\s+(.*))?$/i.exec(header.trim());
			if (!m) {
				this.pitfall(
					'authorization_without_bearer',
					'Authorization header without the "Bearer " prefix',
				);
				throw errors.invalidToken();
			}
			token = (m[1] ?? '').trim();
			if (!token) {
				// "Bearer " with nothing after it: an empty Access Token field in the credential.
				this.pitfall('empty_token', 'Authorization: Bearer with an empty token');
				throw errors.invalidToken();
			}
		}
		if (token === undefined || token === '') throw errors.missingToken();
		if (this.identity.expiredTokens.includes(token)) throw errors.expiredToken();
		if (token !== this.identity.accessToken && !this.identity.extraTokens.includes(token))
			throw errors.invalidToken();
	}

	private async route(req: GraphRequest): Promise<GraphResult> {
		const [id, edge, ...rest] = req.segments;
		const { method } = req;
		if (!id) throw errors.unknownPath('/');
		if (rest.length) throw errors.unknownPath(`/${req.segments.join('/')}`);
		const { phoneNumberId, wabaId } = this.identity;

		if (id === phoneNumberId) {
			if (!edge) {
				if (method === 'GET') return this.ok(this.phoneInfo(req.query.get('fields')));
				if (method === 'POST') return this.ok(await this.updatePhone(req));
				throw errors.unsupported(method, id);
			}
			if (edge === 'messages' && method === 'POST') return this.postMessage(req);
			if (edge === 'media' && method === 'POST') return this.ok(this.uploadMedia(req));
			if (edge === 'message_templates' || edge === 'subscribed_apps') {
				this.pitfall(
					'phone_number_id_as_waba_id',
					`/${edge} was called on the phone number ID; it belongs to the WhatsApp Business Account ID`,
				);
			}
			if (method === 'GET') throw errors.nonexistingField(edge, 'WhatsAppBusinessPhoneNumber');
			throw errors.unsupported(method, id);
		}

		if (id === wabaId) {
			if (!edge) {
				if (method === 'GET') return this.ok(this.wabaInfo(req.query.get('fields')));
				throw errors.unsupported(method, id);
			}
			if (edge === 'message_templates') {
				if (method === 'GET') return this.ok(this.listTemplates(req));
				if (method === 'POST') return this.ok(this.createTemplate(req));
				if (method === 'DELETE') return this.ok(this.deleteTemplates(req));
			}
			if (edge === 'subscribed_apps') {
				if (method === 'GET') return this.ok(this.getSubscribedApps());
				if (method === 'POST') return this.ok(await this.subscribeApp(req));
				if (method === 'DELETE') return this.ok(this.unsubscribeApp());
			}
			if (edge === 'phone_numbers' && method === 'GET') {
				return this.ok({
					data: [this.phoneInfo(req.query.get('fields'))],
					paging: { cursors: { before: 'QVFIUw', after: 'QVFIUw' } },
				});
			}
			if (edge === 'messages' || edge === 'media') {
				this.pitfall(
					'waba_id_as_phone_number_id',
					`/${edge} was called on the WhatsApp Business Account ID; use the phone number ID`,
				);
				countRejection(this.counters, 100);
			}
			if (method === 'GET') throw errors.nonexistingField(edge, 'WhatsAppBusinessAccount');
			throw errors.unsupported(method, id);
		}

		// GET /app: the app the access token belongs to (the trigger compares it with subscribed_apps).
		if (id === 'app' && !edge && method === 'GET') {
			const app: Record<string, unknown> = {
				id: SEED.appId,
				name: SEED.appName,
				link: `https://www.facebook.com/games/?app_id=${SEED.appId}`,
			};
			const fields = this.fieldList(req.query.get('fields'));
			return this.ok(
				fields
					? Object.fromEntries(
							Object.entries(app).filter(([k]) => k === 'id' || fields.includes(k)),
						)
					: app,
			);
		}
		if (id === 'me' && !edge && method === 'GET')
			return this.ok({ id: '6120458893301177', name: 'Sandbox System User' });

		const template = this.templates.get(id);
		if (template && !edge) {
			if (method === 'GET')
				return this.ok(projectTemplate(template, this.fieldList(req.query.get('fields'))));
			if (method === 'DELETE') {
				this.templates.delete(template.name, template.id);
				this.counters.templates.deleted++;
				return this.ok({ success: true });
			}
		}

		const media = this.media.get(id);
		if (media && !edge) {
			const owner = req.query.get('phone_number_id');
			if (owner && owner !== phoneNumberId)
				throw errors.invalidParameter(`Media ${id} does not belong to phone number ${owner}`);
			if (method === 'GET') {
				return this.ok({
					messaging_product: 'whatsapp',
					url: this.media.url(req.baseUrl, id),
					mime_type: media.mime,
					sha256: media.sha256Hex,
					file_size: String(media.bytes.length),
					id,
				});
			}
			if (method === 'DELETE') {
				this.media.delete(id);
				this.counters.media.deleted++;
				return this.ok({ success: true });
			}
		}
		throw errors.unsupported(method, id);
	}

	private ok(json: unknown): GraphResult {
		return { status: 200, json };
	}

	private fieldList(fields: string | null): string[] | undefined {
		if (!fields) return undefined;
		return fields
			.split(',')
			.map((f) => f.trim())
			.filter(Boolean);
	}

	private phoneInfo(fields: string | null): Record<string, unknown> {
		const available: Record<string, () => unknown> = {
			id: () => this.identity.phoneNumberId,
			display_phone_number: () => this.identity.displayPhoneNumber,
			verified_name: () => this.identity.verifiedName,
			quality_rating: () => 'GREEN',
			code_verification_status: () => 'VERIFIED',
			name_status: () => 'APPROVED',
			platform_type: () => 'CLOUD_API',
			status: () => 'CONNECTED',
			account_mode: () => (this.knobs.testMode ? 'SANDBOX' : 'LIVE'),
			messaging_limit_tier: () => 'TIER_1K',
			is_official_business_account: () => false,
			throughput: () => ({ level: this.knobs.tier >= 1000 ? 'HIGH' : 'STANDARD' }),
			webhook_configuration: () => this.webhookConfiguration(),
			last_onboarded_time: () => '2025-01-15T09:30:00+0000',
		};
		const wanted = this.fieldList(fields) ?? [
			'id',
			'display_phone_number',
			'verified_name',
			'quality_rating',
		];
		const out: Record<string, unknown> = {};
		for (const f of wanted) {
			if (!available[f]) throw errors.nonexistingField(f, 'WhatsAppBusinessPhoneNumber');
			out[f] = available[f]();
		}
		out.id = this.identity.phoneNumberId;
		return out;
	}

	/** Meta's webhook override lookup: which callback each level would use. */
	private webhookConfiguration(): Record<string, string> {
		const out: Record<string, string> = {};
		if (this.phoneOverride) out.phone_number = this.phoneOverride.url;
		if (this.wabaOverride) out.whatsapp_business_account = this.wabaOverride.url;
		if (this.callbackUrl) out.application = this.callbackUrl;
		return out;
	}

	private wabaInfo(fields: string | null): Record<string, unknown> {
		const available: Record<string, () => unknown> = {
			id: () => this.identity.wabaId,
			name: () => SEED.businessName,
			currency: () => 'USD',
			timezone_id: () => '1',
			message_template_namespace: () => SEED.messageTemplateNamespace,
			account_review_status: () => 'APPROVED',
			business_verification_status: () => 'verified',
		};
		const wanted = this.fieldList(fields) ?? [
			'id',
			'name',
			'currency',
			'timezone_id',
			'message_template_namespace',
		];
		const out: Record<string, unknown> = {};
		for (const f of wanted) {
			if (!available[f]) {
				if (['display_phone_number', 'verified_name', 'quality_rating'].includes(f)) {
					this.pitfall(
						'waba_id_as_phone_number_id',
						`GET /${this.identity.wabaId}?fields=${f}: the WABA ID was used where the phone number ID belongs`,
					);
				}
				throw errors.nonexistingField(f, 'WhatsAppBusinessAccount');
			}
			out[f] = available[f]();
		}
		out.id = this.identity.wabaId;
		return out;
	}

	/** JSON or form body, with query parameters merged under it (Graph reads both). */
	private params(req: GraphRequest): Record<string, unknown> {
		const out: Record<string, unknown> = {};
		for (const [k, v] of req.query) {
			if (k === 'access_token') continue;
			out[k] = /^[[{]/.test(v) ? this.tryJson(v) : v;
		}
		if (!req.body.length) return out;
		const type = String(req.headers['content-type'] ?? '');
		if (type.includes('application/x-www-form-urlencoded')) {
			for (const [k, v] of new URLSearchParams(req.body.toString('utf8')))
				out[k] = /^[[{]/.test(v) ? this.tryJson(v) : v;
			return out;
		}
		if (req.body.length > JSON_LIMIT) throw errors.payloadTooLarge(JSON_LIMIT);
		let parsed: unknown;
		try {
			parsed = JSON.parse(req.body.toString('utf8'));
		} catch {
			throw errors.invalidParameter('The request body is not valid JSON.');
		}
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(out, parsed);
		return out;
	}

	private tryJson(v: string): unknown {
		try {
			return JSON.parse(v);
		} catch {
			return v;
		}
	}

	// --- messages ------------------------------------------------------------------------------

	private takeScriptedFault(raw: Record<string, unknown>): FaultSpec | undefined {
		if (!this.faults.length) return undefined;
		const to = typeof raw.to === 'string' ? digitsOf(raw.to) : undefined;
		const type = typeof raw.type === 'string' ? raw.type : 'text';
		const tpl = (raw.template as { name?: string } | undefined)?.name;
		const i = this.faults.findIndex(
			(f) =>
				(!f.match?.to || digitsOf(f.match.to) === to) &&
				(!f.match?.type || f.match.type === type) &&
				(!f.match?.template || f.match.template === tpl),
		);
		if (i === -1) return undefined;
		const fault = this.faults[i];
		if (--fault.remaining <= 0) this.faults.splice(i, 1);
		this.counters.faults.scripted++;
		return fault;
	}

	/** Random faults (knobs), decided per request. */
	randomFault(scope: 'messages' | 'other'): FaultSpec | undefined {
		const k = this.knobs;
		if (scope === 'other' && k.faultScope !== 'all') return undefined;
		if (k.resetRate > 0 && this.random() < k.resetRate) return { type: 'reset' };
		if (k.rate429 > 0 && this.random() < k.rate429) return { type: '429' };
		if (k.errorRate > 0 && this.random() < k.errorRate) {
			return {
				type: '5xx',
				status: k.errorStatus,
				afterAccept: scope === 'messages' && k.fiveXxAfterAccept,
			};
		}
		return undefined;
	}

	/** Applies a fault that answers before any processing; undefined = continue. */
	applyEarlyFault(fault: FaultSpec | undefined): GraphResult | undefined {
		if (!fault) return undefined;
		if (fault.type === 'reset') {
			this.counters.faults.reset++;
			return { destroy: true };
		}
		if (fault.type === '429') {
			this.counters.faults.http429++;
			const e = errors.appRateLimit(fault.retryAfterSeconds ?? this.knobs.retryAfterSeconds);
			return { status: 429, json: e.body, headers: e.headers };
		}
		if (fault.type === '5xx' && !fault.afterAccept) {
			this.counters.faults.http5xx++;
			const e = errors.server(fault.status ?? this.knobs.errorStatus);
			return { status: e.status, json: e.body };
		}
		return undefined;
	}

	private errorForCode(fault: FaultSpec): GraphError {
		switch (fault.code) {
			case 130429:
				return errors.throughput();
			case 131056:
				return errors.pairRate();
			case 131030:
				return errors.notAllowed();
			case 131000:
				return errors.server(500);
			case 190:
				return errors.invalidToken();
			default:
				return new GraphError(
					fault.status ?? 400,
					fault.code ?? 100,
					`(#${fault.code ?? 100}) ${fault.title ?? 'Sandbox injected error'}`,
					{
						details: fault.details ?? 'Injected by the sandbox control API',
					},
				);
		}
	}

	private recordRejection(
		raw: unknown,
		err: GraphError,
		kind: 'message' | 'read' = 'message',
	): void {
		countRejection(this.counters, err.code);
		const r = (raw ?? {}) as Record<string, unknown>;
		const to = typeof r.to === 'string' ? r.to : null;
		this.messages.add({
			id: null,
			at: new Date().toISOString(),
			outcome: 'rejected',
			httpStatus: err.status,
			error: {
				code: err.code,
				message: err.body.error.message,
				details: err.body.error.error_data?.details,
			},
			kind,
			phoneNumberId: this.identity.phoneNumberId,
			to,
			waId: to ? digitsOf(to) : null,
			type: typeof r.type === 'string' ? r.type : typeof r.to === 'string' ? 'text' : null,
			template:
				r.template && typeof r.template === 'object'
					? this.templateRef(r.template as Record<string, unknown>)
					: undefined,
			status: 'rejected',
			payload: raw,
		});
	}

	private templateRef(t: Record<string, unknown>): {
		name: string;
		language: string;
		category: string;
	} {
		const language = (t.language as { code?: string } | undefined)?.code ?? '';
		const name = String(t.name ?? '');
		return { name, language, category: this.templates.find(name, language)?.category ?? '' };
	}

	private async postMessage(req: GraphRequest): Promise<GraphResult> {
		let raw: Record<string, unknown> = {};
		let fault: FaultSpec | undefined;
		try {
			raw = this.params(req);
			fault = this.takeScriptedFault(raw) ?? this.randomFault('messages');
			if (fault?.type === 'latency') await new Promise((r) => setTimeout(r, fault?.latencyMs ?? 0));
			const early = this.applyEarlyFault(fault);
			if (early) return early;
			if (fault?.type === 'error') throw this.errorForCode(fault);
			const parsed = parseMessagesRequest(raw);
			if (parsed.kind === 'read') {
				if (!parsed.messageId.startsWith('wamid.'))
					throw errors.invalidParameter(
						'Param message_id must be a valid WhatsApp message ID (wamid.*).',
					);
				this.counters.reads++;
				if (parsed.typing) this.counters.typing++;
				this.messages.add({
					id: null,
					at: new Date().toISOString(),
					outcome: 'accepted',
					httpStatus: 200,
					kind: 'read',
					phoneNumberId: this.identity.phoneNumberId,
					to: null,
					waId: null,
					type: parsed.typing ? 'read+typing' : 'read',
					status: 'read',
					payload: raw,
				});
				return this.ok({ success: true });
			}
			const accepted = this.acceptMessage(parsed.message, raw, fault);
			if (fault?.type === '5xx' && fault.afterAccept) {
				this.counters.faults.http5xx++;
				this.counters.faults.fiveXxAfterAccept++;
				accepted.record.notes = [...(accepted.record.notes ?? []), '5xx-after-accept'];
				const e = errors.server(fault.status ?? this.knobs.errorStatus);
				return { status: e.status, json: e.body };
			}
			return this.ok(accepted.response);
		} catch (err) {
			if (err instanceof GraphError) {
				this.recordRejection(raw, err, raw.status === 'read' ? 'read' : 'message');
				return { status: err.status, json: err.body, headers: err.headers };
			}
			throw err;
		}
	}

	private acceptMessage(
		msg: OutboundMessage,
		raw: unknown,
		fault: FaultSpec | undefined,
	): { response: unknown; record: MessageRecord } {
		const now = Date.now();
		if (msg.recipient_type === 'group')
			throw errors.invalidParameter('Param recipient_type group is not supported by the sandbox.');
		const waId = digitsOf(msg.to);
		// Meta wants the full international number; a leading 0 (trunk prefix, or the 00
		// international prefix) is rejected with (#100) Invalid parameter.
		if (!/^[1-9]\d{6,14}$/.test(waId)) {
			throw errors.invalidParameter(
				`Param to must be a phone number in international format (E.164, country code first, e.g. +15551234567); got '${msg.to}'.`,
			);
		}
		if (waId === this.identity.displayPhoneDigits) throw errors.recipientIsSender();
		if (this.knobs.testMode && !this.knobs.allowlist.includes(waId)) throw errors.notAllowed();

		let template: StoredTemplate | undefined;
		let text: string | undefined;
		if (msg.type === 'template' && msg.template) {
			const checked = validateTemplateSend(this.templates, msg.template);
			template = checked.template;
			text = checked.bodyText;
		} else if (msg.type === 'text') {
			text = msg.text?.body;
		}

		if (!this.throughput.tryTake(now)) throw errors.throughput();
		if (!this.pairs.tryTake(`${this.identity.phoneNumberId}:${waId}`, now)) throw errors.pairRate();

		const id = wamid(waId, 'outbound');
		const category = template ? template.category.toLowerCase() : 'service';
		const notes: string[] = [];
		let failure: WebhookError | undefined;
		const last = this.windows.lastInboundAt(waId);
		if (!template && this.knobs.enforceWindow && (last === undefined || now - last > WINDOW_MS)) {
			failure = asyncErrors.reengagement();
			notes.push(
				last === undefined
					? 'window-closed: recipient never wrote'
					: 'window-closed: last inbound message older than 24h',
			);
		}
		const mediaRef = (msg[msg.type] as { id?: string } | undefined)?.id;
		if (
			!failure &&
			['image', 'video', 'audio', 'document', 'sticker'].includes(msg.type) &&
			mediaRef &&
			!this.media.get(mediaRef)
		) {
			failure = asyncErrors.mediaUpload(mediaRef);
			notes.push('unknown-media-id');
		}
		if (!failure && fault?.type === 'async-error') {
			failure = asyncErrors.generic(
				fault.code ?? 131026,
				fault.title ?? 'Message Undeliverable',
				fault.details ?? 'Injected by the sandbox control API',
			);
			notes.push('scripted-async-error');
		}

		const record: MessageRecord = {
			id,
			at: new Date(now).toISOString(),
			outcome: 'accepted',
			httpStatus: 200,
			kind: 'message',
			phoneNumberId: this.identity.phoneNumberId,
			to: msg.to,
			waId,
			type: msg.type,
			template: template
				? { name: template.name, language: template.language, category: template.category }
				: undefined,
			text,
			status: 'accepted',
			notes: notes.length ? notes : undefined,
			payload: raw,
		};
		this.messages.add(record);
		this.counters.messages.accepted++;
		this.counters.messages.byType[msg.type] = (this.counters.messages.byType[msg.type] ?? 0) + 1;

		const bizOpaque =
			typeof msg.biz_opaque_callback_data === 'string' ? msg.biz_opaque_callback_data : undefined;
		const d = this.knobs.statusDelayMs;
		if (failure) {
			this.scheduleStatus(now + d, {
				messageId: id,
				status: 'failed',
				recipient: waId,
				category,
				errors: [failure],
				bizOpaque,
			});
		} else {
			this.knobs.statuses.forEach((status, i) => {
				this.scheduleStatus(now + d * (i + 1), {
					messageId: id,
					status,
					recipient: waId,
					category,
					bizOpaque,
				});
			});
		}
		const response = {
			messaging_product: 'whatsapp',
			contacts: [{ input: msg.to, wa_id: waId }],
			// Meta adds message_status (accepted / held_for_quality_assessment / paused) for templates.
			messages: [template ? { id, message_status: 'accepted' } : { id }],
		};
		return { response, record };
	}

	// --- statuses -------------------------------------------------------------------------------

	private scheduleStatus(at: number, status: PendingStatus): void {
		this.pendingStatuses.push(at, status);
		this.armFlush();
	}

	private armFlush(): void {
		if (this.closed) return;
		const next = this.pendingStatuses.peekTime();
		if (next === undefined) return;
		const fireAt = next + this.knobs.webhookBatchMs;
		if (this.flushTimer && fireAt >= this.flushAt) return;
		if (this.flushTimer) clearTimeout(this.flushTimer);
		this.flushAt = fireAt;
		this.flushTimer = setTimeout(() => this.flushStatuses(), Math.max(0, fireAt - Date.now()));
	}

	private flushStatuses(): void {
		this.flushTimer = null;
		const now = Date.now();
		for (;;) {
			const due = this.pendingStatuses.popDue(now, this.knobs.webhookBatchMax);
			if (!due.length) break;
			const events: StatusEvent[] = due.map((p) => this.emitStatus(p, now));
			this.deliverChange(
				'status',
				messagesChange(this.metadata(), { statuses: events }),
				events.length,
				events.map((e) => e.id),
			);
		}
		this.armFlush();
	}

	private emitStatus(p: PendingStatus, now: number): StatusEvent {
		const record = this.messages.get(p.messageId);
		const order = ['accepted', 'sent', 'delivered', 'read'];
		if (
			record &&
			(p.status === 'failed' || order.indexOf(p.status) > order.indexOf(record.status))
		) {
			record.status = p.status;
			if (p.errors) record.statusErrors = p.errors;
		}
		this.counters.statuses[p.status]++;
		const day = Math.floor(now / WINDOW_MS);
		return statusEvent({
			messageId: p.messageId,
			status: p.status,
			at: now,
			recipient: p.recipient,
			category: p.category,
			conversationId: conversationId(
				`${this.identity.phoneNumberId}:${p.recipient}:${p.category}:${day}`,
			),
			conversationExpiresAt: (day + 1) * WINDOW_MS,
			errors: p.errors,
			bizOpaque: p.bizOpaque,
		});
	}

	private metadata() {
		return {
			display_phone_number: this.identity.displayPhoneDigits,
			phone_number_id: this.identity.phoneNumberId,
		};
	}

	/**
	 * Where "messages" webhooks go, by Meta's precedence: phone number override, then WABA
	 * override, then the app's callback URL; nothing at all when the app is not subscribed to
	 * the WABA (the classic "sending works but nothing arrives" pitfall).
	 */
	resolveTarget(field: string): { url: string | null; target: string; skipReason?: string } {
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

	private deliverChange(
		kind: string,
		change: Change,
		events: number,
		refs: string[],
		signature?: 'valid' | 'invalid' | 'missing',
		time?: number,
	): DeliveryRecord {
		const body = this.dispatcher.serialize(envelope(this.identity.wabaId, [change], time));
		const t = this.resolveTarget(change.field);
		return this.dispatcher.send(t.url, t.target, kind, body, {
			events,
			refs,
			signature,
			skipReason: t.skipReason,
		});
	}

	// --- phone number webhook override & subscriptions ----------------------------------------

	private async updatePhone(req: GraphRequest): Promise<Record<string, unknown>> {
		const p = this.params(req);
		const cfg = p.webhook_configuration as
			| { override_callback_uri?: unknown; verify_token?: unknown }
			| undefined;
		if (cfg !== undefined) {
			if (!cfg || typeof cfg !== 'object' || typeof cfg.override_callback_uri !== 'string') {
				throw errors.invalidParameter(
					"Param webhook_configuration['override_callback_uri'] is required.",
				);
			}
			const uri = cfg.override_callback_uri;
			if (uri === '') {
				this.phoneOverride = null;
				this.log('phone number webhook override removed');
				return { success: true };
			}
			const token = typeof cfg.verify_token === 'string' ? cfg.verify_token : '';
			if (!token)
				throw errors.invalidParameter("Param webhook_configuration['verify_token'] is required.");
			// Spec (POST /{Phone-Number-ID}): "Webhook subscription must exist before configuring
			// callback URI overrides".
			if (!this.knobs.subscribed) {
				throw errors.invalidParameter(
					'The app is not subscribed to the WhatsApp Business Account: call POST /{waba-id}/subscribed_apps before setting a phone number webhook override.',
				);
			}
			await this.verifyOrThrow(uri, token, 'phone_number');
			this.phoneOverride = { url: uri, verifyToken: token };
			this.log(`phone number webhook override set to ${uri}`);
		}
		return { success: true };
	}

	private async verifyOrThrow(uri: string, token: string, target: string): Promise<void> {
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

	private getSubscribedApps(): Record<string, unknown> {
		if (!this.knobs.subscribed) return { data: [] };
		return {
			data: [
				{
					whatsapp_business_api_data: {
						id: SEED.appId,
						name: SEED.appName,
						link: `https://www.facebook.com/games/?app_id=${SEED.appId}`,
					},
					...(this.wabaOverride ? { override_callback_uri: this.wabaOverride.url } : {}),
				},
			],
		};
	}

	private async subscribeApp(req: GraphRequest): Promise<Record<string, unknown>> {
		const p = this.params(req);
		if (typeof p.override_callback_uri === 'string' && p.override_callback_uri !== '') {
			const token = typeof p.verify_token === 'string' ? p.verify_token : '';
			if (!token)
				throw errors.invalidParameter('Param verify_token is required with override_callback_uri.');
			await this.verifyOrThrow(p.override_callback_uri, token, 'whatsapp_business_account');
			this.wabaOverride = { url: p.override_callback_uri, verifyToken: token };
		} else if (p.override_callback_uri === '') {
			this.wabaOverride = null;
		}
		this.knobs.subscribed = true;
		this.log(
			`app subscribed to WABA${this.wabaOverride ? ` with override ${this.wabaOverride.url}` : ''}`,
		);
		return { success: true };
	}

	private unsubscribeApp(): Record<string, unknown> {
		this.knobs.subscribed = false;
		this.wabaOverride = null;
		this.log('app unsubscribed from WABA: webhooks stop');
		return { success: true };
	}

	// --- templates -------------------------------------------------------------------------------

	private listTemplates(req: GraphRequest): Record<string, unknown> {
		const q = req.query;
		const limit = q.get('limit') ? Number(q.get('limit')) : undefined;
		if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
			throw errors.invalidParameter('Param limit must be a positive integer.');
		const fields = this.fieldList(q.get('fields'));
		const result = this.templates.query(
			{
				status: q.get('status') ?? undefined,
				category: q.get('category') ?? undefined,
				language: q.get('language') ?? undefined,
				name: q.get('name') ?? undefined,
				limit,
				after: q.get('after') ?? undefined,
				before: q.get('before') ?? undefined,
			},
			(params) => {
				const next = new URLSearchParams();
				for (const [k, v] of q)
					if (!['after', 'before', 'limit', 'access_token'].includes(k)) next.set(k, v);
				for (const [k, v] of Object.entries(params)) next.set(k, v);
				return `${req.baseUrl}/${req.version}/${this.identity.wabaId}/message_templates?${next.toString()}`;
			},
		);
		const total = (result as { total: number }).total;
		delete (result as { total?: number }).total;
		result.data = (result.data as StoredTemplate[]).map((t) => projectTemplate(t, fields));
		if (q.get('summary')) result.summary = { total_count: total };
		return result;
	}

	private createTemplate(req: GraphRequest): Record<string, unknown> {
		const t = this.templates.create(this.params(req));
		this.counters.templates.created++;
		const review = this.knobs.templateReviewMs;
		if (review > 0) {
			const timer = setTimeout(() => {
				this.reviewTimers.delete(timer);
				if (this.templates.get(t.id)?.status === 'PENDING')
					this.setTemplateStatus(t.id, 'APPROVED');
			}, review);
			timer.unref();
			this.reviewTimers.add(timer);
		}
		this.log(
			`template ${t.name} (${t.language}) created: PENDING review (${review > 0 ? `auto-approved in ${review} ms` : `approve with POST /_sandbox/templates/${t.id}/approve`})`,
		);
		return { id: t.id, status: t.status, category: t.category };
	}

	private deleteTemplates(req: GraphRequest): Record<string, unknown> {
		const p = this.params(req);
		const deleted = this.templates.delete(
			typeof p.name === 'string' ? p.name : undefined,
			typeof p.hsm_id === 'string' ? p.hsm_id : undefined,
		);
		this.counters.templates.deleted += deleted.length;
		return { success: true };
	}

	// --- media -------------------------------------------------------------------------------

	private uploadMedia(req: GraphRequest): Record<string, unknown> {
		const type = String(req.headers['content-type'] ?? '');
		if (!type.includes('multipart/form-data')) {
			throw errors.invalidParameter(
				'Upload media as multipart/form-data with the fields messaging_product, file and type.',
			);
		}
		const parts = parseMultipart(req.body, type);
		const field = (name: string) => parts.find((p) => p.name === name);
		const product = field('messaging_product')?.data.toString('utf8');
		if (product !== 'whatsapp') throw errors.requiredParameter('messaging_product');
		const file = field('file');
		if (!file || !file.data.length) throw errors.requiredParameter('file');
		const mime = (field('type')?.data.toString('utf8') || file.contentType || '').trim();
		const limit = mediaLimit(mime);
		if (limit === undefined) {
			throw errors.invalidParameter(
				`Param file must be a file with one of the supported media types (image/jpeg, image/png, image/webp, video/mp4, video/3gpp, audio/aac, audio/amr, audio/mpeg, audio/mp4, audio/ogg, text/plain, application/pdf, Office documents); got '${mime || 'none'}'.`,
			);
		}
		if (file.data.length > limit)
			throw errors.invalidParameter(
				`Param file is ${file.data.length} bytes; the limit for ${mime} is ${limit} bytes.`,
			);
		const obj = this.media.add(Buffer.from(file.data), mime, { filename: file.filename });
		this.counters.media.uploaded++;
		return { id: obj.id };
	}

	/** GET of a media download URL (needs the Bearer token, like Meta's). */
	downloadMedia(headers: IncomingHttpHeaders, query: URLSearchParams): GraphResult {
		try {
			this.authenticate({
				method: 'GET',
				segments: [],
				version: '',
				query: new URLSearchParams(),
				headers,
				body: Buffer.alloc(0),
				baseUrl: '',
			});
			const obj = this.media.resolveDownload(query);
			this.counters.media.downloaded++;
			return {
				status: 200,
				bytes: obj.bytes,
				contentType: obj.mime,
				headers: { 'content-disposition': `attachment; filename="${obj.filename ?? obj.id}"` },
			};
		} catch (err) {
			if (err instanceof GraphError)
				return { status: err.status, json: err.body, headers: err.headers };
			throw err;
		}
	}

	// -------------------------------------------------------------------------------------------
	// Control API (also served over HTTP under /_sandbox by server.ts)

	/** Simulates a user writing to the business: builds Meta's webhook and delivers it signed. */
	inject(
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
				const existing = s.mediaId ? this.media.get(s.mediaId) : undefined;
				const sample = MEDIA_SAMPLES[type];
				const obj =
					existing ??
					this.media.add(sample.bytes(), s.mimeType ?? sample.mime, {
						filename: s.filename ?? sample.filename,
					});
				media = {
					id: obj.id,
					mime: obj.mime,
					sha256: obj.sha256Base64,
					url: this.media.url(this.publicUrl, obj.id),
				};
			}
			const msg = inboundMessage({ ...s, from }, this.identity.displayPhoneDigits, media);
			built.push(msg);
			const ts = Number(msg.timestamp) * 1000;
			this.windows.inbound(from, ts);
			this.counters.inbound++;
		}
		const parts: Record<string, unknown> = { contacts: [...contacts.values()], messages: built };
		const changes: Change[] = [messagesChange(this.metadata(), parts)];
		if (opts.statuses?.length) {
			const now = Date.now();
			const events = opts.statuses.map((s) => {
				const rec = this.messages.get(s.messageId);
				return this.emitStatus(
					{
						messageId: s.messageId,
						status: s.status,
						recipient: s.recipient ?? rec?.waId ?? '',
						category: rec?.template?.category.toLowerCase() ?? 'service',
					},
					now,
				);
			});
			changes.push(messagesChange(this.metadata(), { statuses: events }));
		}
		const payload = envelope(this.identity.wabaId, changes);
		let delivery: DeliveryRecord | null = null;
		if (opts.deliver !== false) {
			const body = this.dispatcher.serialize(payload);
			const t = this.resolveTarget('messages');
			const refs = built.map((m) => String(m.id));
			const count = built.length + (opts.statuses?.length ?? 0);
			const meta = {
				events: count,
				refs,
				signature: opts.signature,
				skipReason: t.skipReason,
				maxAttempts: opts.attempts,
			};
			delivery = this.dispatcher.send(t.url, t.target, 'inbound', body, meta);
			if (opts.duplicate) this.dispatcher.send(t.url, t.target, 'duplicate', body, meta);
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

	/**
	 * Delivers an arbitrary payload (for signature tests): valid, invalid or missing signature.
	 * `rawBody` sends those exact bytes instead of serializing `payload`; `attempts` 1 avoids the
	 * redeliveries a 403 would otherwise cause.
	 */
	sendRaw(
		payload: unknown,
		opts: { signature?: 'valid' | 'invalid' | 'missing'; rawBody?: string; attempts?: number } = {},
	): DeliveryRecord {
		const body = opts.rawBody ?? this.dispatcher.serialize(payload);
		const t = this.resolveTarget('messages');
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
		const t = this.resolveTarget('messages');
		return this.dispatcher.send(t.url ?? original.url, t.target, 'replay', original.body, {
			events: original.events,
			refs: original.refs,
			signature: original.signature,
			skipReason: t.url || original.url ? undefined : t.skipReason,
			maxAttempts: opts.attempts,
		});
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

	/** Queues scripted faults for the next matching POST /messages requests. */
	queueFaults(list: FaultSpec[]): number {
		for (const f of list) {
			if (!['reset', '429', '5xx', 'error', 'async-error', 'latency'].includes(f.type))
				throw errors.invalidParameter(`Unknown fault type '${f.type}'`);
			this.faults.push({ ...f, remaining: Math.max(1, f.count ?? 1) });
		}
		return this.faults.length;
	}

	clearFaults(): void {
		this.faults = [];
	}

	pendingFaults(): FaultSpec[] {
		return this.faults.map((f) => ({ ...f, count: f.remaining }));
	}

	/** Changes a template's status and emits message_template_status_update, like Meta's review. */
	setTemplateStatus(
		idOrName: string,
		status: 'APPROVED' | 'REJECTED' | 'PAUSED' | 'PENDING',
		opts: { language?: string; reason?: string } = {},
	): StoredTemplate {
		const t = this.templates.resolve(idOrName, opts.language);
		if (!t)
			throw errors.invalidParameter(
				`No template '${idOrName}'${opts.language ? ` in ${opts.language}` : ''}`,
			);
		this.templates.setStatus(t, status, opts.reason);
		if (status === 'APPROVED') this.counters.templates.approved++;
		if (status === 'REJECTED') this.counters.templates.rejected++;
		const change = templateStatusChange({
			event: status,
			id: t.id,
			name: t.name,
			language: t.language,
			category: t.category,
			reason: status === 'REJECTED' ? (opts.reason ?? 'INVALID_FORMAT') : 'NONE',
			rejectionInfo:
				status === 'REJECTED'
					? {
							reason: 'The sandbox reviewer rejected this template.',
							recommendation: 'Edit the template and submit it again.',
						}
					: undefined,
		});
		this.deliverChange(
			'template_status',
			change,
			1,
			[t.id],
			undefined,
			Math.floor(Date.now() / 1000),
		);
		this.log(`template ${t.name} (${t.language}) is now ${status}`);
		return t;
	}

	/** Opens (now) or closes (null) a user's 24-hour window, or sets the last inbound time. */
	setUserWindow(waId: string, lastInboundAt: number | null): void {
		this.windows.set(waId, lastInboundAt);
	}

	windowOf(waId: string): {
		lastInboundAt: string | null;
		open: boolean;
		expiresAt: string | null;
	} {
		return this.windows.of(waId);
	}

	/** Runtime knobs. Unknown keys are refused; returns the knobs now in force. */
	configure(
		patch: Partial<Omit<Knobs, 'webhookRetry'>> & {
			webhookRetry?: Partial<RetryPolicy>;
			accessToken?: string;
			appSecret?: string;
		},
	): Knobs {
		const k = this.knobs;
		const num = (key: keyof Knobs, min: number, max = Number.POSITIVE_INFINITY) => {
			const v = (patch as Record<string, unknown>)[key];
			if (v === undefined) return;
			if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
				throw errors.invalidParameter(`${key} must be a number between ${min} and ${max}`);
			(k as unknown as Record<string, number>)[key] = v;
		};
		const bool = (key: keyof Knobs) => {
			const v = (patch as Record<string, unknown>)[key];
			if (v === undefined) return;
			if (typeof v !== 'boolean') throw errors.invalidParameter(`${key} must be true or false`);
			(k as unknown as Record<string, boolean>)[key] = v;
		};
		const known = new Set<string>([...Object.keys(k), 'accessToken', 'appSecret']);
		for (const key of Object.keys(patch))
			if (!known.has(key)) throw errors.invalidParameter(`Unknown setting '${key}'`);
		const tierBefore = k.tier;
		num('tier', 0.001);
		num('tierBurst', 1);
		if (patch.tier !== undefined && patch.tierBurst === undefined && k.tierBurst === tierBefore)
			k.tierBurst = k.tier;
		num('pairRateSeconds', 0);
		num('pairBurst', 1);
		num('latencyMs', 0, 120_000);
		num('latencyJitterMs', 0, 120_000);
		num('errorRate', 0, 1);
		num('errorStatus', 500, 599);
		num('resetRate', 0, 1);
		num('rate429', 0, 1);
		num('retryAfterSeconds', 0, 3600);
		num('statusDelayMs', 0, 3_600_000);
		num('webhookBatchMs', 0, 60_000);
		num('webhookBatchMax', 1, 10_000);
		num('templateReviewMs', 0, 86_400_000);
		bool('fiveXxAfterAccept');
		bool('testMode');
		bool('enforceWindow');
		bool('subscribed');
		if (patch.faultScope !== undefined) {
			if (!['messages', 'all'].includes(patch.faultScope))
				throw errors.invalidParameter('faultScope must be messages or all');
			k.faultScope = patch.faultScope;
		}
		if (patch.queryToken !== undefined) {
			if (!['reject', 'record'].includes(patch.queryToken))
				throw errors.invalidParameter('queryToken must be reject or record');
			k.queryToken = patch.queryToken;
		}
		if (patch.webhookUnicode !== undefined) {
			if (!['escape', 'raw'].includes(patch.webhookUnicode))
				throw errors.invalidParameter('webhookUnicode must be escape or raw');
			k.webhookUnicode = patch.webhookUnicode;
		}
		if (patch.allowlist !== undefined) {
			if (!Array.isArray(patch.allowlist))
				throw errors.invalidParameter('allowlist must be an array of phone numbers');
			k.allowlist = patch.allowlist.map((n) => digitsOf(String(n)));
		}
		if (patch.statuses !== undefined) {
			if (
				!Array.isArray(patch.statuses) ||
				patch.statuses.some((s) => !['sent', 'delivered', 'read'].includes(s))
			) {
				throw errors.invalidParameter('statuses must be a list of sent, delivered, read');
			}
			k.statuses = patch.statuses;
		}
		if (patch.webhookRetry !== undefined)
			k.webhookRetry = { ...k.webhookRetry, ...patch.webhookRetry };
		if (patch.accessToken !== undefined) this.identity.accessToken = String(patch.accessToken);
		if (patch.appSecret !== undefined) this.identity.appSecret = String(patch.appSecret);
		this.throughput.configure(k.tier, k.tierBurst);
		if (patch.pairRateSeconds !== undefined || patch.pairBurst !== undefined)
			this.pairs.configure(k.pairRateSeconds, k.pairBurst);
		return this.publicKnobs();
	}

	publicKnobs(): Knobs {
		return structuredClone(this.knobs);
	}

	listMessages(f: MessageFilter = {}) {
		return this.messages.list(f);
	}

	getMessage(id: string): MessageRecord | undefined {
		return this.messages.get(id);
	}

	listDeliveries(f: DeliveryFilter = {}): {
		data: Array<Partial<DeliveryRecord> & { seq: number; payload?: unknown }>;
		cursor: number;
		dropped: number;
		total: number;
	} {
		const r = this.dispatcher.deliveries.since(
			f.since ?? 0,
			f.limit ?? 1000,
			(d) =>
				(!f.kind || d.kind === f.kind) &&
				(!f.state || d.state === f.state) &&
				(!f.ref || d.refs.includes(f.ref)),
		);
		const data = r.items.map(({ seq, value }) => {
			const { body, ...rest } = value;
			return f.includeBody
				? { seq, ...rest, body, payload: JSON.parse(body) as unknown }
				: { seq, ...rest };
		});
		return { data, cursor: r.cursor, dropped: r.dropped, total: this.dispatcher.deliveries.total };
	}

	state(): Record<string, unknown> {
		return {
			identity: {
				phoneNumberId: this.identity.phoneNumberId,
				wabaId: this.identity.wabaId,
				displayPhoneNumber: this.identity.displayPhoneNumber,
				verifiedName: this.identity.verifiedName,
			},
			knobs: this.publicKnobs(),
			webhooks: {
				subscribed: this.knobs.subscribed,
				callbackUrl: this.callbackUrl,
				phoneNumberOverride: this.phoneOverride?.url ?? null,
				wabaOverride: this.wabaOverride?.url ?? null,
				effectiveTarget: this.resolveTarget('messages'),
				lastHandshake: this.dispatcher.handshakes.last() ?? null,
				pendingStatuses: this.pendingStatuses.size,
				busyDeliveries: this.dispatcher.busy,
			},
			counters: this.countersSnapshot(),
			faultsQueued: this.faults.length,
			memory: {
				rssMB: Math.round(process.memoryUsage().rss / 1048576),
				heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1048576),
				media: this.media.size,
				users: this.windows.size,
				pairs: this.pairs.size,
			},
		};
	}

	countersSnapshot(): Record<string, unknown> {
		return {
			...structuredClone(this.counters),
			deliveries: { ...this.dispatcher.totals },
			handshakes: this.dispatcher.handshakes.total,
		};
	}

	/** Resolves when no status is pending and no delivery is queued, in flight or waiting to retry. */
	async idle(timeoutMs = 10_000): Promise<boolean> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.pendingStatuses.size === 0 && this.dispatcher.busy === 0) return true;
			await new Promise((r) => setTimeout(r, 5));
		}
		return false;
	}

	/**
	 * Back to the state after start: records, counters, users, faults, webhook overrides and
	 * subscription; templates re-seeded. keepKnobs keeps runtime knobs, tokens and callback URL.
	 */
	reset(opts: { keepKnobs?: boolean } = {}): void {
		this.messages.clear();
		this.requests.clear();
		this.pitfalls.clear();
		this.windows.clear();
		this.pairs.clear();
		this.pendingStatuses.clear();
		if (this.flushTimer) clearTimeout(this.flushTimer);
		this.flushTimer = null;
		this.faults = [];
		for (const t of this.reviewTimers) clearTimeout(t);
		this.reviewTimers.clear();
		this.dispatcher.reset();
		this.templates.reset(seedTemplates());
		this.media.clear(true);
		Object.assign(this.counters, createCounters());
		// Webhook routing is state, not a knob: overrides go, the subscription comes back.
		this.phoneOverride = null;
		this.wabaOverride = null;
		this.knobs.subscribed = this.options.subscribed ?? true;
		if (!opts.keepKnobs) {
			Object.assign(this.knobs, resolveKnobs(this.options));
			Object.assign(this.identity, resolveIdentity(this.options));
			this.callbackUrl = this.options.callbackUrl ?? null;
			this.random =
				this.options.randomSeed !== undefined ? seededRandom(this.options.randomSeed) : Math.random;
		}
		this.throughput.configure(this.knobs.tier, this.knobs.tierBurst);
		this.throughput.refill(Date.now());
		this.pairs.configure(this.knobs.pairRateSeconds, this.knobs.pairBurst);
	}

	async close(): Promise<void> {
		this.closed = true;
		for (const t of this.reviewTimers) clearTimeout(t);
		this.reviewTimers.clear();
		if (this.flushTimer) clearTimeout(this.flushTimer);
		this.flushTimer = null;
		await this.dispatcher.close();
	}
}
