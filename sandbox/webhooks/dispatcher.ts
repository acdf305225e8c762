/**
 * Outgoing webhooks, the way Meta sends them:
 * - POST with `Content-Type: application/json`, `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of
 *   the exact body bytes, keyed with the app secret>` (and the legacy sha1 `X-Hub-Signature`);
 * - non-ASCII characters escaped as \uXXXX by default (Meta's bodies are ASCII; the signature
 *   covers whatever bytes are sent, so `unicode: 'raw'` exists to test the other case);
 * - redelivery when the answer is not 2xx (Meta: "retries ... with decreasing frequency for up to
 *   7 days"); here exponential backoff with short, configurable defaults; every attempt recorded;
 * - the GET verification handshake (hub.mode=subscribe, hub.verify_token, hub.challenge) that
 *   Meta performs when a callback URL is saved: success means 200 and the challenge echoed.
 * Delivery uses undici with a keep-alive pool and bounded concurrency. Records live in ring
 * buffers so memory stays bounded however many deliveries a benchmark causes.
 */
import { createHmac, randomInt } from 'node:crypto';

import { Agent, request } from 'undici';

import type { RetryPolicy } from '../core/config';
import { Ring } from '../core/ring';

export interface Attempt {
	n: number;
	at: string;
	/** HTTP status, or 0 when no response (network error / timeout). */
	status: number;
	durationMs: number;
	error?: string;
}

export type DeliveryState =
	| 'queued'
	| 'in_flight'
	| 'retrying'
	| 'delivered'
	| 'failed'
	| 'skipped'
	| 'dropped';

/** How a delivery is signed: correctly, with a wrong secret, or not at all (for trigger tests). */
export type SignatureMode = 'valid' | 'invalid' | 'missing';

export interface DeliveryRecord {
	id: string;
	kind: string;
	url: string | null;
	target: string;
	createdAt: string;
	events: number;
	bytes: number;
	signature: SignatureMode;
	state: DeliveryState;
	reason?: string;
	attempts: Attempt[];
	/** The exact bytes sent (utf8), kept for replay and inspection. */
	body: string;
	/** Wamids / template ids this delivery carried, for filtering. */
	refs: string[];
}

export interface HandshakeRecord {
	at: string;
	url: string;
	target: string;
	ok: boolean;
	status: number;
	durationMs: number;
	challengeEchoed: boolean;
	error?: string;
}

export interface DispatcherOptions {
	appSecret: () => string;
	retry: () => RetryPolicy;
	timeoutMs: number;
	concurrency: number;
	/** most deliveries queued + in flight + waiting to retry */
	maxQueue: number;
	/** most bytes of those (a dead callback must not grow the sandbox without bound) */
	maxPendingBytes: number;
	historySize: number;
	unicode: () => 'escape' | 'raw';
	log: (line: string) => void;
}

