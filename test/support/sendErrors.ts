/**
 * Errors as the sender meets them: an Error carrying a `graph` object like WhatsAppApiError's
 * (code, HTTP status, retryable, Retry-After, network code), and one per kind of failure the
 * sender treats differently.
 */
export interface GraphErrorFields {
	code?: number;
	subcode?: number;
	httpStatus?: number;
	retryable?: boolean;
	retryAfterMs?: number;
	transport?: 'response' | 'network';
	networkCode?: string;
	ambiguous?: boolean;
}

/** An error shaped like WhatsAppApiError: an Error with a `graph` object. */
export function graphError(
	fields: GraphErrorFields,
	message = 'graph error',
): Error & { graph: object } {
	const error = new Error(message) as Error & { graph: object };
	error.graph = {
		title: message,
		message,
		fix: 'test fix',
		retryable: false,
		transport: 'response',
		...fields,
	};
	return error;
}

export const errors = {
	throughput: (retryAfterMs?: number) =>
		graphError(
			{ code: 130429, httpStatus: 400, retryable: true, retryAfterMs },
			'130429 rate limit hit',
		),
	http429: (retryAfterMs?: number) =>
		graphError({ httpStatus: 429, retryable: true, retryAfterMs }, 'HTTP 429 too many requests'),
	pair: (retryAfterMs?: number) =>
		graphError(
			{ code: 131056, httpStatus: 400, retryable: true, retryAfterMs },
			'131056 pair rate limit',
		),
	server: () =>
		graphError({ code: 131000, httpStatus: 500, retryable: true }, '131000 something went wrong'),
	bare503: () => graphError({ httpStatus: 503, retryable: true }, 'HTTP 503'),
	network: (networkCode: string) =>
		graphError({ transport: 'network', networkCode, retryable: true }, `network ${networkCode}`),
	permanent: (code: number, httpStatus = 400) =>
		graphError({ code, httpStatus, retryable: false }, `permanent ${code}`),
};
