/**
 * Message > Send Buttons: an interactive reply-button message (Meta: interactive.type "button"):
 * body text, 1-3 buttons the user taps to answer, optional text/image/video/document header and
 * footer. The tap comes back through the trigger as replyId / replyTitle.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../shared/limits';
import { ok, type Result } from '../../shared/problem';
import { defineOperation, type GraphRequest } from '../types';
import {
	messageEnvelope,
	messageOptionsProperty,
	messageOutput,
	messageRequest,
	readRecipient,
	readReplyTo,
	recipientProperty,
} from './common';
import {
	buildHeader,
	interactiveObject,
	readBody,
	readFooter,
	readHeaderOption,
	type HeaderInput,
} from './interactive/envelope';
import { bodyProperty, footerOption, headerOption, inputModeProperty } from './interactive/fields';
import {
	buildReplyButtons,
	parseButtonsJson,
	type ReplyButtonInput,
} from './interactive/replyButtons';

export interface SendButtonsInput {
	recipient: unknown;
	body: unknown;
	inputMode: string;
	buttons?: ReplyButtonInput[];
	buttonsJson?: unknown;
	header?: HeaderInput;
	footer?: unknown;
	replyToMessageId?: unknown;
}

const properties: INodeProperties[] = [
	recipientProperty,
	bodyProperty(LIMITS.interactiveBody, 'e.g. Is your bike ready for pickup on Friday?'),
	inputModeProperty('Buttons', 'up to 3, e.g. [{"id": "yes", "title": "Yes"}]'),
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Button',
		default: { button: [{ title: '', id: '' }] },
		description: '1 to 3 reply buttons, shown in this order',
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						placeholder: 'e.g. Yes, Friday works',
						description: 'What the button says, up to 20 characters, unique in the message',
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'e.g. pickup_yes',
						description:
							'Returned by the trigger as replyId when the user taps this button (up to 256 characters, unique). Empty: the title is used.',
					},
				],
			},
		],
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'Buttons (JSON)',
		name: 'buttonsJson',
		type: 'json',
		default: '[\n  {"id": "yes", "title": "Yes"},\n  {"id": "no", "title": "No"}\n]',
		description:
			"1 to 3 buttons as an array of objects with an ID and a title; Meta's reply button objects and plain titles work too",
		displayOptions: { show: { inputMode: ['json'] } },
	},
	messageOptionsProperty(footerOption, headerOption),
];

/** Pure: one item's parameters -> POST /{phone-number-id}/messages with a reply-button message. */
export function buildSendButtonsRequest(
	input: SendButtonsInput,
	phoneNumberId: string,
): Result<GraphRequest> {
	const recipient = readRecipient(input.recipient);
	if (!recipient.ok) return recipient;
	const replyTo = readReplyTo(input.replyToMessageId);
	if (!replyTo.ok) return replyTo;
	const body = readBody(input.body, LIMITS.interactiveBody);
	if (!body.ok) return body;
	let list: ReplyButtonInput[];
	if (input.inputMode === 'json') {
		const parsed = parseButtonsJson(input.buttonsJson);
		if (!parsed.ok) return parsed;
		list = parsed.value;
	} else {
		list = input.buttons ?? [];
	}
	const buttons = buildReplyButtons(list, input.inputMode === 'json' ? 'buttonsJson' : 'buttons');
	if (!buttons.ok) return buttons;
	const header = buildHeader(input.header, true);
	if (!header.ok) return header;
	const footer = readFooter(input.footer);
	if (!footer.ok) return footer;
	const message: IDataObject = {
		...messageEnvelope(recipient.value, 'interactive', replyTo.value),
		interactive: interactiveObject('button', {
			header: header.value,
			body: body.value,
			footer: footer.value,
			action: { buttons: buttons.value },
		}),
	};
	return ok(messageRequest(phoneNumberId, message));
}

export const sendButtons = defineOperation<SendButtonsInput>({
	value: 'sendButtons',
	name: 'Send Buttons',
	action: 'Send a message with reply buttons',
	description:
		'Send a message with 1 to 3 reply buttons (interactive "button" message) to a WhatsApp user who wrote in the last 24 hours; the tapped button comes back through the trigger',
	properties,
	sendsMessage: true,
	readParameters(this: IExecuteFunctions, itemIndex: number): SendButtonsInput {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const inputMode = this.getNodeParameter('inputMode', itemIndex, 'fields') as string;
		const input: SendButtonsInput = {
			recipient: this.getNodeParameter('recipient', itemIndex),
			body: this.getNodeParameter('body', itemIndex, ''),
			inputMode,
			header: readHeaderOption(options),
			footer: options.footer,
			replyToMessageId: options.replyToMessageId,
		};
		if (inputMode === 'json') {
			input.buttonsJson = this.getNodeParameter('buttonsJson', itemIndex, '[]');
		} else {
			const buttons = this.getNodeParameter('buttons', itemIndex, {}) as {
				button?: ReplyButtonInput[];
			};
			input.buttons = buttons.button ?? [];
		}
		return input;
	},
	buildRequest: (input, env) => buildSendButtonsRequest(input, env.account.phoneNumberId),
	recipientOf: (input) => input.recipient,
	toOutput: messageOutput('sendButtons'),
	adviseOnError(code) {
		if (code === 131047) {
			return 'Interactive messages reach users only within 24 hours of their last message: use a template with quick-reply buttons instead.';
		}
		return undefined;
	},
});
