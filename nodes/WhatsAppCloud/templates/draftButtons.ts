/**
 * The buttons of a new template (quick reply, URL with an optional {{1}} suffix, phone number,
 * copy code), with Meta's counts and grouping rules, and an authentication template's
 * components (security recommendation, code expiry, copy-code OTP button).
 */
import type { IDataObject } from 'n8n-workflow';

import { charCount, isHttpUrl, textOf } from '../shared/fields';
import { LIMITS } from '../shared/limits';
import { fail, ok, type Result } from '../shared/problem';
import { PLACEHOLDER } from './placeholders';

export interface ButtonDraft {
	type?: unknown;
	text?: unknown;
	url?: unknown;
	urlExample?: unknown;
	phoneNumber?: unknown;
	couponExample?: unknown;
}

/** The fields of an AUTHENTICATION template (its body and button texts are Meta's own). */
export interface AuthenticationDraft {
	addSecurityRecommendation?: boolean;
	codeExpirationMinutes?: unknown;
	otpButtonText?: unknown;
}

const BUTTON_TYPES: Record<string, string> = {
	QUICK_REPLY: 'Quick Reply',
	URL: 'URL',
	PHONE_NUMBER: 'Phone Number',
	COPY_CODE: 'Copy Code',
};

/** The BUTTONS component. */
export function buildButtonsComponent(buttons: ButtonDraft[]): Result<IDataObject | undefined> {
	if (buttons.length === 0) return ok(undefined);
	if (buttons.length > LIMITS.templateButtons) {
		return fail(
			`${buttons.length} buttons; Meta allows at most ${LIMITS.templateButtons}`,
			'Remove buttons.',
			'buttons',
		);
	}
	const out: IDataObject[] = [];
	for (const [index, button] of buttons.entries()) {
		const label = `Button ${index + 1}`;
		const type = textOf(button.type)?.trim().toUpperCase() ?? '';
		if (!BUTTON_TYPES[type]) {
			return fail(
				`${label} has no valid type`,
				'Choose Quick Reply, URL, Phone Number or Copy Code.',
				'buttons',
			);
		}
		const text = textOf(button.text)?.trim() ?? '';
		if (type !== 'COPY_CODE') {
			if (text === '')
				return fail(
					`${label} (${BUTTON_TYPES[type]}) has no text`,
					'Type the button label, up to 25 characters.',
					'buttons',
				);
			if (charCount(text) > LIMITS.templateButtonText) {
				return fail(
					`${label} text is ${charCount(text)} characters; Meta allows at most ${LIMITS.templateButtonText}`,
					'Shorten the button label.',
					'buttons',
				);
			}
		}
		if (type === 'QUICK_REPLY') {
			out.push({ type, text });
		} else if (type === 'URL') {
			const url = textOf(button.url)?.trim() ?? '';
			const variables = [...url.matchAll(PLACEHOLDER)];
			const probe = url.replace(PLACEHOLDER, 'x');
			if (!isHttpUrl(probe) || charCount(url) > LIMITS.templateButtonUrl) {
				return fail(
					`${label} has no valid URL`,
					`Give a full https:// address of at most ${LIMITS.templateButtonUrl} characters; it may end with {{1}} for a per-message suffix.`,
					'buttons',
				);
			}
			const entry: IDataObject = { type, text, url };
			if (variables.length > 0) {
				if (variables.length > 1 || variables[0][0] !== '{{1}}' || !url.endsWith('{{1}}')) {
					return fail(
						`${label} URL has a misplaced variable`,
						'A URL button may have one variable, {{1}}, at the very end, e.g. https://example.com/track/{{1}}.',
						'buttons',
					);
				}
				const example = textOf(button.urlExample)?.trim() ?? '';
				if (example === '') {
					return fail(
						`${label} URL has {{1}} but no example`,
						'Meta requires an example: fill in URL Example with a sample value for {{1}} (or the full sample URL).',
						'buttons',
					);
				}
				entry.example = [example];
			}
			out.push(entry);
		} else if (type === 'PHONE_NUMBER') {
			const phone =
				textOf(button.phoneNumber)
					?.trim()
					.replace(/[\s()-]/g, '') ?? '';
			if (!/^\+?\d{6,19}$/.test(phone) || phone.length > LIMITS.templateButtonPhone) {
				return fail(
					`${label} has no valid phone number`,
					'Give the number in international format, e.g. +15550142277 (at most 20 characters).',
					'buttons',
				);
			}
			out.push({ type, text, phone_number: phone });
		} else {
			const code = textOf(button.couponExample)?.trim() ?? '';
			if (code === '' || charCount(code) > LIMITS.couponCode) {
				return fail(
					`${label} (Copy Code) needs an example code of 1 to ${LIMITS.couponCode} characters`,
					'Fill in Coupon Code Example with a sample code such as SPRING15.',
					'buttons',
				);
			}
			out.push({ type, example: code });
		}
	}
	const count = (type: string) => out.filter((b) => b.type === type).length;
	if (count('URL') > LIMITS.templateUrlButtons) {
		return fail(
			`${count('URL')} URL buttons; Meta allows at most ${LIMITS.templateUrlButtons}`,
			'Remove URL buttons.',
			'buttons',
		);
	}
	if (count('PHONE_NUMBER') > LIMITS.templatePhoneButtons) {
		return fail(
			`${count('PHONE_NUMBER')} phone number buttons; Meta allows one`,
			'Keep one phone number button.',
			'buttons',
		);
	}
	if (count('COPY_CODE') > LIMITS.templateCopyCodeButtons) {
		return fail(
			`${count('COPY_CODE')} copy code buttons; Meta allows one`,
			'Keep one copy code button.',
			'buttons',
		);
	}
	const quick = out.map((b) => b.type === 'QUICK_REPLY');
	const firstQuick = quick.indexOf(true);
	const lastQuick = quick.lastIndexOf(true);
	if (firstQuick !== -1 && quick.slice(firstQuick, lastQuick + 1).includes(false)) {
		return fail(
			'Quick reply buttons are mixed between other buttons',
			'Meta requires quick reply buttons to be grouped together: put them all before or all after the URL, phone number and copy code buttons.',
			'buttons',
		);
	}
	return ok({ type: 'BUTTONS', buttons: out });
}

