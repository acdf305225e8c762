/**
 * sendAll on a fake clock: rate spreading, concurrency bound, ordering, and every retry rule
 * (throughput, Retry-After, pair rate limit, network, 5xx, permanent, exhausted), with no real
 * waits. Virtual time is in ms.
 */
import { sendAll } from '../../../nodes/WhatsAppCloud/sending/sendAll';
import {
	SendSkippedError,
	type SenderEvent,
	type SenderOptions,
} from '../../../nodes/WhatsAppCloud/sending/types';
import { drive, FakeClock, maxInWindow, seeded } from '../../support/fakeClock';
import { fakeEndpoint } from '../../support/fakeEndpoint';
import { errors } from '../../support/sendErrors';

const run = <R>(
	clock: FakeClock,
	count: number,
	send: (index: number, attempt: number) => Promise<R>,
	options: SenderOptions,
) => drive(clock, sendAll(count, send, options, clock));

const okValue = (index: number, attempt: number) => ({ id: `wamid.${index}`, attempt });

describe('sendAll: basics', () => {
	it('returns an empty array for no items and never calls send', async () => {
		const clock = new FakeClock();
		const send = jest.fn();
		await expect(run(clock, 0, send, { messagesPerSecond: 80 })).resolves.toEqual([]);
		expect(send).not.toHaveBeenCalled();
	});

	it('gives one result per index, in input order, whatever order the answers arrive in', async () => {
		const clock = new FakeClock();
		// later items answer first: latency falls with the index
		const endpoint = fakeEndpoint(
			clock,
			(i) => i * 2,
			(i) => 5_000 - i * 40,
		);
		const results = await run(clock, 100, endpoint.send, {
			messagesPerSecond: 100,
			maxInFlight: 100,
		});
		expect(results).toHaveLength(100);
		results.forEach((result, i) => expect(result).toEqual({ ok: true, value: i * 2 }));
		// completions really were out of order: the last item was started last but finished first
		const finish = (i: number) => endpoint.calls[i].at + (5_000 - i * 40);
		expect(finish(99)).toBeLessThan(finish(0));
	});

	it('turns a synchronous throw and a non-Error rejection into error results', async () => {
		const clock = new FakeClock();
		const send = (index: number): Promise<string> => {
			if (index === 0) throw new Error('sync boom');
			if (index === 1) return Promise.reject('plain string');
			return Promise.resolve('fine');
		};
		const results = await run(clock, 3, send, { messagesPerSecond: 80 });
		expect(results[0]).toEqual({ ok: false, error: new Error('sync boom') });
		expect(results[1].ok).toBe(false);
		expect(!results[1].ok && results[1].error.message).toBe('plain string');
		expect(results[2]).toEqual({ ok: true, value: 'fine' });
	});
});

