/**
 * Which template an item means, from the "Template" resource locator:
 * - From List: the value is `name:language` (e.g. `order_confirmation:en_US`), so a send needs
 *   no lookup to know what to put in `template.name` / `template.language.code`.
 * - By Name: the same `name:language` text; the language may be left out when the template
 *   exists in one language only (the node then finds it). `name|language` and
 *   `name (language)` (what the list shows) are read too.
 * - By ID: Meta's template ID (digits).
 * Pure: no n8n context, no HTTP.
 */
import { fail, ok, type Result } from '../shared/problem';

export type TemplateReference =
	| { by: 'id'; id: string }
	| { by: 'name'; name: string; language?: string };

export const TEMPLATE_NAME_PATTERN = /^[a-z0-9_]+$/;
const LANGUAGE_PATTERN = /^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,4})?$/;

/** The value a list entry carries, and the canonical "By Name" text. */
export function formatTemplateValue(name: string, language: string): string {
	return `${name}:${language}`;
}

export function describeReference(reference: TemplateReference): string {
	if (reference.by === 'id') return `with ID ${reference.id}`;
	return reference.language ? `"${reference.name}" (${reference.language})` : `"${reference.name}"`;
}

function normalizeLanguage(language: string): string {
	return language.replace('-', '_');
}

const HOW_TO_CHOOSE =
	'Choose the template from the list, or write its name and language code as name:language, e.g. order_confirmation:en_US.';

export function parseTemplateName(text: string): Result<TemplateReference> {
	const value = text.trim();
	if (value === '') {
		return fail('No template chosen', HOW_TO_CHOOSE, 'template');
	}
	let name = value;
	let language: string | undefined;
	const parenthesized = /^(.+?)\s*\(\s*([^()]+?)\s*\)$/.exec(value);
	const separated = /^([^:|]+?)\s*[:|]\s*(.+)$/.exec(value);
	if (parenthesized) [, name, language] = parenthesized;
	else if (separated) [, name, language] = separated;
	name = name.trim();
	if (!TEMPLATE_NAME_PATTERN.test(name)) {
		const suggestion = name
			.toLowerCase()
			.replace(/[^a-z0-9_]+/g, '_')
			.replace(/^_+|_+$/g, '');
		return fail(
			`"${name}" is not a WhatsApp template name`,
			`Template names use lowercase letters, digits and underscores only${suggestion ? ` (did you mean "${suggestion}"?)` : ''}. ${HOW_TO_CHOOSE}`,
			'template',
		);
	}
	if (language !== undefined) {
		language = language.trim();
		if (!LANGUAGE_PATTERN.test(language)) {
			return fail(
				`"${language}" is not a template language code`,
				`Use the language code Meta shows for the template, such as en, en_US, es_MX or pt_BR. ${HOW_TO_CHOOSE}`,
				'template',
			);
		}
		language = normalizeLanguage(language);
	}
	return ok(language ? { by: 'name', name, language } : { by: 'name', name });
}

/** Reads the locator value `{ mode, value }` (or a bare string, taken as By Name). */
export function parseTemplateReference(locator: unknown): Result<TemplateReference> {
	let mode = 'name';
	let value: unknown = locator;
	if (locator && typeof locator === 'object' && !Array.isArray(locator)) {
		const rl = locator as { mode?: unknown; value?: unknown };
		mode = typeof rl.mode === 'string' ? rl.mode : 'name';
		value = rl.value;
	}
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
	if (mode === 'id') {
		const id = text.trim();
		if (!/^\d+$/.test(id)) {
			return fail(
				`"${id}" is not a template ID`,
				'A template ID is the number Meta shows for the template (e.g. 1387372356726668). Or choose the template From List.',
				'template',
			);
		}
		return ok({ by: 'id', id });
	}
	return parseTemplateName(text);
}
