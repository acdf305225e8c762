/**
 * Message > Send Text: one item's parameters -> the exact body Meta documents for a text message
 * (with link preview and reply context), and every check made before sending.
 */
import { buildSendTextRequest } from '../../../../nodes/WhatsAppCloud/actions/message/sendText.operation';
import { problem, value } from '../../../support/result';

const PHONE_ID = '109876543210987';

describe('Message > Send Text', () => {
	it("builds Meta's text message body", () => {
		expect(
			value(
				buildSendTextRequest(
					{ recipient: '+1 (415) 555-0142', text: 'Your table is ready.' },
					PHONE_ID,
				),
			),
		).toEqual({
			method: 'POST',
			path: `/${PHONE_ID}/messages`,
			recipient: '+14155550142',
			body: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '+14155550142',
				type: 'text',
				text: { body: 'Your table is ready.', preview_url: false },
			},
		});
	});

	it('link preview on and reply-to as context.message_id; a webhook wa_id works as recipient', () => {
		expect(
			value(
				buildSendTextRequest(
					{
						recipient: '4915123456789',
						text: 'See https://example.org/menu',
						previewUrl: true,
						replyToMessageId: ' wamid.ABC123 ',
					},
					PHONE_ID,
				),
			).body,
		).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '+4915123456789',
			type: 'text',
			text: { body: 'See https://example.org/menu', preview_url: true },
			context: { message_id: 'wamid.ABC123' },
		});
	});

	it('numbers are sent as text', () => {
		expect(
			value(buildSendTextRequest({ recipient: '+14155550142', text: 42 }, PHONE_ID)).body?.text,
		).toEqual({
			body: '42',
			preview_url: false,
		});
	});

	it.each([[''], ['   \n '], [undefined], [null]])(
		'empty text %j is refused before sending',
		(text) => {
			expect(problem(buildSendTextRequest({ recipient: '+14155550142', text }, PHONE_ID))).toEqual({
				message: 'The text to send is empty',
				description:
					'Type the message under Text, or check that the expression you mapped returns text for this item. WhatsApp does not deliver empty messages.',
				field: 'text',
			});
		},
	);

	it('4096 characters pass, 4097 are refused with the count', () => {
		expect(
			buildSendTextRequest({ recipient: '+14155550142', text: 'a'.repeat(4096) }, PHONE_ID).ok,
		).toBe(true);
		const tooLong = problem(
			buildSendTextRequest({ recipient: '+14155550142', text: 'a'.repeat(4097) }, PHONE_ID),
		);
		expect(tooLong.message).toBe('The text is 4097 characters; WhatsApp allows at most 4096');
		expect(tooLong.field).toBe('text');
	});

	it('characters are counted, not UTF-16 units (4096 emoji pass)', () => {
		expect(
			buildSendTextRequest({ recipient: '+14155550142', text: '🙂'.repeat(4096) }, PHONE_ID).ok,
		).toBe(true);
	});

	it.each([
		['abc', 'Invalid phone number "abc" in "Recipient Phone Number": it contains letters.'],
		['', 'Invalid phone number "" in "Recipient Phone Number": it is empty.'],
		['0612345678', 'Invalid phone number "0612345678" in "Recipient Phone Number"'],
		['+1234', 'Invalid phone number "+1234" in "Recipient Phone Number"'],
	])("bad recipient %j is refused with the phone helper's message", (recipient, start) => {
		const result = problem(buildSendTextRequest({ recipient, text: 'hi' }, PHONE_ID));
		expect(result.message.startsWith(start)).toBe(true);
		expect(result.field).toBe('recipient');
		expect(result.description.length).toBeGreaterThan(10);
	});
});
