/**
 * `sendAll`: every message the action node sends in one execution goes through it.
 *
 * - A token bucket at `messagesPerSecond` spreads the whole execution's items over time, so a
 *   broadcast of thousands of items stays inside the phone number's throughput tier (Meta: 80
 *   messages/s by default, up to 1,000). The bucket starts with one token and holds at most
 *   ~50 ms worth (to catch up late timers), and a sliding one-second window over the latest
 *   starts keeps any second, the first included, at or under the tier.
 * - Requests overlap up to `maxInFlight`, so Meta's response time does not cap throughput
 *   (Little's law: in flight = rate x latency). Automatic by default (inFlight.ts): twice the rate
 *   times the response time the sender observes, grown only while more requests in flight really
 *   bring more answers per second, so a CPU-bound process does not open hundreds of sockets that
 *   only queue.
 * - Failures are classified from the WhatsAppApiError's `graph` info (transport/errors):
 *   throughput limits (130429, HTTP 429, ...) lower the rate (x0.8 once per round trip, back up
 *   by 20% of the target per second after a 1 s hold; a lone rejection is tolerated) and retry;
 *   the pair rate limit (131056) spaces that one recipient's messages and retries after ~6 s
 *   without holding anyone else back; failures that prove the request never reached Meta (connection refused, DNS)
 *   are retried; a 5xx or a connection dropped after the request was written may mean Meta sent
 *   the message, so it is retried only when the user accepted double sends; everything else
 *   fails at once. Retry-After is honoured; other waits are exponential with full jitter.
 * - Exactly one result per index, in input order; a succeeded item is never sent again.
 * - Items are taken lazily: at most `maxInFlight` sends are pending, plus the items waiting for a
 *   retry. No timers or promises are created per item up front.
 *
 * Time and randomness come from a `Clock`, so unit tests run on a fake clock with no real waits.
 */
import { classifySendError } from './classify';
import { abortSignalOf, systemClock, type Clock } from './clock';
import { AutoInFlight } from './inFlight';
import { RecipientGate } from './recipientGate';
import { JobHeap, type Job } from './retryQueue';
import { AdaptiveTokenBucket } from './tokenBucket';
import { SENDER_DEFAULTS, SendSkippedError, type SenderOptions, type SendResult } from './types';

function toError(error: unknown): Error {
	if (error instanceof Error) return error;
	const wrapped = new Error(
		typeof error === 'string' ? error : 'The send failed with a non-error value',
	);
	(wrapped as Error & { cause?: unknown }).cause = error;
	return wrapped;
}

