/**
 * A new message template, checked against the rules Meta's review applies to the definition
 * before we submit it (POST /{waba-id}/message_templates), so a user learns at once what Meta
 * would reject minutes or hours later:
 * - name: lowercase letters, digits and underscores, at most 512 characters; language code;
 * - variables: {{1}}, {{2}}... numbered from 1 without gaps (positional) or {{lower_case}}
 *   (named, with parameter_format "named"), never mixed, no spaces inside the braces;
 * - every variable needs an example value (Meta: "If the string contains a variable, you must
 *   include the example property"), sent as example.body_text / body_text_named_params /
 *   header_text / header_text_named_params;
 * - the body may not start or end with a variable (Meta's template guidelines: "dangling"
 *   parameters are rejected, creation error "Variables can't be at the start or end of the
 *   template"); a variable followed only by punctuation ("... {{1}}.") still counts as the end;
 * - lengths: header text 60 (1 variable at most), body 1024, footer 60 (no variables), button
 *   text 25, URL 2000, phone number 20, coupon code 15; buttons: 10 in all, at most 2 URL, 1 phone
 *   number and 1 copy code, quick replies grouped together.
 * Sources: shared/limits.ts ("template create docs") and Meta's template examples. The text
 * parts are checked in draftText.ts, the buttons in draftButtons.ts. Pure: no n8n context, no HTTP.
 */
import type { IDataObject } from 'n8n-workflow';

import { isPlainObject, textOf } from '../shared/fields';
import { LIMITS } from '../shared/limits';
import { fail, ok, type Result } from '../shared/problem';
import {
	buildAuthenticationComponents,
	buildButtonsComponent,
	type AuthenticationDraft,
	type ButtonDraft,
} from './draftButtons';
import {
	buildBodyComponent,
	buildFooterComponent,
	buildHeaderComponent,
	templateVariablesOf,
	type HeaderDraft,
	type VariableExample,
} from './draftText';
import { parameterFormatFrom, type ParameterFormat } from './placeholders';
import { TEMPLATE_NAME_PATTERN } from './reference';

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

const LANGUAGE = /^[a-z]{2,3}(_[A-Za-z0-9]{2,4})?$/;

export interface TemplateDraft extends AuthenticationDraft {
	name: unknown;
	language: unknown;
	category: unknown;
	parameterFormat?: unknown;
	header?: HeaderDraft;
	body?: unknown;
	examples?: VariableExample[];
	footer?: unknown;
	buttons?: ButtonDraft[];
}

export interface TemplateIdentity {
	name: string;
	language: string;
	category: TemplateCategory;
}

/** Name, language and category, checked. */
export function readTemplateIdentity(
	draft: Pick<TemplateDraft, 'name' | 'language' | 'category'>,
): Result<TemplateIdentity> {
	const name = textOf(draft.name)?.trim() ?? '';
	if (name === '') {
		return fail(
			'Template name is empty',
			'Give the template a name in lowercase letters, digits and underscores, e.g. order_ready.',
			'name',
		);
	}
	if (!TEMPLATE_NAME_PATTERN.test(name) || name.length > LIMITS.templateName) {
		const suggestion = name
			.toLowerCase()
			.replace(/[^a-z0-9_]+/g, '_')
			.replace(/^_+|_+$/g, '')
			.slice(0, LIMITS.templateName);
		return fail(
			`"${name.length > 60 ? `${name.slice(0, 60)}…` : name}" is not a valid template name`,
			`Template names use only lowercase letters, digits and underscores, at most ${LIMITS.templateName} characters${suggestion ? ` (e.g. "${suggestion}")` : ''}.`,
			'name',
		);
	}
	const language = (textOf(draft.language)?.trim() ?? '').replace('-', '_');
	if (!LANGUAGE.test(language)) {
		return fail(
			language === '' ? 'Language is empty' : `"${language}" is not a template language code`,
			'Use the language code Meta lists for templates, such as en, en_US, es, es_MX, pt_BR or de.',
			'language',
		);
	}
	const category = (textOf(draft.category)?.trim().toUpperCase() ?? '') as TemplateCategory;
	if (!TEMPLATE_CATEGORIES.includes(category)) {
		return fail(
			`"${String(draft.category)}" is not a template category`,
			'Choose Marketing, Utility or Authentication.',
			'category',
		);
	}
	return ok({ name, language, category });
}

/** `parameter_format` in a create request: Meta's create examples spell it in lowercase. */
export function formatForCreate(format: ParameterFormat): string {
	return format.toLowerCase();
}

