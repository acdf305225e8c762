/**
 * How the sender classifies a failed send (retry, slow down, hold a recipient, retry only if double
 * sends are accepted, fail now), on errors shaped like WhatsAppApiError and on real ones built from
 * HTTP client failures by the transport, which proves the two agree on field names and meanings.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { classifySendError } from '../../../nodes/WhatsAppCloud/sending/classify';
import { toGraphError } from '../../../nodes/WhatsAppCloud/transport/errors/parseError';
import { errors, graphError } from '../../support/sendErrors';

const node = {
	id: 'n1',
	name: 'WhatsApp Cloud',
	type: 'whatsAppCloud',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;
const facts = {
	path: '/109876543210987/messages',
	account: {
		phoneNumberId: '109876543210987',
		businessAccountId: '209876543210987',
		apiVersion: 'v24.0',
		baseUrl: 'https://graph.facebook.com',
		secrets: ['EAAtestsecrettoken'],
	},
};

/** What n8n's HTTP helper rejects with when Graph answers an error. */
const answered = (status: number, data: unknown, headers: Record<string, string> = {}) =>
	Object.assign(new Error(`Request failed with status code ${status}`), {
		response: { status, data, headers },
	});
const graphBody = (code: number, message = 'error') => ({
	error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEfTrace' },
});
/** What it rejects with when no answer came. */
const unanswered = (code: string) =>
	Object.assign(new Error(`connect ${code} 127.0.0.1:443`), { code });

const kind = (raw: unknown) => classifySendError(toGraphError(node, raw, facts as never));

describe('classifySendError', () => {
	it.each([
		['130429 throughput', errors.throughput(), 'throughput'],
		['HTTP 429', errors.http429(), 'throughput'],
		[
			'code 4 app call limit',
			graphError({ code: 4, httpStatus: 400, retryable: true }),
			'throughput',
		],
		[
			'80007 WABA rate limit',
			graphError({ code: 80007, httpStatus: 400, retryable: true }),
			'throughput',
		],
		['131056 pair rate limit', errors.pair(), 'pair'],
		['ECONNREFUSED', errors.network('ECONNREFUSED'), 'transient'],
		['ENOTFOUND', errors.network('ENOTFOUND'), 'transient'],
		['EAI_AGAIN', errors.network('EAI_AGAIN'), 'transient'],
		['econnrefused (any case)', errors.network('econnrefused'), 'transient'],
		['ECONNRESET', errors.network('ECONNRESET'), 'maybeSent'],
		['ETIMEDOUT', errors.network('ETIMEDOUT'), 'maybeSent'],
		['unknown network failure', graphError({ transport: 'network' }), 'maybeSent'],
		// as transport/errors/networkFailures.ts describes network failures
		[
			'ECONNREFUSED marked not retryable by the transport',
			graphError({
				transport: 'network',
				networkCode: 'ECONNREFUSED',
				retryable: false,
				ambiguous: false,
			}),
			'transient',
		],
		[
			'ENOTFOUND marked not retryable by the transport',
			graphError({
				transport: 'network',
				networkCode: 'ENOTFOUND',
				retryable: false,
				ambiguous: false,
			}),
			'transient',
		],
		[
			'ECONNRESET marked ambiguous',
			graphError({
				transport: 'network',
				networkCode: 'ECONNRESET',
				retryable: true,
				ambiguous: true,
			}),
			'maybeSent',
		],
		[
			'TLS certificate rejected',
			graphError({
				transport: 'network',
				networkCode: 'SELF_SIGNED_CERT_IN_CHAIN',
				retryable: false,
				ambiguous: false,
			}),
			'permanent',
		],
		[
			'invalid base URL',
			graphError({
				transport: 'network',
				networkCode: 'ERR_INVALID_URL',
				retryable: false,
				ambiguous: false,
			}),
			'permanent',
		],
		[
			'cancelled by the execution',
			graphError({
				transport: 'network',
				networkCode: 'ERR_CANCELED',
				retryable: false,
				ambiguous: true,
			}),
			'permanent',
		],
		[
			'unknown code, transport says not sent and not retryable',
			graphError({
				transport: 'network',
				networkCode: 'UND_ERR_SOCKET',
				retryable: false,
				ambiguous: false,
			}),
			'permanent',
		],
		['131000 (500, retryable)', errors.server(), 'maybeSent'],
		['bare 502', graphError({ httpStatus: 502 }), 'maybeSent'],
		['131045 (500, not retryable)', errors.permanent(131045, 500), 'permanent'],
		[
			'code 1 (400, retryable: never reached a send)',
			graphError({ code: 1, httpStatus: 400, retryable: true }),
			'transient',
		],
		['131030 not in allowed list', errors.permanent(131030), 'permanent'],
		['132000 param count mismatch', errors.permanent(132000), 'permanent'],
		['100 invalid parameter', errors.permanent(100), 'permanent'],
		['131048 spam rate limit (not ours to retry)', errors.permanent(131048), 'permanent'],
		['plain Error', new Error('bad input'), 'permanent'],
		[
			'NodeOperationError without graph',
			new NodeOperationError({ name: 'n' } as never, 'x'),
			'permanent',
		],
		['a string', 'oops', 'permanent'],
		['undefined', undefined, 'permanent'],
	])('%s -> %s', (_label, error, kind) => {
		expect(classifySendError(error).kind).toBe(kind);
	});

	it('carries Retry-After through', () => {
		expect(classifySendError(errors.http429(1_500))).toEqual({
			kind: 'throughput',
			retryAfterMs: 1_500,
		});
		expect(classifySendError(errors.pair(9_000))).toEqual({ kind: 'pair', retryAfterMs: 9_000 });
		expect(classifySendError(errors.throughput())).toEqual({ kind: 'throughput' });
	});
});

