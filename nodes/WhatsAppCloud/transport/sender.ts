/**
 * The sender: every message the action node sends in one execution goes through `sendAll`.
 *
 * - A token bucket at `messagesPerSecond` spreads the whole execution's items over time, so a
 *   broadcast of thousands of items stays inside the phone number's throughput tier (Meta: 80
 *   messages/s by default, up to 1,000). The bucket starts with one token and holds at most
 *   ~50 ms worth (to catch up late timers), and a sliding one-second window over the latest
 *   starts keeps any second, the first included, at or under the tier.
 * - Requests overlap up to `maxInFlight`, so Meta's response time does not cap throughput
 *   (Little's law: in flight = rate x latency). Automatic by default (`AutoInFlight`): twice the
 *   rate times the response time the sender observes, grown only while more requests in flight
 *   really bring more answers per second, so a CPU-bound process does not open hundreds of
 *   sockets that only queue.
 * - Failures are classified from the WhatsAppApiError's `graph` info (transport/graph.ts):
 *   throughput limits (130429, HTTP 429, ...) lower the rate (x0.8 once per round trip, back up
 *   by 20% of the target per second after a 1 s hold; a lone rejection is tolerated) and retry; the pair rate
 *   limit (131056) spaces that one recipient's messages and retries after ~6 s without holding
 *   anyone else back; failures that prove the request never reached Meta (connection refused, DNS)
 *   are retried; a 5xx or a connection dropped after the request was written may mean Meta sent
 *   the message, so it is retried only when the user accepted double sends; everything else
 *   fails at once. Retry-After is honoured; other waits are exponential with full jitter.
 * - Exactly one result per index, in input order; a succeeded item is never sent again.
 * - Items are taken lazily: at most `maxInFlight` sends are pending, plus the items waiting for a
 *   retry. No timers or promises are created per item up front.
 *
 * Time and randomness come from a `Clock`, so unit tests run on a fake clock with no real waits.
 */
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GraphErrorInfo } from './graph';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/** Source of time, waiting and randomness. `systemClock()` in production, a fake one in tests. */
export interface Clock {
	/** Milliseconds; only differences matter. */
	now(): number;
	/** Resolves after `ms` milliseconds (never rejects). */
	sleep(ms: number): Promise<void>;
	/** Uniform in [0, 1): jitter. */
	random(): number;
}

type AbortSignalLike = Parameters<typeof sleep>[1];

/** Wall clock through n8n-workflow's `sleep`; with a signal, waits end early on cancellation. */
export function systemClock(signal?: AbortSignalLike): Clock {
	return {
		now: () => Date.now(),
		sleep: async (ms: number) => {
			try {
				await sleep(Math.max(0, ms), signal);
			} catch {
				// Aborted: the sender sees `signal.aborted` on its next turn and stops.
			}
		},
		random: () => Math.random(),
	};
}

/** What the sender reads of a WhatsAppApiError's `graph` (transport/graph.ts). Matched
 *  structurally, so any error carrying such a `graph` object is understood. */
export type SenderGraphErrorInfo = Partial<
	Pick<
		GraphErrorInfo,
		| 'code'
		| 'subcode'
		| 'httpStatus'
		| 'retryable'
		| 'retryAfterMs'
		| 'transport'
		| 'networkCode'
		| 'ambiguous'
	>
>;

export type SendResult<R> = { ok: true; value: R } | { ok: false; error: Error };

export interface SenderEvent {
	type: 'retry' | 'slowdown' | 'pause' | 'recipientPause' | 'inFlightBound';
	index?: number;
	attempt?: number;
	/** Why the item is retried, for 'retry'. */
	reason?: FailureKind;
	/** For 'retry', 'pause' and 'recipientPause': how long until it may go again. */
	delayMs?: number;
	/** For 'slowdown': the new rate. */
	messagesPerSecond?: number;
	recipient?: string;
	/** For 'inFlightBound': the automatic bound now in force, ... */
	maxInFlight?: number;
	/** ... the median response time it was computed from (ms), ... */
	latencyMs?: number;
	/** ... and why it changed. */
	change?: InFlightChange;
}

export interface SenderOptions {
	/** Throughput tier of the phone number (Meta: 80 by default, up to 1,000). */
	messagesPerSecond: number;
	/** Sends waiting for an answer at once: a hard bound. 0 or undefined = automatic (see
	 *  `AutoInFlight`). */
	maxInFlight?: number;
	/** Further attempts after the first for a temporary failure (default 5). */
	retries?: number;
	/** Retry 5xx answers and connections dropped after the request was written. Meta may already
	 *  have sent the message, so this can deliver it twice (default false). */
	retryServerErrorsMaySendTwice?: boolean;
	/** Minimum gap between two sends to the same recipient, in ms (default 0). */
	recipientPauseMs?: number;
	/** Recipient of an item (any stable string, e.g. the normalized phone number). Needed to space
	 *  one recipient's messages after 131056 without delaying the others. */
	keyOf?: (index: number) => string | undefined;
	/** After an item fails for good, send nothing new; the unsent items get a SendSkippedError.
	 *  Use when the node will stop on the first error anyway (no Continue On Fail). */
	stopOnError?: boolean;
	/** Execution cancellation (`this.getExecutionCancelSignal()`): unsent items are skipped. */
	signal?: { readonly aborted: boolean };
	/** Tokens the bucket may hold (default max(1, 5% of a second's worth)). */
	burst?: number;
	/** First backoff step; doubles each attempt, full jitter (default 1,000 ms). */
	baseBackoffMs?: number;
	/** Cap of one backoff wait (default 30,000 ms). */
	maxBackoffMs?: number;
	/** Wait after a 131056 pair rate limit, and the spacing of that recipient's messages for the
	 *  rest of the execution (default 6,000 ms; doubles on a repeat). */
	pairBackoffMs?: number;
	/** A Retry-After longer than this fails the item instead of holding the execution (default
	 *  60,000 ms). */
	maxRetryAfterMs?: number;
	/** Observability for benchmarks and tests. */
	onEvent?: (event: SenderEvent) => void;
}

