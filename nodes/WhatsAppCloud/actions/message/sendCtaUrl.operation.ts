/**
 * Message > Send Link Button: an interactive call-to-action URL message (Meta: interactive.type
 * "cta_url", action { name: "cta_url", parameters: { display_text, url } }): body text and one
 * button that opens a web page, so a long tracking link stays hidden behind a short label.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isHttpUrl, requiredTrimmedText, textOf } from '../../shared/fields';
import { LIMITS } from '../../shared/limits';
import { fail, ok, type Result } from '../../shared/problem';
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
import { bodyProperty, footerOption, headerOption } from './interactive/fields';

export interface SendCtaUrlInput {
	recipient: unknown;
	body: unknown;
	displayText: unknown;
	url: unknown;
	header?: HeaderInput;
	footer?: unknown;
	replyToMessageId?: unknown;
}

const properties: INodeProperties[] = [
	recipientProperty,
	bodyProperty(LIMITS.interactiveBody, 'e.g. Track your repair status online.'),
	{
		displayName: 'Button Text',
		name: 'displayText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Track repair',
		description: 'Label of the button, up to 20 characters',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/track?order=2041',
		description: 'The http(s) address the button opens',
	},
	messageOptionsProperty(footerOption, headerOption),
];

/** Pure: one item's parameters -> POST /{phone-number-id}/messages with a CTA URL message. */
export function buildSendCtaUrlRequest(
	input: SendCtaUrlInput,
	phoneNumberId: string,
): Result<GraphRequest> {
	const recipient = readRecipient(input.recipient);
	if (!recipient.ok) return recipient;
	const replyTo = readReplyTo(input.replyToMessageId);
	if (!replyTo.ok) return replyTo;
	const body = readBody(input.body, LIMITS.interactiveBody);
	if (!body.ok) return body;
	const displayText = requiredTrimmedText(input.displayText, {
		label: 'Button Text',
		field: 'displayText',
		max: LIMITS.ctaDisplayText,
		whenEmpty: 'Type the button label (up to 20 characters), e.g. "Open website".',
	});
	if (!displayText.ok) return displayText;
	const url = textOf(input.url)?.trim() ?? '';
	if (!isHttpUrl(url)) {
		return fail(
			url === ''
				? 'URL is empty'
				: `"${url.length > 80 ? `${url.slice(0, 80)}…` : url}" is not a web address`,
			'Give the full address the button opens, starting with https://.',
			'url',
		);
	}
	const header = buildHeader(input.header, true);
	if (!header.ok) return header;
	const footer = readFooter(input.footer);
	if (!footer.ok) return footer;
	const message: IDataObject = {
		...messageEnvelope(recipient.value, 'interactive', replyTo.value),
		interactive: interactiveObject('cta_url', {
			header: header.value,
			body: body.value,
			footer: footer.value,
			action: { name: 'cta_url', parameters: { display_text: displayText.value, url } },
		}),
	};
	return ok(messageRequest(phoneNumberId, message));
}

export const sendCtaUrl = defineOperation<SendCtaUrlInput>({
	value: 'sendCtaUrl',
	name: 'Send Link Button',
	action: 'Send a message with a link button',
	description:
		'Send a message with one button that opens a web page (interactive call-to-action URL message) to a WhatsApp user who wrote in the last 24 hours',
	properties,
	sendsMessage: true,
	readParameters(this: IExecuteFunctions, itemIndex: number): SendCtaUrlInput {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			recipient: this.getNodeParameter('recipient', itemIndex),
			body: this.getNodeParameter('body', itemIndex, ''),
			displayText: this.getNodeParameter('displayText', itemIndex, ''),
			url: this.getNodeParameter('url', itemIndex, ''),
			header: readHeaderOption(options),
			footer: options.footer,
			replyToMessageId: options.replyToMessageId,
		};
	},
	buildRequest: (input, env) => buildSendCtaUrlRequest(input, env.account.phoneNumberId),
	recipientOf: (input) => input.recipient,
	toOutput: messageOutput('sendCtaUrl'),
});
