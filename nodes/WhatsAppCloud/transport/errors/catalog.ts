/**
 * What a Graph API / WhatsApp Cloud API error code means for the person running the workflow:
 * a short title, one actionable line ("fix") and whether retrying the same request can help.
 *
 * Facts (codes, HTTP statuses, retryability) follow Meta's published error-code table; the
 * wording is ours and is written for no-code users. Entries keyed "code:subcode" refine a code.
 * The entries (data) live in catalogAccess.ts and catalogMessaging.ts; this file reads them.
 */
import { ACCESS_ERRORS } from './catalogAccess';
import type { CatalogEntry, GraphErrorDescription } from './catalogEntry';
import { MESSAGING_ERRORS } from './catalogMessaging';

export type { CatalogEntry, GraphErrorDescription } from './catalogEntry';

/** Known Cloud API / Graph API codes. Keys are the numeric code, or "code:subcode". */
export const ERROR_CATALOG: Readonly<Record<string, CatalogEntry>> = {
	...ACCESS_ERRORS,
	...MESSAGING_ERRORS,
};

/** Codes 200-299 are Graph's permission family: one shared explanation. */
const PERMISSION_FAMILY: GraphErrorDescription = {
	title: 'API permission missing',
	fix: "The Access Token lacks a permission needed for this call. Give it whatsapp_business_messaging and whatsapp_business_management and assign the WhatsApp Business Account to the token's System User.",
	retryable: false,
};

/** Fallbacks by HTTP status when Meta's code is unknown or missing. */
function describeByHttpStatus(
	code: number | undefined,
	httpStatus: number | undefined,
): GraphErrorDescription {
	const codeText = code === undefined ? '' : ` (code ${code})`;
	if (httpStatus === 429) {
		return {
			title: 'Too many requests',
			fix: 'The API is throttling requests. Wait and retry (enable "Retry On Fail") or lower the node\'s rate.',
			retryable: true,
		};
	}
	if (httpStatus !== undefined && httpStatus >= 500) {
		return {
			title: `Graph API server error${codeText}`,
			fix: 'Meta (or the server at the API Base URL) failed to process the request. Retry later; check metastatus.com if it persists.',
			retryable: true,
		};
	}
	if (httpStatus === 401) {
		return {
			title: `Not authorized${codeText}`,
			fix: 'The Access Token was rejected. Paste a valid token into the credential (a System User token does not expire; temporary API Setup tokens last 24 hours).',
			retryable: false,
		};
	}
	if (httpStatus === 403) {
		return {
			title: `Forbidden${codeText}`,
			fix: 'The Access Token is not allowed to do this. Check its permissions (whatsapp_business_messaging, whatsapp_business_management) and that the phone number and WhatsApp Business Account are assigned to it.',
			retryable: false,
		};
	}
	if (httpStatus === 404) {
		return {
			title: `Not found${codeText}`,
			fix: 'Nothing exists at this address. Check the Phone Number ID / WhatsApp Business Account ID, the Graph API Version (e.g. v24.0) and the API Base URL (default https://graph.facebook.com, without a version or trailing path).',
			retryable: false,
		};
	}
	return {
		title:
			code === undefined
				? `Graph API request failed${httpStatus ? ` (HTTP ${httpStatus})` : ''}`
				: `WhatsApp Cloud API error ${code}`,
		fix: "Meta rejected the request. Read Meta's message and details, correct the node's fields, and look the code up in Meta's WhatsApp Cloud API error-code reference if needed.",
		retryable: false,
	};
}

/**
 * Title, one-line fix and retryability for a Graph error. Every argument is optional: an
 * unknown code falls back to the HTTP status (429 and 5xx are retryable), then to a generic
 * explanation.
 */
export function describeGraphError(
	code?: number,
	subcode?: number,
	httpStatus?: number,
): GraphErrorDescription {
	if (code !== undefined && subcode !== undefined) {
		const specific = ERROR_CATALOG[`${code}:${subcode}`];
		if (specific)
			return { title: specific.title, fix: specific.fix, retryable: specific.retryable };
	}
	if (code !== undefined) {
		const entry = ERROR_CATALOG[String(code)];
		if (entry) return { title: entry.title, fix: entry.fix, retryable: entry.retryable };
		if (code >= 200 && code <= 299) return { ...PERMISSION_FAMILY };
	}
	return describeByHttpStatus(code, httpStatus);
}

/** The codes the catalog knows (numeric part only, without subcode refinements). */
export function catalogedCodes(): number[] {
	return Object.keys(ERROR_CATALOG)
		.filter((key) => !key.includes(':'))
		.map(Number)
		.sort((a, b) => a - b);
}
