/**
 * Phone numbers to E.164: the forms accepted, and the values refused with what to fix.
 */
import {
	isValidPhoneNumber,
	normalizePhoneNumber,
	PhoneNumberError,
} from '../../../nodes/WhatsAppCloud/shared/phone';

describe('normalizePhoneNumber: accepted forms', () => {
	const accepted: Array<[unknown, string, string]> = [
		['+15551234567', '+15551234567', 'E.164 as is'],
		['+1 (555) 123-4567', '+15551234567', 'US formatting with spaces, brackets, dash'],
		['0015551234567', '+15551234567', '00 international prefix'],
		['15551234567', '+15551234567', 'digits-only wa_id from a webhook'],
		['  +15551234567  ', '+15551234567', 'surrounding whitespace'],
		['+44 7700 900123', '+447700900123', 'UK mobile with spaces'],
		['+44 (0)20 7946 0958', '+442079460958', 'UK "(0)" trunk marker after the country code'],
		['0044 20 7946 0958', '+442079460958', '00 prefix with spaces'],
		['+49.30.901820', '+4930901820', 'dots as separators'],
		['+55 11 98765-4321', '+5511987654321', 'Brazil mobile'],
		['+91-98765-43210', '+919876543210', 'India with dashes'],
		[
			'+1\u00a0555\u00a0123\u00a04567',
			'+15551234567',
			'non-breaking spaces (copied from a web page)',
		],
		['+1/555/123/4567', '+15551234567', 'slashes'],
		[15551234567, '+15551234567', 'a number value (spreadsheet cell)'],
		['+12345678', '+12345678', 'exactly 8 digits'],
		['+123456789012345', '+123456789012345', 'exactly 15 digits'],
	];
	it.each(accepted)('%p -> %p (%s)', (input, expected) => {
		expect(normalizePhoneNumber(input)).toBe(expected);
		expect(isValidPhoneNumber(input)).toBe(true);
	});
});

describe('normalizePhoneNumber: rejected values name the value and the fix', () => {
	const rejected: Array<[unknown, RegExp, string]> = [
		['+1 555 CALL NOW', /contains letters/, 'letters'],
		['555-1234 ext 12', /contains letters/, 'extension written with letters'],
		['whatsapp:+15551234567', /"whatsapp:" prefix/, 'Twilio-style prefix'],
		['+1234567', /7 digits, fewer than 8/, 'too short'],
		['12345', /5 digits, fewer than 8/, 'too short without +'],
		['+1234567890123456', /16 digits, more than the 15/, 'too long'],
		['07700 900123', /national number \(trunk 0\) without a country code/, 'UK national number'],
		['030 901820', /trunk 0/, 'German national number'],
		['+0 555 1234567', /country code never starts with 0/, 'plus followed by 0'],
		['++15551234567', /more than one "\+"/, 'double plus'],
		['+1555#1234567', /not digits/, 'hash sign'],
		['', /it is empty/, 'empty string'],
		['   ', /it is empty/, 'only spaces'],
		[undefined, /it is not text/, 'undefined'],
		[null, /it is not text/, 'null'],
		[{ phone: '+15551234567' }, /it is not text/, 'object'],
		[1.5e20, /lost its digits/, 'number beyond safe integer'],
		['000015551234567', /after 00 starts with 0/, '0000 prefix'],
	];
	it.each(rejected)('%p is rejected (%s)', (input, reason) => {
		let thrown: unknown;
		try {
			normalizePhoneNumber(input, 'To');
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(PhoneNumberError);
		const error = thrown as PhoneNumberError;
		expect(error.message).toMatch(reason);
		expect(error.message).toContain('in "To"');
		// The message quotes the offending value and says what to do.
		if (typeof input === 'string' && input.trim() !== '')
			expect(error.message).toContain(`"${input}"`);
		expect(error.fix.length).toBeGreaterThan(10);
		expect(error.message).toContain(error.fix);
		expect(isValidPhoneNumber(input)).toBe(false);
	});

	it('suggests the international form for a trunk-0 number', () => {
		expect(() => normalizePhoneNumber('07700 900123')).toThrow(
			/Replace the leading 0 with \+ and the country code/,
		);
	});

	it('is a plain Error subclass callers can wrap', () => {
		const error = (() => {
			try {
				normalizePhoneNumber('abc');
			} catch (e) {
				return e as PhoneNumberError;
			}
			throw new Error('expected a throw');
		})();
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('PhoneNumberError');
		expect(error.value).toBe('abc');
		expect(error.reason).toBe('it contains letters');
	});

	it('shortens very long values in the message', () => {
		const long = `+1${'2'.repeat(80)}`;
		expect(() => normalizePhoneNumber(long)).toThrow(/\.\.\."/);
	});
});
