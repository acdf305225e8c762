/**
 * Turns whatever n8n's request helper threw (an HTTP answer with Meta's error body, a network
 * failure, n8n's own error) into a WhatsAppApiError with the catalogue's title and fix, scrubbed.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { NodeApiError, INode } from 'n8n-workflow';

import type { ResolvedCredentials } from '../credentials';
import { redactSecrets } from '../redact';
import { describeGraphError } from './catalog';
import { describeNetworkFailure } from './networkFailures';
import { WhatsAppApiError, type GraphErrorInfo } from './whatsAppApiError';

interface ResponseLike {
	status?: number;
	statusCode?: number;
	statusText?: string;
	statusMessage?: string;
	headers?: unknown;
	data?: unknown;
	body?: unknown;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
	return value !== null && typeof value === 'object'
		? (value as Record<string, unknown>)
		: undefined;
}

/** The error and its causes, outermost first (n8n wraps axios errors in NodeApiError.cause). */
function errorChain(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	let current = asObject(error);
	while (current && chain.length < 5 && !chain.includes(current)) {
		chain.push(current);
		current = asObject(current.cause);
	}
	return chain;
}

function findResponse(chain: Array<Record<string, unknown>>): ResponseLike | undefined {
	for (const link of chain) {
		const response = asObject(link.response) as ResponseLike | undefined;
		if (
			response &&
			(typeof response.status === 'number' || typeof response.statusCode === 'number')
		) {
			return response;
		}
	}
	return undefined;
}

function headerValue(headers: unknown, name: string): string | undefined {
	const h = asObject(headers);
	if (!h) return undefined;
	if (typeof h.get === 'function') {
		const v = (h.get as (n: string) => unknown).call(h, name);
		if (v !== undefined && v !== null && v !== false) return String(v);
	}
	for (const [key, v] of Object.entries(h)) {
		if (key.toLowerCase() === name && v !== undefined && v !== null)
			return Array.isArray(v) ? String(v[0]) : String(v);
	}
	return undefined;
}

/** Retry-After as delay-seconds or an HTTP date, in ms (never negative). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined) return undefined;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const at = Date.parse(text);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, at - now);
}

function parseBody(data: unknown): unknown {
	if (typeof data === 'string') {
		const t = data.trim();
		if (t.startsWith('{')) {
			try {
				return JSON.parse(t) as unknown;
			} catch {
				return data;
			}
		}
		return data;
	}
	// Buffer / ArrayBuffer views (responses read as binary).
	const maybe = asObject(data);
	if (
		maybe &&
		typeof maybe.byteLength === 'number' &&
		typeof maybe.toString === 'function' &&
		!('error' in maybe)
	) {
		return parseBody(String(maybe.toString()));
	}
	return data;
}

interface MetaError {
	message?: string;
	type?: string;
	code?: number;
	error_subcode?: number;
	error_user_title?: string;
	error_user_msg?: string;
	fbtrace_id?: string;
	error_data?: { details?: string; messaging_product?: string } | string;
}

function metaErrorOf(body: unknown): MetaError | undefined {
	const obj = asObject(body);
	const err = obj ? asObject(obj.error) : undefined;
	if (!err) return undefined;
	const num = (v: unknown) =>
		typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
	const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
	let errorData: MetaError['error_data'];
	const ed = err.error_data;
	if (typeof ed === 'string') errorData = ed;
	else if (asObject(ed)) errorData = { details: str(asObject(ed)?.details) };
	return {
		message: str(err.message),
		type: str(err.type),
		code: num(err.code),
		error_subcode: num(err.error_subcode),
		error_user_title: str(err.error_user_title),
		error_user_msg: str(err.error_user_msg),
		fbtrace_id: str(err.fbtrace_id),
		error_data: errorData,
	};
}

const AXIOS_STATUS_CODES = new Set(['ERR_BAD_REQUEST', 'ERR_BAD_RESPONSE']);

function findNetworkCode(chain: Array<Record<string, unknown>>): string | undefined {
	for (const link of chain) {
		const code = link.code;
		if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code) && !AXIOS_STATUS_CODES.has(code))
			return code;
		// Dual-stack connects fail with an AggregateError whose parts carry the code.
		if (Array.isArray(link.errors)) {
			for (const inner of link.errors) {
				const c = asObject(inner)?.code;
				if (typeof c === 'string' && /^[A-Z][A-Z0-9_]+$/.test(c)) return c;
			}
		}
	}
	return undefined;
}

interface RequestFacts {
	path: string;
	account: ResolvedCredentials;
}

/** Refines the catalog's fix using what we know about the request (which ID was in the URL). */
function contextualFix(meta: MetaError, facts: RequestFacts, fix: string): string {
	const { path, account } = facts;
	const firstSegment = path.split(/[/?]/)[1] ?? '';
	const message = meta.message ?? '';
	if (meta.code === 190 && /cannot parse access token|malformed/i.test(message)) {
		return 'The Access Token is malformed. Paste only the token (it usually starts with EAA), without quotes, spaces or a "Bearer " prefix.';
	}
	const idProblem =
		(meta.code === 100 &&
			(meta.error_subcode === 33 ||
				/nonexisting field|does not exist|unsupported (get|post|delete) request|unknown path components/i.test(
					message,
				))) ||
		meta.code === 33;
	if (!idProblem || firstSegment === '') return fix;
	if (firstSegment === account.phoneNumberId) {
		const sameAsWaba =
			account.businessAccountId !== '' && account.phoneNumberId === account.businessAccountId;
		return sameAsWaba
			? `Phone Number ID "${account.phoneNumberId}" is the same as the WhatsApp Business Account ID. Copy the "Phone number ID" shown under the sending number in WhatsApp > API Setup into the credential's Phone Number ID field.`
			: `Meta cannot use Phone Number ID "${account.phoneNumberId}" here. Copy the "Phone number ID" shown under the sending number in WhatsApp > API Setup (not the WhatsApp Business Account ID next to it), and check that the Access Token's System User has this number's account assigned.`;
	}
	if (account.businessAccountId !== '' && firstSegment === account.businessAccountId) {
		return `Meta cannot use WhatsApp Business Account ID "${account.businessAccountId}" here. Copy the "WhatsApp Business Account ID" from WhatsApp > API Setup (it is not the Phone Number ID) and check that the Access Token may manage that account.`;
	}
	return fix;
}

