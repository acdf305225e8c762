/**
 * The only way this package talks to the Graph API.
 *
 * - URLs are built from the credential: {baseUrl}/{apiVersion}{path}.
 * - Requests go through this.helpers.httpRequestWithAuthentication('whatsAppCloudApi'), whose
 *   `authenticate` block adds "Authorization: Bearer <token>". The token is never put in a URL.
 * - Every failure becomes a WhatsAppApiError (a NodeApiError) carrying Meta's code, subcode,
 *   details, fbtrace_id, the HTTP status, a one-line fix and whether a retry can help.
 * - Secrets (access token, app secret, verify token) are scrubbed from everything the error
 *   carries. n8n-core's own error keeps the request (with the Authorization header) in
 *   `cause.config`; we never pass that object on.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	Failure,
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	ITriggerFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';

import { describeGraphError } from './errorCatalog';

export const CREDENTIAL_TYPE = 'whatsAppCloudApi';
export const DEFAULT_API_VERSION = 'v24.0';
export const DEFAULT_BASE_URL = 'https://graph.facebook.com';

/** Any n8n context that has credentials and httpRequestWithAuthentication. */
export type GraphContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions
	| ITriggerFunctions;

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

export interface GraphRequestOptions {
	body?: IDataObject;
	qs?: IDataObject;
	itemIndex?: number;
	/** Extra headers (never Authorization: the credential sets it). */
	headers?: IDataObject;
	/** Non-JSON body (e.g. multipart form data for media upload); wins over `body`. */
	rawBody?: IHttpRequestOptions['body'];
	/** Request timeout in ms. */
	timeout?: number;
}

export interface AccountInfo {
	phoneNumberId: string;
	businessAccountId: string;
	apiVersion: string;
	baseUrl: string;
}

interface ResolvedCredentials extends AccountInfo {
	/** Secret values to scrub from anything we surface. Never returned to callers. */
	secrets: string[];
}

// ---------------------------------------------------------------------------------------------
// Redaction

const REDACTED = '[redacted]';

