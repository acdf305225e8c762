/**
 * Meta's verification request: GET <callback>?hub.mode=subscribe&hub.verify_token=<token>
 * &hub.challenge=<random>. The endpoint proves it is ours by answering 200 with exactly the
 * challenge, as text/plain; anything else must be refused (403) without running the workflow.
 */
import { safeEqual } from './signature';

export type HandshakeFailure =
	| 'no-verify-token-configured'
	| 'wrong-mode'
	| 'missing-token'
	| 'wrong-token'
	| 'missing-challenge';

export type HandshakeResult =
	| { ok: true; challenge: string }
	| { ok: false; reason: HandshakeFailure };

/** Reads `hub.<name>` whether the query parser kept the dotted key or nested it (`hub: {...}`). */
function hubParam(query: unknown, name: string): unknown {
	if (query === null || typeof query !== 'object') return undefined;
	const record = query as Record<string, unknown>;
	const dotted = record[`hub.${name}`];
	if (dotted !== undefined) return dotted;
	const hub = record.hub;
	if (hub !== null && typeof hub === 'object') return (hub as Record<string, unknown>)[name];
	return undefined;
}

export function verifyHandshake(query: unknown, expectedToken: unknown): HandshakeResult {
	if (typeof expectedToken !== 'string' || expectedToken.length === 0) {
		return { ok: false, reason: 'no-verify-token-configured' };
	}
	if (hubParam(query, 'mode') !== 'subscribe') return { ok: false, reason: 'wrong-mode' };

	const token = hubParam(query, 'verify_token');
	// A repeated parameter arrives as an array: refuse it rather than guess which one counts.
	if (typeof token !== 'string' || token.length === 0)
		return { ok: false, reason: 'missing-token' };
	if (!safeEqual(token, expectedToken)) return { ok: false, reason: 'wrong-token' };

	const challenge = hubParam(query, 'challenge');
	if (typeof challenge !== 'string' || challenge.length === 0) {
		return { ok: false, reason: 'missing-challenge' };
	}
	return { ok: true, challenge };
}