/** Result error of an item that was never sent because the run stopped (an earlier item failed
 *  with `stopOnError`, or the execution was cancelled). */
export class SendSkippedError extends Error {
	constructor(
		readonly index: number,
		readonly reason: 'stopped' | 'cancelled',
	) {
		super(
			reason === 'cancelled'
				? `Item ${index} was not sent: the execution was cancelled`
				: `Item ${index} was not sent: an earlier item failed and the node stops on errors`,
		);
		this.name = 'SendSkippedError';
	}
}

export const SENDER_DEFAULTS = {
	messagesPerSecond: 80,
	retries: 5,
	baseBackoffMs: 1_000,
	maxBackoffMs: 30_000,
	pairBackoffMs: 6_000,
	maxRetryAfterMs: 60_000,
	maxInFlightCap: 1_000,
	minAutoInFlight: 8,
} as const;

// ---------------------------------------------------------------------------------------------
// Automatic in-flight bound (Little's law on observed response times, checked against results)
// ---------------------------------------------------------------------------------------------

/** Requests in flight = rate x response time x this. Twice what the rate needs absorbs jitter
 *  and a slower stretch without the bound ever being what holds the rate back. */
const INFLIGHT_HEADROOM = 2;
/** Before any answer: this much of a second's worth of the rate, at most `INITIAL_INFLIGHT_MAX`.
 *  Enough for a first round trip of up to 250 ms at 80/s; the first answers then set it. */
const INITIAL_INFLIGHT_SECONDS = 0.25;
const INITIAL_INFLIGHT_MAX = 64;
/** Answers the first decision is made on: the earliest, the least queued in n8n. */
const FIRST_SAMPLES = 8;
/** Answers per later decision: a quarter of the bound, within [8, 64], so a change is judged
 *  about a round trip after it was made. */
const SAMPLES_SHARE = 0.25;
const MAX_SAMPLES = 64;
/** One increase at most multiplies the bound by this, so a bound that only adds queueing is found
 *  before it is large. Until an increase has been undone, the first increase (from the initial
 *  guess) and one right after an increase that brought its full gain (Meta's response time, not
 *  n8n's queue, sets the pace) may multiply it by `MAX_CLEAR_GROWTH`. */
const MAX_GROWTH = 2;
const MAX_CLEAR_GROWTH = 4;
/** "Its full gain": answers per second grew by at least this share of the bound's growth. */
const CLEAR_GAIN_SHARE = 0.9;
/** An increase must bring at least this share of the proportional gain in answers per second:
 *  doubling the bound must give >= 50% more. Below that the extra requests mostly queue (the
 *  process is CPU-bound, or Meta answers more slowly the more we send), and it is undone. */
const MIN_GAIN_SHARE = 0.5;
/** After an undone increase, no new one for this long (doubling after each undo up to the max,
 *  back to this after an increase that stood). */
const GROWTH_HOLD_MS = 2_000;
const GROWTH_HOLD_MAX_MS = 60_000;
/** The bound is lowered when it is more than this much above what Little's law asks for (once
 *  no more than that is in flight). */
const SHRINK_BELOW = 0.75;

/** Guards the rounding of computed counts (2 x 80 x 0.1 must be 16, not 17). */
const EPSILON_COUNT = 1e-6;

export type InFlightChange = 'first' | 'grow' | 'undo' | 'shrink';

function clampAutoInFlight(value: number): number {
	return Math.min(
		SENDER_DEFAULTS.maxInFlightCap,
		Math.max(SENDER_DEFAULTS.minAutoInFlight, Math.ceil(value - EPSILON_COUNT)),
	);
}

/** The automatic bound before any answer: a quarter second's worth of the rate, 8 to 64. */
export function initialAutoMaxInFlight(messagesPerSecond: number): number {
	return clampAutoInFlight(
		Math.min(messagesPerSecond * INITIAL_INFLIGHT_SECONDS, INITIAL_INFLIGHT_MAX),
	);
}

