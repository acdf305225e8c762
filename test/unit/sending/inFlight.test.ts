/**
 * The automatic Max Requests in Flight on a fake clock: Little's law from the response times the
 * sender observes (2 x rate x median response time, within [8, 1,000]), growth that stands only
 * when it brings more answers per second, and a user's bound that is never exceeded. Virtual time
 * is in ms.
 */
import {
	AutoInFlight,
	initialAutoMaxInFlight,
	littleInFlight,
} from '../../../nodes/WhatsAppCloud/sending/inFlight';
import { sendAll } from '../../../nodes/WhatsAppCloud/sending/sendAll';
import type { SenderEvent, SenderOptions } from '../../../nodes/WhatsAppCloud/sending/types';
import { drive, FakeClock } from '../../support/fakeClock';
import { fakeEndpoint } from '../../support/fakeEndpoint';

const okValue = (index: number) => index;

async function runWithEvents<R>(
	clock: FakeClock,
	count: number,
	send: (index: number, attempt: number) => Promise<R>,
	options: SenderOptions,
) {
	const events: Array<SenderEvent & { at: number }> = [];
	const results = await drive(
		clock,
		sendAll(
			count,
			send,
			{ ...options, onEvent: (e) => events.push({ ...e, at: clock.now() }) },
			clock,
		),
	);
	const bounds = events.filter((e) => e.type === 'inFlightBound');
	return { results, events, bounds };
}

/** Starts in each whole second [from, to), as counts. */
function startsPerSecond(starts: number[], fromMs: number, toMs: number): number[] {
	const counts: number[] = [];
	for (let t = fromMs; t + 1_000 <= toMs; t += 1_000)
		counts.push(starts.filter((s) => s >= t && s < t + 1_000).length);
	return counts;
}

/** Samples `inFlight()` on every start and answer: the largest value seen. */
function trackMax(read: () => number) {
	let max = 0;
	return { sample: () => (max = Math.max(max, read())), max: () => max };
}

