/**
 * Message > Mark as Read: Meta's read receipt, with the typing indicator.
 */
import { buildMarkAsReadRequest } from '../../../../nodes/WhatsAppCloud/actions/message/markAsRead.operation';
import { problem, value } from '../../../support/result';

const PHONE_ID = '109876543210987';

describe('Mark as Read', () => {
	it("Meta's read receipt, and with the typing indicator", () => {
		expect(value(buildMarkAsReadRequest({ messageId: ' wamid.IN1 ' }, PHONE_ID))).toEqual({
			method: 'POST',
			path: `/${PHONE_ID}/messages`,
			body: { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN1' },
			meta: { messageId: 'wamid.IN1', typingIndicator: false },
		});
		expect(
			value(buildMarkAsReadRequest({ messageId: 'wamid.IN1', typingIndicator: true }, PHONE_ID))
				.body,
		).toEqual({
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: 'wamid.IN1',
			typing_indicator: { type: 'text' },
		});
	});

	it('no recipient is involved and a bad ID is refused', () => {
		expect(
			value(buildMarkAsReadRequest({ messageId: 'wamid.IN1' }, PHONE_ID)).recipient,
		).toBeUndefined();
		expect(problem(buildMarkAsReadRequest({ messageId: 'IN1' }, PHONE_ID))).toMatchObject({
			field: 'messageId',
		});
	});
});