/** What Little's law asks for at this rate and response time, with headroom, in [8, 1,000]. */
export function littleInFlight(messagesPerSecond: number, latencyMs: number): number {
	return clampAutoInFlight((INFLIGHT_HEADROOM * messagesPerSecond * Math.max(0, latencyMs)) / 1000);
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The automatic Max Requests in Flight.
 *
 * Little's law: to start `rate` sends per second when each takes `W` to answer, `rate x W` must
 * be in flight. The bound is `2 x rate x W` (clamped to [8, 1,000]), `W` being the median response
 * time of recent sends, so a slow Meta (500 ms - 1 s) still gets the full rate and a fast one
 * (100 ms) gets a bound of 16 at 80/s, 200 at 1,000/s (of which half are used).
 *
 * The response time the sender sees includes the time n8n itself takes to handle the request
 * and the answer. When the process is CPU-bound that part grows with every extra request in
 * flight, and Little's law alone would chase its own queue up to the cap. So an increase is a
 * trial: it stands only if answers per second (bound / median response time) rose by at least
 * half the proportional gain; otherwise the bound goes back and stays there for a while.
 * A slow Meta passes every trial (same response time, proportionally more answers); a busy CPU
 * fails them (the response time rises with the bound, answers per second do not).
 *
 * Decisions use only answers to sends started under the bound in force (for an increase: once
 * half of it is in use), so each one sees the effect of the last change. Increases happen only
 * when the bound was reached with sends waiting: x4 at most from the initial guess or after an
 * increase that brought its full gain (until one is undone), x2 at most otherwise; decreases (Meta got faster, or the rate was lowered after 130429) once what is
 * in flight fits under the new bound.
 */
export class AutoInFlight {
	private current: number;
	private epochId = 0;
	private samples: number[] = [];
	private decided = false;
	private heldBack = false;
	/** After an increase, until what is in flight has gone halfway from the old bound to the new:
	 *  the increase is judged by the answers to sends started from then on, which queue behind
	 *  most of what it let in (if it only adds queueing, they show it). */
	private fillMark = Infinity;
	private trial: { from: number; latencyMs: number } | undefined;
	private holdUntil = -Infinity;
	private holdMs = GROWTH_HOLD_MS;
	/** An increase was undone in this execution: from now on x2 steps only. */
	private undone = false;

	constructor(messagesPerSecond: number) {
		this.current = initialAutoMaxInFlight(messagesPerSecond);
	}

	get bound(): number {
		return this.current;
	}

	/** Sends started now belong to this epoch (it changes with the bound). */
	get epoch(): number {
		return this.epochId;
	}

	/** The bound was reached while sends were waiting: it may be what holds them back. */
	noteHeldBack(): void {
		this.heldBack = true;
	}

	/** A send is about to start with `inFlight` others waiting. */
	starting(inFlight: number): void {
		if (inFlight < this.fillMark) return;
		this.fillMark = Infinity;
		this.epochId += 1;
		this.samples = [];
	}

	/** A send started in `epoch` was answered (or failed) after `latencyMs`; `inFlight` are still
	 *  waiting. Returns the change when the bound changed. */
	observe(
		epoch: number,
		latencyMs: number,
		now: number,
		messagesPerSecond: number,
		inFlight: number,
	): { change: InFlightChange; latencyMs: number } | undefined {
		if (epoch !== this.epochId) return undefined;
		this.samples.push(latencyMs);
		const needed = this.decided
			? Math.min(MAX_SAMPLES, Math.max(FIRST_SAMPLES, Math.ceil(this.current * SAMPLES_SHARE)))
			: Math.min(FIRST_SAMPLES, this.current);
		if (this.samples.length < needed) return undefined;

		const latency = median(this.samples);
		const heldBack = this.heldBack;
		this.samples = [];
		this.heldBack = false;
		const first = !this.decided;
		this.decided = true;
		const wanted = littleInFlight(messagesPerSecond, latency);

		const trial = this.trial;
		this.trial = undefined;
		this.fillMark = Infinity;
		let clear = first;
		if (trial && heldBack) {
			const growth = this.current / trial.from;
			const gain = growth * (trial.latencyMs / Math.max(latency, EPSILON_COUNT));
			clear = gain >= CLEAR_GAIN_SHARE * growth;
			if (gain < 1 + MIN_GAIN_SHARE * (growth - 1)) {
				this.undone = true;
				this.set(trial.from);
				this.holdUntil = now + this.holdMs;
				this.holdMs = Math.min(GROWTH_HOLD_MAX_MS, this.holdMs * 2);
				return { change: 'undo', latencyMs: latency };
			}
		}
		if (trial) this.holdMs = GROWTH_HOLD_MS;

		if (wanted > this.current) {
			if (!heldBack || now < this.holdUntil) return undefined;
			const from = this.current;
			this.trial = { from, latencyMs: latency };
			this.set(Math.min(wanted, from * (clear && !this.undone ? MAX_CLEAR_GROWTH : MAX_GROWTH)));
			this.fillMark = Math.ceil((from + this.current) / 2);
			return { change: first ? 'first' : 'grow', latencyMs: latency };
		}
		// Lower only once the sends started at the old response time are answered: cutting the
		// bound below what is still out would stop the rate until they are.
		if (
			(wanted < this.current * SHRINK_BELOW || (first && wanted < this.current)) &&
			inFlight <= wanted
		) {
			this.set(wanted);
			return { change: first ? 'first' : 'shrink', latencyMs: latency };
		}
		return undefined;
	}

	private set(bound: number): void {
		this.current = bound;
		this.epochId += 1;
		this.samples = [];
		this.heldBack = false;
		this.fillMark = Infinity;
	}
}

// ---------------------------------------------------------------------------------------------
// Error classification
// ---------------------------------------------------------------------------------------------

export type FailureKind =
	/** Meta's throughput limit: slow down, then retry. */
	| 'throughput'
	/** Pair rate limit (131056): space this recipient, then retry. */
	| 'pair'
	/** Temporary and the message was certainly not sent: retry. */
	| 'transient'
	/** The message may have been sent (5xx, connection lost after writing): retry only if the user
	 *  accepts double sends. */
	| 'maybeSent'
	/** Retrying cannot help: fail now. */
	| 'permanent';

export interface Classification {
	kind: FailureKind;
	retryAfterMs?: number;
}

/** Graph codes meaning "too many calls": 130429 per-number throughput, 4 app-level, 80007 WABA. */
const THROUGHPUT_CODES = new Set([130429, 4, 80007]);
const PAIR_RATE_LIMIT_CODE = 131056;
/** Failures before the request reached the server: DNS, refused, unreachable, connect timeout. */
const NOT_SENT_NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'EADDRNOTAVAIL',
	'UND_ERR_CONNECT_TIMEOUT',
]);

