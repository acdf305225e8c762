/**
 * A fake Cloud API endpoint for the sender's tests: answers on the fake clock after a chosen
 * latency, and records every call, the concurrency reached and any send repeated after success.
 */
import type { FakeClock } from './fakeClock';

/**
 * Each call waits `latency(index, attempt)` virtual ms, then answers through `answer` (throw to
 * fail). Records starts, concurrency and calls.
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
