/**
 * How the sender treats a failed send: slow down, hold one recipient, retry, retry only if double
 * sends are accepted, or fail now. Read from the Graph facts the transport attaches to its error.
 */
import type { GraphErrorInfo } from '../transport/errors/whatsAppApiError';
import type { FailureKind } from './types';

/** What the sender reads of a WhatsAppApiError's `graph` (see transport/errors). Matched
 *  structurally, so any error carrying such a `graph` object is understood. */
export type SenderGraphErrorInfo = Partial<
	Pick<
		GraphErrorInfo,
		| 'code'
		| 'subcode'
		| 'httpStatus'
		| 'retryable'
		| 'retryAfterMs'
		| 'transport'
		| 'networkCode'
		| 'ambiguous'
	>
>;

export interface Classification {
	kind: FailureKind;
	retryAfterMs?: number;
}

/** Graph codes meaning "too many calls": 130429 per-number throughput, 4 app-level, 80007 WABA. */
const THROUGHPUT_CODES = new Set([130429, 4, 80007]);
const PAIR_RATE_LIMIT_CODE = 131056;
/** Failures before the request reached the server: DNS, refused, unreachable, connect timeout. */
const NOT_SENT_NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'EADDRNOTAVAIL',
	'UND_ERR_CONNECT_TIMEOUT',
]);

function graphInfoOf(error: unknown): SenderGraphErrorInfo | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const graph = (error as { graph?: unknown }).graph;
	return typeof graph === 'object' && graph !== null ? (graph as SenderGraphErrorInfo) : undefined;
}

/** How the sender treats an error thrown by the send callback. Errors without Graph info (e.g. a
 *  NodeOperationError from validating the item) are permanent: resending the same input cannot
 *  succeed. */
export function classifySendError(error: unknown): Classification {
	const graph = graphInfoOf(error);
	if (!graph) return { kind: 'permanent' };
	const retryAfterMs =
		typeof graph.retryAfterMs === 'number' && graph.retryAfterMs >= 0
			? graph.retryAfterMs
			: undefined;
	const withWait = (kind: FailureKind): Classification =>
		retryAfterMs === undefined ? { kind } : { kind, retryAfterMs };

	if (graph.transport === 'network') {
		const networkCode = String(graph.networkCode ?? '').toUpperCase();
		// Connection never made: safe to send again, even where the transport calls it a
		// configuration problem (a bounded number of retries costs only time).
		if (NOT_SENT_NETWORK_CODES.has(networkCode)) return withWait('transient');
		// The transport knows the request was never written (TLS rejected, invalid URL...).
		if (graph.ambiguous === false)
			return withWait(graph.retryable === true ? 'transient' : 'permanent');
		// Written, then lost (ECONNRESET, EPIPE, ETIMEDOUT, socket hang up...): maybe sent.
		// Unless the transport says retrying is pointless (e.g. the execution cancelled it).
		if (graph.ambiguous === true && graph.retryable === false) return { kind: 'permanent' };
		return withWait('maybeSent');
	}
	if (graph.code === PAIR_RATE_LIMIT_CODE) return withWait('pair');
	if (graph.httpStatus === 429 || (graph.code !== undefined && THROUGHPUT_CODES.has(graph.code))) {
		return withWait('throughput');
	}
	const status = graph.httpStatus ?? 0;
	if (status >= 500) {
		// A bare 5xx (no Graph code) is a gateway/outage answer: worth retrying if allowed.
		return withWait(
			graph.retryable === true || graph.code === undefined ? 'maybeSent' : 'permanent',
		);
	}
	return withWait(graph.retryable === true ? 'transient' : 'permanent');
}