function graphInfoOf(error: unknown): SenderGraphErrorInfo | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const graph = (error as { graph?: unknown }).graph;
	return typeof graph === 'object' && graph !== null ? (graph as SenderGraphErrorInfo) : undefined;
}

/** How the sender treats an error thrown by the send callback. Errors without Graph info (e.g. a
 *  NodeOperationError from validating the item) are permanent: resending the same input cannot
 *  succeed. */
export function classifySendError(error: unknown): Classification {
	const graph = graphInfoOf(error);
	if (!graph) return { kind: 'permanent' };
	const retryAfterMs =
		typeof graph.retryAfterMs === 'number' && graph.retryAfterMs >= 0
			? graph.retryAfterMs
			: undefined;
	const withWait = (kind: FailureKind): Classification =>
		retryAfterMs === undefined ? { kind } : { kind, retryAfterMs };

	if (graph.transport === 'network') {
		const networkCode = String(graph.networkCode ?? '').toUpperCase();
		// Connection never made: safe to send again, even where the transport calls it a
		// configuration problem (a bounded number of retries costs only time).
		if (NOT_SENT_NETWORK_CODES.has(networkCode)) return withWait('transient');
		// The transport knows the request was never written (TLS rejected, invalid URL...).
		if (graph.ambiguous === false)
			return withWait(graph.retryable === true ? 'transient' : 'permanent');
		// Written, then lost (ECONNRESET, EPIPE, ETIMEDOUT, socket hang up...): maybe sent.
		// Unless the transport says retrying is pointless (e.g. the execution cancelled it).
		if (graph.ambiguous === true && graph.retryable === false) return { kind: 'permanent' };
		return withWait('maybeSent');
	}
	if (graph.code === PAIR_RATE_LIMIT_CODE) return withWait('pair');
	if (graph.httpStatus === 429 || (graph.code !== undefined && THROUGHPUT_CODES.has(graph.code))) {
		return withWait('throughput');
	}
	const status = graph.httpStatus ?? 0;
	if (status >= 500) {
		// A bare 5xx (no Graph code) is a gateway/outage answer: worth retrying if allowed.
		return withWait(
			graph.retryable === true || graph.code === undefined ? 'maybeSent' : 'permanent',
		);
	}
	return withWait(graph.retryable === true ? 'transient' : 'permanent');
}

// ---------------------------------------------------------------------------------------------
// Rate: token bucket with adaptive rate (multiplicative decrease, linear recovery)
// ---------------------------------------------------------------------------------------------

const EPSILON = 1e-9;
/** Rate after a throughput error, as a share of the current rate. */
const DECREASE_FACTOR = 0.8;
/** The rate never drops below 1 message/s (or the target, if lower): low enough to converge on
 *  any real tier when the option is set too high, high enough not to stall. */
const FLOOR_PER_SECOND = 1;
/** A throughput error with none before it for this long does not lower the rate. */
const ISOLATED_ERROR_MS = 5_000;
/** After a decrease the rate holds this long before recovering. */
const RECOVERY_HOLD_MS = 1_000;
/** Recovery: share of the target regained per second. */
const RECOVERY_PER_SECOND = 0.2;
/** Sliding window: never more than one second's worth of the rate started within this long. The
 *  extra millisecond covers Date.now's resolution; it costs 0.1% of throughput. */
const WINDOW_MS = 1_001;
/** Rates above this many per second skip the sliding window (memory bound of the ring). */
const WINDOW_MAX_SLOTS = 10_000;

/**
 * Token bucket (rate + small burst) plus a sliding one-second window over the latest starts. The
 * bucket smooths; the window stops the catch-up after a late timer (event-loop lag, GC) from
 * putting more than a second's worth of the rate into any one second, which is what Meta counts.
 */
class AdaptiveTokenBucket {
	private readonly target: number; // tokens per ms
	private readonly floor: number;
	private rate: number;
	private tokens = 1;
	private last: number;
	private pausedUntil = -Infinity;
	private lastDecreaseAt = -Infinity;
	private lastErrorAt = -Infinity;
	/** Ring of the latest start times (size > the window's limit at the target rate). */
	private readonly starts: Float64Array;
	private started = 0;