describe('sendAll: rate spreading', () => {
	it.each([
		[400, 80],
		[2_000, 1_000],
	])(
		'%i items at %i/s take about N/R virtual seconds and never start more than burst + R*t by t',
		async (count, rate) => {
			const clock = new FakeClock();
			const endpoint = fakeEndpoint(clock, okValue, 100);
			const results = await run(clock, count, endpoint.send, { messagesPerSecond: rate });
			expect(results.every((r) => r.ok)).toBe(true);

			const idealMs = ((count - 1) / rate) * 1000;
			const lastStart = endpoint.calls[endpoint.calls.length - 1].at;
			expect(lastStart).toBeGreaterThanOrEqual(idealMs - 1);
			expect(lastStart).toBeLessThanOrEqual(idealMs * 1.01 + 1);
			// whole run = spreading + one latency
			expect(clock.now()).toBeLessThanOrEqual(idealMs * 1.01 + 100 + 1);

			const burst = Math.ceil(rate / 20);
			endpoint.calls.forEach((call, i) => {
				const startedByNow = i + 1;
				expect(startedByNow).toBeLessThanOrEqual(burst + (rate * call.at) / 1000 + 1e-6);
			});
			// no one-second window, the first included, carries more than the tier
			expect(endpoint.calls.filter((c) => c.at < 1000).length).toBeLessThanOrEqual(rate);
			expect(maxInWindow(endpoint.calls.map((c) => c.at))).toBeLessThanOrEqual(rate);
		},
	);

	it.each([
		[800, 80],
		[4_000, 1_000],
	])(
		'with late timers (lag up to 15 ms), %i items at %i/s keep the rate and never exceed it in any second',
		async (count, rate) => {
			const lag = seeded(7);
			// every wait of the sender oversleeps by 0-15 ms, like a busy event loop
			const clock = new FakeClock(0.5, () => lag() * 15);
			const endpoint = fakeEndpoint(clock, okValue, 100);
			const results = await run(clock, count, endpoint.send, { messagesPerSecond: rate });
			expect(results.every((r) => r.ok)).toBe(true);
			const starts = endpoint.calls.map((c) => c.at);
			expect(maxInWindow(starts)).toBeLessThanOrEqual(rate);
			// the small bucket catches up what the late timers lost
			const idealMs = ((count - 1) / rate) * 1000;
			expect(starts[starts.length - 1]).toBeLessThanOrEqual(idealMs * 1.03 + 15);
		},
	);

	it('after an idle stretch a burst is at most the small bucket (5% of a second)', async () => {
		const clock = new FakeClock();
		// 1 in flight and 2 s latency: the bucket fills while the only slot is busy
		const endpoint = fakeEndpoint(clock, okValue, 2_000);
		await run(clock, 5, endpoint.send, { messagesPerSecond: 1_000, maxInFlight: 1 });
		expect(endpoint.calls.map((c) => c.at)).toEqual([0, 2_000, 4_000, 6_000, 8_000]);

		// 60 in flight at 1000/s: item i starts at i ms and all 60 answer together at 2 s, while the
		// bucket was full. Then 60 slots free at once, but only the bucket's 50 tokens go together.
		const clock2 = new FakeClock();
		const wide = fakeEndpoint(clock2, okValue, (i, attempt) =>
			attempt === 1 && i < 60 ? 2_000 - i : 100,
		);
		await run(clock2, 200, wide.send, { messagesPerSecond: 1_000, maxInFlight: 60 });
		expect(wide.calls[59].at).toBe(59);
		const startsAt2000 = wide.calls.filter((c) => c.at === 2_000).length;
		expect(startsAt2000).toBe(50); // burst = ceil(1000 / 20)
		expect(wide.calls[110].at).toBeCloseTo(2_001); // then one per ms again
	});
});

describe('sendAll: concurrency', () => {
	it('never has more than maxInFlight sends pending', async () => {
		const clock = new FakeClock();
		const endpoint = fakeEndpoint(clock, okValue, 1_000);
		const results = await run(clock, 100, endpoint.send, {
			messagesPerSecond: 1_000,
			maxInFlight: 10,
		});
		expect(results.every((r) => r.ok)).toBe(true);
		expect(endpoint.stats.maxInFlight).toBe(10);
		// latency-bound: 10 per second
		expect(clock.now()).toBeGreaterThanOrEqual(10_000);
	});

	it('overlaps requests so latency does not cap the rate (automatic bound from the observed latency)', async () => {
		const clock = new FakeClock();
		const endpoint = fakeEndpoint(clock, okValue, 800);
		await run(clock, 800, endpoint.send, { messagesPerSecond: 80 });
		// 80/s with 800 ms latency needs 64 in flight (Little's law); the automatic bound starts at
		// 20 and, once answers show 800 ms, becomes 80 (x4 at most at once; 2 x 80 x 0.8 = 128)
		expect(endpoint.stats.maxInFlight).toBeGreaterThanOrEqual(63);
		expect(endpoint.stats.maxInFlight).toBeLessThanOrEqual(80);
		// one round trip at the initial bound, then the full rate (the sliding window's extra
		// millisecond per second costs 0.1%)
		expect(clock.now()).toBeLessThanOrEqual((799 / 80) * 1000 * 1.002 + 800 + 800);
	});

	it('keeps the rate when Meta takes 3 s: the automatic bound follows the latency', async () => {
		const clock = new FakeClock();
		const endpoint = fakeEndpoint(clock, okValue, 3_000);
		await run(clock, 2_000, endpoint.send, { messagesPerSecond: 80 });
		// 80/s x 3 s = 240 in flight (the old rule, one second of the rate, stopped at 80)
		expect(endpoint.stats.maxInFlight).toBeGreaterThanOrEqual(239);
		expect(endpoint.stats.maxInFlight).toBeLessThanOrEqual(245);
		// the bound grows one checked step per round trip (20 -> 80 -> 320): after four round
		// trips, every second has the full rate
		const starts = endpoint.calls.map((c) => c.at);
		for (let t = 12_000; t + 1_000 <= starts[starts.length - 1]; t += 1_000) {
			expect(starts.filter((at) => at >= t && at < t + 1_000).length).toBeGreaterThanOrEqual(79);
		}
	});
});

