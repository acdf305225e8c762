/**
 * Template variables: {{1}} {{2}} (POSITIONAL) or {{first_name}} (NAMED) in a component's text.
 */

const POSITIONAL_VAR = /\{\{\s*(\d+)\s*\}\}/g;
const NAMED_VAR = /\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/g;

/** Send-time checks parse the same few template texts thousands of times per second. */
const varCache = new Map<string, string[]>();

/** Variables of a text in order of first appearance: ['1','2'] or ['first_name', ...]. */
export function templateVariables(
	text: string | undefined,
	format: 'POSITIONAL' | 'NAMED',
): string[] {
	if (!text) return [];
	const key = `${format}\u0000${text}`;
	const cached = varCache.get(key);
	if (cached) return cached;
	const re = format === 'NAMED' ? NAMED_VAR : POSITIONAL_VAR;
	const seen = new Set<string>();
	for (const m of text.matchAll(re)) seen.add(m[1]);
	const vars = [...seen];
	if (varCache.size > 5_000) varCache.clear();
	varCache.set(key, vars);
	return vars;
}

/** The text with each variable replaced by its value (missing values become empty). */
export function fillVariables(
	text: string,
	values: Map<string, string>,
	format: 'POSITIONAL' | 'NAMED',
): string {
	return text.replace(
		format === 'NAMED' ? NAMED_VAR : POSITIONAL_VAR,
		(_, key: string) => values.get(key) ?? '',
	);
}
