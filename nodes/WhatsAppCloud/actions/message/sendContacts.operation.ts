/**
 * Message > Send Contacts: contact cards (Meta: type "contacts"). The fields build one card with
 * name, phone numbers, email addresses, company and website; Contacts (JSON) sends full cards in
 * Meta's shape, up to LIMITS.contacts per message (contactCards.ts builds and checks both).
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
	buildContactFromFields,
	parseContactsJson,
	type ContactFields,
	type EmailInput,
	type PhoneInput,
} from './contactCards';

export interface SendContactsInput {
	recipient: unknown;
	inputMode: string;
	contact?: ContactFields;
	contactsJson?: unknown;
	replyToMessageId?: unknown;
}

const typeOptions = (values: string[]) =>
	values.map((value) => ({
		name: value === 'IPHONE' ? 'iPhone' : value.charAt(0) + value.slice(1).toLowerCase(),
		value,
	}));

const properties: INodeProperties[] = [
	recipientProperty,
	{
		displayName: 'Contact Input',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Define Below',
				value: 'fields',
				description: 'One contact card from the fields below',
			},
			{
				name: 'Using JSON',
				value: 'json',
				description: `One or more contact cards (up to ${LIMITS.contacts}) in Meta's format (name, phones, emails, org, addresses, URLs, birthday)`,
			},
		],
		default: 'fields',
		description: 'How to give the contact card(s)',
	},
	{
		displayName: 'Full Name',
		name: 'formattedName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Ada Byrne',
		description: 'Name shown on the card',
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'Phone Numbers',
		name: 'phones',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Phone Number',
		default: {},
		description: 'Phone numbers on the card',
		displayOptions: { show: { inputMode: ['fields'] } },
		options: [
			{
				displayName: 'Phone',
				name: 'phone',
				values: [
					{
						displayName: 'Number',
						name: 'phone',
						type: 'string',
						default: '',
						placeholder: 'e.g. +1 555 010 9001',
						description: 'The number as it should appear',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: typeOptions(['CELL', 'HOME', 'IPHONE', 'MAIN', 'WORK']),
						default: 'CELL',
						description: 'Kind of number',
					},
					{
						displayName: 'WhatsApp ID',
						name: 'waId',
						type: 'string',
						default: '',
						placeholder: 'e.g. 15550109001',
						description:
							'Optional WhatsApp ID (digits) of this number: adds "Message" and "Add to contacts" buttons to the card',
					},
				],
			},
		],
	},
	{
		displayName: 'Email Addresses',
		name: 'emails',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Email',
		default: {},
		description: 'Email addresses on the card',
		displayOptions: { show: { inputMode: ['fields'] } },
		options: [
			{
				displayName: 'Email',
				name: 'email',
				values: [
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						placeholder: 'name@email.com',
						default: '',
						description: 'The email address',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: typeOptions(['HOME', 'WORK']),
						default: 'WORK',
						description: 'Kind of address',
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { inputMode: ['fields'] } },
		options: [
			{
				displayName: 'Birthday',
				name: 'birthday',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1990-04-21',
				description: 'Date of birth as YYYY-MM-DD',
			},
			{
				displayName: 'Company',
				name: 'company',
				type: 'string',
				default: '',
				placeholder: 'e.g. Spoke & Chain',
				description: 'Company or organization',
			},
			{
				displayName: 'Department',
				name: 'department',
				type: 'string',
				default: '',
				placeholder: 'e.g. Repairs',
				description: 'Department in the company',
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Ada',
				description: 'Given name (default: the full name)',
			},
			{
				displayName: 'Job Title',
				name: 'jobTitle',
				type: 'string',
				default: '',
				placeholder: 'e.g. Head mechanic',
				description: "The person's role in the company",
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Byrne',
				description: 'Family name',
			},
			{
				displayName: 'Website',
				name: 'website',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com',
				description: 'Web address on the card',
			},
		],
	},
	{
		displayName: 'Contacts (JSON)',
		name: 'contactsJson',
		type: 'json',
		default:
			'[\n  {\n    "name": {"formatted_name": "Ada Byrne", "first_name": "Ada", "last_name": "Byrne"},\n    "phones": [{"phone": "+1 555 010 9001", "type": "CELL", "wa_id": "15550109001"}],\n    "emails": [{"email": "ada@example.com", "type": "WORK"}]\n  }\n]',
		description: `Meta's contacts array (or one contact object), up to ${LIMITS.contacts} contacts: name (formatted_name, best with first_name or last_name), phones, emails, org, addresses, URLs, birthday`,
		displayOptions: { show: { inputMode: ['json'] } },
	},
	messageOptionsProperty(),
];

/** Pure: one item's parameters -> POST /{phone-number-id}/messages with contact cards. */
export function buildSendContactsRequest(
	input: SendContactsInput,
	phoneNumberId: string,
): Result<GraphRequest> {
	const recipient = readRecipient(input.recipient);
	if (!recipient.ok) return recipient;
	const replyTo = readReplyTo(input.replyToMessageId);
	if (!replyTo.ok) return replyTo;
	let contacts: IDataObject[];
	if (input.inputMode === 'json') {
		const parsed = parseContactsJson(input.contactsJson);
		if (!parsed.ok) return parsed;
		contacts = parsed.value;
	} else {
		const contact = buildContactFromFields(input.contact ?? { formattedName: '' });
		if (!contact.ok) return contact;
		contacts = [contact.value];
	}
	const body: IDataObject = {
		...messageEnvelope(recipient.value, 'contacts', replyTo.value),
		contacts,
	};
	return ok(messageRequest(phoneNumberId, body));
}

export const sendContacts = defineOperation<SendContactsInput>({
	value: 'sendContacts',
	name: 'Send Contacts',
	action: 'Send contact cards',
	description:
		'Send one or more contact cards (name, phone numbers, emails, company, website) to a WhatsApp user who wrote in the last 24 hours',
	properties,
	sendsMessage: true,
	readParameters(this: IExecuteFunctions, itemIndex: number): SendContactsInput {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const inputMode = this.getNodeParameter('inputMode', itemIndex, 'fields') as string;
		const input: SendContactsInput = {
			recipient: this.getNodeParameter('recipient', itemIndex),
			inputMode,
			replyToMessageId: options.replyToMessageId,
		};
		if (inputMode === 'json') {
			input.contactsJson = this.getNodeParameter('contactsJson', itemIndex, '[]');
		} else {
			const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			const phones = this.getNodeParameter('phones', itemIndex, {}) as { phone?: PhoneInput[] };
			const emails = this.getNodeParameter('emails', itemIndex, {}) as { email?: EmailInput[] };
			input.contact = {
				formattedName: this.getNodeParameter('formattedName', itemIndex, ''),
				phones: phones.phone ?? [],
				emails: emails.email ?? [],
				firstName: extra.firstName,
				lastName: extra.lastName,
				company: extra.company,
				department: extra.department,
				jobTitle: extra.jobTitle,
				website: extra.website,
				birthday: extra.birthday,
			};
		}
		return input;
	},
	buildRequest: (input, env) => buildSendContactsRequest(input, env.account.phoneNumberId),
	recipientOf: (input) => input.recipient,
	toOutput: messageOutput('sendContacts'),
});