/** An AUTHENTICATION template's components: body with the security recommendation option, footer
 *  with the code expiry, and a copy-code OTP button (Meta's authentication template shape). */
export function buildAuthenticationComponents(draft: AuthenticationDraft): Result<IDataObject[]> {
	const body: IDataObject = { type: 'BODY' };
	if (draft.addSecurityRecommendation) body.add_security_recommendation = true;
	const components: IDataObject[] = [body];
	const minutesText = textOf(draft.codeExpirationMinutes)?.trim() ?? '';
	const minutes = minutesText === '' ? 0 : Number(minutesText);
	if (!Number.isInteger(minutes) || minutes < 0 || minutes > LIMITS.authCodeExpirationMinutes) {
		return fail(
			`Code Expiration Minutes "${minutesText}" is not 1 to ${LIMITS.authCodeExpirationMinutes}`,
			`Give whole minutes from 1 to ${LIMITS.authCodeExpirationMinutes}, or 0 for no expiry notice.`,
			'codeExpirationMinutes',
		);
	}
	if (minutes > 0) components.push({ type: 'FOOTER', code_expiration_minutes: minutes });
	const text = textOf(draft.otpButtonText)?.trim() || 'Copy Code';
	if (charCount(text) > LIMITS.templateButtonText) {
		return fail(
			`Copy Code Button Text is ${charCount(text)} characters; Meta allows at most ${LIMITS.templateButtonText}`,
			'Shorten it.',
			'otpButtonText',
		);
	}
	components.push({ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text }] });
	return ok(components);
}
