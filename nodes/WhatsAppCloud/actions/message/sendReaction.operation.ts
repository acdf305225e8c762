/**
 * Message > Send Reaction: an emoji reaction on a message in the chat (Meta: type "reaction":
 * { message_id, emoji }); an empty emoji removes the reaction. Meta delivers reactions to
 * messages up to 30 days old.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readMessageId, textOf } from '../../shared/fields';
import { fail, ok, type Result } from '../../shared/problem';
import { defineOperation, type GraphRequest } from '../types';
import {
	messageEnvelope,
	messageOutput,
	messageRequest,
	readRecipient,
	recipientProperty,
} from './common';

export interface SendReactionInput {
	recipient: unknown;
	messageId: unknown;
	emoji: unknown;
}

const properties: INodeProperties[] = [
	recipientProperty,
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. wamid.HBgLMTU1NTAxMDkwMDEVAgASGBQzQUQ',
		description:
			"ID (wamid) of the message to react to, in this recipient's chat: map the messageId field of the WhatsApp Cloud Trigger, or of a message you sent",
	},
	{
		displayName: 'Emoji',
		name: 'emoji',
		type: 'string',
		default: '',
		placeholder: 'e.g. 👍',
		description: 'One emoji. Leave empty to remove your earlier reaction to that message.',
	},
];

/** "\uD83D\uDC4D" typed literally (as Meta's docs show) -> the emoji itself. */
function decodeEscapes(text: string): string {
	if (!/^(\\u[0-9a-fA-F]{4}|\\u\{[0-9a-fA-F]{1,6}\})+$/.test(text)) return text;
	return text.replace(
		/\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})/g,
		(_, long: string, short: string) =>
			long ? String.fromCodePoint(parseInt(long, 16)) : String.fromCharCode(parseInt(short, 16)),
	);
}

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

/** Pure: '' (remove) or exactly one emoji (one grapheme: skin tones, ZWJ families and flags count as one). */
export function readEmoji(value: unknown): Result<string> {
	const text = decodeEscapes(textOf(value)?.trim() ?? '');
	if (text === '') return ok('');
	const graphemes = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].length;
	if (graphemes !== 1 || !EMOJI.test(text)) {
		return fail(
			`"${text.length > 20 ? `${text.slice(0, 20)}…` : text}" is not a single emoji`,
			'WhatsApp reactions are exactly one emoji, e.g. 👍 or ❤️. Leave Emoji empty to remove a reaction.',
			'emoji',
		);
	}
	return ok(text);
}

/** Pure: one item's parameters -> POST /{phone-number-id}/messages with a reaction. */
export function buildSendReactionRequest(
	input: SendReactionInput,
	phoneNumberId: string,
): Result<GraphRequest> {
	const recipient = readRecipient(input.recipient);
	if (!recipient.ok) return recipient;
	const messageId = readMessageId(input.messageId, 'Message ID', 'messageId');
	if (!messageId.ok) return messageId;
	const emoji = readEmoji(input.emoji);
	if (!emoji.ok) return emoji;
	const body: IDataObject = {
		...messageEnvelope(recipient.value, 'reaction'),
		reaction: { message_id: messageId.value, emoji: emoji.value },
	};
	return ok(
		messageRequest(phoneNumberId, body, {
			reactedTo: messageId.value,
			emoji: emoji.value,
			removed: emoji.value === '',
		}),
	);
}

export const sendReaction = defineOperation<SendReactionInput>({
	value: 'sendReaction',
	name: 'Send Reaction',
	action: 'React to a message with an emoji',
	description:
		"React to a message in a user's chat with one emoji, or remove your reaction with an empty emoji",
	properties,
	sendsMessage: true,
	readParameters(this: IExecuteFunctions, itemIndex: number): SendReactionInput {
		return {
			recipient: this.getNodeParameter('recipient', itemIndex),
			messageId: this.getNodeParameter('messageId', itemIndex, ''),
			emoji: this.getNodeParameter('emoji', itemIndex, ''),
		};
	},
	buildRequest: (input, env) => buildSendReactionRequest(input, env.account.phoneNumberId),
	recipientOf: (input) => input.recipient,
	toOutput: messageOutput('sendReaction'),
	adviseOnError(code) {
		if (code === 131009 || code === 100) {
			return "Check the Message ID: it must be a message in this recipient's chat, at most 30 days old.";
		}
		return undefined;
	},
});
