/**
 * The Sandbox object: the emulated account's state, the Graph API entry, and the control API
 * (the same operations the HTTP server offers under /_sandbox). Independent of HTTP.
 */
import type { IncomingHttpHeaders } from 'node:http';

import {
	type Identity,
	type Knobs,
	resolveIdentity,
	resolveKnobs,
	type SandboxOptions,
} from '../core/config';
import { PairLimiter, TokenBucket } from '../core/limits';
import { MediaStore } from '../core/media-store';
import {
	createCounters,
	type MessageFilter,
	MessageLog,
	type MessageRecord,
	type PitfallRecord,
	type RequestRecord,
} from '../core/records';
import { Ring } from '../core/ring';
import { SEED } from '../core/seed';
import { ServiceWindows } from '../core/windows';
import type { GraphContext } from '../graph/context';
import { type FaultSpec, Faults } from '../graph/faults';
import { downloadMedia } from '../graph/media';
import { DEFAULT_API_VERSION, type GraphResult, type IncomingGraphRequest } from '../graph/request';
import { handleGraph } from '../graph/router';
import { type ReviewOutcome, TemplateReview } from '../templates/review';
import { seedTemplates } from '../templates/seed';
import { TemplateStore } from '../templates/store';
import type { StoredTemplate } from '../templates/types';
import {
	type DeliveryRecord,
	Dispatcher,
	type HandshakeRecord,
	type SignatureMode,
} from '../webhooks/dispatcher';
import { inject, type InjectOptions } from '../webhooks/inbound';
import { type InboundSpec, MEDIA_SAMPLES } from '../webhooks/payloads';
import { WebhookRouting } from '../webhooks/routing';
import { StatusScheduler } from '../webhooks/statuses';
import { applyKnobPatch, type KnobPatch } from './knobs';

export interface DeliveryFilter {
	since?: number;
	limit?: number;
	kind?: string;
	state?: string;
	ref?: string;
	includeBody?: boolean;
}

/** Values for an n8n `whatsAppCloudApi` credential pointing at the sandbox. */
export interface SandboxCredentials {
	accessToken: string;
	phoneNumberId: string;
	businessAccountId: string;
	appSecret: string;
	verifyToken: string;
	apiVersion: string;
	baseUrl: string;
}

export class Sandbox implements GraphContext {
	readonly identity: Identity;
	readonly knobs: Knobs;
	readonly counters = createCounters();
	readonly messages: MessageLog;
	readonly requests: Ring<RequestRecord>;
	readonly pitfalls: Ring<PitfallRecord>;
	readonly templates: TemplateStore;
	readonly review: TemplateReview;
	readonly media: MediaStore;
	readonly windows = new ServiceWindows();
	readonly throughput: TokenBucket;
	readonly pairs: PairLimiter;
	readonly dispatcher: Dispatcher;
	readonly routing: WebhookRouting;
	readonly statuses: StatusScheduler;
	readonly faults: Faults;
	readonly log: (line: string) => void;
	/** Base URL for links when no request tells us the host (webhook media URLs). */
	publicUrl: string;
	private readonly options: SandboxOptions;

