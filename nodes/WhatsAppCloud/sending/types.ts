/**
 * What `sendAll` takes and gives: its options, per-item results, the events it reports, and the
 * error of an item it never sent. The defaults of the Sending options live here too.
 */

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

/** How the automatic in-flight bound changed (see inFlight.ts). */
export type InFlightChange = 'first' | 'grow' | 'undo' | 'shrink';

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