describe('automatic in-flight bound: the formulas', () => {
	it('starts at a quarter second of the rate, 8 to 64, before any answer', () => {
		expect(initialAutoMaxInFlight(80)).toBe(20);
		expect(initialAutoMaxInFlight(1_000)).toBe(64);
		expect(initialAutoMaxInFlight(200)).toBe(50);
		expect(initialAutoMaxInFlight(10)).toBe(8);
		expect(initialAutoMaxInFlight(1)).toBe(8);
	});

	it("is Little's law with 2x headroom, 8 to 1,000", () => {
		expect(littleInFlight(80, 100)).toBe(16);
		expect(littleInFlight(80, 500)).toBe(80);
		expect(littleInFlight(80, 1_000)).toBe(160);
		expect(littleInFlight(1_000, 100)).toBe(200);
		expect(littleInFlight(1_000, 500)).toBe(1_000);
		expect(littleInFlight(1_000, 1_000)).toBe(1_000);
		expect(littleInFlight(10, 100)).toBe(8);
		expect(littleInFlight(80, 0)).toBe(8);
	});

	it('decides on the first 8 answers, judges an increase on sends started once it is half filled', () => {
		const auto = new AutoInFlight(1_000);
		expect(auto.bound).toBe(64);
		auto.noteHeldBack();
		for (let i = 0; i < 7; i++) expect(auto.observe(0, 500, 600, 1_000, 64)).toBeUndefined();
		// eighth answer: 2 x 1,000/s x 0.5 s = 1,000 wanted, at most x4 on the first step
		expect(auto.observe(0, 500, 600, 1_000, 64)).toEqual({ change: 'first', latencyMs: 500 });
		expect(auto.bound).toBe(256);
		// answers to sends started under the old bound no longer count
		expect(auto.epoch).toBe(1);
		for (let i = 0; i < 100; i++) expect(auto.observe(0, 5_000, 700, 1_000, 200)).toBeUndefined();
		// halfway from 64 to 256 in flight: sends from now on judge the increase (on a quarter of
		// the bound: 64 answers)
		auto.starting(159);
		expect(auto.epoch).toBe(1);
		auto.starting(160);
		expect(auto.epoch).toBe(2);
		auto.noteHeldBack();
		for (let i = 0; i < 63; i++) expect(auto.observe(2, 500, 1_200, 1_000, 256)).toBeUndefined();
		// same response time with 4x in flight: 4x the answers per second, the increase stands,
		// and since it brought its full gain the next one may be x4 again (capped at 1,000)
		expect(auto.observe(2, 500, 1_200, 1_000, 256)).toEqual({ change: 'grow', latencyMs: 500 });
		expect(auto.bound).toBe(1_000);
	});

	it('undoes an increase that only made answers slower, and waits before trying again', () => {
		const auto = new AutoInFlight(1_000);
		auto.noteHeldBack();
		for (let i = 0; i < 8; i++) auto.observe(0, 120, 200, 1_000, 64);
		expect(auto.bound).toBe(240); // 2 x 1,000/s x 120 ms
		auto.starting(152); // halfway from 64 to 240
		auto.noteHeldBack();
		// 3.75x in flight, answers 3x slower: 1.25x the answers per second, less than the
		// 1 + 50% x 2.75 = 2.375x an increase must bring
		const epoch = auto.epoch;
		let change;
		for (let i = 0; i < 60; i++) change = auto.observe(epoch, 360, 1_000, 1_000, 240);
		expect(change).toEqual({ change: 'undo', latencyMs: 360 });
		expect(auto.bound).toBe(64);
		// still held back and Little's law asks for more, but no new trial for 2 s
		const decide = (at: number) => {
			auto.noteHeldBack();
			let result;
			for (let i = 0; i < 16; i++) result = auto.observe(auto.epoch, 300, at, 1_000, 64);
			return result;
		};
		expect(decide(1_500)).toBeUndefined();
		expect(decide(2_999)).toBeUndefined();
		expect(decide(3_000)).toEqual({ change: 'grow', latencyMs: 300 });
		expect(auto.bound).toBe(128); // x2 at most after an increase was undone
		// this one fails too (2x in flight, answers 2x slower): back to 64, now for 4 s
		auto.starting(96);
		auto.noteHeldBack();
		for (let i = 0; i < 32; i++) change = auto.observe(auto.epoch, 600, 3_500, 1_000, 128);
		expect(change).toEqual({ change: 'undo', latencyMs: 600 });
		expect(decide(7_499)).toBeUndefined();
		expect(decide(7_500)).toEqual({ change: 'grow', latencyMs: 300 });
		// an increase that brings enough (2x in flight, answers 30% slower: 1.54x) stands; not its
		// full gain, so the next step is x2 at most
		auto.starting(96);
		auto.noteHeldBack();
		for (let i = 0; i < 32; i++) change = auto.observe(auto.epoch, 390, 8_000, 1_000, 128);
		expect(change).toEqual({ change: 'grow', latencyMs: 390 });
		expect(auto.bound).toBe(256);
		// even one with its full gain (same response time at 2x) allows only x2 now that an
		// increase was undone in this execution
		auto.starting(192);
		auto.noteHeldBack();
		for (let i = 0; i < 64; i++) change = auto.observe(auto.epoch, 390, 9_000, 1_000, 256);
		expect(change).toEqual({ change: 'grow', latencyMs: 390 });
		expect(auto.bound).toBe(512);
	});

	it('does not grow when the bound was never reached', () => {
		const auto = new AutoInFlight(1_000);
		for (let i = 0; i < 8; i++) auto.observe(0, 500, 600, 1_000, 30);
		expect(auto.bound).toBe(64);
	});

	it('shrinks when answers come faster, once what is in flight fits the new bound', () => {
		const auto = new AutoInFlight(1_000);
		auto.noteHeldBack();
		for (let i = 0; i < 8; i++) auto.observe(0, 1_000, 1_000, 1_000, 64);
		expect(auto.bound).toBe(256);
		// answers now take 100 ms (200 wanted), but 230 are still out: keep the bound for now
		for (let i = 0; i < 64; i++) expect(auto.observe(1, 100, 1_100, 1_000, 230)).toBeUndefined();
		expect(auto.bound).toBe(256);
		// not much lower than the bound: no change either (hysteresis)
		for (let i = 0; i < 63; i++) auto.observe(1, 100, 1_200, 1_000, 150);
		expect(auto.observe(1, 100, 1_200, 1_000, 150)).toBeUndefined();
		for (let i = 0; i < 64; i++) auto.observe(1, 50, 1_300, 1_000, 60);
		expect(auto.bound).toBe(100);
	});
});

