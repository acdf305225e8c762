/**
 * The error every Graph failure becomes: a NodeApiError whose `graph` holds Meta's facts (code,
 * subcode, details, fbtrace_id, HTTP status), a one-line fix and whether a retry can help.
 */
import { NodeApiError } from 'n8n-workflow';
import type { Failure, INode, JsonObject } from 'n8n-workflow';

export interface GraphErrorInfo {
	/** Meta's error.code. */
	code?: number;
	/** Meta's error.error_subcode. */
	subcode?: number;
	/** Meta's error.type, e.g. OAuthException. */
	type?: string;
	/** Short title from the error catalog. */
	title: string;
	/** Meta's message (or the network failure), secrets removed. */
	message: string;
	/** error.error_data.details, else error_user_msg. */
	details?: string;
	fbtraceId?: string;
	httpStatus?: number;
	/** One actionable line for the user. */
	fix: string;
	/** A later retry of the same request can succeed. */
	retryable: boolean;
	/** Wait Meta (or the server) asked for via Retry-After, in ms. */
	retryAfterMs?: number;
	/** 'response': the server answered with an error; 'network': no HTTP answer. */
	transport: 'response' | 'network';
	/** Node/axios/undici code for network failures: ECONNREFUSED, ENOTFOUND, ETIMEDOUT... */
	networkCode?: string;
	/**
	 * The request may have reached Meta before the failure (timeout, connection reset): a
	 * retried send could deliver the message twice.
	 */
	ambiguous?: boolean;
	/** Meta's error_user_title, when present. */
	userTitle?: string;
}

function headline(graph: GraphErrorInfo): string {
	if (graph.code !== undefined) return `WhatsApp error ${graph.code}: ${graph.title}`;
	if (graph.transport === 'network') return graph.title;
	return graph.httpStatus ? `${graph.title} (HTTP ${graph.httpStatus})` : graph.title;
}

function explain(graph: GraphErrorInfo): string {
	const facts: string[] = [];
	if (graph.code !== undefined) facts.push(`code ${graph.code}`);
	if (graph.subcode !== undefined) facts.push(`subcode ${graph.subcode}`);
	if (graph.httpStatus !== undefined) facts.push(`HTTP ${graph.httpStatus}`);
	if (graph.networkCode) facts.push(graph.networkCode);
	if (graph.fbtraceId) facts.push(`fbtrace_id ${graph.fbtraceId}`);
	let retry = graph.retryable ? 'a retry can help' : 'retrying will not help until this is fixed';
	if (graph.retryable && graph.retryAfterMs !== undefined) {
		retry += ` (Meta asks to wait ${Math.ceil(graph.retryAfterMs / 1000)} s)`;
	}
	facts.push(retry);
	const what =
		graph.details && !graph.message.includes(graph.details)
			? `${graph.message} - ${graph.details}`
			: graph.message;
	return `${what}\nFix: ${graph.fix}\n(${facts.join(', ')})`;
}

const THROTTLING_CODES = new Set([4, 80007, 130429, 131056, 133016]);

function failureOf(graph: GraphErrorInfo): Failure | undefined {
	const retryAfter = graph.retryAfterMs !== undefined ? { retryAfterMs: graph.retryAfterMs } : {};
	if (
		graph.code === 190 ||
		graph.code === 0 ||
		(graph.code === undefined && graph.httpStatus === 401)
	) {
		return { cause: 'credential-invalid' };
	}
	if (!graph.retryable) return undefined;
	if (graph.httpStatus === 429 || (graph.code !== undefined && THROTTLING_CODES.has(graph.code))) {
		return { cause: 'rate-limited', ...retryAfter };
	}
	return { cause: 'temporarily-unavailable', ...retryAfter };
}

/**
 * A Graph API failure. `graph` holds the parsed facts; `message` and `description` are what n8n
 * shows. Contains no secrets and no reference to the original request.
 */
export class WhatsAppApiError extends NodeApiError {
	readonly graph: GraphErrorInfo;

	constructor(
		node: INode,
		graph: GraphErrorInfo,
		options: { itemIndex?: number; runIndex?: number } = {},
	) {
		const summary: JsonObject = {};
		for (const [key, value] of Object.entries(graph)) if (value !== undefined) summary[key] = value;
		// A plain object (not an Error): NodeApiError would return an existing NodeApiError
		// unchanged, and an Error would be kept as `cause`.
		super(node, summary, {
			message: headline(graph),
			description: explain(graph),
			httpCode: graph.httpStatus !== undefined ? String(graph.httpStatus) : undefined,
			itemIndex: options.itemIndex,
			runIndex: options.runIndex,
			failure: failureOf(graph),
		});
		this.graph = graph;
		// NodeApiError may replace the message with a generic text for network codes; keep ours.
		this.message = headline(graph);
		this.description = explain(graph);
		this.messages = [];
	}
}

/** True for a WhatsAppApiError, also across duplicated module copies. */
export function isWhatsAppApiError(error: unknown): error is WhatsAppApiError {
	return (
		error instanceof WhatsAppApiError ||
		(error instanceof NodeApiError && typeof (error as { graph?: unknown }).graph === 'object')
	);
}