	constructor(
		messagesPerSecond: number,
		private readonly capacity: number,
		now: number,
	) {
		this.target = messagesPerSecond / 1000;
		this.floor = Math.min(this.target, FLOOR_PER_SECOND / 1000);
		this.rate = this.target;
		this.last = now;
		this.tokens = Math.min(1, capacity);
		const slots = Math.ceil(messagesPerSecond) + 1;
		this.starts = new Float64Array(slots <= WINDOW_MAX_SLOTS ? slots : 0);
	}

	/** Starts allowed per window at the current rate. */
	private windowLimit(): number {
		return Math.max(1, Math.floor(this.rate * 1000 + EPSILON));
	}

	/** Earliest time the window has room for one more start. */
	private windowOpensAt(now: number): number {
		const size = this.starts.length;
		const limit = this.windowLimit();
		if (size === 0 || this.started < limit || limit >= size) return now;
		// the limit-th latest start must be at least a window ago
		const oldest = this.starts[(this.started - limit) % size];
		return Math.max(now, oldest + WINDOW_MS);
	}

	get messagesPerSecond(): number {
		return this.rate * 1000;
	}

	private refill(now: number): void {
		const dt = Math.max(0, now - this.last);
		if (dt === 0) return;
		const recoverFrom = this.lastDecreaseAt + RECOVERY_HOLD_MS;
		if (this.rate < this.target && now > recoverFrom) {
			const recoveringMs = Math.min(dt, now - recoverFrom);
			this.rate = Math.min(
				this.target,
				this.rate + (this.target * RECOVERY_PER_SECOND * recoveringMs) / 1000,
			);
		}
		const earning = Math.max(0, now - Math.max(this.last, this.pausedUntil));
		this.tokens = Math.min(this.capacity, this.tokens + this.rate * earning);
		this.last = now;
	}

	/** When the next token is available (now if one is). */
	nextTokenAt(now: number): number {
		this.refill(now);
		if (now < this.pausedUntil) return this.pausedUntil;
		const windowAt = this.windowOpensAt(now);
		if (this.tokens >= 1 - EPSILON) return windowAt;
		return Math.max(windowAt, now + (1 - this.tokens) / this.rate);
	}

	take(now: number): void {
		this.refill(now);
		this.tokens -= 1;
		if (this.starts.length > 0) this.starts[this.started % this.starts.length] = now;
		this.started += 1;
	}

	/** A throughput error for a request started at `startedAt`. A lone one (none in the last
	 *  ISOLATED_ERROR_MS) only drops the saved-up burst: at the right rate a stray rejection is
	 *  noise (the receiver's clock, network jitter), and a 20% cut would cost ~0.3 s of sending.
	 *  A second one means the rate is too high: lower it, once per round (errors from requests
	 *  started before the last decrease were sent at the old rate). */
	slowDown(now: number, startedAt: number): boolean {
		this.refill(now);
		this.tokens = Math.min(this.tokens, 0);
		const isolated = now - this.lastErrorAt > ISOLATED_ERROR_MS;
		this.lastErrorAt = now;
		if (isolated || startedAt < this.lastDecreaseAt) return false;
		this.rate = Math.max(this.floor, this.rate * DECREASE_FACTOR);
		this.tokens = Math.min(this.tokens, 0);
		this.lastDecreaseAt = now;
		return true;
	}

	/** Retry-After on a throughput error: nobody sends until `until`. */
	pause(now: number, until: number): void {
		this.refill(now);
		this.pausedUntil = Math.max(this.pausedUntil, until);
		this.tokens = Math.min(this.tokens, 0);
	}
}

// ---------------------------------------------------------------------------------------------
// Recipients: spacing per recipient (option, and automatically after 131056)
// ---------------------------------------------------------------------------------------------

interface RecipientState {
	freeAt: number;
	gap: number;
	strikes: number;
}

class RecipientGate {
	private readonly states = new Map<string, RecipientState>();
	private sinceSweep = 0;

	constructor(private readonly defaultGap: number) {}

	freeAt(key: string | undefined): number {
		if (key === undefined) return -Infinity;
		return this.states.get(key)?.freeAt ?? -Infinity;
	}

	sent(key: string | undefined, now: number): void {
		if (key === undefined) return;
		const state = this.states.get(key);
		const gap = state?.gap ?? this.defaultGap;
		if (gap <= 0) return;
		if (state) state.freeAt = Math.max(state.freeAt, now + gap);
		else this.states.set(key, { freeAt: now + gap, gap, strikes: 0 });
		if (++this.sinceSweep >= 1024) this.sweep(now);
	}

	/** 131056: hold this recipient back, and space its later messages by `pairGap`. Returns the
	 *  wait before it may receive again. */
	strike(key: string, now: number, pairGap: number, maxWait: number, retryAfterMs = 0): number {
		const state = this.states.get(key) ?? { freeAt: -Infinity, gap: this.defaultGap, strikes: 0 };
		state.strikes += 1;
		state.gap = Math.max(state.gap, pairGap);
		const wait = Math.max(retryAfterMs, Math.min(maxWait, pairGap * 2 ** (state.strikes - 1)));
		state.freeAt = Math.max(state.freeAt, now + wait);
		this.states.set(key, state);
		return state.freeAt - now;
	}