	constructor(options: SandboxOptions = {}) {
		this.options = options;
		this.identity = resolveIdentity(options);
		this.knobs = resolveKnobs(options);
		this.log =
			options.log ??
			(options.quiet ? () => undefined : (line: string) => console.log(`[sandbox] ${line}`));
		this.faults = new Faults(this.knobs, this.counters, options.randomSeed);
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
		this.routing = new WebhookRouting(
			this.identity,
			this.knobs,
			this.dispatcher,
			this.log,
			options.callbackUrl ?? null,
		);
		this.statuses = new StatusScheduler(
			this.identity,
			this.knobs,
			this.counters,
			this.messages,
			this.routing,
		);
		this.review = new TemplateReview(this.templates, this.counters, this.routing, this.log);
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

	/** The app-level callback URL (Meta's app dashboard setting). */
	get callbackUrl(): string | null {
		return this.routing.callbackUrl;
	}

	pitfall(kind: string, detail: string): void {
		this.counters.pitfalls++;
		this.pitfalls.push({ at: new Date().toISOString(), kind, detail });
	}

	// Graph API ----------------------------------------------------------------------------------

	handleGraph(req: IncomingGraphRequest): Promise<GraphResult> {
		return handleGraph(this, req);
	}

	/** GET of a media download URL (needs the Bearer token, like Meta's). */
	downloadMedia(headers: IncomingHttpHeaders, query: URLSearchParams): GraphResult {
		return downloadMedia(this, headers, query);
	}

	// Control API (served over HTTP under /_sandbox by control/routes.ts) --------------------------

	/** Values for an n8n credential that points at the sandbox under `baseUrl`. */
	credentialsFor(baseUrl: string): SandboxCredentials {
		return {
			accessToken: this.identity.accessToken,
			phoneNumberId: this.identity.phoneNumberId,
			businessAccountId: this.identity.wabaId,
			appSecret: this.identity.appSecret,
			verifyToken: this.identity.verifyToken,
			apiVersion: DEFAULT_API_VERSION,
			baseUrl,
		};
	}

	/** Simulates a user writing to the business: builds Meta's webhook and delivers it signed. */
	inject(spec: InboundSpec, opts: InjectOptions = {}): ReturnType<typeof inject> {
		return inject(this, spec, opts);
	}

	/** Delivers an arbitrary payload with a valid, invalid or missing signature. */
	sendRaw(
		payload: unknown,
		opts: { signature?: SignatureMode; rawBody?: string; attempts?: number } = {},
	): DeliveryRecord {
		return this.routing.sendRaw(payload, opts);
	}

	/** Meta's redelivery of the same event: the exact bytes of a past delivery, sent again. */
	replay(id?: string, opts: { attempts?: number } = {}): DeliveryRecord {
		return this.routing.replay(id, opts);
	}

	/** Sets (or clears) the app callback URL; performs the handshake unless told not to. */
	setCallback(
		url: string | null,
		opts: { verifyToken?: string; handshake?: boolean } = {},
	): Promise<HandshakeRecord | null> {
		return this.routing.setCallback(url, opts);
	}

	/** Queues scripted faults for the next matching POST /messages requests. */
	queueFaults(list: FaultSpec[]): number {
		return this.faults.enqueue(list);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	pendingFaults(): FaultSpec[] {
		return this.faults.pending();
	}

	/** Changes a template's status and emits message_template_status_update, like Meta's review. */
	setTemplateStatus(
		idOrName: string,
		status: ReviewOutcome,
		opts: { language?: string; reason?: string } = {},
	): StoredTemplate {
		return this.review.setStatus(idOrName, status, opts);
	}

	/** Opens (now) or closes (null) a user's 24-hour window, or sets the last inbound time. */
	setUserWindow(waId: string, lastInboundAt: number | null): void {
		this.windows.set(waId, lastInboundAt);
	}

	windowOf(waId: string): ReturnType<ServiceWindows['of']> {
		return this.windows.of(waId);
	}

	/** Runtime knobs. Unknown keys are refused; returns the knobs now in force. */
	configure(patch: KnobPatch): Knobs {
		const k = this.knobs;
		applyKnobPatch(k, this.identity, patch);
		this.throughput.configure(k.tier, k.tierBurst);
		if (patch.pairRateSeconds !== undefined || patch.pairBurst !== undefined)
			this.pairs.configure(k.pairRateSeconds, k.pairBurst);
		return this.publicKnobs();
	}

	publicKnobs(): Knobs {
		return structuredClone(this.knobs);
	}

	listMessages(f: MessageFilter = {}): ReturnType<MessageLog['list']> {
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
				callbackUrl: this.routing.callbackUrl,
				phoneNumberOverride: this.routing.phoneOverride?.url ?? null,
				wabaOverride: this.routing.wabaOverride?.url ?? null,
				effectiveTarget: this.routing.resolve('messages'),
				lastHandshake: this.dispatcher.handshakes.last() ?? null,
				pendingStatuses: this.statuses.size,
				busyDeliveries: this.dispatcher.busy,
			},
			counters: this.countersSnapshot(),
			faultsQueued: this.faults.queued,
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
			if (this.statuses.size === 0 && this.dispatcher.busy === 0) return true;
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
		this.statuses.clear();
		this.faults.clear();
		this.review.clear();
		this.dispatcher.reset();
		this.templates.reset(seedTemplates());
		this.media.clear(true);
		Object.assign(this.counters, createCounters());
		// Webhook routing is state, not a knob: overrides go, the subscription comes back.
		this.routing.clearOverrides();
		this.knobs.subscribed = this.options.subscribed ?? true;
		if (!opts.keepKnobs) {
			Object.assign(this.knobs, resolveKnobs(this.options));
			Object.assign(this.identity, resolveIdentity(this.options));
			this.routing.callbackUrl = this.options.callbackUrl ?? null;
			this.faults.reseed(this.options.randomSeed);
		}
		this.throughput.configure(this.knobs.tier, this.knobs.tierBurst);
		this.throughput.refill(Date.now());
		this.pairs.configure(this.knobs.pairRateSeconds, this.knobs.pairBurst);
	}

	async close(): Promise<void> {
		this.statuses.close();
		this.review.clear();
		await this.dispatcher.close();
	}
}