describe('sendAll: throughput limits', () => {
	it('130429: slows down, retries the item and succeeds; the rate recovers later', async () => {
		const clock = new FakeClock(0.5);
		const events: SenderEvent[] = [];
		const endpoint = fakeEndpoint(clock, (index, attempt) => {
			if (index >= 100 && index < 110 && attempt === 1) throw errors.throughput();
			return okValue(index, attempt);
		});
		const results = await run(clock, 600, endpoint.send, {
			messagesPerSecond: 100,
			onEvent: (e) => events.push(e),
		});
		expect(results.every((r) => r.ok)).toBe(true);
		for (let i = 100; i < 110; i++) expect(endpoint.callsPerIndex.get(i)).toBe(2);
		expect(endpoint.calls).toHaveLength(610);

		const slowdowns = events.filter((e) => e.type === 'slowdown');
		// ten errors from one round of requests: one decrease, not ten
		expect(slowdowns).toHaveLength(1);
		expect(slowdowns[0].messagesPerSecond).toBeCloseTo(80);
		const slowAt = endpoint.calls.find((c) => c.index === 100)!.at + 100;

		// for a second after the decrease starts are spaced at 80/s, not 100/s
		const after = endpoint.calls.filter((c) => c.at > slowAt && c.at <= slowAt + 900);
		expect(after.length).toBeLessThanOrEqual(Math.ceil(0.9 * 80) + 1);
		// ...then it regains 20% of the target per second: back at 100/s two seconds later
		const late = endpoint.calls.filter((c) => c.at >= slowAt + 2_500 && c.at < slowAt + 3_500);
		expect(late.length).toBeGreaterThanOrEqual(98);
	});

	it('a lone 130429 is retried without lowering the rate', async () => {
		const clock = new FakeClock(0.5);
		const events: SenderEvent[] = [];
		const endpoint = fakeEndpoint(clock, (index, attempt) => {
			if ((index === 50 || index === 650) && attempt === 1) throw errors.throughput(); // 6 s apart
			return okValue(index, attempt);
		});
		const results = await run(clock, 800, endpoint.send, {
			messagesPerSecond: 100,
			onEvent: (e) => events.push(e),
		});
		expect(results.every((r) => r.ok)).toBe(true);
		expect(endpoint.callsPerIndex.get(50)).toBe(2);
		expect(endpoint.callsPerIndex.get(650)).toBe(2);
		expect(events.filter((e) => e.type === 'slowdown')).toEqual([]);
		// 802 starts at 100/s: no time lost
		expect(endpoint.calls[endpoint.calls.length - 1].at).toBeLessThanOrEqual(8_050); // 8,010 ideal + 0.1% window margin
	});

	/** Meta's limiter as the sandbox models it: a bucket of `tier`/s holding one second's worth,
	 *  checked when the request arrives (after `latency`). */
	const metaTier = (clock: FakeClock, tier: number, latency = 100) => {
		let tokens = tier;
		let last = 0;
		let rejected = 0;
		const endpoint = fakeEndpoint(
			clock,
			(index, attempt) => {
				const now = clock.now();
				tokens = Math.min(tier, tokens + ((now - last) * tier) / 1000);
				last = now;
				if (tokens < 1) {
					rejected += 1;
					throw errors.throughput();
				}
				tokens -= 1;
				return okValue(index, attempt);
			},
			latency,
		);
		return { ...endpoint, rejected: () => rejected };
	};

	it('at the tier, a Meta-like limiter never rejects anything', async () => {
		const clock = new FakeClock();
		const meta = metaTier(clock, 80);
		const results = await run(clock, 1_000, meta.send, { messagesPerSecond: 80 });
		expect(results.every((r) => r.ok)).toBe(true);
		expect(meta.rejected()).toBe(0);
	});

	it('set five times above the real tier, converges on it and still delivers every item', async () => {
		const clock = new FakeClock();
		const meta = metaTier(clock, 80);
		const events: SenderEvent[] = [];
		const results = await run(clock, 2_000, meta.send, {
			messagesPerSecond: 400,
			onEvent: (e) => events.push(e),
		});
		expect(results.filter((r) => !r.ok)).toEqual([]);
		expect(meta.stats.resentAfterSuccess).toBe(0);
		// it cannot beat the real tier, and it does not fall far below it either
		const seconds = clock.now() / 1000;
		expect(2_000 / seconds).toBeGreaterThan(80 * 0.8);
		expect(
			Math.min(...events.filter((e) => e.type === 'slowdown').map((e) => e.messagesPerSecond!)),
		).toBeGreaterThanOrEqual(1);
	});

	it('HTTP 429 with Retry-After: nothing is sent before it expires, then the item is retried', async () => {
		const clock = new FakeClock(0.5);
		const endpoint = fakeEndpoint(clock, (index, attempt) => {
			if (index === 3 && attempt === 1) throw errors.http429(2_000);
			return okValue(index, attempt);
		});
		const results = await run(clock, 40, endpoint.send, { messagesPerSecond: 10, maxInFlight: 4 });
		expect(results.every((r) => r.ok)).toBe(true);
		const [first, second] = endpoint.startsOf(3);
		const failedAt = first.at + 100;
		expect(second.at).toBeGreaterThanOrEqual(failedAt + 2_000);
		// the throughput limit is the phone number's: every sender waits out the Retry-After
		const during = endpoint.calls.filter((c) => c.at > failedAt && c.at < failedAt + 2_000);
		expect(during).toEqual([]);
	});

	it('a Retry-After longer than the limit fails the item instead of holding the run', async () => {
		const clock = new FakeClock(0.5);
		const tooLong = errors.http429(10 * 60_000);
		const endpoint = fakeEndpoint(clock, (index, attempt) => {
			if (index === 1) throw tooLong;
			return okValue(index, attempt);
		});
		const results = await run(clock, 3, endpoint.send, { messagesPerSecond: 10 });
		expect(results[1]).toEqual({ ok: false, error: tooLong });
		expect(endpoint.callsPerIndex.get(1)).toBe(1);
		expect(clock.now()).toBeLessThan(1_000);
	});
});

