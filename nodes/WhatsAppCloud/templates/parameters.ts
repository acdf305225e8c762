/**
 * One template variable's value -> one parameter of Meta's send request (text, currency,
 * date_time, media, location, coupon, payload...), checked against Meta's limits. Pure: no n8n
 * context, no HTTP.
 */
import type { IDataObject } from 'n8n-workflow';

import { charCount } from '../shared/fields';
import { LIMITS } from '../shared/limits';
import { fail, ok, type Problem, type Result } from '../shared/problem';
import { componentOfType, type TemplateDefinition } from './definition';
import { renderPlaceholders, textWithoutPlaceholders } from './placeholders';
import type { TemplateVariable } from './variables';

/** How a body variable is sent when it is not plain text. */
export interface VariableFormat {
	format: 'currency' | 'date_time';
	/** ISO 4217 code, for currency. */
	currencyCode?: string;
}

export function templateLabel(definition: TemplateDefinition): string {
	return `"${definition.name}" (${definition.language})`;
}

export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

export function describeValue(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function toText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		return String(value);
	}
	return undefined;
}

/** A parameter object given as is (expression returning {type:'currency', currency:{...}} etc.). */
function asParameterObject(value: unknown): IDataObject | undefined {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const object = value as IDataObject;
	if (object.currency && typeof object.currency === 'object')
		return { type: 'currency', ...object };
	if (object.date_time && typeof object.date_time === 'object')
		return { type: 'date_time', ...object };
	if (typeof object.type === 'string' && typeof object[object.type] !== 'undefined') return object;
	return undefined;
}

function localeOf(language: string): string {
	return language.replace('_', '-');
}

export function formatCurrencyFallback(amount: number, code: string, language: string): string {
	try {
		return new Intl.NumberFormat(localeOf(language), { style: 'currency', currency: code }).format(
			amount,
		);
	} catch {
		return `${code} ${amount}`;
	}
}

export function missing(definition: TemplateDefinition, variable: TemplateVariable): Problem {
	return {
		message: `Template ${templateLabel(definition)} needs a value for ${variable.label}`,
		description:
			'Type or map a value for this variable under Template Variables. Meta rejects a template message when any of its variables is left empty (error 132000).',
		field: variable.key,
	};
}

function tooLong(
	definition: TemplateDefinition,
	variable: TemplateVariable,
	length: number,
): Problem {
	return {
		message: `${variable.label} of template ${templateLabel(definition)} is ${length} characters; Meta allows at most ${variable.maxLength}`,
		description: `Shorten the value to ${variable.maxLength} characters or fewer, for example with an expression such as {{ $json.value.slice(0, ${variable.maxLength}) }}.`,
		field: variable.key,
	};
}

export function textValue(
	definition: TemplateDefinition,
	variable: TemplateVariable,
	value: unknown,
): Result<string> {
	const text = toText(value);
	if (text === undefined) {
		return fail(
			`${variable.label} of template ${templateLabel(definition)} must be text, got ${describeValue(value)}`,
			'Map a text or number value to this variable (not an object or a list).',
			variable.key,
		);
	}
	const length = charCount(text);
	if (variable.maxLength !== undefined && length > variable.maxLength) {
		return { ok: false, problem: tooLong(definition, variable, length) };
	}
	return ok(text);
}

/**
 * The header's limit counts the header as the recipient sees it: the template's own header text
 * with its variable filled in (Meta refuses a longer one with 132005), not the value alone.
 */
export function renderedHeaderTooLong(
	definition: TemplateDefinition,
	variables: TemplateVariable[],
	texts: ReadonlyMap<string, string>,
): Problem | undefined {
	const template = componentOfType(definition, 'HEADER')?.text;
	if (!template || texts.size === 0) return undefined;
	const length = charCount(renderPlaceholders(template, texts));
	if (length <= LIMITS.headerText) return undefined;
	const own = charCount(textWithoutPlaceholders(template));
	const filled = variables.filter((v) => v.kind === 'headerText' && texts.has(placeholderName(v)));
	const names = filled.map((v) => `{{${placeholderName(v)}}}`).join(', ');
	const room = Math.max(0, LIMITS.headerText - own);
	return {
		message: `The header of template ${templateLabel(definition)} would be ${length} characters with ${names} filled in; Meta allows at most ${LIMITS.headerText}`,
		description: `The header's own text takes ${own} characters, so ${filled.length > 1 ? 'its variables have' : `${filled[0]?.label ?? 'its variable'} has`} room for ${room}. Shorten the value (Meta refuses a longer header with error 132005), for example with an expression such as {{ $json.value.slice(0, ${room}) }}.`,
		field: filled[0]?.key ?? 'variables',
	};
}

