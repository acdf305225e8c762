/**
 * Meta's verify-token handshake (GET hub.mode / hub.verify_token / hub.challenge).
 */
import { verifyHandshake } from '../../../nodes/WhatsAppCloud/webhook/handshake';
import { VERIFY_TOKEN } from '../../support/webhook.fixtures';

describe('verify-token handshake', () => {
	const query = (overrides: Record<string, unknown> = {}) => ({
		'hub.mode': 'subscribe',
		'hub.verify_token': VERIFY_TOKEN,
		'hub.challenge': '1158201444',
		...overrides,
	});

	it('right token and mode: ok with exactly the challenge', () => {
		expect(verifyHandshake(query(), VERIFY_TOKEN)).toEqual({ ok: true, challenge: '1158201444' });
	});

	it('the challenge is returned byte for byte, whatever it contains', () => {
		const challenge = 'aBc-123_<x>é';
		expect(verifyHandshake(query({ 'hub.challenge': challenge }), VERIFY_TOKEN)).toEqual({
			ok: true,
			challenge,
		});
	});

	it('nested query parsing (hub: { mode, ... }) works too', () => {
		const nested = { hub: { mode: 'subscribe', verify_token: VERIFY_TOKEN, challenge: '42' } };
		expect(verifyHandshake(nested, VERIFY_TOKEN)).toEqual({ ok: true, challenge: '42' });
	});

	it.each([
		['wrong token', query({ 'hub.verify_token': 'not-the-token' }), 'wrong-token'],
		[
			'token differing only in case',
			query({ 'hub.verify_token': VERIFY_TOKEN.toUpperCase() }),
			'wrong-token',
		],
		['token as prefix', query({ 'hub.verify_token': VERIFY_TOKEN.slice(0, -1) }), 'wrong-token'],
		[
			'token with extra character',
			query({ 'hub.verify_token': `${VERIFY_TOKEN} ` }),
			'wrong-token',
		],
		['missing token', query({ 'hub.verify_token': undefined }), 'missing-token'],
		['empty token', query({ 'hub.verify_token': '' }), 'missing-token'],
		[
			'repeated token (array)',
			query({ 'hub.verify_token': [VERIFY_TOKEN, VERIFY_TOKEN] }),
			'missing-token',
		],
		['wrong mode', query({ 'hub.mode': 'unsubscribe' }), 'wrong-mode'],
		['missing mode', query({ 'hub.mode': undefined }), 'wrong-mode'],
		['missing challenge', query({ 'hub.challenge': undefined }), 'missing-challenge'],
		['empty challenge', query({ 'hub.challenge': '' }), 'missing-challenge'],
		['no query at all', undefined, 'wrong-mode'],
	])('%s: refused', (_label, q, reason) => {
		expect(verifyHandshake(q, VERIFY_TOKEN)).toEqual({ ok: false, reason });
	});

	it('no verify token in the credential refuses everything, even an empty token', () => {
		expect(verifyHandshake(query({ 'hub.verify_token': '' }), '')).toEqual({
			ok: false,
			reason: 'no-verify-token-configured',
		});
		expect(verifyHandshake(query(), undefined)).toEqual({
			ok: false,
			reason: 'no-verify-token-configured',
		});
	});
});
