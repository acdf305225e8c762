/**
 * Injected faults: scripted ones queued through the control API for the next matching
 * POST /messages, and random ones drawn from the knobs (resets, 429s, 5xx) for every request.
 */
import type { Knobs } from '../core/config';
import { errors, GraphError } from '../core/errors';
import { digitsOf, seededRandom } from '../core/ids';
import type { Counters } from '../core/records';
import type { GraphResult } from './request';

export interface FaultSpec {
	/**
	 * reset: destroy the socket before answering (nothing recorded); 429: plain HTTP 429 with
	 * Retry-After; 5xx: server error (afterAccept: the message was accepted and sent anyway);
	 * error: answer this Graph error code synchronously; async-error: accept, then a `failed`
	 * status webhook with this code; latency: extra delay, then normal processing.
	 */
	type: 'reset' | '429' | '5xx' | 'error' | 'async-error' | 'latency';
	/** how many requests this applies to (default 1) */
	count?: number;
	status?: number;
	afterAccept?: boolean;
	code?: number;
	title?: string;
	details?: string;
	retryAfterSeconds?: number;
	latencyMs?: number;
	/** only requests matching all given fields (recipient digits, message type, template name) */
	match?: { to?: string; type?: string; template?: string };
}

const FAULT_TYPES = ['reset', '429', '5xx', 'error', 'async-error', 'latency'];

export class Faults {
	private scripted: Array<FaultSpec & { remaining: number }> = [];
	private random: () => number;

	constructor(
		private readonly knobs: Knobs,
		private readonly counters: Counters,
		randomSeed?: number,
	) {
		this.random = randomSeed !== undefined ? seededRandom(randomSeed) : Math.random;
	}

	/** Number of scripted faults waiting. */
	get queued(): number {
		return this.scripted.length;
	}

	/** Queues scripted faults for the next matching POST /messages requests. */
	enqueue(list: FaultSpec[]): number {
		for (const f of list) {
			if (!FAULT_TYPES.includes(f.type))
				throw errors.invalidParameter(`Unknown fault type '${f.type}'`);
			this.scripted.push({ ...f, remaining: Math.max(1, f.count ?? 1) });
		}
		return this.scripted.length;
	}

	clear(): void {
		this.scripted = [];
	}

	pending(): FaultSpec[] {
		return this.scripted.map((f) => ({ ...f, count: f.remaining }));
	}

	/** Starts the random sequence again from the seed (Math.random without one). */
	reseed(randomSeed?: number): void {
		this.random = randomSeed !== undefined ? seededRandom(randomSeed) : Math.random;
	}

	/** The first scripted fault that matches this POST /messages body, used up by one. */
	takeScripted(raw: Record<string, unknown>): FaultSpec | undefined {
		if (!this.scripted.length) return undefined;
		const to = typeof raw.to === 'string' ? digitsOf(raw.to) : undefined;
		const type = typeof raw.type === 'string' ? raw.type : 'text';
		const tpl = (raw.template as { name?: string } | undefined)?.name;
		const i = this.scripted.findIndex(
			(f) =>
				(!f.match?.to || digitsOf(f.match.to) === to) &&
				(!f.match?.type || f.match.type === type) &&
				(!f.match?.template || f.match.template === tpl),
		);
		if (i === -1) return undefined;
		const fault = this.scripted[i];
		if (--fault.remaining <= 0) this.scripted.splice(i, 1);
		this.counters.faults.scripted++;
		return fault;
	}

	/** Random faults (knobs), decided per request. */
	randomFault(scope: 'messages' | 'other'): FaultSpec | undefined {
		const k = this.knobs;
		if (scope === 'other' && k.faultScope !== 'all') return undefined;
		if (k.resetRate > 0 && this.random() < k.resetRate) return { type: 'reset' };
		if (k.rate429 > 0 && this.random() < k.rate429) return { type: '429' };
		if (k.errorRate > 0 && this.random() < k.errorRate) {
			return {
				type: '5xx',
				status: k.errorStatus,
				afterAccept: scope === 'messages' && k.fiveXxAfterAccept,
			};
		}
		return undefined;
	}

	/** The answer of a fault that answers before any processing; undefined = continue. */
	answerEarly(fault: FaultSpec | undefined): GraphResult | undefined {
		if (!fault) return undefined;
		if (fault.type === 'reset') {
			this.counters.faults.reset++;
			return { destroy: true };
		}
		if (fault.type === '429') {
			this.counters.faults.http429++;
			const e = errors.appRateLimit(fault.retryAfterSeconds ?? this.knobs.retryAfterSeconds);
			return { status: 429, json: e.body, headers: e.headers };
		}
		if (fault.type === '5xx' && !fault.afterAccept) {
			this.counters.faults.http5xx++;
			const e = errors.server(fault.status ?? this.knobs.errorStatus);
			return { status: e.status, json: e.body };
		}
		return undefined;
	}

	/** The Graph error a scripted `error` fault answers with. */
	errorFor(fault: FaultSpec): GraphError {
		switch (fault.code) {
			case 130429:
				return errors.throughput();
			case 131056:
				return errors.pairRate();
			case 131030:
				return errors.notAllowed();
			case 131000:
				return errors.server(500);
			case 190:
				return errors.invalidToken();
			default:
				return new GraphError(
					fault.status ?? 400,
					fault.code ?? 100,
					`(#${fault.code ?? 100}) ${fault.title ?? 'Sandbox injected error'}`,
					{
						details: fault.details ?? 'Injected by the sandbox control API',
					},
				);
		}
	}
}
