/**
 * Interactive messages (Meta: type "interactive") share a body, an optional footer and header,
 * and differ in their action: reply buttons, a list, a CTA URL button. This file holds the
 * shared fields and the pure builders with Meta's limits (shared/limits.ts names the sources).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	firstDuplicate,
	isPlainObject,
	optionalText,
	parseJson,
	requiredText,
	requiredTrimmedText,
	textOf,
} from '../../shared/fields';
import { LIMITS } from '../../shared/limits';
import { readMediaReference } from '../../shared/media';
import { fail, ok, type Result } from '../../shared/problem';

// ---------------------------------------------------------------------------------------------
// Fields

export function bodyProperty(max: number, placeholder: string): INodeProperties {
	return {
		displayName: 'Body Text',
		name: 'body',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		placeholder,
		description: `The main message text, 1 to ${max.toLocaleString('en-US')} characters. WhatsApp formatting works (*bold*, _italic_).`,
	};
}

export const footerOption: INodeProperties = {
	displayName: 'Footer Text',
	name: 'footer',
	type: 'string',
	default: '',
	placeholder: 'e.g. Reply STOP to opt out',
	description: 'Small grey text under the body, up to 60 characters',
};

export const headerTextOption: INodeProperties = {
	displayName: 'Header Text',
	name: 'headerText',
	type: 'string',
	default: '',
	placeholder: 'e.g. Our menu',
	description: 'Bold title above the body, up to 60 characters',
};

/** Text or media header (reply buttons, CTA URL). */
export const headerOption: INodeProperties = {
	displayName: 'Header',
	name: 'header',
	type: 'fixedCollection',
	default: {},
	placeholder: 'Add Header',
	description: 'A title or an image, video or document shown above the body',
	options: [
		{
			displayName: 'Header',
			name: 'header',
			values: [
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'Document', value: 'document' },
						{ name: 'Image', value: 'image' },
						{ name: 'Text', value: 'text' },
						{ name: 'Video', value: 'video' },
					],
					default: 'text',
					description: 'What the header shows',
				},
				{
					displayName: 'Text',
					name: 'text',
					type: 'string',
					default: '',
					placeholder: 'e.g. Your order',
					description: 'Header title, up to 60 characters',
					displayOptions: { show: { type: ['text'] } },
				},
				{
					displayName: 'Media',
					name: 'media',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://example.com/photo.jpg',
					description: 'Public https link to the file, or a media ID from Media > Upload',
					displayOptions: { show: { type: ['image', 'video', 'document'] } },
				},
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					placeholder: 'e.g. menu.pdf',
					description: 'Name shown for the document',
					displayOptions: { show: { type: ['document'] } },
				},
			],
		},
	],
};

export const inputModeProperty = (what: string, jsonHint: string): INodeProperties => ({
	displayName: `${what} Input`,
	name: 'inputMode',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Define Below',
			value: 'fields',
			description: `Fill in each ${what.toLowerCase().replace(/s$/, '')} in the fields below`,
		},
		{
			name: 'Using JSON',
			value: 'json',
			description: `Give the ${what.toLowerCase()} as JSON (${jsonHint})`,
		},
	],
	default: 'fields',
	description: `How to give the ${what.toLowerCase()}`,
});

// ---------------------------------------------------------------------------------------------
// Header, body, footer

export interface HeaderInput {
	type?: unknown;
	text?: unknown;
	media?: unknown;
	fileName?: unknown;
}

/** The Header option's value -> HeaderInput (or undefined when not added). */
export function readHeaderOption(options: IDataObject): HeaderInput | undefined {
	const header = (options.header as IDataObject | undefined)?.header;
	return isPlainObject(header) ? (header as HeaderInput) : undefined;
}

