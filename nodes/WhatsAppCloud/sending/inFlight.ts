/**
 * The automatic Max Requests in Flight: Little's law on the response times the sender observes,
 * where every increase is a trial that stands only if it brought more answers per second.
 */
import { SENDER_DEFAULTS, type InFlightChange } from './types';

/** Requests in flight = rate x response time x this. Twice what the rate needs absorbs jitter
 *  and a slower stretch without the bound ever being what holds the rate back. */
const INFLIGHT_HEADROOM = 2;
/** Before any answer: this much of a second's worth of the rate, at most `INITIAL_INFLIGHT_MAX`.
 *  Enough for a first round trip of up to 250 ms at 80/s; the first answers then set it. */
const INITIAL_INFLIGHT_SECONDS = 0.25;
const INITIAL_INFLIGHT_MAX = 64;
/** Answers the first decision is made on: the earliest, the least queued in n8n. */
const FIRST_SAMPLES = 8;
/** Answers per later decision: a quarter of the bound, within [8, 64], so a change is judged
 *  about a round trip after it was made. */
const SAMPLES_SHARE = 0.25;
const MAX_SAMPLES = 64;
/** One increase at most multiplies the bound by this, so a bound that only adds queueing is found
 *  before it is large. Until an increase has been undone, the first increase (from the initial
 *  guess) and one right after an increase that brought its full gain (Meta's response time, not
 *  n8n's queue, sets the pace) may multiply it by `MAX_CLEAR_GROWTH`. */
const MAX_GROWTH = 2;
const MAX_CLEAR_GROWTH = 4;
/** "Its full gain": answers per second grew by at least this share of the bound's growth. */
const CLEAR_GAIN_SHARE = 0.9;
/** An increase must bring at least this share of the proportional gain in answers per second:
 *  doubling the bound must give >= 50% more. Below that the extra requests mostly queue (the
 *  process is CPU-bound, or Meta answers more slowly the more we send), and it is undone. */
const MIN_GAIN_SHARE = 0.5;
/** After an undone increase, no new one for this long (doubling after each undo up to the max,
 *  back to this after an increase that stood). */
const GROWTH_HOLD_MS = 2_000;
const GROWTH_HOLD_MAX_MS = 60_000;
/** The bound is lowered when it is more than this much above what Little's law asks for (once
 *  no more than that is in flight). */
const SHRINK_BELOW = 0.75;

/** Guards the rounding of computed counts (2 x 80 x 0.1 must be 16, not 17). */
const EPSILON_COUNT = 1e-6;

function clampAutoInFlight(value: number): number {
	return Math.min(
		SENDER_DEFAULTS.maxInFlightCap,
		Math.max(SENDER_DEFAULTS.minAutoInFlight, Math.ceil(value - EPSILON_COUNT)),
	);
}

/** The automatic bound before any answer: a quarter second's worth of the rate, 8 to 64. */
export function initialAutoMaxInFlight(messagesPerSecond: number): number {
	return clampAutoInFlight(
		Math.min(messagesPerSecond * INITIAL_INFLIGHT_SECONDS, INITIAL_INFLIGHT_MAX),
	);
}