	/** Forget recipients that are free again and carry nothing beyond the default spacing. */
	private sweep(now: number): void {
		this.sinceSweep = 0;
		for (const [key, state] of this.states) {
			if (state.freeAt <= now && state.strikes === 0) this.states.delete(key);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Items waiting for their turn (retries, or recipients on hold), earliest first
// ---------------------------------------------------------------------------------------------

interface Job {
	index: number;
	/** Attempts made so far. */
	attempts: number;
	readyAt: number;
	key: string | undefined;
	startedAt: number;
	lastError?: Error;
}

class JobHeap {
	private readonly items: Job[] = [];

	get size(): number {
		return this.items.length;
	}

	peek(): Job | undefined {
		return this.items[0];
	}

	private static before(a: Job, b: Job): boolean {
		return a.readyAt < b.readyAt || (a.readyAt === b.readyAt && a.index < b.index);
	}

	push(job: Job): void {
		const items = this.items;
		items.push(job);
		let i = items.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!JobHeap.before(items[i], items[parent])) break;
			[items[i], items[parent]] = [items[parent], items[i]];
			i = parent;
		}
	}

	pop(): Job | undefined {
		const items = this.items;
		const top = items[0];
		const last = items.pop();
		if (items.length > 0 && last) {
			items[0] = last;
			let i = 0;
			for (;;) {
				const left = 2 * i + 1;
				const right = left + 1;
				let smallest = i;
				if (left < items.length && JobHeap.before(items[left], items[smallest])) smallest = left;
				if (right < items.length && JobHeap.before(items[right], items[smallest])) smallest = right;
				if (smallest === i) break;
				[items[i], items[smallest]] = [items[smallest], items[i]];
				i = smallest;
			}
		}
		return top;
	}
}

/** n8n's sleep listens on a real AbortSignal; a plain `{ aborted }` object is only polled. */
function abortSignalOf(signal: SenderOptions['signal']): AbortSignalLike {
	const candidate = signal as { addEventListener?: unknown } | undefined;
	return typeof candidate?.addEventListener === 'function'
		? (signal as AbortSignalLike)
		: undefined;
}

function toError(error: unknown): Error {
	if (error instanceof Error) return error;
	const wrapped = new Error(
		typeof error === 'string' ? error : 'The send failed with a non-error value',
	);
	(wrapped as Error & { cause?: unknown }).cause = error;
	return wrapped;
}

function positiveOr(value: number | undefined, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

// ---------------------------------------------------------------------------------------------
// sendAll
// ---------------------------------------------------------------------------------------------

/**
 * Calls `send(index, attempt)` for every index in [0, count), rate-limited, with bounded
 * concurrency and retries, and resolves with one result per index, in input order. `attempt`
 * starts at 1. Never rejects: failures are `{ ok: false, error }` holding the last error.
 */
export async function sendAll<R>(
	count: number,
	send: (index: number, attempt: number) => Promise<R>,
	options: SenderOptions,
	clock: Clock = systemClock(abortSignalOf(options.signal)),
): Promise<Array<SendResult<R>>> {
	const total = Math.max(0, Math.floor(count));
	const results = new Array<SendResult<R>>(total);
	if (total === 0) return results;

	const messagesPerSecond =
		options.messagesPerSecond > 0 ? options.messagesPerSecond : SENDER_DEFAULTS.messagesPerSecond;
	// A user's bound is fixed; otherwise the automatic one adapts to the response times.
	const auto =
		options.maxInFlight && options.maxInFlight >= 1
			? undefined
			: new AutoInFlight(messagesPerSecond);
	let maxInFlight = auto ? auto.bound : Math.floor(options.maxInFlight ?? 1);
	const retries = Math.floor(positiveOr(options.retries, SENDER_DEFAULTS.retries));
	const baseBackoffMs = positiveOr(options.baseBackoffMs, SENDER_DEFAULTS.baseBackoffMs);
	const maxBackoffMs = positiveOr(options.maxBackoffMs, SENDER_DEFAULTS.maxBackoffMs);
	const pairBackoffMs = positiveOr(options.pairBackoffMs, SENDER_DEFAULTS.pairBackoffMs);
	const maxRetryAfterMs = positiveOr(options.maxRetryAfterMs, SENDER_DEFAULTS.maxRetryAfterMs);
	const burst = Math.max(1, positiveOr(options.burst, Math.ceil(messagesPerSecond / 20)));
	const emit = options.onEvent ?? (() => undefined);

	const bucket = new AdaptiveTokenBucket(messagesPerSecond, burst, clock.now());
	const recipients = new RecipientGate(positiveOr(options.recipientPauseMs, 0));
	const waiting = new JobHeap();

	let nextFresh = 0;
	let fresh: Job | undefined;
	let inFlight = 0;
	let settledCount = 0;
	let stopped = false;

	// Wake-up when a send completes; and one reusable timer for time-based waits.
	let wakeUp: (() => void) | undefined;
	let woken: Promise<void> | undefined;
	const wake = () => {
		const resolve = wakeUp;
		wakeUp = undefined;
		woken = undefined;
		resolve?.();
	};
	const completion = () => (woken ??= new Promise<void>((resolve) => (wakeUp = resolve)));
	let timer: { at: number; done: Promise<void> } | undefined;
	const until = async (at: number) => {
		const now = clock.now();
		if (!timer || timer.at > at) {
			const current: { at: number; done: Promise<void> } = {
				at,
				done: clock.sleep(at - now).then(() => {
					if (timer === current) timer = undefined;
				}),
			};
			timer = current;
		}
		await Promise.race([completion(), timer.done]);
	};

	const settle = (index: number, result: SendResult<R>) => {
		if (results[index] !== undefined) return;
		results[index] = result;
		settledCount += 1;
	};

	const stop = (reason: 'stopped' | 'cancelled') => {
		if (stopped) return;
		stopped = true;
		for (let index = nextFresh; index < total; index++) {
			settle(index, { ok: false, error: new SendSkippedError(index, reason) });
		}
		nextFresh = total;
		fresh = undefined;
		for (let job = waiting.pop(); job; job = waiting.pop()) {
			settle(job.index, {
				ok: false,
				error: job.lastError ?? new SendSkippedError(job.index, reason),
			});
		}
	};

	const fail = (job: Job, error: Error) => {
		settle(job.index, { ok: false, error });
		if (options.stopOnError) stop('stopped');
	};

	const backoff = (attempts: number) =>
		clock.random() * Math.min(maxBackoffMs, baseBackoffMs * 2 ** Math.max(0, attempts - 1));

	const onFailure = (job: Job, thrown: unknown) => {
		const error = toError(thrown);
		job.lastError = error;
		const now = clock.now();
		const { kind, retryAfterMs } = classifySendError(thrown);
		const retryable =
			kind !== 'permanent' &&
			(kind !== 'maybeSent' || options.retryServerErrorsMaySendTwice === true);
		if (
			stopped ||
			!retryable ||
			job.attempts > retries ||
			(retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs)
		) {
			fail(job, error);
			return;
		}
		let delay = Math.max(retryAfterMs ?? 0, backoff(job.attempts));
		if (kind === 'throughput') {
			if (bucket.slowDown(now, job.startedAt)) {
				emit({ type: 'slowdown', index: job.index, messagesPerSecond: bucket.messagesPerSecond });
			}
			if (retryAfterMs !== undefined) {
				bucket.pause(now, now + retryAfterMs);
				emit({ type: 'pause', index: job.index, delayMs: retryAfterMs });
			}
		} else if (kind === 'pair') {
			const hold =
				job.key === undefined
					? Math.max(
							retryAfterMs ?? 0,
							Math.min(maxBackoffMs, pairBackoffMs * 2 ** (job.attempts - 1)),
						)
					: recipients.strike(job.key, now, pairBackoffMs, maxBackoffMs, retryAfterMs);
			emit({ type: 'recipientPause', index: job.index, recipient: job.key, delayMs: hold });
			delay = hold;
		}
		job.readyAt = now + delay;
		waiting.push(job);
		emit({
			type: 'retry',
			index: job.index,
			attempt: job.attempts + 1,
			reason: kind,
			delayMs: delay,
		});
	};

	const answered = (epoch: number, startedAt: number) => {
		if (!auto) return;
		const now = clock.now();
		const changed = auto.observe(epoch, now - startedAt, now, bucket.messagesPerSecond, inFlight);
		if (!changed) return;
		maxInFlight = auto.bound;
		emit({
			type: 'inFlightBound',
			maxInFlight,
			latencyMs: changed.latencyMs,
			change: changed.change,
		});
	};

	const launch = (job: Job, now: number) => {
		inFlight += 1;
		job.attempts += 1;
		job.startedAt = now;
		auto?.starting(inFlight - 1);
		const epoch = auto?.epoch ?? 0;
		recipients.sent(job.key, now);
		// Called now, not in a later microtask: the request leaves when the token was taken, so
		// the spacing the bucket computed is the spacing Meta sees.
		let sending: Promise<R>;
		try {
			sending = Promise.resolve(send(job.index, job.attempts));
		} catch (thrown) {
			sending = Promise.reject(thrown);
		}
		sending
			.then(
				(value) => settle(job.index, { ok: true, value }),
				(thrown) => onFailure(job, thrown),
			)
			.catch((internal) => fail(job, toError(internal)))
			.finally(() => {
				inFlight -= 1;
				answered(epoch, now);
				wake();
			});
	};

	/** The job that may go now, or the earliest time one may (Infinity: none until a completion). */
	const next = (now: number): Job | number => {
		for (;;) {
			const head = waiting.peek();
			if (head && head.readyAt <= now) {
				const freeAt = recipients.freeAt(head.key);
				if (freeAt <= now) return head;
				waiting.pop();
				head.readyAt = freeAt;
				waiting.push(head);
				continue;
			}
			if (nextFresh < total) {
				fresh ??= {
					index: nextFresh,
					attempts: 0,
					readyAt: now,
					key: options.keyOf?.(nextFresh),
					startedAt: now,
				};
				const freeAt = recipients.freeAt(fresh.key);
				if (freeAt <= now) return fresh;
				// Its recipient is on hold: park it and look at the next item.
				fresh.readyAt = freeAt;
				waiting.push(fresh);
				fresh = undefined;
				nextFresh += 1;
				continue;
			}
			return head ? head.readyAt : Infinity;
		}
	};

	const take = (job: Job) => {
		if (job === fresh) {
			fresh = undefined;
			nextFresh += 1;
		} else {
			waiting.pop();
		}
	};

	while (settledCount < total) {
		if (!stopped && options.signal?.aborted) stop('cancelled');
		if (inFlight >= maxInFlight || (stopped && inFlight > 0)) {
			// The automatic bound learns whether it is what holds sends back.
			if (auto && !stopped && (nextFresh < total || waiting.size > 0)) auto.noteHeldBack();
			await completion();
			continue;
		}
		const now = clock.now();
		const job = next(now);
		if (typeof job === 'number') {
			if (job === Infinity) {
				if (inFlight === 0) break; // cannot happen: every index is settled, in flight or queued
				await completion();
			} else {
				await until(job);
			}
			continue;
		}
		const tokenAt = bucket.nextTokenAt(now);
		if (tokenAt > now) {
			await until(tokenAt);
			continue;
		}
		take(job);
		bucket.take(now);
		launch(job, now);
	}
	return results;
}

// ---------------------------------------------------------------------------------------------
// Node options: the "Sending" collection every send operation carries
// ---------------------------------------------------------------------------------------------

/** Name of the collection parameter; `getSenderOptions` reads it. */
export const SENDING_OPTIONS_NAME = 'sending';

export const sendingOptionsProperty: INodeProperties = {
	displayName: 'Sending',
	name: SENDING_OPTIONS_NAME,
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	description:
		"How fast and how persistently this execution's messages are sent. Read from the first item; applies to all items.",
	options: [
		{
			displayName: 'Max Requests in Flight',
			name: 'maxInFlight',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, maxValue: 1000 },
			description:
				"How many messages may wait for Meta's answer at the same time; the node never goes above a number set here. 0 = automatic: twice Messages per Second times Meta's recent response time (8 to 1,000; before the first answers a quarter second's worth, at most 64), raised only while that really gets more messages answered per second, so a slow Meta still gets the full rate and a busy n8n does not open hundreds of connections.",
		},
		{
			displayName: 'Messages per Second',
			name: 'messagesPerSecond',
			type: 'number',
			default: 80, // SENDER_DEFAULTS.messagesPerSecond (a literal: the linter reads it)
			typeOptions: { minValue: 1, maxValue: 1000 },
			description:
				"The phone number's throughput tier: 80 unless Meta has upgraded it (up to 1,000). All items of the execution are spread at this rate, so Meta never answers 130429.",
		},
		{
			displayName: 'Pause Between Messages to the Same Recipient (Seconds)',
			name: 'recipientPauseSeconds',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, maxValue: 60, numberPrecision: 1 },
			description:
				'Minimum time between two messages to the same number. Meta allows about one message every 6 seconds per recipient (error 131056); after that error the node spaces that recipient by itself.',
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			default: 5, // SENDER_DEFAULTS.retries
			typeOptions: { minValue: 0, maxValue: 10 },
			description:
				"How many more times to try a message after a temporary failure: Meta's rate limits, or a network error before the request reached Meta. Waits grow exponentially (with jitter, at most 30 s) and follow Retry-After.",
		},
		{
			displayName: 'Retry Server Errors Even If the Message May Be Sent Twice',
			name: 'retryServerErrorsMaySendTwice',
			type: 'boolean',
			default: false,
			description:
				'Whether to also retry when Meta answers with a server error (5xx) or the connection drops after the request was sent. Meta may already have sent that message, so the recipient can get it twice.',
		},
	],
};

