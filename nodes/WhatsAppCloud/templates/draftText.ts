/**
 * The text parts of a new template, checked as Meta's review would: body (variables numbered
 * from 1 or named, never mixed, an example for each, not at the start or end), text/media/location
 * header (one variable at most) and footer (no variables), with Meta's lengths.
 */
import type { IDataObject } from 'n8n-workflow';

import { charCount, textOf } from '../shared/fields';
import { LIMITS } from '../shared/limits';
import { fail, ok, type Result } from '../shared/problem';
import { hasPlaceholder, PLACEHOLDER, type ParameterFormat } from './placeholders';

export interface VariableExample {
	variable?: unknown;
	example?: unknown;
}

export interface HeaderDraft {
	format?: unknown;
	text?: unknown;
	example?: unknown;
	mediaHandle?: unknown;
}

interface Variables {
	names: string[];
}

/** The variables of a text in first-appearance order, checked against the parameter format. */
export function templateVariablesOf(
	text: string,
	format: ParameterFormat,
	where: string,
	field: string,
): Result<Variables> {
	const names: string[] = [];
	const opening = (text.match(/\{\{/g) ?? []).length;
	const closing = (text.match(/\}\}/g) ?? []).length;
	for (const match of text.matchAll(PLACEHOLDER)) {
		const inner = match[1];
		if (!/^[a-z0-9_]+$/.test(inner)) {
			const trimmed = inner.trim();
			const fix = /^[a-z0-9_]+$/.test(trimmed)
				? `Write it as {{${trimmed}}}, without spaces.`
				: format === 'NAMED'
					? 'Named variables use lowercase letters, digits and underscores, e.g. {{first_name}}.'
					: 'Positional variables are numbers, e.g. {{1}}.';
			return fail(`${where} has a malformed variable "${match[0]}"`, fix, field);
		}
		if (!names.includes(inner)) names.push(inner);
	}
	if (opening !== closing || opening !== [...text.matchAll(PLACEHOLDER)].length) {
		return fail(
			`${where} has unbalanced braces`,
			'Every variable is written {{...}} with two braces on each side; remove stray { or }.',
			field,
		);
	}
	const numeric = names.filter((name) => /^\d+$/.test(name));
	if (format === 'POSITIONAL') {
		if (numeric.length !== names.length) {
			const named = names.find((name) => !/^\d+$/.test(name));
			return fail(
				`${where} uses the named variable {{${named}}} but Parameter Format is Positional`,
				'Set Parameter Format to Named, or number the variables {{1}}, {{2}}...',
				field,
			);
		}
	} else if (numeric.length > 0) {
		return fail(
			`${where} uses the positional variable {{${numeric[0]}}} but Parameter Format is Named`,
			'Give every variable a lowercase name such as {{first_name}}, or set Parameter Format to Positional.',
			field,
		);
	}
	return ok({ names });
}

/** Positional variables must be exactly 1..n (each used at least once). */
function checkSequence(names: string[], where: string, field: string): Result<true> {
	const numbers = names.map(Number).sort((a, b) => a - b);
	for (const [index, number] of numbers.entries()) {
		if (number !== index + 1) {
			return fail(
				`${where} skips or misnumbers variables: it has {{${numbers.join('}}, {{')}}}`,
				`Number variables from {{1}} without gaps, e.g. {{1}}, {{2}}, {{3}}. Meta rejects templates whose variables are not sequential.`,
				field,
			);
		}
	}
	return ok(true);
}

function exampleMap(
	examples: VariableExample[],
	format: ParameterFormat,
	names: string[],
	field: string,
): Result<Map<string, string>> {
	const map = new Map<string, string>();
	for (const entry of examples) {
		const key =
			textOf(entry.variable)
				?.trim()
				.replace(/^\{\{\s*|\s*\}\}$/g, '') ?? '';
		if (key === '') continue;
		if (!names.includes(key)) {
			return fail(
				`Example for {{${key}}}, which the body does not have`,
				names.length
					? `The body's variables are ${names.map((n) => `{{${n}}}`).join(', ')}: give one example for each (as ${format === 'NAMED' ? 'the variable name' : 'its number'}).`
					: 'The body has no variables: remove the examples.',
				field,
			);
		}
		const value = textOf(entry.example)?.trim() ?? '';
		if (value !== '') map.set(key, value);
	}
	return ok(map);
}

function dangling(text: string): 'start' | 'end' | undefined {
	const stripped = text.trim();
	const found = [...stripped.matchAll(PLACEHOLDER)];
	if (found.length === 0) return undefined;
	if (found[0].index === 0) return 'start';
	const last = found[found.length - 1];
	const after = stripped.slice((last.index ?? 0) + last[0].length);
	return /^[\s.!?,;:)]*$/.test(after) ? 'end' : undefined;
}