const SECRET_PATTERNS: Array<[RegExp, string]> = [
	// Query parameters that carry tokens or proofs.
	[
		/((?:access_token|input_token|appsecret_proof|client_secret|hub\.verify_token|verify_token|fb_exchange_token)=)[^&\s"'<>]+/gi,
		`$1${REDACTED}`,
	],
	// Authorization header values.
	[/\b(Bearer|OAuth)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
	// Meta access tokens start with "EAA".
	[/\bEAA[A-Za-z0-9]{20,}/g, REDACTED],
	// user:password@ in URLs.
	[/(\/\/)[^/\s:@]+:[^/\s@]+@/g, `$1${REDACTED}@`],
];

/** Replaces every known secret and token-looking value in `text`. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
	let out = text;
	const ordered = [...secrets]
		.filter((s) => typeof s === 'string' && s.length >= 4)
		.sort((a, b) => b.length - a.length);
	for (const secret of ordered) {
		if (out.includes(secret)) out = out.split(secret).join(REDACTED);
		const encoded = encodeURIComponent(secret);
		if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join(REDACTED);
	}
	for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
	return out;
}

function redactValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
	if (typeof value === 'string') return redactSecrets(value, secrets);
	if (depth > 6 || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1));
	const out: IDataObject = {};
	for (const [key, v] of Object.entries(value as IDataObject)) {
		if (/^(access_?token|authorization|app_?secret|verify_?token|appsecret_proof)$/i.test(key)) {
			out[key] = REDACTED;
		} else {
			out[key] = redactValue(v, secrets, depth + 1) as IDataObject[string];
		}
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// The error

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

// ---------------------------------------------------------------------------------------------
// Parsing what n8n-core throws

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

const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL|EPROTO/;

function describeNetworkFailure(
	code: string | undefined,
	baseUrl: string,
): Pick<GraphErrorInfo, 'title' | 'fix' | 'retryable' | 'ambiguous'> {
	const where = `API Base URL (${baseUrl})`;
	switch (code) {
		case 'ENOTFOUND':
			return {
				title: 'Graph API host not found',
				fix: `The host name in ${where} could not be resolved. Check its spelling (default https://graph.facebook.com) and that this n8n server has DNS and internet access.`,
				retryable: false,
				ambiguous: false,
			};
		case 'EAI_AGAIN':
			return {
				title: 'DNS lookup failed temporarily',
				fix: `The DNS lookup for ${where} failed temporarily. Retry; if it persists, check this server's DNS settings.`,
				retryable: true,
				ambiguous: false,
			};
		case 'ECONNREFUSED':
			return {
				title: 'Connection refused by the Graph API host',
				fix: `Nothing accepted the connection at ${where}. Check the host and port; if it points to the local sandbox or a proxy, start it.`,
				retryable: false,
				ambiguous: false,
			};
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
		case 'ENETDOWN':
			return {
				title: 'Graph API host unreachable',
				fix: `The network cannot reach ${where}. Check this server's internet access, firewall or proxy settings, then retry.`,
				retryable: true,
				ambiguous: false,
			};
		case 'ETIMEDOUT':
		case 'ECONNABORTED':
		case 'UND_ERR_CONNECT_TIMEOUT':
		case 'UND_ERR_HEADERS_TIMEOUT':
		case 'UND_ERR_BODY_TIMEOUT':
			return {
				title: 'Graph API request timed out',
				fix: `No answer from ${where} in time. Retry later; note that a timed-out send may still have been delivered, so check before resending.`,
				retryable: true,
				ambiguous: true,
			};
		case 'ECONNRESET':
		case 'EPIPE':
		case 'UND_ERR_SOCKET':
		case 'ERR_NETWORK':
			return {
				title: 'Connection to the Graph API was interrupted',
				fix: `The connection to ${where} closed unexpectedly. Retry; a send interrupted this way may still have been delivered.`,
				retryable: true,
				ambiguous: true,
			};
		case 'ERR_INVALID_URL':
			return {
				title: 'API Base URL is not a valid URL',
				fix: `Set API Base URL in the credential to a full URL such as https://graph.facebook.com.`,
				retryable: false,
				ambiguous: false,
			};
		case 'ERR_CANCELED':
			return {
				title: 'Request cancelled',
				fix: 'The request was cancelled, usually because the execution was stopped. Run the workflow again.',
				retryable: false,
				ambiguous: true,
			};
		default:
			if (code && TLS_CODE.test(code)) {
				return {
					title: 'TLS certificate of the Graph API host not trusted',
					fix: `The HTTPS certificate of ${where} was rejected (${code}). Use https://graph.facebook.com, or install the proxy's CA certificate on the n8n server (NODE_EXTRA_CA_CERTS).`,
					retryable: false,
					ambiguous: false,
				};
			}
			return {
				title: 'Could not reach the Graph API',
				fix: `The request to ${where} failed before an answer arrived${code ? ` (${code})` : ''}. Check API Base URL and this server's network access.`,
				retryable: false,
				ambiguous: false,
			};
	}
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

// ---------------------------------------------------------------------------------------------
// Credentials and URLs

const credentialCache = new WeakMap<object, Promise<ResolvedCredentials>>();

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** "https://graph.facebook.com/" and ".../v24.0" both become "https://graph.facebook.com". */
export function normalizeBaseUrl(raw: unknown): string | undefined {
	let base = text(raw) || DEFAULT_BASE_URL;
	base = base
		.replace(/\/+$/, '')
		.replace(/\/v\d+(\.\d+)?$/i, '')
		.replace(/\/+$/, '');
	if (!/^https?:\/\/[^/\s]+/i.test(base)) return undefined;
	return base;
}

/** "v24.0", "24.0" and " v24.0 " become "v24.0"; anything else is undefined. */
export function normalizeApiVersion(raw: unknown): string | undefined {
	const version = text(raw) || DEFAULT_API_VERSION;
	if (/^v\d+(\.\d+)?$/i.test(version)) return version.toLowerCase();
	if (/^\d+(\.\d+)?$/.test(version)) return `v${version}`;
	return undefined;
}

async function loadCredentials(
	ctx: GraphContext,
	itemIndex?: number,
): Promise<ResolvedCredentials> {
	const cached = credentialCache.get(ctx);
	if (cached) return await cached;
	const loading = (async () => {
		const raw = (await (ctx as IExecuteFunctions).getCredentials(
			CREDENTIAL_TYPE,
			itemIndex,
		)) as IDataObject;
		const token = text(raw.accessToken);
		const secrets = [
			token,
			token.replace(/^Bearer\s+/i, ''),
			text(raw.appSecret),
			text(raw.verifyToken),
		].filter((s) => s !== '');
		const baseUrl = normalizeBaseUrl(raw.baseUrl);
		if (baseUrl === undefined) {
			throw new NodeOperationError(
				ctx.getNode(),
				`API Base URL "${redactSecrets(text(raw.baseUrl), secrets)}" is not a URL`,
				{
					description:
						'Set API Base URL in the WhatsApp Cloud API credential to https://graph.facebook.com (or the full URL of your sandbox or proxy).',
					itemIndex,
				},
			);
		}
		const apiVersion = normalizeApiVersion(raw.apiVersion);
		if (apiVersion === undefined) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Graph API Version "${text(raw.apiVersion)}" is not a version`,
				{
					description:
						'Set Graph API Version in the WhatsApp Cloud API credential to a value like v24.0.',
					itemIndex,
				},
			);
		}
		return {
			baseUrl,
			apiVersion,
			phoneNumberId: text(raw.phoneNumberId),
			businessAccountId: text(raw.businessAccountId),
			secrets,
		};
	})();
	credentialCache.set(ctx, loading);
	try {
		return await loading;
	} catch (error) {
		credentialCache.delete(ctx);
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
}

/** The credential's non-secret settings, normalized. Never returns the token or secrets. */
export async function getAccountInfo(this: GraphContext): Promise<AccountInfo> {
	const { phoneNumberId, businessAccountId, apiVersion, baseUrl } = await loadCredentials(this);
	return { phoneNumberId, businessAccountId, apiVersion, baseUrl };
}

/** {baseUrl}/{apiVersion}{path}. */
export function buildGraphUrl(
	account: Pick<AccountInfo, 'baseUrl' | 'apiVersion'>,
	path: string,
): string {
	return `${account.baseUrl}/${account.apiVersion}${path}`;
}

function checkPath(ctx: GraphContext, path: string, itemIndex?: number): void {
	if (typeof path !== 'string' || !path.startsWith('/') || path.includes('?')) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Internal error: Graph path "${String(path)}" must start with "/" and carry no query`,
			{
				itemIndex,
			},
		);
	}
	if (/\/\/|\/(undefined|null)(\/|$)|\/$/.test(path) || path === '/') {
		throw new NodeOperationError(
			ctx.getNode(),
			`The Graph request path "${path}" has an empty ID`,
			{
				description:
					'Is the Phone Number ID or WhatsApp Business Account ID field of the WhatsApp Cloud API credential empty? Fill it in (WhatsApp > API Setup in the Meta app dashboard).',
				itemIndex,
			},
		);
	}
}

const TOKEN_QUERY_KEYS = /^(access_token|appsecret_proof)$/i;

function withoutTokenParams(qs: IDataObject | undefined): IDataObject | undefined {
	if (!qs) return undefined;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(qs)) {
		if (!TOKEN_QUERY_KEYS.test(key) && value !== undefined) out[key] = value;
	}
	return Object.keys(out).length > 0 ? out : undefined;
}

function isErrorBody(value: unknown): boolean {
	const obj = asObject(value);
	const err = obj ? asObject(obj.error) : undefined;
	return (
		!!err &&
		(typeof err.code === 'number' || typeof err.message === 'string') &&
		Object.keys(obj ?? {}).length <= 2
	);
}

// ---------------------------------------------------------------------------------------------
// Requests

/**
 * One Graph API call. `path` is relative to {baseUrl}/{apiVersion} and starts with "/",
 * e.g. `/${phoneNumberId}/messages`. Throws WhatsAppApiError on any HTTP or network failure.
 */
export async function graphRequest<T = IDataObject>(
	this: GraphContext,
	method: IHttpRequestMethods,
	path: string,
	options: GraphRequestOptions = {},
): Promise<T> {
	const { itemIndex } = options;
	checkPath(this, path, itemIndex);
	const account = await loadCredentials(this, itemIndex);
	const request: IHttpRequestOptions = {
		method,
		url: buildGraphUrl(account, path),
		json: true,
	};
	const qs = withoutTokenParams(options.qs);
	if (qs) request.qs = qs;
	if (options.rawBody !== undefined) request.body = options.rawBody;
	else if (options.body !== undefined) request.body = options.body;
	if (options.headers) {
		const headers: IDataObject = {};
		for (const [key, value] of Object.entries(options.headers)) {
			if (key.toLowerCase() !== 'authorization') headers[key] = value;
		}
		request.headers = headers;
	}
	if (options.timeout !== undefined) request.timeout = options.timeout;

	let response: unknown;
	try {
		response = await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			request,
		);
	} catch (error) {
		throw toGraphError(this.getNode(), error, { path, account }, itemIndex);
	}
	if (isErrorBody(response)) {
		// A proxy or emulator that answers 200 with a Graph error body.
		throw toGraphError(
			this.getNode(),
			{ response: { status: 200, data: response } },
			{ path, account },
			itemIndex,
		);
	}
	return response as T;
}

