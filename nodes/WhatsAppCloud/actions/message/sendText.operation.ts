/**
 * Message > Send Text: a free-form text message (Meta: type "text"). Reaches the user only inside
 * the 24-hour customer service window; outside it Meta answers 200 and the message later fails
 * with 131047 (shown by the trigger), so the description points to Send Template.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../shared/limits';
import { fail, ok, type Result } from '../../shared/problem';
import { defineOperation, type GraphRequest } from '../types';
import {
	messageEnvelope,
	messageOutput,
	messageRequest,
	readRecipient,
	readReplyTo,
	recipientProperty,
	replyToOption,
} from './common';

export interface SendTextInput {
	recipient: unknown;
	text: unknown;
	previewUrl?: boolean;
	replyToMessageId?: unknown;
}

const properties: INodeProperties[] = [
	recipientProperty,
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Thanks for your order! It ships today.',
		description:
			'The message, 1 to 4,096 characters. WhatsApp formatting works (*bold*, _italic_, ~strike~). Reaches the user only within 24 hours of their last message; otherwise use Send Template.',
	},
	{
		displayName: 'Link Preview',
		name: 'previewUrl',
		type: 'boolean',
		default: false,
		description: 'Whether WhatsApp shows a preview of the first https:// link in the text',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [replyToOption],
	},
];

/** Pure: one item's parameters -> POST /{phone-number-id}/messages with a text body. */
export function buildSendTextRequest(
	input: SendTextInput,
	phoneNumberId: string,
): Result<GraphRequest> {
	const recipient = readRecipient(input.recipient);
	if (!recipient.ok) return recipient;
	const replyTo = readReplyTo(input.replyToMessageId);
	if (!replyTo.ok) return replyTo;
	const text =
		typeof input.text === 'string'
			? input.text
			: typeof input.text === 'number' || typeof input.text === 'boolean'
				? String(input.text)
				: undefined;
	if (text === undefined || text.trim() === '') {
		return fail(
			'The text to send is empty',
			'Type the message under Text, or check that the expression you mapped returns text for this item. WhatsApp does not deliver empty messages.',
			'text',
		);
	}
	const length = [...text].length;
	if (length > LIMITS.textBody) {
		return fail(
			`The text is ${length} characters; WhatsApp allows at most ${LIMITS.textBody}`,
			`Shorten it, or split it over several messages (e.g. with an expression such as {{ $json.text.slice(0, ${LIMITS.textBody}) }}).`,
			'text',
		);
	}
	const body: IDataObject = {
		...messageEnvelope(recipient.value, 'text', replyTo.value),
		text: { body: text, preview_url: input.previewUrl === true },
	};
	return ok(messageRequest(phoneNumberId, body));
}

export const sendText = defineOperation<SendTextInput>({
	value: 'sendText',
	name: 'Send Text',
	action: 'Send a text message',
	description:
		'Send a free-form text message to a WhatsApp user who wrote to you in the last 24 hours',
	properties,
	sendsMessage: true,
	readParameters(this: IExecuteFunctions, itemIndex: number): SendTextInput {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			recipient: this.getNodeParameter('recipient', itemIndex),
			text: this.getNodeParameter('text', itemIndex, ''),
			previewUrl: this.getNodeParameter('previewUrl', itemIndex, false) as boolean,
			replyToMessageId: options.replyToMessageId,
		};
	},
	buildRequest: (input, env) => buildSendTextRequest(input, env.account.phoneNumberId),
	recipientOf: (input) => input.recipient,
	toOutput: messageOutput('sendText'),
});
