/**
 * A virtual clock for the sender's tests: `sleep` registers a timer, and `drive` runs a promise
 * to completion by flushing microtasks and jumping to the next timer, so seconds of rate limiting
 * and backoff take no real time. Randomness is a seeded generator (or a constant).
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