/** Hosts that may receive the access token with a media file download. */
const META_MEDIA_HOSTS = /(^|\.)(fbsbx\.com|facebook\.com|fbcdn\.net|whatsapp\.net)$/i;

/**
 * Whether the access token may be sent to this (absolute) media URL: https on one of Meta's
 * hosts, or the same origin as the credential's API Base URL (the sandbox or a proxy).
 */
export function isTrustedMediaUrl(url: string, baseUrl: string): boolean {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return false;
	}
	try {
		if (target.origin === new URL(baseUrl).origin) return true;
	} catch {
		// A bad base URL trusts nothing but Meta.
	}
	return target.protocol === 'https:' && META_MEDIA_HOSTS.test(target.hostname);
}

export interface DownloadedFile {
	data: Buffer;
	/** Response headers as the request helper gives them (content-type, content-disposition...). */
	headers: Record<string, unknown>;
}

/**
 * GET an absolute media file URL (what GET /{media-id} returns; it lives about 5 minutes and
 * needs the access token) as bytes. The token is only sent to Meta's own hosts or the
 * credential's API Base URL origin, never along cross-origin redirects. Errors are parsed and
 * scrubbed like graphRequest's.
 */
export async function graphDownload(
	this: GraphContext,
	url: string,
	options: { itemIndex?: number } = {},
): Promise<DownloadedFile> {
	const { itemIndex } = options;
	const account = await loadCredentials(this, itemIndex);
	if (!isTrustedMediaUrl(url, account.baseUrl)) {
		let host = 'an unparsable URL';
		try {
			host = new URL(url).hostname;
		} catch {
			// keep the generic wording
		}
		throw new NodeOperationError(
			this.getNode(),
			'Meta returned a media URL on an unexpected host; not sending the access token there',
			{
				itemIndex,
				description: `The file URL's host (${redactSecrets(host, account.secrets)}) is neither one of Meta's hosts nor the credential's API Base URL. Check API Base URL in the credential; use Media > Get URL to see the address.`,
			},
		);
	}
	const request: IHttpRequestOptions = {
		method: 'GET',
		url,
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
		sendCredentialsOnCrossOriginRedirect: false,
	};
	let answer: { body?: unknown; headers?: Record<string, unknown> } | undefined;
	try {
		answer = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			request,
		)) as typeof answer;
	} catch (error) {
		throw toGraphError(this.getNode(), error, { path: '/media-file', account }, itemIndex);
	}
	const body = answer?.body;
	const data = Buffer.isBuffer(body)
		? body
		: body instanceof ArrayBuffer
			? Buffer.from(body)
			: typeof body === 'string'
				? Buffer.from(body, 'binary')
				: Buffer.alloc(0);
	return { data, headers: answer?.headers ?? {} };
}

