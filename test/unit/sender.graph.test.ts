/**
 * The sender's classification applied to real WhatsAppApiErrors, as transport/errors/parseError.ts builds
 * them from HTTP client failures: proves the two agree on field names and meanings.
 */
import type { INode } from 'n8n-workflow';

import { toGraphError } from '../../nodes/WhatsAppCloud/transport/errors/parseError';
import { classifySendError } from '../../nodes/WhatsAppCloud/sending/classify';

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

describe('classifySendError on errors built by transport/errors/parseError.ts', () => {
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
