/**
 * Message > Send Contacts: the request in Meta's contacts shape, with reply context.
 */
import { buildSendContactsRequest } from '../../../../nodes/WhatsAppCloud/actions/message/sendContacts.operation';
import { value } from '../../../support/result';

const PHONE_ID = '109876543210987';
const TO = '+4915123456789';
const ENVELOPE = { messaging_product: 'whatsapp', recipient_type: 'individual', to: TO };

describe('Send Contacts', () => {
	it("the request: Meta's contacts shape with reply context", () => {
		expect(
			value(
				buildSendContactsRequest(
					{
						recipient: TO,
						inputMode: 'fields',
						contact: { formattedName: 'Ada' },
						replyToMessageId: 'wamid.WHO',
					},
					PHONE_ID,
				),
			).body,
		).toEqual({
			...ENVELOPE,
			type: 'contacts',
			contacts: [{ name: { formatted_name: 'Ada', first_name: 'Ada' } }],
			context: { message_id: 'wamid.WHO' },
		});
	});
});
