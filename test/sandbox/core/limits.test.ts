import { PairLimiter, TokenBucket } from '../../../sandbox/core/limits';

describe('rate limiters', () => {
	it('token bucket: burst, then the refill rate', () => {
		const b = new TokenBucket(10, 5, 0);
		expect(Array.from({ length: 6 }, () => b.tryTake(0))).toEqual([
			true,
			true,
			true,
			true,
			true,
			false,
		]);
		expect(b.waitMs(0)).toBe(100);
		expect(b.tryTake(100)).toBe(true);
		expect(b.tryTake(100)).toBe(false);
	});

	it('a raised tier can be used at once; a lowered one is capped at its new size', () => {
		const b = new TokenBucket(80, 80, 0);
		for (let i = 0; i < 80; i++) b.tryTake(0);
		expect(b.tryTake(0)).toBe(false);
		b.configure(1000, 1000);
		// the 920 added tokens are there now, the 80 spent are not
		expect(Array.from({ length: 921 }, () => b.tryTake(0)).filter(Boolean)).toHaveLength(920);
		b.refill(0);
		b.configure(10, 10);
		expect(Array.from({ length: 11 }, () => b.tryTake(0)).filter(Boolean)).toHaveLength(10);
	});

	it('pair limiter: per key, disabled at 0, forgets full buckets', () => {
		const p = new PairLimiter(6, 2, 4);
		expect([p.tryTake('a', 0), p.tryTake('a', 0), p.tryTake('a', 0), p.tryTake('b', 0)]).toEqual([
			true,
			true,
			false,
			true,
		]);
		expect(p.tryTake('a', 6000)).toBe(true);
		for (let i = 0; i < 10; i++) p.tryTake(`k${i}`, 100_000 + i);
		expect(p.size).toBeLessThanOrEqual(5);
		p.configure(0, 1);
		expect(Array.from({ length: 50 }, () => p.tryTake('a', 0)).every(Boolean)).toBe(true);
	});
});