/** Reads the "Sending" collection (from the first item: one rate for the whole execution) into
 *  SenderOptions, with `stopOnError` unless Continue On Fail is on, and the execution's cancel
 *  signal. The caller adds `keyOf`. */
export function getSenderOptions(this: IExecuteFunctions, itemIndex = 0): SenderOptions {
	const raw = this.getNodeParameter(SENDING_OPTIONS_NAME, itemIndex, {}) as IDataObject;
	const number = (name: string, label: string, fallback: number, min: number, max: number) => {
		const value = raw[name];
		if (value === undefined || value === null || value === '') return fallback;
		const parsed = typeof value === 'number' ? value : Number(value);
		if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
			throw new NodeOperationError(
				this.getNode(),
				`Sending option "${label}" must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`,
				{
					itemIndex,
					description: `Set "${label}" under Sending to a number from ${min} to ${max}.`,
				},
			);
		}
		return parsed;
	};
	const options: SenderOptions = {
		messagesPerSecond: number(
			'messagesPerSecond',
			'Messages per Second',
			SENDER_DEFAULTS.messagesPerSecond,
			1,
			1000,
		),
		maxInFlight: Math.floor(number('maxInFlight', 'Max Requests in Flight', 0, 0, 1000)),
		retries: Math.floor(number('retries', 'Retries', SENDER_DEFAULTS.retries, 0, 10)),
		retryServerErrorsMaySendTwice: raw.retryServerErrorsMaySendTwice === true,
		recipientPauseMs:
			number('recipientPauseSeconds', 'Pause Between Messages to the Same Recipient', 0, 0, 60) *
			1000,
		stopOnError: !this.continueOnFail(),
	};
	const signal = this.getExecutionCancelSignal?.();
	if (signal) options.signal = signal;
	return options;
}