describe('sendAll: pair rate limit (131056)', () => {
	it('delays only that recipient; its later messages are spaced; others keep the rate', async () => {
		const clock = new FakeClock(0.5);
		// recipients: items 0, 10, 20 go to "alice"; the rest to distinct numbers
		const keyOf = (i: number) => (i % 10 === 0 ? 'alice' : `+1555000${i}`);
		const endpoint = fakeEndpoint(clock, (index, attempt) => {
			if (index === 0 && attempt === 1) throw errors.pair();
			return okValue(index, attempt);
		});
		const events: SenderEvent[] = [];
		const results = await run(clock, 30, endpoint.send, {
			messagesPerSecond: 10,
			keyOf,
			onEvent: (e) => events.push(e),
		});
		expect(results.every((r) => r.ok)).toBe(true);
		const failedAt = endpoint.startsOf(0)[0].at + 100; // 100 ms latency
		const aliceStarts = [0, 10, 20].flatMap((i) => endpoint.startsOf(i)).map((c) => c.at);
		aliceStarts.sort((a, b) => a - b);
		// retry of item 0 after ~6 s, then alice's other messages at least 6 s apart
		expect(aliceStarts[1]).toBeGreaterThanOrEqual(failedAt + 6_000);
		for (let k = 2; k < aliceStarts.length; k++) {
			expect(aliceStarts[k] - aliceStarts[k - 1]).toBeGreaterThanOrEqual(6_000);
		}
		// everybody else went at 10/s, as if nothing had happened: 27 others within ~2.8 s
		const othersLast = Math.max(
			...endpoint.calls.filter((c) => keyOf(c.index) !== 'alice').map((c) => c.at),
		);
		expect(othersLast).toBeLessThanOrEqual(3_000);
		expect(events.filter((e) => e.type === 'slowdown')).toEqual([]);
		// alice's items keep their relative order
		expect(endpoint.startsOf(10)[0].at).toBeLessThan(endpoint.startsOf(20)[0].at);
	});

	it('backs off longer on a repeat and honours a longer Retry-After', async () => {
		const clock = new FakeClock(0.5);
		const endpoint = fakeEndpoint(clock, (index, attempt) => {
			if (index === 0 && attempt <= 2) throw errors.pair();
			if (index === 1 && attempt === 1) throw errors.pair(15_000);
			return okValue(index, attempt);
		});
		const results = await run(clock, 2, endpoint.send, {
			messagesPerSecond: 10,
			keyOf: (i) => `r${i}`,
		});
		expect(results.every((r) => r.ok)).toBe(true);
		const s0 = endpoint.startsOf(0).map((c) => c.at);
		expect(s0[1] - (s0[0] + 100)).toBeGreaterThanOrEqual(6_000);
		expect(s0[2] - (s0[1] + 100)).toBeGreaterThanOrEqual(12_000);
		const s1 = endpoint.startsOf(1).map((c) => c.at);
		expect(s1[1] - (s1[0] + 100)).toBeGreaterThanOrEqual(15_000);
	});

	it('without recipient keys, holds back only the failed item', async () => {
		const clock = new FakeClock(0.5);
		const endpoint = fakeEndpoint(clock, (index, attempt) => {
			if (index === 0 && attempt === 1) throw errors.pair();
			return okValue(index, attempt);
		});
		const results = await run(clock, 20, endpoint.send, { messagesPerSecond: 10 });
		expect(results.every((r) => r.ok)).toBe(true);
		expect(endpoint.startsOf(0)[1].at).toBeGreaterThanOrEqual(6_100);
		expect(endpoint.startsOf(19)[0].at).toBeLessThanOrEqual(2_000);
	});

	it('spaces every recipient when the pause option is set', async () => {
		const clock = new FakeClock(0.5);
		const endpoint = fakeEndpoint(clock, okValue);
		await run(clock, 6, endpoint.send, {
			messagesPerSecond: 100,
			keyOf: (i) => (i < 3 ? 'a' : 'b'),
			recipientPauseMs: 2_000,
		});
		const at = (i: number) => endpoint.startsOf(i)[0].at;
		expect(at(1) - at(0)).toBeGreaterThanOrEqual(2_000);
		expect(at(2) - at(1)).toBeGreaterThanOrEqual(2_000);
		expect(at(3)).toBeLessThan(100); // b is not held back by a
		expect(at(4) - at(3)).toBeGreaterThanOrEqual(2_000);
	});
});

