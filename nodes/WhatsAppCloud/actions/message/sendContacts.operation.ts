/**
 * Message > Send Contacts: contact cards (Meta: type "contacts", an array of vCard-like objects
 * with name, phones, emails, org, addresses, urls, birthday). The fields build one card with
 * name, phone numbers, email addresses, company and website; Contacts (JSON) sends full cards in
 * Meta's shape, up to LIMITS.contacts per message.
 *
 * Names: formatted_name is required. Meta's older contacts reference also asked for one of
 * first_name, last_name, middle_name, prefix or suffix; its current page no longer says so, so
 * JSON cards are not rejected for that (a pre-send check must never refuse what Meta accepts),
 * and when the fields give only the full name it is also sent as first_name, which satisfies
 * either rule.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isPlainObject, parseJson, requiredTrimmedText, textOf } from '../../shared/fields';
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

interface PhoneInput {
	phone?: unknown;
	type?: unknown;
	waId?: unknown;
}

interface EmailInput {
	email?: unknown;
	type?: unknown;
}

export interface ContactFields {
	formattedName: unknown;
	firstName?: unknown;
	lastName?: unknown;
	phones?: PhoneInput[];
	emails?: EmailInput[];
	company?: unknown;
	department?: unknown;
	jobTitle?: unknown;
	website?: unknown;
	birthday?: unknown;
}

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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const BIRTHDAY = /^\d{4}-\d{2}-\d{2}$/;

/** Pure: the fields -> one Meta contact object. */
export function buildContactFromFields(fields: ContactFields): Result<IDataObject> {
	const formatted = requiredTrimmedText(fields.formattedName, {
		label: 'Full Name',
		field: 'formattedName',
		whenEmpty: 'Type the name shown on the contact card.',
	});
	if (!formatted.ok) return formatted;
	const formattedName = formatted.value;
	const first = textOf(fields.firstName)?.trim();
	const last = textOf(fields.lastName)?.trim();
	const name: IDataObject = { formatted_name: formattedName };
	if (first) name.first_name = first;
	if (last) name.last_name = last;
	if (!first && !last) name.first_name = formattedName;
	const contact: IDataObject = { name };

	const phones: IDataObject[] = [];
	for (const [index, entry] of (fields.phones ?? []).entries()) {
		const phone = textOf(entry.phone)?.trim();
		if (!phone) {
			return fail(
				`Phone number ${index + 1} is empty`,
				'Type the number, or remove that phone entry.',
				'phones',
			);
		}
		const out: IDataObject = { phone };
		const type = textOf(entry.type)?.trim();
		if (type) out.type = type;
		const waId = textOf(entry.waId)?.trim().replace(/^\+/, '');
		if (waId) {
			if (!/^\d{7,15}$/.test(waId)) {
				return fail(
					`WhatsApp ID "${waId}" of phone number ${index + 1} is not a WhatsApp ID`,
					'A WhatsApp ID is the number in international format, digits only (e.g. 15550109001); leave it empty if unsure.',
					'phones',
				);
			}
			out.wa_id = waId;
		}
		phones.push(out);
	}
	if (phones.length) contact.phones = phones;

	const emails: IDataObject[] = [];
	for (const [index, entry] of (fields.emails ?? []).entries()) {
		const email = textOf(entry.email)?.trim();
		if (!email || !EMAIL.test(email)) {
			return fail(
				email ? `"${email}" is not an email address` : `Email ${index + 1} is empty`,
				'Type an address such as name@example.com, or remove that email entry.',
				'emails',
			);
		}
		const out: IDataObject = { email };
		const type = textOf(entry.type)?.trim();
		if (type) out.type = type;
		emails.push(out);
	}
	if (emails.length) contact.emails = emails;

	const org: IDataObject = {};
	for (const [key, value] of [
		['company', fields.company],
		['department', fields.department],
		['title', fields.jobTitle],
	] as const) {
		const text = textOf(value)?.trim();
		if (text) org[key] = text;
	}
	if (Object.keys(org).length) contact.org = org;

	const website = textOf(fields.website)?.trim();
	if (website) contact.urls = [{ url: website, type: 'WORK' }];

	const birthday = textOf(fields.birthday)?.trim();
	if (birthday) {
		if (!BIRTHDAY.test(birthday) || Number.isNaN(Date.parse(birthday))) {
			return fail(
				`Birthday "${birthday}" is not a date as YYYY-MM-DD`,
				'Write it as year-month-day, e.g. 1990-04-21.',
				'additionalFields.birthday',
			);
		}
		contact.birthday = birthday;
	}
	return ok(contact);
}

/** Pure: Contacts (JSON) -> Meta's contacts array, checked: 1 to LIMITS.contacts contacts, each
 *  with a formatted_name and phones/emails in Meta's shape. */
export function parseContactsJson(value: unknown): Result<IDataObject[]> {
	const example =
		'[{"name": {"formatted_name": "Ada Byrne", "first_name": "Ada"}, "phones": [{"phone": "+15550109001"}]}]';
	const parsed = parseJson(value, 'Contacts (JSON)', 'contactsJson', example);
	if (!parsed.ok) return parsed;
	const list = Array.isArray(parsed.value)
		? parsed.value
		: isPlainObject(parsed.value)
			? [parsed.value]
			: undefined;
	if (!list)
		return fail(
			'Contacts (JSON) must be an array of contacts',
			`Give an array such as ${example}.`,
			'contactsJson',
		);
	if (list.length === 0 || list.length > LIMITS.contacts) {
		return fail(
			`Contacts (JSON) has ${list.length} contacts; WhatsApp takes 1 to ${LIMITS.contacts} per message`,
			list.length
				? 'Send the rest in another message.'
				: `Give at least one contact, e.g. ${example}.`,
			'contactsJson',
		);
	}
	for (const [index, contact] of list.entries()) {
		const label = `Contact ${index + 1}`;
		if (!isPlainObject(contact) || !isPlainObject(contact.name)) {
			return fail(
				`${label} has no name object`,
				`Every contact needs "name": {"formatted_name": "...", "first_name": "..."}. Example: ${example}.`,
				'contactsJson',
			);
		}
		const name = contact.name;
		if (!textOf(name.formatted_name)?.trim()) {
			return fail(
				`${label} has no name.formatted_name`,
				'Meta requires formatted_name: the full name shown on the card.',
				'contactsJson',
			);
		}
		for (const key of ['phones', 'emails', 'addresses', 'urls'] as const) {
			if (contact[key] !== undefined && !Array.isArray(contact[key])) {
				return fail(
					`${label}: "${key}" must be an array`,
					`Write "${key}": [ ... ], e.g. ${example}.`,
					'contactsJson',
				);
			}
		}
		const phones = (contact.phones as unknown[] | undefined) ?? [];
		if (phones.some((p) => !isPlainObject(p) || !textOf(p.phone)?.trim())) {
			return fail(
				`${label} has a phone entry without "phone"`,
				'Each phone entry needs "phone", e.g. {"phone": "+15550109001", "type": "CELL"}.',
				'contactsJson',
			);
		}
		const emails = (contact.emails as unknown[] | undefined) ?? [];
		if (emails.some((e) => !isPlainObject(e) || !EMAIL.test(textOf(e.email)?.trim() ?? ''))) {
			return fail(
				`${label} has an email entry without a valid "email"`,
				'Each email entry needs "email", e.g. {"email": "ada@example.com", "type": "WORK"}.',
				'contactsJson',
			);
		}
	}
	return ok(list as IDataObject[]);
}

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
