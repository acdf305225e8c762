/**
 * A new template's buttons, checked before submitting as Meta's review would.
 */
import { buildButtonsComponent } from '../../../nodes/WhatsAppCloud/templates/draftButtons';
import { problem, value } from '../../support/result';

describe("Template > Create: Meta's review rules for buttons", () => {
	it('buttons: text 25, valid URL with {{1}} only at the end and an example, phone number, coupon 15, counts and grouping', () => {
		expect(
			problem(buildButtonsComponent([{ type: 'QUICK_REPLY', text: 't'.repeat(26) }])).message,
		).toBe('Button 1 text is 26 characters; Meta allows at most 25');
		expect(problem(buildButtonsComponent([{ type: 'QUICK_REPLY' }])).message).toBe(
			'Button 1 (Quick Reply) has no text',
		);
		expect(
			problem(buildButtonsComponent([{ type: 'URL', text: 'Go', url: 'example.org' }])).message,
		).toBe('Button 1 has no valid URL');
		expect(
			problem(
				buildButtonsComponent([{ type: 'URL', text: 'Go', url: 'https://example.org/{{1}}/x' }]),
			).message,
		).toBe('Button 1 URL has a misplaced variable');
		expect(
			problem(
				buildButtonsComponent([{ type: 'URL', text: 'Go', url: 'https://example.org/{{1}}' }]),
			).message,
		).toBe('Button 1 URL has {{1}} but no example');
		expect(
			problem(
				buildButtonsComponent([{ type: 'PHONE_NUMBER', text: 'Call', phoneNumber: 'call me' }]),
			).message,
		).toBe('Button 1 has no valid phone number');
		expect(
			problem(buildButtonsComponent([{ type: 'COPY_CODE', couponExample: 'C'.repeat(16) }]))
				.message,
		).toBe('Button 1 (Copy Code) needs an example code of 1 to 15 characters');
		expect(problem(buildButtonsComponent([{ type: 'SHARE' }])).message).toBe(
			'Button 1 has no valid type',
		);
		const url = { type: 'URL', text: 'Go', url: 'https://example.org' };
		expect(problem(buildButtonsComponent([url, url, url])).message).toBe(
			'3 URL buttons; Meta allows at most 2',
		);
		const phone = { type: 'PHONE_NUMBER', text: 'Call', phoneNumber: '+15550142277' };
		expect(problem(buildButtonsComponent([phone, phone])).message).toBe(
			'2 phone number buttons; Meta allows one',
		);
		const code = { type: 'COPY_CODE', couponExample: 'A' };
		expect(problem(buildButtonsComponent([code, code])).message).toBe(
			'2 copy code buttons; Meta allows one',
		);
		const quick = { type: 'QUICK_REPLY', text: 'Yes' };
		expect(problem(buildButtonsComponent(Array(11).fill(quick))).message).toBe(
			'11 buttons; Meta allows at most 10',
		);
		expect(problem(buildButtonsComponent([quick, url, quick])).message).toBe(
			'Quick reply buttons are mixed between other buttons',
		);
		expect(buildButtonsComponent([url, quick, quick]).ok).toBe(true);
		expect(value(buildButtonsComponent([]))).toBeUndefined();
	});
});
