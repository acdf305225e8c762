/**
 * The sending rate: a token bucket whose rate drops after throughput errors and climbs back
 * linearly, plus a sliding one-second window so no second ever holds more than the tier.
 */

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
export class AdaptiveTokenBucket {
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
