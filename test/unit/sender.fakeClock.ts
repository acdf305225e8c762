/**
 * A virtual clock for the sender's unit tests: `sleep` registers a timer, and `drive` runs a
 * promise to completion by flushing microtasks and jumping to the next timer, so seconds of
 * rate limiting and backoff take no real time. Randomness is a seeded generator (or a constant).
 */
import type { Clock } from '../../nodes/WhatsAppCloud/sending/clock';

interface Timer {
	at: number;
	seq: number;
	resolve: () => void;
}

export class FakeClock implements Clock {
	private t = 0;
	private seq = 0;
	private timers: Timer[] = [];
	/** Most timers pending at once (sender's waits plus the fake network's). */
	maxPendingTimers = 0;
	private rand: () => number;

	/** `lateness(ms)`: extra virtual ms a sleep of `ms` oversleeps (event-loop lag, coarse timers).
	 *  Applies to the sender's waits only, not to `latency` (see fakeEndpoint). */
	constructor(
		random: number | (() => number) = seeded(42),
		private readonly lateness: (ms: number) => number = () => 0,
	) {
		this.rand = typeof random === 'number' ? () => random : random;
	}

	now(): number {
		return this.t;
	}

	random(): number {
		return this.rand();
	}

	sleep(ms: number): Promise<void> {
		return this.timer(Math.max(0, ms) + this.lateness(ms));
	}

	/** A wait of exactly `ms` virtual ms (the fake network's latency). */
	wait(ms: number): Promise<void> {
		return this.timer(Math.max(0, ms));
	}

	private timer(ms: number): Promise<void> {
		return new Promise<void>((resolve) => {
			const timer = { at: this.t + ms, seq: this.seq++, resolve };
			// insert keeping (at, seq) order
			let lo = 0;
			let hi = this.timers.length;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				const other = this.timers[mid];
				if (other.at < timer.at || (other.at === timer.at && other.seq < timer.seq)) lo = mid + 1;
				else hi = mid;
			}
			this.timers.splice(lo, 0, timer);
			this.maxPendingTimers = Math.max(this.maxPendingTimers, this.timers.length);
		});
	}

	get pendingTimers(): number {
		return this.timers.length;
	}

	/** Fire every timer due at the earliest pending time. False when none is pending. */
	advance(): boolean {
		const first = this.timers[0];
		if (!first) return false;
		this.t = Math.max(this.t, first.at);
		while (this.timers.length > 0 && this.timers[0].at <= this.t) this.timers.shift()!.resolve();
		return true;
	}
}

/** Most starts within any window of `windowMs` (a strict per-second limiter's view). */
export function maxInWindow(starts: number[], windowMs = 1_000): number {
	const sorted = [...starts].sort((a, b) => a - b);
	let best = 0;
	let lo = 0;
	for (let hi = 0; hi < sorted.length; hi++) {
		while (sorted[hi] - sorted[lo] >= windowMs) lo++;
		best = Math.max(best, hi - lo + 1);
	}
	return best;
}

export const flushMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `promise` to completion on the fake clock. Throws if it waits with no timer pending. */
export async function drive<T>(
	clock: FakeClock,
	promise: Promise<T>,
	maxSteps = 5_000_000,
): Promise<T> {
	let done = false;
	let value: T | undefined;
	let failure: unknown;
	let failed = false;
	promise.then(
		(v) => {
			done = true;
			value = v;
		},
		(e) => {
			done = true;
			failed = true;
			failure = e;
		},
	);
	for (let step = 0; step < maxSteps; step++) {
		await flushMicrotasks();
		if (done) break;
		if (!clock.advance())
			throw new Error(`deadlock at t=${clock.now()}: waiting with no timer pending`);
	}
	if (!done) throw new Error('drive: too many steps');
	if (failed) throw failure;
	return value as T;
}

/** Deterministic uniform [0, 1) generator (mulberry32). */
export function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface GraphErrorFields {
	code?: number;
	subcode?: number;
	httpStatus?: number;
	retryable?: boolean;
	retryAfterMs?: number;
	transport?: 'response' | 'network';
	networkCode?: string;
	ambiguous?: boolean;
}

/** An error shaped like the foundation's WhatsAppApiError: an Error with a `graph` object. */
export function graphError(
	fields: GraphErrorFields,
	message = 'graph error',
): Error & { graph: object } {
	const error = new Error(message) as Error & { graph: object };
	error.graph = {
		title: message,
		message,
		fix: 'test fix',
		retryable: false,
		transport: 'response',
		...fields,
	};
	return error;
}

export const errors = {
	throughput: (retryAfterMs?: number) =>
		graphError(
			{ code: 130429, httpStatus: 400, retryable: true, retryAfterMs },
			'130429 rate limit hit',
		),
	http429: (retryAfterMs?: number) =>
		graphError({ httpStatus: 429, retryable: true, retryAfterMs }, 'HTTP 429 too many requests'),
	pair: (retryAfterMs?: number) =>
		graphError(
			{ code: 131056, httpStatus: 400, retryable: true, retryAfterMs },
			'131056 pair rate limit',
		),
	server: () =>
		graphError({ code: 131000, httpStatus: 500, retryable: true }, '131000 something went wrong'),
	bare503: () => graphError({ httpStatus: 503, retryable: true }, 'HTTP 503'),
	network: (networkCode: string) =>
		graphError({ transport: 'network', networkCode, retryable: true }, `network ${networkCode}`),
	permanent: (code: number, httpStatus = 400) =>
		graphError({ code, httpStatus, retryable: false }, `permanent ${code}`),
};

/**
 * A fake Cloud API endpoint on the fake clock: each call waits `latency(index, attempt)` virtual
 * ms, then answers through `answer` (throw to fail). Records starts, concurrency and calls.
 */
export function fakeEndpoint<R>(
	clock: FakeClock,
	answer: (index: number, attempt: number) => R,
	latency: number | ((index: number, attempt: number) => number) = 100,
) {
	const calls: Array<{ index: number; attempt: number; at: number }> = [];
	const callsPerIndex = new Map<number, number>();
	const succeeded = new Set<number>();
	let inFlight = 0;
	const stats = { maxInFlight: 0, resentAfterSuccess: 0 };
	const send = async (index: number, attempt: number): Promise<R> => {
		calls.push({ index, attempt, at: clock.now() });
		callsPerIndex.set(index, (callsPerIndex.get(index) ?? 0) + 1);
		if (succeeded.has(index)) stats.resentAfterSuccess += 1;
		inFlight += 1;
		stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
		try {
			await clock.wait(typeof latency === 'number' ? latency : latency(index, attempt));
			const value = answer(index, attempt);
			succeeded.add(index);
			return value;
		} finally {
			inFlight -= 1;
		}
	};
	return {
		send,
		calls,
		callsPerIndex,
		stats,
		startsOf: (i: number) => calls.filter((c) => c.index === i),
	};
}