/** What Little's law asks for at this rate and response time, with headroom, in [8, 1,000]. */
export function littleInFlight(messagesPerSecond: number, latencyMs: number): number {
	return clampAutoInFlight((INFLIGHT_HEADROOM * messagesPerSecond * Math.max(0, latencyMs)) / 1000);
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The automatic Max Requests in Flight.
 *
 * Little's law: to start `rate` sends per second when each takes `W` to answer, `rate x W` must
 * be in flight. The bound is `2 x rate x W` (clamped to [8, 1,000]), `W` being the median response
 * time of recent sends, so a slow Meta (500 ms - 1 s) still gets the full rate and a fast one
 * (100 ms) gets a bound of 16 at 80/s, 200 at 1,000/s (of which half are used).
 *
 * The response time the sender sees includes the time n8n itself takes to handle the request
 * and the answer. When the process is CPU-bound that part grows with every extra request in
 * flight, and Little's law alone would chase its own queue up to the cap. So an increase is a
 * trial: it stands only if answers per second (bound / median response time) rose by at least
 * half the proportional gain; otherwise the bound goes back and stays there for a while.
 * A slow Meta passes every trial (same response time, proportionally more answers); a busy CPU
 * fails them (the response time rises with the bound, answers per second do not).
 *
 * Decisions use only answers to sends started under the bound in force (for an increase: once
 * half of it is in use), so each one sees the effect of the last change. Increases happen only
 * when the bound was reached with sends waiting: x4 at most from the initial guess or after an
 * increase that brought its full gain (until one is undone), x2 at most otherwise; decreases (Meta got faster, or the rate was lowered after 130429) once what is
 * in flight fits under the new bound.
 */
export class AutoInFlight {
	private current: number;
	private epochId = 0;
	private samples: number[] = [];
	private decided = false;
	private heldBack = false;
	/** After an increase, until what is in flight has gone halfway from the old bound to the new:
	 *  the increase is judged by the answers to sends started from then on, which queue behind
	 *  most of what it let in (if it only adds queueing, they show it). */
	private fillMark = Infinity;
	private trial: { from: number; latencyMs: number } | undefined;
	private holdUntil = -Infinity;
	private holdMs = GROWTH_HOLD_MS;
	/** An increase was undone in this execution: from now on x2 steps only. */
	private undone = false;

	constructor(messagesPerSecond: number) {
		this.current = initialAutoMaxInFlight(messagesPerSecond);
	}

	get bound(): number {
		return this.current;
	}

	/** Sends started now belong to this epoch (it changes with the bound). */
	get epoch(): number {
		return this.epochId;
	}

	/** The bound was reached while sends were waiting: it may be what holds them back. */
	noteHeldBack(): void {
		this.heldBack = true;
	}

	/** A send is about to start with `inFlight` others waiting. */
	starting(inFlight: number): void {
		if (inFlight < this.fillMark) return;
		this.fillMark = Infinity;
		this.epochId += 1;
		this.samples = [];
	}

	/** A send started in `epoch` was answered (or failed) after `latencyMs`; `inFlight` are still
	 *  waiting. Returns the change when the bound changed. */
	observe(
		epoch: number,
		latencyMs: number,
		now: number,
		messagesPerSecond: number,
		inFlight: number,
	): { change: InFlightChange; latencyMs: number } | undefined {
		if (epoch !== this.epochId) return undefined;
		this.samples.push(latencyMs);
		const needed = this.decided
			? Math.min(MAX_SAMPLES, Math.max(FIRST_SAMPLES, Math.ceil(this.current * SAMPLES_SHARE)))
			: Math.min(FIRST_SAMPLES, this.current);
		if (this.samples.length < needed) return undefined;

		const latency = median(this.samples);
		const heldBack = this.heldBack;
		this.samples = [];
		this.heldBack = false;
		const first = !this.decided;
		this.decided = true;
		const wanted = littleInFlight(messagesPerSecond, latency);

		const trial = this.trial;
		this.trial = undefined;
		this.fillMark = Infinity;
		let clear = first;
		if (trial && heldBack) {
			const growth = this.current / trial.from;
			const gain = growth * (trial.latencyMs / Math.max(latency, EPSILON_COUNT));
			clear = gain >= CLEAR_GAIN_SHARE * growth;
			if (gain < 1 + MIN_GAIN_SHARE * (growth - 1)) {
				this.undone = true;
				this.set(trial.from);
				this.holdUntil = now + this.holdMs;
				this.holdMs = Math.min(GROWTH_HOLD_MAX_MS, this.holdMs * 2);
				return { change: 'undo', latencyMs: latency };
			}
		}
		if (trial) this.holdMs = GROWTH_HOLD_MS;

		if (wanted > this.current) {
			if (!heldBack || now < this.holdUntil) return undefined;
			const from = this.current;
			this.trial = { from, latencyMs: latency };
			this.set(Math.min(wanted, from * (clear && !this.undone ? MAX_CLEAR_GROWTH : MAX_GROWTH)));
			this.fillMark = Math.ceil((from + this.current) / 2);
			return { change: first ? 'first' : 'grow', latencyMs: latency };
		}
		// Lower only once the sends started at the old response time are answered: cutting the
		// bound below what is still out would stop the rate until they are.
		if (
			(wanted < this.current * SHRINK_BELOW || (first && wanted < this.current)) &&
			inFlight <= wanted
		) {
			this.set(wanted);
			return { change: first ? 'first' : 'shrink', latencyMs: latency };
		}
		return undefined;
	}

	private set(bound: number): void {
		this.current = bound;
		this.epochId += 1;
		this.samples = [];
		this.heldBack = false;
		this.fillMark = Infinity;
	}
}