/** The {{name}} a header or body variable fills: its parameter name, or its position. */
export function placeholderName(variable: TemplateVariable): string {
	return variable.parameterName ?? String(variable.position ?? '');
}

export function textParameter(variable: TemplateVariable, text: string): IDataObject {
	return variable.parameterName
		? { type: 'text', parameter_name: variable.parameterName, text }
		: { type: 'text', text };
}

export function bodyParameter(
	definition: TemplateDefinition,
	variable: TemplateVariable,
	value: unknown,
	format: VariableFormat | undefined,
): Result<IDataObject> {
	const named = variable.parameterName ? { parameter_name: variable.parameterName } : {};
	const given = asParameterObject(value);
	if (given) return ok({ ...given, ...named });
	if (format?.format === 'currency') {
		const code = (format.currencyCode ?? '').trim().toUpperCase();
		if (!/^[A-Z]{3}$/.test(code)) {
			return fail(
				`${variable.label} of template ${templateLabel(definition)} is set to currency but its currency code "${format.currencyCode ?? ''}" is not a 3-letter ISO 4217 code`,
				'Under Options > Variable Formats, set Currency Code to a code such as USD, EUR or BRL.',
				variable.key,
			);
		}
		const amount = typeof value === 'number' ? value : Number(String(value).trim());
		if (!Number.isFinite(amount)) {
			return fail(
				`${variable.label} of template ${templateLabel(definition)} is a currency amount, got ${describeValue(value)}`,
				'Map a number such as 100.99 (no currency symbol); the node sends it as amount_1000 with a formatted fallback text.',
				variable.key,
			);
		}
		return ok({
			type: 'currency',
			...named,
			currency: {
				fallback_value: formatCurrencyFallback(amount, code, definition.language),
				code,
				amount_1000: Math.round(amount * 1000),
			},
		});
	}
	const text = textValue(definition, variable, value);
	if (!text.ok) return text;
	if (format?.format === 'date_time') {
		// Cloud API always renders fallback_value for date_time (spec: DateTimeObject).
		return ok({ type: 'date_time', ...named, date_time: { fallback_value: text.value } });
	}
	return ok(textParameter(variable, text.value));
}

export function mediaParameter(
	definition: TemplateDefinition,
	variable: TemplateVariable,
	value: unknown,
	filename: unknown,
): Result<IDataObject> {
	const given = asParameterObject(value);
	if (given) return ok(given);
	const text = (toText(value) ?? '').trim();
	const format = variable.mediaFormat ?? 'image';
	let media: IDataObject;
	if (/^https?:\/\/\S+$/i.test(text)) media = { link: text };
	else if (/^\d+$/.test(text)) media = { id: text };
	else {
		return fail(
			`${variable.label} of template ${templateLabel(definition)} must be a https:// link or a media ID, got ${describeValue(value)}`,
			'Give a public https URL of the file, or the numeric ID returned when the media was uploaded to WhatsApp.',
			variable.key,
		);
	}
	if (format === 'document' && !isBlank(filename)) media.filename = String(filename).trim();
	return ok({ type: format, [format]: media });
}

export function coordinate(
	definition: TemplateDefinition,
	variable: TemplateVariable,
	value: unknown,
	limit: number,
): Result<number> {
	const number = typeof value === 'number' ? value : Number(String(value).trim());
	if (!Number.isFinite(number) || Math.abs(number) > limit) {
		return fail(
			`${variable.label} of template ${templateLabel(definition)} must be a number between -${limit} and ${limit}, got ${describeValue(value)}`,
			'Map decimal degrees, for example 37.4847 for a latitude or -122.1484 for a longitude.',
			variable.key,
		);
	}
	return ok(number);
}

export function parseObject(
	definition: TemplateDefinition,
	variable: TemplateVariable,
	value: unknown,
): Result<IDataObject> {
	if (value && typeof value === 'object' && !Array.isArray(value)) return ok(value as IDataObject);
	if (typeof value === 'string') {
		try {
			const parsed: unknown = JSON.parse(value);
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
				return ok(parsed as IDataObject);
			}
		} catch {
			// reported below
		}
	}
	return fail(
		`${variable.label} of template ${templateLabel(definition)} must be a JSON object, got ${describeValue(value)}`,
		'Give an object such as {"screen_hint": "SIGN_UP"}, or leave the field empty.',
		variable.key,
	);
}
