import { createHmac } from 'node:crypto';

import { verifyHandshake } from '../../nodes/WhatsAppCloud/webhook/handshake';
import { WebhookSecretsCache } from '../../nodes/WhatsAppCloud/webhook/secrets';
import { safeEqual, signBody, verifySignature } from '../../nodes/WhatsAppCloud/webhook/signature';
import { APP_SECRET, inbound, inboundDelivery, VERIFY_TOKEN } from '../support/webhook.fixtures';

const hmacHex = (body: Buffer | string, secret = APP_SECRET) =>
	createHmac('sha256', secret).update(body).digest('hex');

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

	it('safeEqual compares exactly', () => {
		expect(safeEqual('abc', 'abc')).toBe(true);
		expect(safeEqual('abc', 'abd')).toBe(false);
		expect(safeEqual('abc', 'abcd')).toBe(false);
		expect(safeEqual('', '')).toBe(true);
	});
});

describe('X-Hub-Signature-256', () => {
	const body = Buffer.from(
		JSON.stringify(inboundDelivery(inbound('text', { body: 'hello' }))),
		'utf8',
	);
	const valid = `sha256=${hmacHex(body)}`;

	it('valid signature', () => {
		expect(verifySignature(body, valid, APP_SECRET)).toEqual({ valid: true });
		expect(signBody(body, APP_SECRET)).toBe(valid);
	});

	it('upper-case hex is the same digest', () => {
		expect(verifySignature(body, `sha256=${hmacHex(body).toUpperCase()}`, APP_SECRET)).toEqual({
			valid: true,
		});
	});

	it.each([
		['missing header', undefined, 'missing-header'],
		['empty header', '', 'missing-header'],
		['wrong digest', `sha256=${hmacHex('something else')}`, 'mismatch'],
		['signed with another secret', `sha256=${hmacHex(body, 'other-secret')}`, 'mismatch'],
		['truncated digest', valid.slice(0, -2), 'malformed-header'],
		['digest too long', `${valid}00`, 'malformed-header'],
		['no prefix', hmacHex(body), 'malformed-header'],
		['sha1 prefix', `sha1=${hmacHex(body)}`, 'malformed-header'],
		['upper-case prefix', `SHA256=${hmacHex(body)}`, 'malformed-header'],
		['not hex', `sha256=${'z'.repeat(64)}`, 'malformed-header'],
		['whitespace around', ` ${valid} `, 'malformed-header'],
		['repeated header (array)', [valid, valid], 'malformed-header'],
		['number', 12345, 'malformed-header'],
	])('%s: refused with reason %s', (_label, header, reason) => {
		expect(verifySignature(body, header, APP_SECRET)).toEqual({ valid: false, reason });
	});

	it('no app secret in the credential refuses every request (fail closed)', () => {
		expect(verifySignature(body, valid, '')).toEqual({ valid: false, reason: 'missing-secret' });
		expect(verifySignature(body, valid, undefined)).toEqual({
			valid: false,
			reason: 'missing-secret',
		});
	});

	it("an App Secret pasted with spaces or a line break around it still checks (Meta's secret never has any)", () => {
		expect(verifySignature(body, valid, ` ${APP_SECRET}\n`)).toEqual({ valid: true });
		expect(verifySignature(body, valid, ' \t\n')).toEqual({
			valid: false,
			reason: 'missing-secret',
		});
	});

	it('no raw body refuses', () => {
		expect(verifySignature(undefined, valid, APP_SECRET)).toEqual({
			valid: false,
			reason: 'missing-body',
		});
		expect(verifySignature({ parsed: true }, valid, APP_SECRET)).toEqual({
			valid: false,
			reason: 'missing-body',
		});
	});

	it('never throws, whatever it is given', () => {
		const odd = [null, {}, [], 0, Symbol('x'), () => 1];
		for (const a of odd)
			for (const b of odd) expect(() => verifySignature(a, b, APP_SECRET)).not.toThrow();
	});

	describe('non-ASCII text: only the raw bytes count', () => {
		// The same JSON document written two ways: raw UTF-8 and \u escapes.
		const rawUtf8 = Buffer.from('{"text":{"body":"Grüße, José! ¿Qué tal? 👍"}}', 'utf8');
		const escaped = Buffer.from(
			'{"text":{"body":"Gr\\u00fc\\u00dfe, Jos\\u00e9! \\u00bfQu\\u00e9 tal? \\ud83d\\udc4d"}}',
			'utf8',
		);

		it('both spell the same JSON value but have different signatures', () => {
			expect(JSON.parse(rawUtf8.toString('utf8'))).toEqual(JSON.parse(escaped.toString('utf8')));
			expect(hmacHex(rawUtf8)).not.toBe(hmacHex(escaped));
		});

		it('each verifies against its own bytes', () => {
			expect(verifySignature(rawUtf8, `sha256=${hmacHex(rawUtf8)}`, APP_SECRET)).toEqual({
				valid: true,
			});
			expect(verifySignature(escaped, `sha256=${hmacHex(escaped)}`, APP_SECRET)).toEqual({
				valid: true,
			});
		});

		it("neither verifies with the other's signature (a re-serialised body is refused)", () => {
			expect(verifySignature(rawUtf8, `sha256=${hmacHex(escaped)}`, APP_SECRET)).toEqual({
				valid: false,
				reason: 'mismatch',
			});
			expect(verifySignature(escaped, `sha256=${hmacHex(rawUtf8)}`, APP_SECRET)).toEqual({
				valid: false,
				reason: 'mismatch',
			});
			const reserialised = Buffer.from(
				JSON.stringify(JSON.parse(escaped.toString('utf8'))),
				'utf8',
			);
			expect(verifySignature(reserialised, `sha256=${hmacHex(escaped)}`, APP_SECRET).valid).toBe(
				false,
			);
		});

		it('a string body is taken as its UTF-8 bytes', () => {
			expect(
				verifySignature(rawUtf8.toString('utf8'), `sha256=${hmacHex(rawUtf8)}`, APP_SECRET),
			).toEqual({ valid: true });
		});
	});

	it('a 3 MB body verifies, and one flipped byte is refused', () => {
		const big = Buffer.alloc(3 * 1024 * 1024, 'a');
		big.write('{"pad":"', 0);
		big.write('"}', big.length - 2);
		const header = `sha256=${hmacHex(big)}`;
		expect(verifySignature(big, header, APP_SECRET)).toEqual({ valid: true });
		const tampered = Buffer.from(big);
		tampered[1_500_000] = 'b'.charCodeAt(0);
		expect(verifySignature(tampered, header, APP_SECRET)).toEqual({
			valid: false,
			reason: 'mismatch',
		});
	});
});

