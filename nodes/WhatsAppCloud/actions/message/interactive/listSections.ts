/**
 * A list message's sections and rows (titles 24, descriptions 72, at most 10 rows in all), from
 * rows grouped by a section title or from JSON.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	firstDuplicate,
	isPlainObject,
	optionalText,
	parseJson,
	requiredText,
	requiredTrimmedText,
	textOf,
} from '../../../shared/fields';
import { LIMITS } from '../../../shared/limits';
import { fail, ok, type Result } from '../../../shared/problem';

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