export function signatureFor(secret: string, body: Buffer | string): string {
	return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** JSON with every non-ASCII UTF-16 unit escaped as \uXXXX, as Meta's webhook bodies are. */
export function asciiJson(value: unknown): string {
	return JSON.stringify(value).replace(
		/[\u007f-\uffff]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

interface Job {
	record: DeliveryRecord;
	headers: Record<string, string>;
	attempt: number;
	maxAttempts?: number;
}

export class Dispatcher {
	readonly deliveries: Ring<DeliveryRecord>;
	readonly handshakes = new Ring<HandshakeRecord>(200);
	readonly totals = {
		deliveries: 0,
		attempts: 0,
		delivered: 0,
		failed: 0,
		retried: 0,
		skipped: 0,
		dropped: 0,
		events: 0,
	};
	private readonly agent: Agent;
	private readonly queue: Job[] = [];
	private inFlight = 0;
	/** Bytes of deliveries queued, in flight or waiting to retry (bounded by maxPendingBytes). */
	private pendingBytes = 0;
	private accounted = new WeakSet<DeliveryRecord>();
	private retryTimers = new Set<NodeJS.Timeout>();
	private nextId = 0;
	private closed = false;

	constructor(private readonly opts: DispatcherOptions) {
		this.deliveries = new Ring<DeliveryRecord>(opts.historySize);
		this.agent = new Agent({
			connections: opts.concurrency,
			keepAliveTimeout: 10_000,
			pipelining: 1,
		});
	}

	/** Deliveries queued, in flight or waiting for a retry. */
	get busy(): number {
		return this.queue.length + this.inFlight + this.retryTimers.size;
	}

	serialize(payload: unknown): string {
		return this.opts.unicode() === 'raw' ? JSON.stringify(payload) : asciiJson(payload);
	}

	/**
	 * Queues one POST. `url` null means "no callback configured": recorded as skipped, so tests can
	 * still see what would have been sent.
	 */
	send(
		url: string | null,
		target: string,
		kind: string,
		body: string,
		meta: {
			events: number;
			refs?: string[];
			signature?: SignatureMode;
			skipReason?: string;
			/** overrides the retry policy's maxAttempts for this delivery (1 = no redelivery) */
			maxAttempts?: number;
		},
	): DeliveryRecord {
		const signature = meta.signature ?? 'valid';
		const record: DeliveryRecord = {
			id: `d${++this.nextId}`,
			kind,
			url,
			target,
			createdAt: new Date().toISOString(),
			events: meta.events,
			bytes: Buffer.byteLength(body),
			signature,
			state: 'queued',
			attempts: [],
			body,
			refs: meta.refs ?? [],
		};
		this.deliveries.push(record);
		this.totals.deliveries++;
		this.totals.events += meta.events;
		if (!url || meta.skipReason) {
			record.state = 'skipped';
			record.reason = meta.skipReason ?? 'no callback URL configured';
			this.totals.skipped++;
			return record;
		}
		if (this.closed) {
			record.state = 'dropped';
			record.reason = 'sandbox is closing';
			this.totals.dropped++;
			return record;
		}
		if (
			this.busy >= this.opts.maxQueue ||
			this.pendingBytes + record.bytes > this.opts.maxPendingBytes
		) {
			record.state = 'dropped';
			record.reason = `delivery backlog full (${this.busy} deliveries, ${Math.round(this.pendingBytes / 1048576)} MB waiting)`;
			this.totals.dropped++;
			this.opts.log(`webhook ${record.id} dropped: ${record.reason}`);
			return record;
		}
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'user-agent': 'facebookexternalua',
		};
		if (signature !== 'missing') {
			const secret =
				signature === 'valid' ? this.opts.appSecret() : `${this.opts.appSecret()}-wrong`;
			headers['x-hub-signature-256'] = signatureFor(secret, body);
			headers['x-hub-signature'] = `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
		}
		this.pendingBytes += record.bytes;
		this.accounted.add(record);
		this.queue.push({ record, headers, attempt: 0, maxAttempts: meta.maxAttempts });
		this.pump();
		return record;
	}

	private release(record: DeliveryRecord): void {
		if (this.accounted.delete(record)) this.pendingBytes -= record.bytes;
	}

	private pump(): void {
		while (this.inFlight < this.opts.concurrency && this.queue.length) {
			const job = this.queue.shift() as Job;
			this.inFlight++;
			void this.attempt(job).finally(() => {
				this.inFlight--;
				this.pump();
			});
		}
	}

	private async attempt(job: Job): Promise<void> {
		const { record } = job;
		job.attempt++;
		record.state = 'in_flight';
		this.totals.attempts++;
		const started = performance.now();
		const attempt: Attempt = {
			n: job.attempt,
			at: new Date().toISOString(),
			status: 0,
			durationMs: 0,
		};
		try {
			const res = await request(record.url as string, {
				method: 'POST',
				body: record.body,
				headers: job.headers,
				dispatcher: this.agent,
				headersTimeout: this.opts.timeoutMs,
				bodyTimeout: this.opts.timeoutMs,
			});
			attempt.status = res.statusCode;
			await res.body.dump();
		} catch (err) {
			attempt.error = (err as { code?: string }).code ?? (err as Error).message;
		}
		attempt.durationMs = Math.round((performance.now() - started) * 10) / 10;
		record.attempts.push(attempt);
		if (attempt.status >= 200 && attempt.status < 300) {
			record.state = 'delivered';
			this.totals.delivered++;
			this.release(record);
			return;
		}
		const policy = this.opts.retry();
		if (job.attempt >= (job.maxAttempts ?? policy.maxAttempts) || this.closed) {
			this.release(record);
			record.state = 'failed';
			record.reason = attempt.error ?? `HTTP ${attempt.status}`;
			this.totals.failed++;
			this.opts.log(
				`webhook ${record.id} (${record.kind}) failed after ${job.attempt} attempt(s): ${record.reason}`,
			);
			return;
		}
		const delay = Math.min(policy.maxDelayMs, policy.baseMs * policy.factor ** (job.attempt - 1));
		record.state = 'retrying';
		this.totals.retried++;
		const timer = setTimeout(() => {
			this.retryTimers.delete(timer);
			if (this.closed) {
				this.release(record);
				record.state = 'failed';
				record.reason = 'sandbox closed before redelivery';
				this.totals.failed++;
				return;
			}
			this.queue.push(job);
			this.pump();
		}, delay);
		timer.unref();
		this.retryTimers.add(timer);
	}

	/**
	 * Meta's verification request: GET url?hub.mode=subscribe&hub.challenge=N&hub.verify_token=T.
	 * The verify token is never recorded or logged.
	 */
	async handshake(url: string, verifyToken: string, target: string): Promise<HandshakeRecord> {
		const challenge = String(randomInt(100_000_000, 2_000_000_000));
		const u = new URL(url);
		u.searchParams.set('hub.mode', 'subscribe');
		u.searchParams.set('hub.challenge', challenge);
		u.searchParams.set('hub.verify_token', verifyToken);
		const started = performance.now();
		const rec: HandshakeRecord = {
			at: new Date().toISOString(),
			url,
			target,
			ok: false,
			status: 0,
			durationMs: 0,
			challengeEchoed: false,
		};
		try {
			const res = await request(u, {
				method: 'GET',
				headers: { 'user-agent': 'facebookplatform/1.0 (+http://developers.facebook.com)' },
				dispatcher: this.agent,
				headersTimeout: this.opts.timeoutMs,
				bodyTimeout: this.opts.timeoutMs,
			});
			rec.status = res.statusCode;
			const text = (await res.body.text()).trim();
			rec.challengeEchoed = text === challenge;
			rec.ok = res.statusCode === 200 && rec.challengeEchoed;
		} catch (err) {
			rec.error = (err as { code?: string }).code ?? (err as Error).message;
		}
		rec.durationMs = Math.round((performance.now() - started) * 10) / 10;
		this.handshakes.push(rec);
		this.opts.log(
			`verification handshake with ${url} (${target}): ${rec.ok ? 'ok' : `FAILED (${rec.error ?? `HTTP ${rec.status}${rec.status === 200 ? ', challenge not echoed' : ''}`})`}`,
		);
		return rec;
	}

	reset(): void {
		for (const t of this.retryTimers) clearTimeout(t);
		this.retryTimers.clear();
		this.queue.length = 0;
		this.pendingBytes = 0;
		this.accounted = new WeakSet();
		this.deliveries.clear();
		this.handshakes.clear();
		for (const k of Object.keys(this.totals) as Array<keyof typeof this.totals>) this.totals[k] = 0;
	}

	async close(): Promise<void> {
		this.closed = true;
		for (const t of this.retryTimers) clearTimeout(t);
		this.retryTimers.clear();
		for (const job of this.queue.splice(0)) {
			job.record.state = 'dropped';
			job.record.reason = 'sandbox closed';
		}
		await this.agent.close().catch(() => undefined);
	}
}