function positiveOr(value: number | undefined, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/**
 * Calls `send(index, attempt)` for every index in [0, count), rate-limited, with bounded
 * concurrency and retries, and resolves with one result per index, in input order. `attempt`
 * starts at 1. Never rejects: failures are `{ ok: false, error }` holding the last error.
 */
export async function sendAll<R>(
	count: number,
	send: (index: number, attempt: number) => Promise<R>,
	options: SenderOptions,
	clock: Clock = systemClock(abortSignalOf(options.signal)),
): Promise<Array<SendResult<R>>> {
	const total = Math.max(0, Math.floor(count));
	const results = new Array<SendResult<R>>(total);
	if (total === 0) return results;

	const messagesPerSecond =
		options.messagesPerSecond > 0 ? options.messagesPerSecond : SENDER_DEFAULTS.messagesPerSecond;
	// A user's bound is fixed; otherwise the automatic one adapts to the response times.
	const auto =
		options.maxInFlight && options.maxInFlight >= 1
			? undefined
			: new AutoInFlight(messagesPerSecond);
	let maxInFlight = auto ? auto.bound : Math.floor(options.maxInFlight ?? 1);
	const retries = Math.floor(positiveOr(options.retries, SENDER_DEFAULTS.retries));
	const baseBackoffMs = positiveOr(options.baseBackoffMs, SENDER_DEFAULTS.baseBackoffMs);
	const maxBackoffMs = positiveOr(options.maxBackoffMs, SENDER_DEFAULTS.maxBackoffMs);
	const pairBackoffMs = positiveOr(options.pairBackoffMs, SENDER_DEFAULTS.pairBackoffMs);
	const maxRetryAfterMs = positiveOr(options.maxRetryAfterMs, SENDER_DEFAULTS.maxRetryAfterMs);
	const burst = Math.max(1, positiveOr(options.burst, Math.ceil(messagesPerSecond / 20)));
	const emit = options.onEvent ?? (() => undefined);

	const bucket = new AdaptiveTokenBucket(messagesPerSecond, burst, clock.now());
	const recipients = new RecipientGate(positiveOr(options.recipientPauseMs, 0));
	const waiting = new JobHeap();

	let nextFresh = 0;
	let fresh: Job | undefined;
	let inFlight = 0;
	let settledCount = 0;
	let stopped = false;

	// Wake-up when a send completes; and one reusable timer for time-based waits.
	let wakeUp: (() => void) | undefined;
	let woken: Promise<void> | undefined;
	const wake = () => {
		const resolve = wakeUp;
		wakeUp = undefined;
		woken = undefined;
		resolve?.();
	};
	const completion = () => (woken ??= new Promise<void>((resolve) => (wakeUp = resolve)));
	let timer: { at: number; done: Promise<void> } | undefined;
	const until = async (at: number) => {
		const now = clock.now();
		if (!timer || timer.at > at) {
			const current: { at: number; done: Promise<void> } = {
				at,
				done: clock.sleep(at - now).then(() => {
					if (timer === current) timer = undefined;
				}),
			};
			timer = current;
		}
		await Promise.race([completion(), timer.done]);
	};

	const settle = (index: number, result: SendResult<R>) => {
		if (results[index] !== undefined) return;
		results[index] = result;
		settledCount += 1;
	};

	const stop = (reason: 'stopped' | 'cancelled') => {
		if (stopped) return;
		stopped = true;
		for (let index = nextFresh; index < total; index++) {
			settle(index, { ok: false, error: new SendSkippedError(index, reason) });
		}
		nextFresh = total;
		fresh = undefined;
		for (let job = waiting.pop(); job; job = waiting.pop()) {
			settle(job.index, {
				ok: false,
				error: job.lastError ?? new SendSkippedError(job.index, reason),
			});
		}
	};

	const fail = (job: Job, error: Error) => {
		settle(job.index, { ok: false, error });
		if (options.stopOnError) stop('stopped');
	};

	const backoff = (attempts: number) =>
		clock.random() * Math.min(maxBackoffMs, baseBackoffMs * 2 ** Math.max(0, attempts - 1));

	const onFailure = (job: Job, thrown: unknown) => {
		const error = toError(thrown);
		job.lastError = error;
		const now = clock.now();
		const { kind, retryAfterMs } = classifySendError(thrown);
		const retryable =
			kind !== 'permanent' &&
			(kind !== 'maybeSent' || options.retryServerErrorsMaySendTwice === true);
		if (
			stopped ||
			!retryable ||
			job.attempts > retries ||
			(retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs)
		) {
			fail(job, error);
			return;
		}
		let delay = Math.max(retryAfterMs ?? 0, backoff(job.attempts));
		if (kind === 'throughput') {
			if (bucket.slowDown(now, job.startedAt)) {
				emit({ type: 'slowdown', index: job.index, messagesPerSecond: bucket.messagesPerSecond });
			}
			if (retryAfterMs !== undefined) {
				bucket.pause(now, now + retryAfterMs);
				emit({ type: 'pause', index: job.index, delayMs: retryAfterMs });
			}
		} else if (kind === 'pair') {
			const hold =
				job.key === undefined
					? Math.max(
							retryAfterMs ?? 0,
							Math.min(maxBackoffMs, pairBackoffMs * 2 ** (job.attempts - 1)),
						)
					: recipients.strike(job.key, now, pairBackoffMs, maxBackoffMs, retryAfterMs);
			emit({ type: 'recipientPause', index: job.index, recipient: job.key, delayMs: hold });
			delay = hold;
		}
		job.readyAt = now + delay;
		waiting.push(job);
		emit({
			type: 'retry',
			index: job.index,
			attempt: job.attempts + 1,
			reason: kind,
			delayMs: delay,
		});
	};

	const answered = (epoch: number, startedAt: number) => {
		if (!auto) return;
		const now = clock.now();
		const changed = auto.observe(epoch, now - startedAt, now, bucket.messagesPerSecond, inFlight);
		if (!changed) return;
		maxInFlight = auto.bound;
		emit({
			type: 'inFlightBound',
			maxInFlight,
			latencyMs: changed.latencyMs,
			change: changed.change,
		});
	};

	const launch = (job: Job, now: number) => {
		inFlight += 1;
		job.attempts += 1;
		job.startedAt = now;
		auto?.starting(inFlight - 1);
		const epoch = auto?.epoch ?? 0;
		recipients.sent(job.key, now);
		// Called now, not in a later microtask: the request leaves when the token was taken, so
		// the spacing the bucket computed is the spacing Meta sees.
		let sending: Promise<R>;
		try {
			sending = Promise.resolve(send(job.index, job.attempts));
		} catch (thrown) {
			sending = Promise.reject(thrown);
		}
		sending
			.then(
				(value) => settle(job.index, { ok: true, value }),
				(thrown) => onFailure(job, thrown),
			)
			.catch((internal) => fail(job, toError(internal)))
			.finally(() => {
				inFlight -= 1;
				answered(epoch, now);
				wake();
			});
	};

	/** The job that may go now, or the earliest time one may (Infinity: none until a completion). */
	const next = (now: number): Job | number => {
		for (;;) {
			const head = waiting.peek();
			if (head && head.readyAt <= now) {
				const freeAt = recipients.freeAt(head.key);
				if (freeAt <= now) return head;
				waiting.pop();
				head.readyAt = freeAt;
				waiting.push(head);
				continue;
			}
			if (nextFresh < total) {
				fresh ??= {
					index: nextFresh,
					attempts: 0,
					readyAt: now,
					key: options.keyOf?.(nextFresh),
					startedAt: now,
				};
				const freeAt = recipients.freeAt(fresh.key);
				if (freeAt <= now) return fresh;
				// Its recipient is on hold: park it and look at the next item.
				fresh.readyAt = freeAt;
				waiting.push(fresh);
				fresh = undefined;
				nextFresh += 1;
				continue;
			}
			return head ? head.readyAt : Infinity;
		}
	};

	const take = (job: Job) => {
		if (job === fresh) {
			fresh = undefined;
			nextFresh += 1;
		} else {
			waiting.pop();
		}
	};

	while (settledCount < total) {
		if (!stopped && options.signal?.aborted) stop('cancelled');
		if (inFlight >= maxInFlight || (stopped && inFlight > 0)) {
			// The automatic bound learns whether it is what holds sends back.
			if (auto && !stopped && (nextFresh < total || waiting.size > 0)) auto.noteHeldBack();
			await completion();
			continue;
		}
		const now = clock.now();
		const job = next(now);
		if (typeof job === 'number') {
			if (job === Infinity) {
				if (inFlight === 0) break; // cannot happen: every index is settled, in flight or queued
				await completion();
			} else {
				await until(job);
			}
			continue;
		}
		const tokenAt = bucket.nextTokenAt(now);
		if (tokenAt > now) {
			await until(tokenAt);
			continue;
		}
		take(job);
		bucket.take(now);
		launch(job, now);
	}
	return results;
}
