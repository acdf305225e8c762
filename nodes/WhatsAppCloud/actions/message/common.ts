/**
 * Pieces every Message operation shares: the recipient field, the reply-to option, the message
 * envelope Meta expects and the output item built from Meta's answer. A new message type (media,
 * interactive, reaction...) reuses these so all sends look and behave alike.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readMessageId, textOf } from '../../shared/fields';
import { normalizePhoneNumber } from '../../shared/phone';
import { fail, ok, type Result } from '../../shared/problem';
import type { GraphRequest } from '../types';

export const recipientProperty: INodeProperties = {
	displayName: 'Recipient Phone Number',
	name: 'recipient',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +15551234567',
	description:
		"Phone number to send to, in international format: + then country code then number, e.g. +15551234567. The sender's number from the WhatsApp Cloud Trigger (wa_id, digits only) works as is.",
};

export const replyToOption: INodeProperties = {
	displayName: 'Reply To Message ID',
	name: 'replyToMessageId',
	type: 'string',
	default: '',
	placeholder: 'e.g. wamid.HBgLMTU1NTEyMzQ1NjcVAgASGBQzQUQ',
	description:
		'ID (wamid) of a message in this chat to quote; the message is shown as a reply to it. Leave empty for a normal message.',
};

/** The "Options" collection of a message operation: Reply To Message ID plus the operation's own
 *  options, sorted by display name as n8n lists them. */
export function messageOptionsProperty(...extra: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [replyToOption, ...extra].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** E.164 recipient, or a Problem naming the value and the fix (from the phone helper). */
export function readRecipient(value: unknown): Result<string> {
	try {
		return ok(normalizePhoneNumber(value, 'Recipient Phone Number'));
	} catch (error) {
		const phone = error as { message?: string; fix?: string };
		return fail(
			phone.message ?? `Invalid recipient phone number: ${String(value)}`,
			phone.fix ??
				'Write the number in international format: + then country code then number, e.g. +15551234567.',
			'recipient',
		);
	}
}

/** Options > Reply To Message ID: blank (no reply) or a wamid, refused before sending when it is
 *  something else (a phone number or media ID mapped there by mistake). */
export function readReplyTo(value: unknown): Result<string | undefined> {
	if ((textOf(value)?.trim() ?? '') === '') return ok(undefined);
	return readMessageId(value, 'Reply To Message ID', 'options.replyToMessageId');
}

/** The fields every POST /{phone-number-id}/messages body starts with; `replyToMessageId` is
 *  what readReplyTo returned (a checked wamid, or undefined for no reply). */
export function messageEnvelope(to: string, type: string, replyToMessageId?: string): IDataObject {
	const body: IDataObject = {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to,
		type,
	};
	if (replyToMessageId !== undefined) body.context = { message_id: replyToMessageId };
	return body;
}

/** A send to this account's phone number. */
export function messageRequest(
	phoneNumberId: string,
	body: IDataObject,
	meta?: IDataObject,
): GraphRequest {
	return {
		method: 'POST',
		path: `/${phoneNumberId}/messages`,
		body,
		recipient: String(body.to),
		...(meta ? { meta } : {}),
	};
}

interface SendResponse {
	contacts?: Array<{ input?: string; wa_id?: string }>;
	messages?: Array<{ id?: string; message_status?: string }>;
}

/** Output of a successful send: messageId (wamid), waId, recipient, messageStatus, operation. */
export function messageOutput(operation: string) {
	return (response: unknown, request: GraphRequest): IDataObject[] => {
		const answer = (response ?? {}) as SendResponse;
		const message = answer.messages?.[0] ?? {};
		const contact = answer.contacts?.[0] ?? {};
		const output: IDataObject = {
			operation,
			messageId: message.id,
			waId: contact.wa_id,
			recipient: request.recipient,
		};
		if (message.message_status) output.messageStatus = message.message_status;
		return [{ ...output, ...(request.meta ?? {}) }];
	};
}