describe('classifySendError on errors the transport builds', () => {
	it.each([
		[
			'130429 (HTTP 400)',
			'throughput',
			answered(400, graphBody(130429, '(#130429) Rate limit hit')),
		],
		['HTTP 429 without a Graph body', 'throughput', answered(429, 'Too Many Requests')],
		['131056 pair rate limit', 'pair', answered(400, graphBody(131056))],
		['131000 (HTTP 500)', 'maybeSent', answered(500, graphBody(131000, 'Something went wrong'))],
		['HTTP 502 HTML page', 'maybeSent', answered(502, '<html>Bad Gateway</html>')],
		['131030 recipient not allowed', 'permanent', answered(400, graphBody(131030))],
		['132000 parameter count', 'permanent', answered(400, graphBody(132000))],
		['100 invalid parameter', 'permanent', answered(400, graphBody(100))],
		['190 token expired', 'permanent', answered(401, graphBody(190))],
		['ECONNREFUSED', 'transient', unanswered('ECONNREFUSED')],
		['ENOTFOUND', 'transient', unanswered('ENOTFOUND')],
		['EAI_AGAIN', 'transient', unanswered('EAI_AGAIN')],
		['ECONNRESET', 'maybeSent', unanswered('ECONNRESET')],
		['ETIMEDOUT', 'maybeSent', unanswered('ETIMEDOUT')],
		['ECONNABORTED (client timeout)', 'maybeSent', unanswered('ECONNABORTED')],
		['ERR_CANCELED (execution stopped)', 'permanent', unanswered('ERR_CANCELED')],
		['TLS certificate rejected', 'permanent', unanswered('SELF_SIGNED_CERT_IN_CHAIN')],
	])('%s -> %s', (_label, expected, raw) => {
		expect(kind(raw).kind).toBe(expected);
	});

	it('reads Retry-After from the response headers', () => {
		expect(
			classifySendError(
				toGraphError(node, answered(429, '', { 'retry-after': '3' }), facts as never),
			),
		).toEqual({
			kind: 'throughput',
			retryAfterMs: 3_000,
		});
	});
});