function buildError(
	node: INode,
	error: unknown,
	facts: RequestFacts,
	itemIndex: number | undefined,
): WhatsAppApiError {
	const secrets = facts.account.secrets;
	const chain = errorChain(error);
	const response = findResponse(chain);

	if (response) {
		const httpStatus = response.status ?? response.statusCode;
		const body = parseBody(response.data !== undefined ? response.data : response.body);
		const meta = metaErrorOf(body) ?? metaErrorOf(asObject(chain[0]?.context)?.data) ?? {};
		const described = describeGraphError(meta.code, meta.error_subcode, httpStatus);
		const details =
			(typeof meta.error_data === 'object' ? meta.error_data?.details : meta.error_data) ??
			meta.error_user_msg;
		let message = meta.message;
		if (!message) {
			const statusText = response.statusText ?? response.statusMessage;
			const snippet =
				typeof body === 'string' ? body.replace(/\s+/g, ' ').trim().slice(0, 200) : '';
			message = `The server at ${facts.account.baseUrl} answered HTTP ${httpStatus}${statusText ? ` ${statusText}` : ''}${snippet ? `: ${snippet}` : ''}`;
		}
		const graph: GraphErrorInfo = {
			code: meta.code,
			subcode: meta.error_subcode,
			type: meta.type,
			title: described.title,
			message: redactSecrets(message, secrets),
			details: details !== undefined ? redactSecrets(details, secrets) : undefined,
			fbtraceId: meta.fbtrace_id,
			httpStatus,
			fix: redactSecrets(contextualFix(meta, facts, described.fix), secrets),
			retryable: described.retryable,
			retryAfterMs: parseRetryAfter(headerValue(response.headers, 'retry-after')),
			transport: 'response',
			userTitle:
				meta.error_user_title !== undefined
					? redactSecrets(meta.error_user_title, secrets)
					: undefined,
		};
		return new WhatsAppApiError(node, dropUndefined(graph), { itemIndex });
	}

	const networkCode = findNetworkCode(chain);
	const described = describeNetworkFailure(
		networkCode,
		redactSecrets(facts.account.baseUrl, secrets),
	);
	const rawMessage = chain
		.map((link) => link.message)
		.find((m): m is string => typeof m === 'string' && m !== '');
	const graph: GraphErrorInfo = {
		title: described.title,
		message: redactSecrets(rawMessage ?? described.title, secrets),
		fix: described.fix,
		retryable: described.retryable,
		transport: 'network',
		networkCode,
		ambiguous: described.ambiguous,
	};
	return new WhatsAppApiError(node, dropUndefined(graph), { itemIndex });
}

function dropUndefined<T extends object>(value: T): T {
	for (const key of Object.keys(value) as Array<keyof T>)
		if (value[key] === undefined) delete value[key];
	return value;
}

/**
 * Turns whatever the request helper threw into the error to rethrow: a WhatsAppApiError for
 * anything HTTP-related; n8n's own NodeOperationErrors (e.g. a missing credential) unchanged.
 */
export function toGraphError(
	node: INode,
	error: unknown,
	facts: RequestFacts,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof WhatsAppApiError) return error;
	if (error instanceof NodeOperationError) {
		error.message = redactSecrets(error.message, facts.account.secrets);
		return error;
	}
	return buildError(node, error, facts, itemIndex);
}

/** A 200 answer whose body is a Graph error (some proxies and emulators answer that way). */
export function isGraphErrorBody(value: unknown): boolean {
	const obj = asObject(value);
	const err = obj ? asObject(obj.error) : undefined;
	return (
		!!err &&
		(typeof err.code === 'number' || typeof err.message === 'string') &&
		Object.keys(obj ?? {}).length <= 2
	);
}