describe('sendAll: network errors and server errors', () => {
	it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])(
		'%s (request never reached Meta) is retried',
		async (networkCode) => {
			const clock = new FakeClock(0.5);
			const endpoint = fakeEndpoint(clock, (index, attempt) => {
				if (attempt <= 2) throw errors.network(networkCode);
				return okValue(index, attempt);
			});
			const results = await run(clock, 3, endpoint.send, { messagesPerSecond: 80 });
			expect(results.every((r) => r.ok)).toBe(true);
			expect([...endpoint.callsPerIndex.values()]).toEqual([3, 3, 3]);
		},
	);

	it.each(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'socket hang up'])(
		'%s (request may have been sent) is not retried by default, is with the option',
		async (networkCode) => {
			const clock = new FakeClock(0.5);
			const error = errors.network(networkCode);
			const endpoint = fakeEndpoint(clock, (index, attempt) => {
				if (attempt === 1) throw error;
				return okValue(index, attempt);
			});
			const results = await run(clock, 2, endpoint.send, { messagesPerSecond: 80 });
			expect(results).toEqual([
				{ ok: false, error },
				{ ok: false, error },
			]);
			expect([...endpoint.callsPerIndex.values()]).toEqual([1, 1]);

			const clock2 = new FakeClock(0.5);
			const endpoint2 = fakeEndpoint(clock2, (index, attempt) => {
				if (attempt === 1) throw error;
				return okValue(index, attempt);
			});
			const retried = await run(clock2, 2, endpoint2.send, {
				messagesPerSecond: 80,
				retryServerErrorsMaySendTwice: true,
			});
			expect(retried.every((r) => r.ok)).toBe(true);
			expect([...endpoint2.callsPerIndex.values()]).toEqual([2, 2]);
		},
	);

	it.each([
		['131000 (500)', errors.server],
		['a bare 503', errors.bare503],
	])('%s is not retried by default, is with the may-send-twice option', async (_label, make) => {
		const clock = new FakeClock(0.5);
		const error = make();
		const endpoint = fakeEndpoint(clock, (index, attempt) => {
			if (index === 1 && attempt === 1) throw error;
			return okValue(index, attempt);
		});
		const results = await run(clock, 3, endpoint.send, { messagesPerSecond: 80 });
		expect(results[1]).toEqual({ ok: false, error });
		expect(results[0].ok && results[2].ok).toBe(true);
		expect(endpoint.callsPerIndex.get(1)).toBe(1);

		const clock2 = new FakeClock(0.5);
		const endpoint2 = fakeEndpoint(clock2, (index, attempt) => {
			if (index === 1 && attempt === 1) throw make();
			return okValue(index, attempt);
		});
		const retried = await run(clock2, 3, endpoint2.send, {
			messagesPerSecond: 80,
			retryServerErrorsMaySendTwice: true,
		});
		expect(retried[1]).toEqual({ ok: true, value: okValue(1, 2) });
		expect(endpoint2.callsPerIndex.get(1)).toBe(2);
	});

	it('a 5xx Meta marks as not retryable (e.g. 131045) is not retried even with the option', async () => {
		const clock = new FakeClock(0.5);
		const error = errors.permanent(131045, 500);
		const endpoint = fakeEndpoint(clock, () => {
			throw error;
		});
		const results = await run(clock, 1, endpoint.send, {
			messagesPerSecond: 80,
			retryServerErrorsMaySendTwice: true,
		});
		expect(results).toEqual([{ ok: false, error }]);
		expect(endpoint.calls).toHaveLength(1);
	});
});

