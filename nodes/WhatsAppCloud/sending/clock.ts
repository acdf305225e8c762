/**
 * Time, waiting and randomness for the sender: the wall clock through n8n-workflow's `sleep` in
 * production, a fake clock in tests (no real waits).
 */
import { sleep } from 'n8n-workflow';

import type { SenderOptions } from './types';

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

/** n8n's sleep listens on a real AbortSignal; a plain `{ aborted }` object is only polled. */
export function abortSignalOf(signal: SenderOptions['signal']): AbortSignalLike {
	const candidate = signal as { addEventListener?: unknown } | undefined;
	return typeof candidate?.addEventListener === 'function'
		? (signal as AbortSignalLike)
		: undefined;
}
