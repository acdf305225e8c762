/**
 * What every message operation shares: the output item of a send, and Reply To Message ID, checked
 * like every other message ID before anything is sent.
 */
import { messageOutput } from '../../../../nodes/WhatsAppCloud/actions/message/common';
import { buildSendButtonsRequest } from '../../../../nodes/WhatsAppCloud/actions/message/sendButtons.operation';
import { buildSendContactsRequest } from '../../../../nodes/WhatsAppCloud/actions/message/sendContacts.operation';
import { buildSendCtaUrlRequest } from '../../../../nodes/WhatsAppCloud/actions/message/sendCtaUrl.operation';
import { buildSendListRequest } from '../../../../nodes/WhatsAppCloud/actions/message/sendList.operation';
import { buildSendLocationRequest } from '../../../../nodes/WhatsAppCloud/actions/message/sendLocation.operation';
import { buildSendMediaRequest } from '../../../../nodes/WhatsAppCloud/actions/message/sendMedia.operation';
import { buildTemplateJsonRequest } from '../../../../nodes/WhatsAppCloud/actions/message/sendTemplate.operation';
import { buildSendTextRequest } from '../../../../nodes/WhatsAppCloud/actions/message/sendText.operation';
import type { Result } from '../../../../nodes/WhatsAppCloud/shared/problem';
import { problem, value } from '../../../support/result';

const PHONE_ID = '109876543210987';
const TO = '+4915123456789';

describe('output of a send', () => {
	it('messageId, waId, recipient, messageStatus when present, operation and template facts', () => {
		const toOutput = messageOutput('sendTemplate');
		expect(
			toOutput(
				{
					messaging_product: 'whatsapp',
					contacts: [{ input: '+5511912345678', wa_id: '5511912345678' }],
					messages: [{ id: 'wamid.XYZ', message_status: 'accepted' }],
				},
				{
					method: 'POST',
					path: '/x',
					recipient: '+5511912345678',
					meta: { template: 'a', language: 'en' },
				},
			),
		).toEqual([
			{
				operation: 'sendTemplate',
				messageId: 'wamid.XYZ',
				waId: '5511912345678',
				recipient: '+5511912345678',
				messageStatus: 'accepted',
				template: 'a',
				language: 'en',
			},
		]);
		expect(
			messageOutput('sendText')(
				{ messages: [{ id: 'wamid.1' }] },
				{ method: 'POST', path: '/x', recipient: '+1' },
			),
		).toEqual([{ operation: 'sendText', messageId: 'wamid.1', waId: undefined, recipient: '+1' }]);
	});
});

describe('Reply To Message ID is checked like every other message ID', () => {
	// A phone number or media ID mapped into Reply To by mistake is refused before sending,
	// naming the option, instead of reaching Meta as context.message_id.
	const builders: Array<
		[string, (replyToMessageId: unknown) => Result<{ body?: Record<string, unknown> }>]
	> = [
		[
			'text',
			(r) => buildSendTextRequest({ recipient: TO, text: 'Hi', replyToMessageId: r }, PHONE_ID),
		],
		[
			'template',
			(r) =>
				buildTemplateJsonRequest(
					{ recipient: TO, name: 'hello', language: 'en_US', components: [], replyToMessageId: r },
					PHONE_ID,
				),
		],
		[
			'media',
			(r) =>
				buildSendMediaRequest(
					{ recipient: TO, mediaType: 'image', source: 'id', mediaId: '123', replyToMessageId: r },
					PHONE_ID,
				),
		],
		[
			'buttons',
			(r) =>
				buildSendButtonsRequest(
					{
						recipient: TO,
						body: 'Ok?',
						inputMode: 'fields',
						buttons: [{ title: 'Yes' }],
						replyToMessageId: r,
					},
					PHONE_ID,
				),
		],
		[
			'list',
			(r) =>
				buildSendListRequest(
					{
						recipient: TO,
						body: 'Pick',
						buttonText: 'Open',
						inputMode: 'fields',
						rows: [{ title: 'A' }],
						replyToMessageId: r,
					},
					PHONE_ID,
				),
		],
		[
			'link button',
			(r) =>
				buildSendCtaUrlRequest(
					{
						recipient: TO,
						body: 'Track',
						displayText: 'Go',
						url: 'https://example.org',
						replyToMessageId: r,
					},
					PHONE_ID,
				),
		],
		[
			'location',
			(r) =>
				buildSendLocationRequest(
					{ recipient: TO, latitude: 52.5, longitude: 13.4, replyToMessageId: r },
					PHONE_ID,
				),
		],
		[
			'contacts',
			(r) =>
				buildSendContactsRequest(
					{
						recipient: TO,
						inputMode: 'fields',
						contact: { formattedName: 'Ada' },
						replyToMessageId: r,
					},
					PHONE_ID,
				),
		],
	];

	it.each(builders)(
		'%s: a wamid becomes context.message_id, blank means no context, anything else is refused',
		(_, build) => {
			expect(value(build(' wamid.HBgLQUOTED ')).body?.context).toEqual({
				message_id: 'wamid.HBgLQUOTED',
			});
			expect(value(build('')).body?.context).toBeUndefined();
			expect(value(build(undefined)).body?.context).toBeUndefined();
			expect(problem(build('+14155550101'))).toMatchObject({
				message: '"+14155550101" in Reply To Message ID is not a WhatsApp message ID',
				field: 'options.replyToMessageId',
			});
		},
	);
});