/** Pure: Meta's header object; media headers only where the message type allows them. */
export function buildHeader(
	input: HeaderInput | undefined,
	allowMedia: boolean,
): Result<IDataObject | undefined> {
	if (!input) return ok(undefined);
	const type = textOf(input.type)?.trim().toLowerCase() || 'text';
	if (type === 'text') {
		const text = requiredTrimmedText(input.text, {
			label: 'Header Text',
			field: 'options.header.text',
			max: LIMITS.interactiveHeaderText,
			whenEmpty: 'Type the header title, or remove the Header option.',
		});
		if (!text.ok) return text;
		return ok({ type: 'text', text: text.value });
	}
	if (!['image', 'video', 'document'].includes(type)) {
		return fail(
			`"${type}" is not a header type`,
			'Choose Text, Image, Video or Document.',
			'options.header.type',
		);
	}
	if (!allowMedia) {
		return fail(
			'This message type only allows a text header',
			'Use a text header, or send the file in a Send Media message first.',
			'options.header.type',
		);
	}
	const media = readMediaReference(input.media, 'Header Media', 'options.header.media');
	if (!media.ok) return media;
	const object: IDataObject = { ...media.value };
	const fileName = textOf(input.fileName)?.trim();
	if (type === 'document' && fileName) object.filename = fileName;
	return ok({ type, [type]: object });
}

/** Pure: { type, header?, body, footer?, action } in Meta's key order. */
export function interactiveObject(
	type: string,
	parts: { header?: IDataObject; body: string; footer?: string; action: IDataObject },
): IDataObject {
	const interactive: IDataObject = { type };
	if (parts.header) interactive.header = parts.header;
	interactive.body = { text: parts.body };
	if (parts.footer !== undefined) interactive.footer = { text: parts.footer };
	interactive.action = parts.action;
	return interactive;
}

export function readBody(value: unknown, max: number): Result<string> {
	return requiredText(value, {
		label: 'Body Text',
		field: 'body',
		max,
		whenEmpty:
			'Type the message text under Body Text: WhatsApp requires it for interactive messages.',
	});
}

export function readFooter(value: unknown): Result<string | undefined> {
	return optionalText(value, {
		label: 'Footer Text',
		field: 'options.footer',
		max: LIMITS.interactiveFooter,
	});
}

// ---------------------------------------------------------------------------------------------
// Reply buttons

export interface ReplyButtonInput {
	id?: unknown;
	title?: unknown;
}

/** Buttons (JSON): ["Yes", "No"], [{ "id": "yes", "title": "Yes" }] or Meta's
 *  [{ "type": "reply", "reply": { "id": "yes", "title": "Yes" } }]. */
export function parseButtonsJson(value: unknown): Result<ReplyButtonInput[]> {
	const example = '[{"id": "yes", "title": "Yes"}, {"id": "no", "title": "No"}]';
	const parsed = parseJson(value, 'Buttons (JSON)', 'buttonsJson', example);
	if (!parsed.ok) return parsed;
	const list =
		isPlainObject(parsed.value) && Array.isArray(parsed.value.buttons)
			? parsed.value.buttons
			: parsed.value;
	if (!Array.isArray(list)) {
		return fail(
			'Buttons (JSON) must be an array of buttons',
			`Give an array such as ${example}.`,
			'buttonsJson',
		);
	}
	const buttons: ReplyButtonInput[] = [];
	for (const [index, entry] of list.entries()) {
		if (typeof entry === 'string' || typeof entry === 'number') {
			buttons.push({ title: String(entry) });
		} else if (isPlainObject(entry)) {
			const reply = isPlainObject(entry.reply) ? entry.reply : entry;
			buttons.push({ id: reply.id, title: reply.title });
		} else {
			return fail(
				`Button ${index + 1} in Buttons (JSON) is not an object`,
				`Give each button as {"id": "...", "title": "..."}, e.g. ${example}.`,
				'buttonsJson',
			);
		}
	}
	return ok(buttons);
}

/** Pure: 1-3 reply buttons, titles <= 20 and ids <= 256 characters, both unique (spec:
 *  ActionObject.buttons). An empty ID takes the title, so a no-code user may give titles only. */
