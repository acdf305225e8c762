/**
 * Message > Send Reaction: Meta's reaction message, one emoji (escapes typed as text decoded), and
 * a wamid as the message reacted to.
 */
import {
	buildSendReactionRequest,
	readEmoji,
} from '../../../../nodes/WhatsAppCloud/actions/message/sendReaction.operation';
import { problem, value } from '../../../support/result';

const PHONE_ID = '109876543210987';
const TO = '+4915123456789';
const ENVELOPE = { messaging_product: 'whatsapp', recipient_type: 'individual', to: TO };

describe('Send Reaction', () => {
	it("Meta's reaction shape; an empty emoji removes the reaction", () => {
		expect(
			value(
				buildSendReactionRequest(
					{ recipient: TO, messageId: 'wamid.HBgLNzc', emoji: '😀' },
					PHONE_ID,
				),
			),
		).toEqual({
			method: 'POST',
			path: `/${PHONE_ID}/messages`,
			recipient: TO,
			meta: { reactedTo: 'wamid.HBgLNzc', emoji: '😀', removed: false },
			body: {
				...ENVELOPE,
				type: 'reaction',
				reaction: { message_id: 'wamid.HBgLNzc', emoji: '😀' },
			},
		});
		expect(
			value(
				buildSendReactionRequest(
					{ recipient: TO, messageId: 'wamid.HBgLNzc', emoji: '' },
					PHONE_ID,
				),
			).body?.reaction,
		).toEqual({
			message_id: 'wamid.HBgLNzc',
			emoji: '',
		});
	});

	it.each(['👍', '❤️', '👍🏽', '👨‍👩‍👧', '🇧🇷', '1️⃣'])('%s is one emoji', (emoji) => {
		expect(value(readEmoji(emoji))).toBe(emoji);
	});

	it("escapes typed as text (as Meta's docs show them) are decoded", () => {
		expect(value(readEmoji('\\uD83D\\uDE00'))).toBe('😀');
		expect(value(readEmoji('\\u{1F600}'))).toBe('😀');
	});

	it.each([['👍👍'], ['ok'], ['thumbs up'], ['a👍']])('%j is refused', (emoji) => {
		expect(problem(readEmoji(emoji))).toMatchObject({ field: 'emoji' });
	});

	it('the message ID must be a wamid', () => {
		expect(
			problem(buildSendReactionRequest({ recipient: TO, messageId: '', emoji: '👍' }, PHONE_ID)),
		).toMatchObject({
			message: 'Message ID is empty',
			field: 'messageId',
		});
		expect(
			problem(
				buildSendReactionRequest(
					{ recipient: TO, messageId: '4915123456789', emoji: '👍' },
					PHONE_ID,
				),
			).message,
		).toBe('"4915123456789" in Message ID is not a WhatsApp message ID');
	});
});
