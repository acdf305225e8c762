/**
 * Recipient phone numbers in the form Meta expects: "+" and 8-15 digits (E.164).
 *
 * Accepted: "+15551234567", "+1 (555) 123-4567", "0015551234567" (00 international prefix),
 * and the digits-only wa_id that webhooks carry ("15551234567", read as international).
 * Rejected with a message that names the value and the fix: letters, too few / too many digits,
 * a national number with a trunk 0 and no country code.
 */

export class PhoneNumberError extends Error {
	/** The value as the user gave it (stringified). */
	readonly value: string;
	/** What is wrong, e.g. "contains letters". */
	readonly reason: string;
	/** What to do about it. */
	readonly fix: string;

	constructor(value: string, reason: string, fix: string, field?: string) {
		const where = field ? ` in "${field}"` : '';
		super(`Invalid phone number "${value}"${where}: ${reason}. ${fix}`);
		this.name = 'PhoneNumberError';
		this.value = value;
		this.reason = reason;
		this.fix = fix;
	}
}

const MIN_DIGITS = 8;
const MAX_DIGITS = 15;
const EXAMPLE = 'e.g. +15551234567';
const INTERNATIONAL_FIX = `Write it in international format: + then country code then number, ${EXAMPLE}`;

/** Characters people use to group digits; they are dropped. Unicode spaces count too. */
const SEPARATORS = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000().\-/\u2010-\u2015]/g;

function show(value: unknown): string {
	if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 40)}...` : value;
	if (typeof value === 'number' || typeof value === 'bigint') return String(value);
	if (value === null) return 'null';
	if (value === undefined) return 'undefined';
	return typeof value;
}

/**
 * Returns "+" followed by the digits of an international phone number, or throws
 * PhoneNumberError. `field` names the parameter in the message (e.g. "To").
 */
export function normalizePhoneNumber(value: unknown, field?: string): string {
	const shown = show(value);
	const fail = (reason: string, fix: string): never => {
		throw new PhoneNumberError(shown, reason, fix, field);
	};

	let text: string;
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value) || value <= 0) {
			fail('a number field lost its digits', `Store phone numbers as text, ${EXAMPLE}`);
		}
		text = String(value);
	} else if (typeof value === 'bigint') {
		text = value.toString();
	} else if (typeof value === 'string') {
		text = value;
	} else {
		return fail('it is not text', `Map a phone number string here, ${EXAMPLE}`);
	}

	text = text.trim();
	if (text === '') fail('it is empty', `Provide the recipient's number, ${EXAMPLE}`);

	if (/^whatsapp:/i.test(text)) {
		fail('it has a "whatsapp:" prefix', `Remove the prefix and keep only the number, ${EXAMPLE}`);
	}
	if (/[a-z]/i.test(text)) {
		fail(
			'it contains letters',
			`Use digits only (no extensions or vanity letters). ${INTERNATIONAL_FIX}`,
		);
	}

	// "+44 (0)20 7946 0958": the "(0)" is the national trunk prefix, not part of the number.
	const international = /^(\+|00)/.test(text);
	const compact = (international ? text.replace(/\(\s*0\s*\)/g, '') : text).replace(SEPARATORS, '');
	let digits: string;
	if (compact.startsWith('+')) {
		digits = compact.slice(1);
		if (digits.startsWith('+')) fail('it starts with more than one "+"', INTERNATIONAL_FIX);
		if (digits.startsWith('0')) {
			fail(
				'a country code never starts with 0',
				`Drop the 0 after "+" (the national trunk prefix). ${INTERNATIONAL_FIX}`,
			);
		}
	} else if (compact.startsWith('00')) {
		// 00 is the international call prefix in most countries: 0044... means +44...
		digits = compact.slice(2);
		if (digits.startsWith('0')) fail('the country code after 00 starts with 0', INTERNATIONAL_FIX);
	} else if (compact.startsWith('0')) {
		return fail(
			'it looks like a national number (trunk 0) without a country code',
			`Replace the leading 0 with + and the country code, e.g. 07700 900123 in the UK becomes +447700900123`,
		);
	} else {
		// Digits only: the wa_id form that webhooks deliver, already international.
		digits = compact;
	}

	if (!/^\d*$/.test(digits)) {
		const bad = digits.replace(/\d/g, '').slice(0, 5);
		fail(`it contains characters that are not digits ("${bad}")`, INTERNATIONAL_FIX);
	}
	if (digits.length < MIN_DIGITS) {
		fail(
			`it has ${digits.length} digit${digits.length === 1 ? '' : 's'}, fewer than ${MIN_DIGITS}`,
			`Include the country code and the full number. ${INTERNATIONAL_FIX}`,
		);
	}
	if (digits.length > MAX_DIGITS) {
		fail(
			`it has ${digits.length} digits, more than the ${MAX_DIGITS} an international number can have`,
			`Check for extra digits or a national prefix left in after the country code. ${INTERNATIONAL_FIX}`,
		);
	}
	return `+${digits}`;
}

/** True when the value would normalize without error. */
export function isValidPhoneNumber(value: unknown): boolean {
	try {
		normalizePhoneNumber(value);
		return true;
	} catch {
		return false;
	}
}