export function buildReplyButtons(input: ReplyButtonInput[], field: string): Result<IDataObject[]> {
	if (input.length === 0) {
		return fail(
			'No buttons',
			'Add 1 to 3 buttons: WhatsApp needs at least one reply button.',
			field,
		);
	}
	if (input.length > LIMITS.replyButtons) {
		return fail(
			`${input.length} buttons; WhatsApp allows at most ${LIMITS.replyButtons} reply buttons`,
			'Keep 3 buttons, or use Send List for up to 10 choices.',
			field,
		);
	}
	const buttons: IDataObject[] = [];
	for (const [index, button] of input.entries()) {
		const label = `Button ${index + 1}`;
		const title = requiredTrimmedText(button.title, {
			label: `${label} title`,
			field,
			max: LIMITS.replyButtonTitle,
			whenEmpty: `Give ${label} a title (what the user taps, up to ${LIMITS.replyButtonTitle} characters).`,
		});
		if (!title.ok) return title;
		const id = textOf(button.id)?.trim() || title.value;
		const idCheck = requiredText(id, { label: `${label} ID`, field, max: LIMITS.replyButtonId });
		if (!idCheck.ok) return idCheck;
		buttons.push({ type: 'reply', reply: { id, title: title.value } });
	}
	const reply = (b: IDataObject) => b.reply as { id: string; title: string };
	const duplicateId = firstDuplicate(buttons.map((b) => reply(b).id));
	if (duplicateId !== undefined) {
		return fail(
			`Two buttons have the ID "${duplicateId}"`,
			'Give every button its own ID (an empty ID takes the title): the ID tells you which button the user tapped.',
			field,
		);
	}
	const duplicateTitle = firstDuplicate(buttons.map((b) => reply(b).title));
	if (duplicateTitle !== undefined) {
		return fail(
			`Two buttons have the title "${duplicateTitle}"`,
			'WhatsApp requires unique button titles: change one.',
			field,
		);
	}
	return ok(buttons);
}

// ---------------------------------------------------------------------------------------------
// List

export interface ListRowInput {
	id?: unknown;
	title?: unknown;
	description?: unknown;
}

export interface ListSectionInput {
	title?: unknown;
	rows: ListRowInput[];
}

/** The flat Rows fields -> sections: rows with the same Section title form one section, in the
 *  order their titles first appear. */
export function sectionsFromRows(
	rows: Array<ListRowInput & { section?: unknown }>,
): ListSectionInput[] {
	const sections: ListSectionInput[] = [];
	for (const row of rows) {
		const title = textOf(row.section)?.trim() ?? '';
		let section = sections.find((s) => (textOf(s.title) ?? '') === title);
		if (!section) {
			section = { title, rows: [] };
			sections.push(section);
		}
		section.rows.push({ id: row.id, title: row.title, description: row.description });
	}
	return sections;
}

/** Sections (JSON): Meta's sections array, or { "sections": [...] }, or a plain rows array (one
 *  section). */
export function parseSectionsJson(value: unknown): Result<ListSectionInput[]> {
	const example =
		'[{"title": "Bikes", "rows": [{"id": "city", "title": "City bike", "description": "3 gears"}]}]';
	const parsed = parseJson(value, 'Sections (JSON)', 'sectionsJson', example);
	if (!parsed.ok) return parsed;
	const list =
		isPlainObject(parsed.value) && Array.isArray(parsed.value.sections)
			? parsed.value.sections
			: parsed.value;
	if (!Array.isArray(list)) {
		return fail(
			'Sections (JSON) must be an array of sections',
			`Give an array such as ${example}.`,
			'sectionsJson',
		);
	}
	if (
		list.length > 0 &&
		list.every(
			(entry) => isPlainObject(entry) && !Array.isArray(entry.rows) && entry.title !== undefined,
		)
	) {
		return ok([{ rows: list as ListRowInput[] }]);
	}
	const sections: ListSectionInput[] = [];
	for (const [index, entry] of list.entries()) {
		if (!isPlainObject(entry) || !Array.isArray(entry.rows)) {
			return fail(
				`Section ${index + 1} in Sections (JSON) has no rows array`,
				`Give each section as {"title": "...", "rows": [...]}, e.g. ${example}.`,
				'sectionsJson',
			);
		}
		sections.push({ title: entry.title, rows: entry.rows as ListRowInput[] });
	}
	return ok(sections);
}