describe('automatic in-flight bound: the rate is kept whatever Meta takes to answer', () => {
	it.each([
		[80, 100],
		[80, 500],
		[80, 1_000],
		[1_000, 100],
		[1_000, 500],
		[1_000, 1_000],
	])(
		'%i/s with %i ms latency: the rate holds and the bound ends at 2 x rate x latency',
		async (rate, latency) => {
			const clock = new FakeClock();
			const count = rate * 8;
			const endpoint = fakeEndpoint(clock, okValue, latency);
			const { results, bounds } = await runWithEvents(clock, count, endpoint.send, {
				messagesPerSecond: rate,
			});
			expect(results.every((r) => r.ok)).toBe(true);

			const finalBound =
				bounds.length > 0 ? bounds[bounds.length - 1].maxInFlight! : initialAutoMaxInFlight(rate);
			expect(finalBound).toBe(littleInFlight(rate, latency));
			// in flight: what Little's law needs (rate x latency) plus the small bucket, never more
			// than the bound allowed
			const needed = (rate * latency) / 1000;
			expect(endpoint.stats.maxInFlight).toBeLessThanOrEqual(
				Math.max(...bounds.map((b) => b.maxInFlight!), initialAutoMaxInFlight(rate)),
			);
			expect(endpoint.stats.maxInFlight).toBeLessThanOrEqual(
				Math.min(1_000, Math.ceil(needed * 1.1) + Math.ceil(rate / 20) + 2),
			);

			// once the first answers came back (one or two round trips), every second has the full rate
			const starts = endpoint.calls.map((c) => c.at);
			const lastStart = starts[starts.length - 1];
			const steadyFrom = 2 * latency + 1_000;
			const perSecond = startsPerSecond(starts, steadyFrom, lastStart);
			expect(perSecond.length).toBeGreaterThanOrEqual(4);
			for (const n of perSecond) expect(n).toBeGreaterThanOrEqual(Math.floor(rate * 0.99));
			// finding the bound costs the run one to two round trips (x4 per round trip from the
			// initial guess while each increase brings its full gain)
			const ideal = ((count - 1) / rate) * 1000;
			expect(lastStart).toBeLessThanOrEqual(ideal * 1.002 + 1.6 * latency + 100);
		},
	);

	it('adapts when Meta slows down mid-run and speeds up again', async () => {
		const clock = new FakeClock();
		const rate = 1_000;
		// answers take 100 ms for sends started before 4 s, 1 s until 10 s, then 100 ms again
		const latencyAt = (startedAt: number) =>
			startedAt >= 4_000 && startedAt < 10_000 ? 1_000 : 100;
		const endpoint = fakeEndpoint(clock, okValue, () => latencyAt(clock.now()));
		const { results, bounds } = await runWithEvents(clock, 16_000, endpoint.send, {
			messagesPerSecond: rate,
		});
		expect(results.every((r) => r.ok)).toBe(true);

		const values = bounds.map((b) => b.maxInFlight);
		// 200 while answers take 100 ms; up to 1,000 when they take 1 s; back to 200
		expect(values[0]).toBe(200);
		expect(values).toContain(1_000);
		expect(values[values.length - 1]).toBe(200);
		expect(endpoint.stats.maxInFlight).toBeLessThanOrEqual(1_000);

		const starts = endpoint.calls.map((c) => c.at);
		// the rate is back within about two slow round trips of the change, and holds
		for (const n of startsPerSecond(starts, 1_000, 4_000)) expect(n).toBeGreaterThanOrEqual(990);
		for (const n of startsPerSecond(starts, 7_500, 10_000)) expect(n).toBeGreaterThanOrEqual(990);
		for (const n of startsPerSecond(starts, 10_000, 15_000)) expect(n).toBeGreaterThanOrEqual(990);
	});
});

describe('automatic in-flight bound: a CPU-bound process', () => {
	/**
	 * The n8n process as one CPU that handles each answer for `cpuMs` before the node sees it (the
	 * HTTP client, parsing, expressions): answers queue behind each other, so the response time
	 * the sender sees grows with what is in flight while answers per second stay at 1000 / cpuMs.
	 */
	function cpuBoundEndpoint(clock: FakeClock, metaMs: number, cpuMs: number) {
		let cpuFreeAt = 0;
		let inFlight = 0;
		const tracker = trackMax(() => inFlight);
		const starts: number[] = [];
		const send = async (index: number): Promise<number> => {
			starts.push(clock.now());
			inFlight += 1;
			tracker.sample();
			const arrives = clock.now() + metaMs;
			const done = Math.max(arrives, cpuFreeAt) + cpuMs;
			cpuFreeAt = done;
			await clock.wait(done - clock.now());
			inFlight -= 1;
			return index;
		};
		return { send, starts, maxInFlight: tracker.max };
	}

	it('at 1,000/s with room for 250/s: keeps the process busy without hundreds of sockets', async () => {
		const clock = new FakeClock();
		const cpu = cpuBoundEndpoint(clock, 100, 4);
		const { results, bounds } = await runWithEvents(clock, 5_000, cpu.send, {
			messagesPerSecond: 1_000,
		});
		expect(results.every((r) => r.ok)).toBe(true);
		// throughput = what the CPU allows (250/s), within 5%
		expect(5_000 / (clock.now() / 1000)).toBeGreaterThanOrEqual(250 * 0.95);
		// growth beyond the start was tried and undone: more in flight only queued
		expect(bounds.some((b) => b.change === 'undo')).toBe(true);
		expect(bounds[bounds.length - 1].maxInFlight).toBe(64);
		// the old rule (one second of the rate) kept 1,000 requests open here; trials stay small
		expect(cpu.maxInFlight()).toBeLessThanOrEqual(256);
		// and most of the time no more than the settled bound
		const trials = bounds.filter((b) => b.change === 'grow' || b.change === 'first');
		expect(trials.length).toBeLessThanOrEqual(5); // held back 5 s, 10 s, 20 s after each undo
	});
});

describe('a Max Requests in Flight set by the user', () => {
	it('is a hard bound: never exceeded, never adapted, even when Meta is slow', async () => {
		const clock = new FakeClock();
		const endpoint = fakeEndpoint(clock, okValue, 1_000);
		const { results, bounds } = await runWithEvents(clock, 500, endpoint.send, {
			messagesPerSecond: 1_000,
			maxInFlight: 50,
		});
		expect(results.every((r) => r.ok)).toBe(true);
		expect(bounds).toEqual([]);
		expect(endpoint.stats.maxInFlight).toBe(50);
		// latency-bound at 50 per second, as the user asked
		expect(clock.now()).toBeGreaterThanOrEqual(10_000);
	});
});