/** The BODY component with its examples. */
export function buildBodyComponent(
	body: unknown,
	examples: VariableExample[],
	format: ParameterFormat,
): Result<IDataObject> {
	const text = textOf(body) ?? '';
	if (text.trim() === '') {
		return fail(
			'Body Text is empty',
			'Write the template message under Body Text: every template needs a body.',
			'body',
		);
	}
	const length = charCount(text);
	if (length > LIMITS.templateBody) {
		return fail(
			`Body Text is ${length} characters; Meta allows at most ${LIMITS.templateBody}`,
			'Shorten the body.',
			'body',
		);
	}
	const variables = templateVariablesOf(text, format, 'Body Text', 'body');
	if (!variables.ok) return variables;
	const { names } = variables.value;
	if (format === 'POSITIONAL') {
		const sequence = checkSequence(names, 'Body Text', 'body');
		if (!sequence.ok) return sequence;
	}
	const position = dangling(text);
	if (position) {
		return fail(
			`Body Text ${position === 'start' ? 'starts' : 'ends'} with a variable`,
			`Meta rejects templates whose body ${position === 'start' ? 'begins' : 'ends'} with a variable: add words ${position === 'start' ? 'before' : 'after'} it, e.g. "Hi {{1}}, ..." or "... ready for pickup, {{1}}. See you soon!".`,
			'body',
		);
	}
	const component: IDataObject = { type: 'BODY', text };
	if (names.length === 0) return ok(component);
	const map = exampleMap(examples, format, names, 'examples');
	if (!map.ok) return map;
	const missing = names.filter((name) => !map.value.has(name));
	if (missing.length) {
		return fail(
			`No example for ${missing.map((n) => `{{${n}}}`).join(', ')}`,
			`Meta requires an example value for every variable, so its reviewers can see a real message. Add one under Variable Examples for each: ${missing.map((n) => `{{${n}}}`).join(', ')} (e.g. a customer name, an order number).`,
			'examples',
		);
	}
	const ordered =
		format === 'POSITIONAL' ? [...names].sort((a, b) => Number(a) - Number(b)) : names;
	component.example =
		format === 'NAMED'
			? {
					body_text_named_params: ordered.map((name) => ({
						param_name: name,
						example: map.value.get(name),
					})),
				}
			: { body_text: [ordered.map((name) => map.value.get(name))] };
	return ok(component);
}

/** The HEADER component (text with at most one variable, media with a sample handle, location). */
export function buildHeaderComponent(
	header: HeaderDraft | undefined,
	format: ParameterFormat,
): Result<IDataObject | undefined> {
	if (!header) return ok(undefined);
	const kind = (textOf(header.format)?.trim().toUpperCase() || 'TEXT') as string;
	if (kind === 'NONE') return ok(undefined);
	if (kind === 'LOCATION') return ok({ type: 'HEADER', format: 'LOCATION' });
	if (['IMAGE', 'VIDEO', 'DOCUMENT'].includes(kind)) {
		const handle = textOf(header.mediaHandle)?.trim() ?? '';
		if (handle === '') {
			return fail(
				`A ${kind.toLowerCase()} header needs a sample file handle`,
				"Meta's reviewers need a sample: upload one with Meta's Resumable Upload API (POST /{app-id}/uploads) and paste the returned handle (it starts with 4::), or create the template in WhatsApp Manager.",
				'header.mediaHandle',
			);
		}
		return ok({ type: 'HEADER', format: kind, example: { header_handle: [handle] } });
	}
	if (kind !== 'TEXT') {
		return fail(
			`"${kind}" is not a header format`,
			'Choose Text, Image, Video, Document or Location.',
			'header.format',
		);
	}
	const text = textOf(header.text) ?? '';
	if (text.trim() === '') {
		return fail(
			'Header Text is empty',
			'Type the header title, or remove the header.',
			'header.text',
		);
	}
	const length = charCount(text);
	if (length > LIMITS.headerText) {
		return fail(
			`Header Text is ${length} characters; Meta allows at most ${LIMITS.headerText}`,
			'Shorten the header.',
			'header.text',
		);
	}
	const variables = templateVariablesOf(text, format, 'Header Text', 'header.text');
	if (!variables.ok) return variables;
	const { names } = variables.value;
	if (names.length > 1) {
		return fail(
			`Header Text has ${names.length} variables; Meta allows one`,
			'Keep one variable in the header and move the others to the body.',
			'header.text',
		);
	}
	const component: IDataObject = { type: 'HEADER', format: 'TEXT', text };
	if (names.length === 0) return ok(component);
	if (format === 'POSITIONAL' && names[0] !== '1') {
		return fail(
			`The header variable must be {{1}}, not {{${names[0]}}}`,
			'Header and body number their variables separately: write {{1}} in the header.',
			'header.text',
		);
	}
	const example = textOf(header.example)?.trim() ?? '';
	if (example === '') {
		return fail(
			`No example for the header variable {{${names[0]}}}`,
			'Meta requires an example value for every variable: fill in Header Example.',
			'header.example',
		);
	}
	component.example =
		format === 'NAMED'
			? { header_text_named_params: [{ param_name: names[0], example }] }
			: { header_text: [example] };
	return ok(component);
}

export function buildFooterComponent(footer: unknown): Result<IDataObject | undefined> {
	const text = textOf(footer)?.trim() ?? '';
	if (text === '') return ok(undefined);
	const length = charCount(text);
	if (length > LIMITS.templateFooter) {
		return fail(
			`Footer Text is ${length} characters; Meta allows at most ${LIMITS.templateFooter}`,
			'Shorten the footer.',
			'footer',
		);
	}
	if (hasPlaceholder(text)) {
		return fail(
			'Footer Text has a variable',
			'Template footers are fixed text: move the variable to the body.',
			'footer',
		);
	}
	return ok({ type: 'FOOTER', text });
}