/** Pure: 1-10 sections, 1-10 rows in total, titles and IDs within Meta's limits, row IDs unique
 *  (spec: ActionObject.sections, SectionObject; list docs: 10 rows across all sections). */
export function buildListSections(input: ListSectionInput[], field: string): Result<IDataObject[]> {
	const rowCount = input.reduce((sum, section) => sum + section.rows.length, 0);
	if (rowCount === 0) {
		return fail(
			'The list has no rows',
			'Add 1 to 10 rows: each row is one choice the user can pick.',
			field,
		);
	}
	if (rowCount > LIMITS.listRows) {
		return fail(
			`The list has ${rowCount} rows; WhatsApp allows at most ${LIMITS.listRows} across all sections`,
			'Keep the 10 most useful choices, or split them over two list messages.',
			field,
		);
	}
	if (input.length > LIMITS.listSections) {
		return fail(
			`The list has ${input.length} sections; WhatsApp allows at most ${LIMITS.listSections}`,
			'Merge sections.',
			field,
		);
	}
	const sections: IDataObject[] = [];
	for (const [sIndex, section] of input.entries()) {
		const out: IDataObject = {};
		const title = optionalText(section.title, {
			label: `Section ${sIndex + 1} title`,
			field,
			max: LIMITS.listSectionTitle,
		});
		if (!title.ok) return title;
		if (title.value === undefined && input.length > 1) {
			return fail(
				`Section ${sIndex + 1} has no title`,
				'When the list has more than one section, every section needs a title (up to 24 characters).',
				field,
			);
		}
		if (title.value !== undefined) out.title = title.value;
		if (section.rows.length === 0) {
			return fail(
				`Section ${sIndex + 1} has no rows`,
				'Give every section at least one row, or remove it.',
				field,
			);
		}
		const rows: IDataObject[] = [];
		for (const [rIndex, row] of section.rows.entries()) {
			const label = `Row ${rIndex + 1}${input.length > 1 ? ` of section ${sIndex + 1}` : ''}`;
			const rowTitle = requiredTrimmedText(row.title, {
				label: `${label} title`,
				field,
				max: LIMITS.listRowTitle,
				whenEmpty: `Give ${label} a title (the choice the user sees, up to ${LIMITS.listRowTitle} characters).`,
			});
			if (!rowTitle.ok) return rowTitle;
			const id = textOf(row.id)?.trim() || rowTitle.value;
			const idCheck = requiredText(id, { label: `${label} ID`, field, max: LIMITS.listRowId });
			if (!idCheck.ok) return idCheck;
			const description = optionalText(row.description, {
				label: `${label} description`,
				field,
				max: LIMITS.listRowDescription,
			});
			if (!description.ok) return description;
			const entry: IDataObject = { id, title: rowTitle.value };
			if (description.value !== undefined) entry.description = description.value;
			rows.push(entry);
		}
		out.rows = rows;
		sections.push(out);
	}
	const duplicate = firstDuplicate(
		sections.flatMap((s) => (s.rows as IDataObject[]).map((r) => String(r.id))),
	);
	if (duplicate !== undefined) {
		return fail(
			`Two rows have the ID "${duplicate}"`,
			'Row IDs must be unique across the whole list (an empty ID takes the title): the ID tells you which row the user picked.',
			field,
		);
	}
	return ok(sections);
}
