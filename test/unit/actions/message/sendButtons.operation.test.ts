/**
 * Message > Send Buttons: Meta's reply-button message with header, footer and reply context, buttons
 * from fields or JSON, and Meta's limits checked before sending.
 */
import { buildHeader } from '../../../../nodes/WhatsAppCloud/actions/message/interactive/envelope';
import {
	buildReplyButtons,
	parseButtonsJson,
} from '../../../../nodes/WhatsAppCloud/actions/message/interactive/replyButtons';
import {
	buildSendButtonsRequest,
	type SendButtonsInput,
} from '../../../../nodes/WhatsAppCloud/actions/message/sendButtons.operation';
import { problem, value } from '../../../support/result';

const PHONE_ID = '109876543210987';
const TO = '+4915123456789';
const ENVELOPE = { messaging_product: 'whatsapp', recipient_type: 'individual', to: TO };

describe('Send Buttons', () => {
	const buttons = (input: Partial<SendButtonsInput>) =>
		buildSendButtonsRequest(
			{ recipient: TO, body: 'Pick-up Friday?', inputMode: 'fields', ...input },
			PHONE_ID,
		);

	it("Meta's reply-button shape; an empty ID takes the title", () => {
		expect(
			value(
				buttons({
					buttons: [
						{ title: 'Yes', id: 'pickup_yes' },
						{ title: 'Other day', id: '' },
					],
				}),
			).body,
		).toEqual({
			...ENVELOPE,
			type: 'interactive',
			interactive: {
				type: 'button',
				body: { text: 'Pick-up Friday?' },
				action: {
					buttons: [
						{ type: 'reply', reply: { id: 'pickup_yes', title: 'Yes' } },
						{ type: 'reply', reply: { id: 'Other day', title: 'Other day' } },
					],
				},
			},
		});
	});

	it('header (text, image by ID, document by link with file name), footer and reply context', () => {
		const body = value(
			buttons({
				buttons: [{ title: 'OK' }],
				header: { type: 'document', media: 'https://x.example/terms.pdf', fileName: 'terms.pdf' },
				footer: 'Spoke & Chain',
				replyToMessageId: 'wamid.ASK',
			}),
		).body;
		expect(body?.interactive).toEqual({
			type: 'button',
			header: {
				type: 'document',
				document: { link: 'https://x.example/terms.pdf', filename: 'terms.pdf' },
			},
			body: { text: 'Pick-up Friday?' },
			footer: { text: 'Spoke & Chain' },
			action: { buttons: [{ type: 'reply', reply: { id: 'OK', title: 'OK' } }] },
		});
		expect(body?.context).toEqual({ message_id: 'wamid.ASK' });
		expect(value(buildHeader({ type: 'image', media: '4440001' }, true))).toEqual({
			type: 'image',
			image: { id: '4440001' },
		});
		expect(value(buildHeader({ type: 'text', text: ' Order 77 ' }, true))).toEqual({
			type: 'text',
			text: 'Order 77',
		});
		expect(value(buildHeader(undefined, true))).toBeUndefined();
	});

	it("JSON: plain titles, {id,title} and Meta's reply objects", () => {
		expect(value(parseButtonsJson('["Yes", "No"]'))).toEqual([{ title: 'Yes' }, { title: 'No' }]);
		expect(
			value(
				parseButtonsJson([
					{ type: 'reply', reply: { id: 'a', title: 'A' } },
					{ id: 'b', title: 'B' },
				]),
			),
		).toEqual([
			{ id: 'a', title: 'A' },
			{ id: 'b', title: 'B' },
		]);
		expect(
			value(buttons({ inputMode: 'json', buttonsJson: '{"buttons": ["One"]}' })).body?.interactive,
		).toMatchObject({
			action: { buttons: [{ type: 'reply', reply: { id: 'One', title: 'One' } }] },
		});
		expect(problem(parseButtonsJson('not json'))).toMatchObject({ field: 'buttonsJson' });
		expect(problem(parseButtonsJson('{"a": 1}'))).toMatchObject({
			message: 'Buttons (JSON) must be an array of buttons',
		});
	});

	it('limits: 1-3 buttons, title <= 20, id <= 256, unique ids and titles, body <= 1024, header text <= 60, footer <= 60', () => {
		expect(problem(buildReplyButtons([], 'buttons')).message).toBe('No buttons');
		expect(
			problem(
				buildReplyButtons(
					[{ title: 'a' }, { title: 'b' }, { title: 'c' }, { title: 'd' }],
					'buttons',
				),
			).message,
		).toBe('4 buttons; WhatsApp allows at most 3 reply buttons');
		expect(buildReplyButtons([{ title: 't'.repeat(20) }], 'buttons').ok).toBe(true);
		expect(problem(buildReplyButtons([{ title: 't'.repeat(21) }], 'buttons')).message).toBe(
			'Button 1 title is 21 characters; WhatsApp allows at most 20',
		);
		expect(buildReplyButtons([{ title: 'ok', id: 'i'.repeat(256) }], 'buttons').ok).toBe(true);
		expect(
			problem(buildReplyButtons([{ title: 'ok', id: 'i'.repeat(257) }], 'buttons')).message,
		).toBe('Button 1 ID is 257 characters; WhatsApp allows at most 256');
		expect(
			problem(
				buildReplyButtons(
					[
						{ title: 'A', id: 'x' },
						{ title: 'B', id: 'x' },
					],
					'buttons',
				),
			).message,
		).toBe('Two buttons have the ID "x"');
		expect(
			problem(
				buildReplyButtons(
					[
						{ title: 'A', id: '1' },
						{ title: 'A', id: '2' },
					],
					'buttons',
				),
			).message,
		).toBe('Two buttons have the title "A"');
		expect(problem(buildReplyButtons([{ title: '' }], 'buttons')).message).toBe(
			'Button 1 title is empty',
		);
		expect(problem(buttons({ body: '', buttons: [{ title: 'A' }] }))).toMatchObject({
			message: 'Body Text is empty',
			field: 'body',
		});
		expect(problem(buttons({ body: 'b'.repeat(1025), buttons: [{ title: 'A' }] })).message).toBe(
			'Body Text is 1025 characters; WhatsApp allows at most 1024',
		);
		expect(
			problem(
				buttons({ buttons: [{ title: 'A' }], header: { type: 'text', text: 'h'.repeat(61) } }),
			).message,
		).toBe('Header Text is 61 characters; WhatsApp allows at most 60');
		expect(problem(buttons({ buttons: [{ title: 'A' }], footer: 'f'.repeat(61) }))).toMatchObject({
			field: 'options.footer',
		});
		expect(
			problem(buttons({ buttons: [{ title: 'A' }], header: { type: 'image', media: 'nope' } })),
		).toMatchObject({
			field: 'options.header.media',
		});
	});
});