export interface AllPagesOptions {
	itemIndex?: number;
	/** Stop after this many pages (default 1000). */
	maxPages?: number;
	/** Stop once this many rows are collected. */
	maxItems?: number;
}

interface Page<T> {
	data?: T[];
	paging?: { next?: string; cursors?: { after?: string } };
}

/**
 * GETs `path` and follows `paging.next` until the last page; returns every `data` row.
 * The next URL is re-based on the credential's base URL and stripped of any access_token, so
 * the token only ever travels in the Authorization header to the configured host.
 */
export async function graphRequestAllPages<T = IDataObject>(
	this: GraphContext,
	path: string,
	qs: IDataObject = {},
	options: AllPagesOptions = {},
): Promise<T[]> {
	const maxPages = options.maxPages ?? 1000;
	const rows: T[] = [];
	const seen = new Set<string>();
	let nextPath = path;
	let nextQs: IDataObject = qs;
	for (let page = 0; page < maxPages; page++) {
		const response = (await graphRequest.call(this, 'GET', nextPath, {
			qs: nextQs,
			itemIndex: options.itemIndex,
		})) as Page<T>;
		const data = Array.isArray(response?.data) ? response.data : [];
		rows.push(...data);
		if (options.maxItems !== undefined && rows.length >= options.maxItems)
			return rows.slice(0, options.maxItems);
		if (data.length === 0) break;
		const next = nextPageRequest(response.paging, path, qs);
		if (!next) break;
		const key = `${next.path}?${JSON.stringify(next.qs)}`;
		if (seen.has(key)) break;
		seen.add(key);
		nextPath = next.path;
		nextQs = next.qs;
	}
	return rows;
}

/** Turns paging.next (absolute URL) or paging.cursors.after into a path + query for graphRequest. */
export function nextPageRequest(
	paging: Page<unknown>['paging'],
	path: string,
	qs: IDataObject,
): { path: string; qs: IDataObject } | undefined {
	if (!paging) return undefined;
	if (typeof paging.next === 'string' && paging.next !== '') {
		try {
			const url = new URL(paging.next);
			const match = /^(?:.*?)\/v\d+(?:\.\d+)?(\/.+)$/.exec(url.pathname);
			if (match) {
				const nextQs: IDataObject = {};
				url.searchParams.forEach((value, key) => {
					if (!TOKEN_QUERY_KEYS.test(key)) nextQs[key] = value;
				});
				return { path: match[1], qs: nextQs };
			}
		} catch {
			// Not a URL: fall back to the cursor below.
		}
	}
	const after = paging.cursors?.after;
	if (typeof after === 'string' && after !== '' && typeof paging.next === 'string') {
		return { path, qs: { ...qs, after } };
	}
	return undefined;
}

export { redactValue as redactDeep };
