/**
 * Message > Send Link Button: Meta's cta_url interactive message and its checks.
 */
import {
	buildSendCtaUrlRequest,
	type SendCtaUrlInput,
} from '../../../../nodes/WhatsAppCloud/actions/message/sendCtaUrl.operation';
import { problem, value } from '../../../support/result';

const PHONE_ID = '109876543210987';
const TO = '+4915123456789';
const ENVELOPE = { messaging_product: 'whatsapp', recipient_type: 'individual', to: TO };

describe('Send Link Button (CTA URL)', () => {
	const cta = (input: Partial<SendCtaUrlInput>) =>
		buildSendCtaUrlRequest(
			{
				recipient: TO,
				body: 'Track your repair',
				displayText: 'Track',
				url: 'https://example.org/t/77',
				...input,
			},
			PHONE_ID,
		);

	it("Meta's cta_url shape", () => {
		expect(
			value(
				cta({ header: { type: 'image', media: 'https://example.org/bike.png' }, footer: 'Thanks' }),
			).body,
		).toEqual({
			...ENVELOPE,
			type: 'interactive',
			interactive: {
				type: 'cta_url',
				header: { type: 'image', image: { link: 'https://example.org/bike.png' } },
				body: { text: 'Track your repair' },
				footer: { text: 'Thanks' },
				action: {
					name: 'cta_url',
					parameters: { display_text: 'Track', url: 'https://example.org/t/77' },
				},
			},
		});
	});

	it('button text <= 20, a real http(s) URL', () => {
		expect(problem(cta({ displayText: 'd'.repeat(21) }))).toMatchObject({
			message: 'Button Text is 21 characters; WhatsApp allows at most 20',
			field: 'displayText',
		});
		expect(problem(cta({ url: 'example.org/t' }))).toMatchObject({
			message: '"example.org/t" is not a web address',
			field: 'url',
		});
		expect(problem(cta({ url: '' }))).toMatchObject({ message: 'URL is empty' });
	});
});