/** The whole definition from the fields. */
export function buildTemplateDefinition(draft: TemplateDraft): Result<IDataObject> {
	const identity = readTemplateIdentity(draft);
	if (!identity.ok) return identity;
	const { name, language, category } = identity.value;
	if (category === 'AUTHENTICATION') {
		const components = buildAuthenticationComponents(draft);
		if (!components.ok) return components;
		return ok({ name, language, category, components: components.value });
	}
	const format = parameterFormatFrom(draft.parameterFormat);
	const components: IDataObject[] = [];
	const header = buildHeaderComponent(draft.header, format);
	if (!header.ok) return header;
	if (header.value) components.push(header.value);
	const body = buildBodyComponent(draft.body, draft.examples ?? [], format);
	if (!body.ok) return body;
	components.push(body.value);
	const footer = buildFooterComponent(draft.footer);
	if (!footer.ok) return footer;
	if (footer.value) components.push(footer.value);
	const buttons = buildButtonsComponent(draft.buttons ?? []);
	if (!buttons.ok) return buttons;
	if (buttons.value) components.push(buttons.value);
	return ok({ name, language, category, parameter_format: formatForCreate(format), components });
}

/**
 * Component types Meta takes in a template definition: the four the fields build, plus the media
 * card carousel, the limited-time offer and the call permission request, which only Components
 * (JSON) can give (their cards and texts are left to Meta's own checks).
 */
const JSON_COMPONENT_TYPES = [
	'HEADER',
	'BODY',
	'FOOTER',
	'BUTTONS',
	'CAROUSEL',
	'LIMITED_TIME_OFFER',
	'CALL_PERMISSION_REQUEST',
];

/**
 * Components (JSON): Meta's components array, sent as given, after the checks that matter most:
 * component types, one BODY (not for authentication), and for every header/body text with
 * variables, the format rules and an example per variable.
 */
export function checkComponentsJson(
	components: unknown,
	category: TemplateCategory,
	format: ParameterFormat,
): Result<IDataObject[]> {
	const example =
		'[{"type": "BODY", "text": "Hi {{1}}, your bike is ready.", "example": {"body_text": [["Ada"]]}}]';
	if (!Array.isArray(components) || components.length === 0) {
		return fail(
			'Components (JSON) must be a non-empty array',
			`Give Meta's components array, e.g. ${example}.`,
			'components',
		);
	}
	let bodies = 0;
	for (const [index, component] of components.entries()) {
		const label = `Component ${index + 1}`;
		if (!isPlainObject(component))
			return fail(`${label} is not an object`, `Example: ${example}.`, 'components');
		const type = textOf(component.type)?.toUpperCase() ?? '';
		if (!JSON_COMPONENT_TYPES.includes(type)) {
			return fail(
				`${label} has type "${String(component.type)}"`,
				`Component types are ${JSON_COMPONENT_TYPES.slice(0, -1).join(', ')} and ${JSON_COMPONENT_TYPES[JSON_COMPONENT_TYPES.length - 1]}.`,
				'components',
			);
		}
		if (type === 'BODY') bodies++;
		const text = textOf(component.text);
		if ((type === 'BODY' || type === 'HEADER') && text) {
			const where = `${label} (${type})`;
			const variables = templateVariablesOf(text, format, where, 'components');
			if (!variables.ok) return variables;
			const names = variables.value.names;
			if (names.length === 0) continue;
			const ex = isPlainObject(component.example) ? component.example : {};
			const key = `${type === 'BODY' ? 'body' : 'header'}_text${format === 'NAMED' ? '_named_params' : ''}`;
			const given = ex[key];
			const count =
				format === 'NAMED'
					? Array.isArray(given)
						? given.length
						: 0
					: type === 'BODY'
						? Array.isArray(given) && Array.isArray(given[0])
							? (given[0] as unknown[]).length
							: 0
						: Array.isArray(given)
							? given.length
							: 0;
			if (count !== names.length) {
				return fail(
					`${where} has ${names.length} variable(s) but ${count} example(s)`,
					`Meta requires one example per variable in example.${key}${format === 'NAMED' ? ' as [{"param_name": "...", "example": "..."}]' : type === 'BODY' ? ' as [["value 1", "value 2"]]' : ' as ["value"]'}.`,
					'components',
				);
			}
		}
	}
	if (bodies === 0 && category !== 'AUTHENTICATION') {
		return fail(
			'Components (JSON) has no BODY component',
			`Every template needs a body, e.g. ${example}.`,
			'components',
		);
	}
	if (bodies > 1)
		return fail(
			'Components (JSON) has more than one BODY',
			'A template has exactly one body.',
			'components',
		);
	return ok(components as IDataObject[]);
}
