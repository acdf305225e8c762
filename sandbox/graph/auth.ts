/**
 * The access token check of every Graph call: Bearer header (or, refused by default, the
 * access_token query parameter), with Meta's codes for a missing (104), wrong (190) or expired
 * (190 / 463) token, and a pitfall record for each mistake a credential field can cause.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { errors } from '../core/errors';
import type { GraphContext } from './context';

export function authenticate(
	ctx: GraphContext,
	headers: IncomingHttpHeaders,
	query: URLSearchParams,
): void {
	const header = headers.authorization;
	const queryToken = query.get('access_token');
	let token: string | undefined;
	if (queryToken !== null) {
		ctx.pitfall(
			'token_in_query',
			'access_token was sent in the URL query string; send it in the Authorization header',
		);
		if (ctx.knobs.queryToken === 'reject') throw errors.tokenInQuery();
		token = queryToken;
	}
	if (header !== undefined) {
		const m = /^Bearer(?:\s+(.*))?$/i.exec(header.trim());
		if (!m) {
			ctx.pitfall(
				'authorization_without_bearer',
				'Authorization header without the "Bearer " prefix',
			);
			throw errors.invalidToken();
		}
		token = (m[1] ?? '').trim();
		if (!token) {
			// "Bearer " with nothing after it: an empty Access Token field in the credential.
			ctx.pitfall('empty_token', 'Authorization: Bearer with an empty token');
			throw errors.invalidToken();
		}
	}
	if (token === undefined || token === '') throw errors.missingToken();
	if (ctx.identity.expiredTokens.includes(token)) throw errors.expiredToken();
	if (token !== ctx.identity.accessToken && !ctx.identity.extraTokens.includes(token))
		throw errors.invalidToken();
}
