/**
 * Template variables as they are written in a text: {{1}} (positional) or {{first_name}} (named).
 * The one placeholder pattern and the one name for a template's parameter format.
 */

/** Meta's `parameter_format`, as its template definitions spell it. */
export type ParameterFormat = 'POSITIONAL' | 'NAMED';

/** Every {{...}} in a text, exactly as written; group 1 is what stands between the braces. */
export const PLACEHOLDER = /\{\{(.*?)\}\}/g;

/** A variable name: digits (positional) or letters, digits and underscores (named). */
export const NAME_PATTERN = /^[A-Za-z0-9_]+$/;

/** A positional variable's name: digits only. */
export function isPositionalName(name: string): boolean {
	return /^\d+$/.test(name);
}

/** "named" or "NAMED" (a field's value, Meta's answer) is NAMED; anything else POSITIONAL. */
export function parameterFormatFrom(value: unknown): ParameterFormat {
	return typeof value === 'string' && value.trim().toUpperCase() === 'NAMED'
		? 'NAMED'
		: 'POSITIONAL';
}

/** The variable a {{...}} stands for, blanks inside the braces ignored; undefined if malformed. */
function nameOf(inner: string): string | undefined {
	const name = inner.trim();
	return NAME_PATTERN.test(name) ? name : undefined;
}

/** Whether a text has any {{...}}, well-formed or not. */
export function hasPlaceholder(text: string): boolean {
	return new RegExp(PLACEHOLDER.source).test(text);
}

/** The distinct variable names of a text, in first-appearance order. */
export function placeholderNames(text: string | undefined): string[] {
	const seen: string[] = [];
	for (const match of (text ?? '').matchAll(PLACEHOLDER)) {
		const name = nameOf(match[1]);
		if (name !== undefined && !seen.includes(name)) seen.push(name);
	}
	return seen;
}

/** Placeholder names in a component text, in the order Meta expects their parameters. */
export function placeholdersIn(text: string | undefined, format: ParameterFormat): string[] {
	const names = placeholderNames(text);
	if (format === 'POSITIONAL') {
		return names.filter(isPositionalName).sort((a, b) => Number(a) - Number(b));
	}
	return names;
}

/**
 * A component text as the recipient sees it: each {{name}} replaced with its value. Placeholders
 * without a value are left as they are.
 */
export function renderPlaceholders(text: string, values: ReadonlyMap<string, string>): string {
	return text.replace(PLACEHOLDER, (whole, inner: string) => {
		const name = nameOf(inner);
		return (name !== undefined ? values.get(name) : undefined) ?? whole;
	});
}

/** The component text without its placeholders: what the template itself contributes. */
export function textWithoutPlaceholders(text: string): string {
	return text.replace(PLACEHOLDER, (whole, inner: string) =>
		nameOf(inner) !== undefined ? '' : whole,
	);
}
