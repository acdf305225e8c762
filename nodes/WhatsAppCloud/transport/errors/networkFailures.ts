/**
 * What a failure without an HTTP answer means, by its network code (refused, unknown host,
 * timeout, reset, TLS...): title, fix, whether a retry can help, and whether Meta may have the
 * request already.
 */
import type { GraphErrorInfo } from './whatsAppApiError';

const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL|EPROTO/;

export function describeNetworkFailure(
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