describe('webhook secrets remembered per process', () => {
	it('reads the credential once per minute per key, then again', async () => {
		const cache = new WebhookSecretsCache(60_000, 10);
		let reads = 0;
		const load = async () => {
			reads++;
			return { appSecret: `secret-${reads}`, verifyToken: 'token' };
		};
		expect(await cache.get('wf:n:c', load, 1_000)).toEqual({
			secrets: { appSecret: 'secret-1', verifyToken: 'token' },
			fromCache: false,
		});
		for (let t = 1_001; t < 61_000; t += 5_000)
			expect((await cache.get('wf:n:c', load, t)).fromCache).toBe(true);
		expect(reads).toBe(1);
		expect(await cache.get('wf:n:c', load, 61_000)).toEqual({
			secrets: { appSecret: 'secret-2', verifyToken: 'token' },
			fromCache: false,
		});
		expect((await cache.get('other', load, 61_000)).secrets.appSecret).toBe('secret-3');
		expect(await cache.reload('wf:n:c', load, 62_000)).toEqual({
			appSecret: 'secret-4',
			verifyToken: 'token',
		});
		expect((await cache.get('wf:n:c', load, 62_001)).secrets.appSecret).toBe('secret-4');
	});

	it('is bounded: the oldest key is forgotten; a clock going back is not trusted', async () => {
		const cache = new WebhookSecretsCache(60_000, 2);
		const load = async () => ({ appSecret: 's', verifyToken: 't' });
		await cache.get('a', load, 0);
		await cache.get('b', load, 0);
		await cache.get('c', load, 0);
		expect((await cache.get('a', load, 1)).fromCache).toBe(false);
		expect((await cache.get('c', load, -5)).fromCache).toBe(false);
	});
});
