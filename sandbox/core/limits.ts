/**
 * Rate limits Meta applies to sends.
 *
 * Throughput: each business phone number sends at most `tier` messages per second (80 by
 * default, 1,000 after upgrade); beyond that Meta answers 130429. Modelled as a token bucket
 * refilled at `tier`/s that holds one second's worth (`burst`, default = tier), so a sender that
 * averages the tier passes and a sender that fires everything at once does not.
 *
 * Pair rate: one message every 6 seconds to the same user, with bursts of up to 45 that borrow
 * from future quota (131056). Meta's throughput guide describes exactly this, so it is also a
 * token bucket: capacity 45, refill one token per 6 s.
 */
export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(
		private rate: number,
		private capacity: number,
		now: number,
	) {
		this.tokens = capacity;
		this.last = now;
	}

	/**
	 * New rate and size. A bigger bucket gains the added room at once (a number upgraded to a
	 * higher tier can use it immediately); a smaller one keeps at most its new size.
	 */
	configure(rate: number, capacity: number): void {
		const grown = Math.max(0, capacity - this.capacity);
		this.rate = rate;
		this.capacity = capacity;
		this.tokens = Math.min(this.tokens + grown, capacity);
	}

	/** Back to a full bucket (sandbox reset). */
	refill(now: number): void {
		this.tokens = this.capacity;
		this.last = now;
	}

	private refillTo(now: number): void {
		if (now > this.last) {
			this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
			this.last = now;
		}
	}

	tryTake(now: number): boolean {
		this.refillTo(now);
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}

	/** Milliseconds until one token is available (0 if now). */
	waitMs(now: number): number {
		this.refillTo(now);
		return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rate) * 1000);
	}

	isFull(now: number): boolean {
		this.refillTo(now);
		return this.tokens >= this.capacity;
	}
}

/** One bucket per (phone number, recipient) pair; full buckets are forgotten to bound memory. */
export class PairLimiter {
	private buckets = new Map<string, TokenBucket>();
	private lastSweep = 0;

	constructor(
		private periodSeconds: number,
		private burst: number,
		private readonly maxPairs = 200_000,
	) {}

	get enabled(): boolean {
		return this.periodSeconds > 0;
	}

	configure(periodSeconds: number, burst: number): void {
		this.periodSeconds = periodSeconds;
		this.burst = burst;
		this.buckets.clear();
	}

	get size(): number {
		return this.buckets.size;
	}

	tryTake(key: string, now: number): boolean {
		if (!this.enabled) return true;
		let bucket = this.buckets.get(key);
		if (!bucket) {
			if (this.buckets.size >= this.maxPairs || now - this.lastSweep > 60_000) this.sweep(now);
			bucket = new TokenBucket(1 / this.periodSeconds, Math.max(1, this.burst), now);
			this.buckets.set(key, bucket);
		}
		return bucket.tryTake(now);
	}

	private sweep(now: number): void {
		this.lastSweep = now;
		for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key);
		// Still too many (a flood of distinct recipients): drop the oldest half.
		if (this.buckets.size >= this.maxPairs) {
			let n = Math.floor(this.buckets.size / 2);
			for (const key of this.buckets.keys()) {
				if (n-- <= 0) break;
				this.buckets.delete(key);
			}
		}
	}

	clear(): void {
		this.buckets.clear();
	}
}
