/**
 * Contact cards in Meta's shape (name, phones, emails, org, addresses, urls, birthday): one card
 * built from the Send Contacts fields, or full cards given as JSON, checked before sending.
 *
 * Names: formatted_name is required. Meta's older contacts reference also asked for one of
 * first_name, last_name, middle_name, prefix or suffix; its current page no longer says so, so
 * JSON cards are not rejected for that (a pre-send check must never refuse what Meta accepts),
 * and when the fields give only the full name it is also sent as first_name, which satisfies
 * either rule.
 */

import type { IDataObject } from 'n8n-workflow';

import { isPlainObject, parseJson, requiredTrimmedText, textOf } from '../../shared/fields';
import { LIMITS } from '../../shared/limits';
import { fail, ok, type Result } from '../../shared/problem';

export interface PhoneInput {
	phone?: unknown;
	type?: unknown;
	waId?: unknown;
}

export interface EmailInput {
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