describe('sendAll: permanent errors and exhausted retries', () => {
	it.each([131030, 132000, 100, 131047, 190])('Graph error %i fails at once', async (code) => {
		const clock = new FakeClock(0.5);
		const error = errors.permanent(code);
		const endpoint = fakeEndpoint(clock, (index, attempt) => {
			if (index === 0) throw error;
			return okValue(index, attempt);
		});
		const results = await run(clock, 2, endpoint.send, { messagesPerSecond: 80 });
		expect(results[0]).toEqual({ ok: false, error });
		expect(results[1].ok).toBe(true);
		expect(endpoint.callsPerIndex.get(0)).toBe(1);
		expect(clock.now()).toBeLessThan(200);
	});

	it('an error without Graph info (e.g. validation) fails at once', async () => {
		const clock = new FakeClock(0.5);
		const error = new Error('Text must be 1 to 4096 characters');
		const endpoint = fakeEndpoint(clock, () => {
			throw error;
		});
		const results = await run(clock, 1, endpoint.send, { messagesPerSecond: 80 });
		expect(results).toEqual([{ ok: false, error }]);
		expect(endpoint.calls).toHaveLength(1);
	});

	it('after the retries are spent the result holds the last error', async () => {
		const clock = new FakeClock(0.5);
		const thrown: Error[] = [];
		const endpoint2 = fakeEndpoint(clock, (_index, attempt) => {
			const error = errors.network('ECONNREFUSED');
			error.message = `attempt ${attempt}`;
			thrown.push(error);
			throw error;
		});
		const results = await run(clock, 1, endpoint2.send, { messagesPerSecond: 80, retries: 3 });
		expect(endpoint2.calls.map((c) => c.attempt)).toEqual([1, 2, 3, 4]);
		expect(results[0]).toEqual({ ok: false, error: thrown[3] });
		expect(!results[0].ok && results[0].error.message).toBe('attempt 4');
	});

	it('retries 0 means one attempt only', async () => {
		const clock = new FakeClock(0.5);
		const endpoint = fakeEndpoint(clock, () => {
			throw errors.throughput();
		});
		const results = await run(clock, 2, endpoint.send, { messagesPerSecond: 80, retries: 0 });
		expect(results.every((r) => !r.ok)).toBe(true);
		expect(endpoint.calls).toHaveLength(2);
	});

	it('backs off exponentially with full jitter, capped', async () => {
		const clock = new FakeClock(0.5); // jitter = half the window
		const endpoint = fakeEndpoint(
			clock,
			() => {
				throw errors.network('ECONNREFUSED');
			},
			0,
		);
		await run(clock, 1, endpoint.send, {
			messagesPerSecond: 80,
			retries: 7,
			baseBackoffMs: 1_000,
			maxBackoffMs: 30_000,
		});
		const starts = endpoint.calls.map((c) => c.at);
		const gaps = starts.slice(1).map((at, i) => at - starts[i]);
		// 0.5 x min(30 s, 1 s x 2^(n-1))
		expect(gaps).toEqual([500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
	});

	it('jitter spreads retries of a crowd instead of retrying them together', async () => {
		const clock = new FakeClock(); // seeded random
		const endpoint = fakeEndpoint(clock, (index, attempt) => {
			if (attempt === 1) throw errors.network('ECONNREFUSED');
			return okValue(index, attempt);
		});
		await run(clock, 50, endpoint.send, { messagesPerSecond: 1_000, baseBackoffMs: 4_000 });
		const retryStarts = endpoint.calls.filter((c) => c.attempt === 2).map((c) => c.at);
		const distinct = new Set(retryStarts.map((at) => Math.floor(at / 250)));
		expect(distinct.size).toBeGreaterThan(8);
	});
});

describe('sendAll: never twice, exactly once each', () => {
	it('never sends an item again after it succeeded, across a mix of failures', async () => {
		const clock = new FakeClock();
		const plan = (index: number, attempt: number) => {
			const kind = index % 7;
			if (kind === 1 && attempt === 1) throw errors.throughput();
			if (kind === 2 && attempt <= 2) throw errors.network('ECONNREFUSED');
			if (kind === 3 && attempt === 1) throw errors.pair();
			if (kind === 4) throw errors.permanent(131030);
			if (kind === 5 && attempt === 1) throw errors.server();
			return okValue(index, attempt);
		};
		const endpoint = fakeEndpoint(clock, plan, (i) => 50 + ((i * 37) % 200));
		const results = await run(clock, 700, endpoint.send, {
			messagesPerSecond: 200,
			keyOf: (i) => `+4470000${i % 50}`,
		});
		expect(results).toHaveLength(700);
		expect(endpoint.stats.resentAfterSuccess).toBe(0);
		results.forEach((result, i) => {
			const kind = i % 7;
			const calls = endpoint.callsPerIndex.get(i);
			if (kind === 4 || kind === 5) {
				expect(result.ok).toBe(false);
				expect(calls).toBe(1);
			} else {
				expect(result).toEqual({ ok: true, value: okValue(i, calls!) });
				expect(calls).toBe(kind === 1 || kind === 3 ? 2 : kind === 2 ? 3 : 1);
			}
		});
	});
});

describe('sendAll: stopping', () => {
	it('stopOnError: sends nothing new after a permanent failure; unsent items are skipped', async () => {
		const clock = new FakeClock(0.5);
		const failure = errors.permanent(132001);
		const endpoint = fakeEndpoint(clock, (index, attempt) => {
			if (index === 5) throw failure;
			return okValue(index, attempt);
		});
		const results = await run(clock, 50, endpoint.send, {
			messagesPerSecond: 100,
			maxInFlight: 4,
			stopOnError: true,
		});
		expect(results).toHaveLength(50);
		expect(results[5]).toEqual({ ok: false, error: failure });
		const sentIndices = [...endpoint.callsPerIndex.keys()];
		const lastSent = Math.max(...sentIndices);
		// items in flight when 5 failed complete normally; nothing after them is sent
		expect(lastSent).toBeLessThan(5 + 4 + 10);
		for (let i = 0; i < 50; i++) {
			const result = results[i];
			if (endpoint.callsPerIndex.has(i)) {
				if (i !== 5) expect(result.ok).toBe(true);
			} else {
				expect(result.ok).toBe(false);
				expect(!result.ok && result.error).toBeInstanceOf(SendSkippedError);
				expect(!result.ok && (result.error as SendSkippedError).reason).toBe('stopped');
			}
		}
	});

	it('cancellation: unsent items are skipped, items waiting for a retry keep their last error', async () => {
		const clock = new FakeClock(0.5);
		const signal = { aborted: false };
		const endpoint = fakeEndpoint(clock, (index, attempt) => {
			if (index === 0) throw errors.network('ECONNREFUSED');
			if (index === 9) signal.aborted = true;
			return okValue(index, attempt);
		});
		const results = await run(clock, 100, endpoint.send, {
			messagesPerSecond: 10,
			signal,
			baseBackoffMs: 20_000,
		});
		expect(results.slice(1, 10).every((r) => r.ok)).toBe(true);
		expect(!results[0].ok && results[0].error.message).toBe('network ECONNREFUSED');
		const skipped = results.filter((r) => !r.ok && r.error instanceof SendSkippedError);
		expect(skipped.length).toBeGreaterThanOrEqual(85);
		expect(endpoint.calls.length).toBeLessThan(15);
		expect(clock.now()).toBeLessThan(2_000);
	});
});

describe('sendAll: 10,000 items', () => {
	it('all complete at 1,000/s with bounded in-flight, lazily scheduled', async () => {
		const clock = new FakeClock();
		const endpoint = fakeEndpoint(clock, (index, attempt) => {
			if (index % 500 === 7 && attempt === 1) throw errors.network('EAI_AGAIN');
			return index;
		});
		const results = await run(clock, 10_000, endpoint.send, { messagesPerSecond: 1_000 });
		expect(results).toHaveLength(10_000);
		expect(results.every((r, i) => r.ok && r.value === i)).toBe(true);
		expect(endpoint.calls).toHaveLength(10_000 + 20);
		// ~100 in flight at 100 ms latency (Little's law), plus the small bucket's 50 after the
		// first round trip; the automatic bound is 200 (2 x rate x latency), not 1,000
		expect(endpoint.stats.maxInFlight).toBeLessThanOrEqual(150);
		// no timer per item: the endpoint's pending latencies plus a couple of sender waits
		expect(clock.maxPendingTimers).toBeLessThanOrEqual(endpoint.stats.maxInFlight + 5);
		expect(clock.now()).toBeLessThan(10_000 * 1.01 + 2_000);
	});

	it('with a small in-flight bound, never exceeds it over 10,000 items', async () => {
		const clock = new FakeClock();
		const endpoint = fakeEndpoint(
			clock,
			(i) => i,
			(i) => 20 + (i % 13) * 10,
		);
		const results = await run(clock, 10_000, endpoint.send, {
			messagesPerSecond: 1_000,
			maxInFlight: 16,
		});
		expect(results.every((r, i) => r.ok && r.value === i)).toBe(true);
		expect(endpoint.stats.maxInFlight).toBe(16);
		expect(clock.maxPendingTimers).toBeLessThanOrEqual(16 + 5);
	});
});
