/**
 * X-Hub-Signature-256: HMAC-SHA256 of the raw body bytes with the App Secret, compared in constant
 * time; every way a request can fail the check.
 */
import { createHmac } from 'node:crypto';

import {
	safeEqual,
	signBody,
	verifySignature,
} from '../../../nodes/WhatsAppCloud/webhook/signature';
import { APP_SECRET, inbound, inboundDelivery } from '../../support/webhook.fixtures';

const hmacHex = (body: Buffer | string, secret = APP_SECRET) =>
	createHmac('sha256', secret).update(body).digest('hex');

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

describe('safeEqual', () => {
	it('safeEqual compares exactly', () => {
		expect(safeEqual('abc', 'abc')).toBe(true);
		expect(safeEqual('abc', 'abd')).toBe(false);
		expect(safeEqual('abc', 'abcd')).toBe(false);
		expect(safeEqual('', '')).toBe(true);
	});
});
