/**
 * Message > Mark as Read: POST /{phone-number-id}/messages { messaging_product, status: "read",
 * message_id } shows the user blue ticks on their message (and on the earlier ones); with
 * typing_indicator { type: "text" } WhatsApp also shows "typing…" until you answer or for up to
 * 25 seconds (Meta's send-typing-indicator-and-read-receipt example). Not a message: no
 * recipient, output is success + messageId; it still goes through the sender's rate limit.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readMessageId } from '../../shared/fields';
import { ok, type Result } from '../../shared/problem';
import { defineOperation, type GraphRequest } from '../types';

export interface MarkAsReadInput {
	messageId: unknown;
	typingIndicator?: boolean;
}

const properties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. wamid.HBgLMTU1NTAxMDkwMDEVAgASGBQzQUQ',
		description:
			'ID (wamid) of the received message to mark as read: map the messageId field of the WhatsApp Cloud Trigger',
	},
	{
		displayName: 'Show Typing Indicator',
		name: 'typingIndicator',
		type: 'boolean',
		default: false,
		description:
			'Whether the user also sees "typing…" until you reply (at most 25 seconds); use it when an answer follows shortly',
	},
];

/** Pure: one item's parameters -> the read receipt request. */
export function buildMarkAsReadRequest(
	input: MarkAsReadInput,
	phoneNumberId: string,
): Result<GraphRequest> {
	const messageId = readMessageId(input.messageId, 'Message ID', 'messageId');
	if (!messageId.ok) return messageId;
	const body: IDataObject = {
		messaging_product: 'whatsapp',
		status: 'read',
		message_id: messageId.value,
	};
	if (input.typingIndicator === true) body.typing_indicator = { type: 'text' };
	return ok({
		method: 'POST',
		path: `/${phoneNumberId}/messages`,
		body,
		meta: { messageId: messageId.value, typingIndicator: input.typingIndicator === true },
	});
}

export const markAsRead = defineOperation<MarkAsReadInput>({
	value: 'markAsRead',
	name: 'Mark as Read',
	action: 'Mark a message as read',
	description:
		'Mark a received message as read (blue ticks for the user), optionally showing a typing indicator while you prepare the answer',
	properties,
	sendsMessage: true,
	readParameters(this: IExecuteFunctions, itemIndex: number): MarkAsReadInput {
		return {
			messageId: this.getNodeParameter('messageId', itemIndex, ''),
			typingIndicator: this.getNodeParameter('typingIndicator', itemIndex, false) as boolean,
		};
	},
	buildRequest: (input, env) => buildMarkAsReadRequest(input, env.account.phoneNumberId),
	toOutput(response, request) {
		const answer = (response ?? {}) as IDataObject;
		return [{ operation: 'markAsRead', success: answer.success === true, ...(request.meta ?? {}) }];
	},
	adviseOnError(code) {
		if (code === 100) {
			return 'Check the Message ID: it must be a message this number received (messages you sent cannot be marked as read).';
		}
		return undefined;
	},
});
