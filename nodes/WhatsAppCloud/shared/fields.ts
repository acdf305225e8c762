/**
 * Checks of single field values shared by the operations' pure builders: text with Meta's length
 * limits, links, message IDs, JSON parameters. Each failure is a Problem that names the field
 * (as the user sees it) and says how to fix it. Pure: no n8n context, no HTTP.
 */
import { fail, ok, type Result } from './problem';

/** A parameter value as text: strings as given, numbers and booleans converted; else undefined. */
export function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

/** Characters as Meta counts them (code points: an emoji is one, not two UTF-16 units). */
export function charCount(text: string): number {
	return [...text].length;
}

export interface TextRule {
	/** The field's name as the user sees it, e.g. "Body Text". */
	label: string;
	/** The parameter's internal name, for the error item's `field`. */
	field: string;
	/** Meta's maximum length in characters. */
	max?: number;
	/** What to do when it is empty (required text). */
	whenEmpty?: string;
}

function tooLong(text: string, rule: TextRule): Result<string> | undefined {
	const length = charCount(text);
	if (rule.max !== undefined && length > rule.max) {
		return fail(
			`${rule.label} is ${length} characters; WhatsApp allows at most ${rule.max}`,
			`Shorten ${rule.label} to ${rule.max} characters or fewer (an expression such as {{ $json.text.slice(0, ${rule.max}) }} cuts it).`,
			rule.field,
		);
	}
	return undefined;
}

/** Required text, trimmed of surrounding blanks only when it is otherwise empty. */
export function requiredText(value: unknown, rule: TextRule): Result<string> {
	const text = textOf(value);
	if (text === undefined || text.trim() === '') {
		return fail(
			`${rule.label} is empty`,
			rule.whenEmpty ??
				`Fill in ${rule.label}, or check that the expression you mapped returns text for this item.`,
			rule.field,
		);
	}
	return tooLong(text, rule) ?? ok(text);
}

/** Required text that is sent trimmed (titles, labels): the blanks around it are dropped before
 *  the length check, so a mapped value with a trailing newline is measured as it will be sent. */
export function requiredTrimmedText(value: unknown, rule: TextRule): Result<string> {
	return requiredText(textOf(value)?.trim(), rule);
}

/** Optional text: empty or blank means "not given" (undefined); trimmed; checked against max. */
export function optionalText(value: unknown, rule: TextRule): Result<string | undefined> {
	const text = textOf(value)?.trim();
	if (text === undefined || text === '') return ok(undefined);
	return tooLong(text, rule) ?? ok(text);
}

/** http(s) URL with a host. */
export function isHttpUrl(text: string): boolean {
	try {
		const url = new URL(text);
		return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
	} catch {
		return false;
	}
}

/** A WhatsApp message ID (wamid.…), e.g. from the trigger's `messageId`. */
export function readMessageId(value: unknown, label: string, field: string): Result<string> {
	const text = textOf(value)?.trim() ?? '';
	if (text === '') {
		return fail(
			`${label} is empty`,
			`Give the ID of the WhatsApp message (it starts with "wamid."), e.g. {{ $json.messageId }} after a WhatsApp Cloud Trigger.`,
			field,
		);
	}
	if (!/^wamid\.\S+$/.test(text)) {
		return fail(
			`"${text.length > 60 ? `${text.slice(0, 60)}…` : text}" in ${label} is not a WhatsApp message ID`,
			`WhatsApp message IDs start with "wamid.", e.g. wamid.HBgLMTU1NTAxMDkwMDEVAgASGBQ…; map {{ $json.messageId }} from the WhatsApp Cloud Trigger or the messageId of a message you sent (not a phone number or media ID).`,
			field,
		);
	}
	return ok(text);
}

/** A JSON parameter: an object/array as given, or text holding JSON. */
export function parseJson(
	value: unknown,
	label: string,
	field: string,
	example: string,
): Result<unknown> {
	if (typeof value !== 'string') return ok(value);
	if (value.trim() === '') {
		return fail(`${label} is empty`, `Give JSON such as ${example}.`, field);
	}
	try {
		return ok(JSON.parse(value) as unknown);
	} catch (error) {
		return fail(
			`${label} is not valid JSON: ${(error as Error).message}`,
			`Give JSON such as ${example}.`,
			field,
		);
	}
}

/** The first duplicate in a list (compared as given), or undefined. */
export function firstDuplicate(values: string[]): string | undefined {
	const seen = new Set<string>();
	for (const value of values) {
		if (seen.has(value)) return value;
		seen.add(value);
	}
	return undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
