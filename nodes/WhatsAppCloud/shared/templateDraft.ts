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
 * Sources: shared/limits.ts ("template create docs") and Meta's template examples
 * (create-template-positional/named-params request shapes). Pure: no n8n context, no HTTP.
 */
import type { IDataObject } from 'n8n-workflow';

import { charCount, isHttpUrl, isPlainObject, textOf } from './fields';
import { LIMITS } from './limits';
import { fail, ok, type Result } from './problem';
import { TEMPLATE_NAME_PATTERN } from './templateReference';

export type ParameterFormat = 'positional' | 'named';

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

const LANGUAGE = /^[a-z]{2,3}(_[A-Za-z0-9]{2,4})?$/;

/** Every {{...}} in a text, exactly as written. */
const BRACES = /\{\{(.*?)\}\}/g;

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

export interface ButtonDraft {
	type?: unknown;
	text?: unknown;
	url?: unknown;
	urlExample?: unknown;
	phoneNumber?: unknown;
	couponExample?: unknown;
}

export interface TemplateDraft {
	name: unknown;
	language: unknown;
	category: unknown;
	parameterFormat?: unknown;
	header?: HeaderDraft;
	body?: unknown;
	examples?: VariableExample[];
	footer?: unknown;
	buttons?: ButtonDraft[];
	/** AUTHENTICATION templates. */
	addSecurityRecommendation?: boolean;
	codeExpirationMinutes?: unknown;
	otpButtonText?: unknown;
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
	for (const match of text.matchAll(BRACES)) {
		const inner = match[1];
		if (!/^[a-z0-9_]+$/.test(inner)) {
			const trimmed = inner.trim();
			const fix = /^[a-z0-9_]+$/.test(trimmed)
				? `Write it as {{${trimmed}}}, without spaces.`
				: format === 'named'
					? 'Named variables use lowercase letters, digits and underscores, e.g. {{first_name}}.'
					: 'Positional variables are numbers, e.g. {{1}}.';
			return fail(`${where} has a malformed variable "${match[0]}"`, fix, field);
		}
		if (!names.includes(inner)) names.push(inner);
	}
	if (opening !== closing || opening !== [...text.matchAll(BRACES)].length) {
		return fail(
			`${where} has unbalanced braces`,
			'Every variable is written {{...}} with two braces on each side; remove stray { or }.',
			field,
		);
	}
	const numeric = names.filter((name) => /^\d+$/.test(name));
	if (format === 'positional') {
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
					? `The body's variables are ${names.map((n) => `{{${n}}}`).join(', ')}: give one example for each (as ${format === 'named' ? 'the variable name' : 'its number'}).`
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
	if (/^\{\{[a-z0-9_]+\}\}/.test(stripped)) return 'start';
	if (/\{\{[a-z0-9_]+\}\}[\s.!?,;:)]*$/.test(stripped)) return 'end';
	return undefined;
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
	if (format === 'positional') {
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
		format === 'positional' ? [...names].sort((a, b) => Number(a) - Number(b)) : names;
	component.example =
		format === 'named'
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
	if (format === 'positional' && names[0] !== '1') {
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
		format === 'named'
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
	if (/\{\{.*?\}\}/.test(text)) {
		return fail(
			'Footer Text has a variable',
			'Template footers are fixed text: move the variable to the body.',
			'footer',
		);
	}
	return ok({ type: 'FOOTER', text });
}

const BUTTON_TYPES: Record<string, string> = {
	QUICK_REPLY: 'Quick Reply',
	URL: 'URL',
	PHONE_NUMBER: 'Phone Number',
	COPY_CODE: 'Copy Code',
};

/** The BUTTONS component. */
export function buildButtonsComponent(buttons: ButtonDraft[]): Result<IDataObject | undefined> {
	if (buttons.length === 0) return ok(undefined);
	if (buttons.length > LIMITS.templateButtons) {
		return fail(
			`${buttons.length} buttons; Meta allows at most ${LIMITS.templateButtons}`,
			'Remove buttons.',
			'buttons',
		);
	}
	const out: IDataObject[] = [];
	for (const [index, button] of buttons.entries()) {
		const label = `Button ${index + 1}`;
		const type = textOf(button.type)?.trim().toUpperCase() ?? '';
		if (!BUTTON_TYPES[type]) {
			return fail(
				`${label} has no valid type`,
				'Choose Quick Reply, URL, Phone Number or Copy Code.',
				'buttons',
			);
		}
		const text = textOf(button.text)?.trim() ?? '';
		if (type !== 'COPY_CODE') {
			if (text === '')
				return fail(
					`${label} (${BUTTON_TYPES[type]}) has no text`,
					'Type the button label, up to 25 characters.',
					'buttons',
				);
			if (charCount(text) > LIMITS.templateButtonText) {
				return fail(
					`${label} text is ${charCount(text)} characters; Meta allows at most ${LIMITS.templateButtonText}`,
					'Shorten the button label.',
					'buttons',
				);
			}
		}
		if (type === 'QUICK_REPLY') {
			out.push({ type, text });
		} else if (type === 'URL') {
			const url = textOf(button.url)?.trim() ?? '';
			const variables = [...url.matchAll(BRACES)];
			const probe = url.replace(BRACES, 'x');
			if (!isHttpUrl(probe) || charCount(url) > LIMITS.templateButtonUrl) {
				return fail(
					`${label} has no valid URL`,
					`Give a full https:// address of at most ${LIMITS.templateButtonUrl} characters; it may end with {{1}} for a per-message suffix.`,
					'buttons',
				);
			}
			const entry: IDataObject = { type, text, url };
			if (variables.length > 0) {
				if (variables.length > 1 || variables[0][0] !== '{{1}}' || !url.endsWith('{{1}}')) {
					return fail(
						`${label} URL has a misplaced variable`,
						'A URL button may have one variable, {{1}}, at the very end, e.g. https://example.com/track/{{1}}.',
						'buttons',
					);
				}
				const example = textOf(button.urlExample)?.trim() ?? '';
				if (example === '') {
					return fail(
						`${label} URL has {{1}} but no example`,
						'Meta requires an example: fill in URL Example with a sample value for {{1}} (or the full sample URL).',
						'buttons',
					);
				}
				entry.example = [example];
			}
			out.push(entry);
		} else if (type === 'PHONE_NUMBER') {
			const phone =
				textOf(button.phoneNumber)
					?.trim()
					.replace(/[\s()-]/g, '') ?? '';
			if (!/^\+?\d{6,19}$/.test(phone) || phone.length > LIMITS.templateButtonPhone) {
				return fail(
					`${label} has no valid phone number`,
					'Give the number in international format, e.g. +15550142277 (at most 20 characters).',
					'buttons',
				);
			}
			out.push({ type, text, phone_number: phone });
		} else {
			const code = textOf(button.couponExample)?.trim() ?? '';
			if (code === '' || charCount(code) > LIMITS.couponCode) {
				return fail(
					`${label} (Copy Code) needs an example code of 1 to ${LIMITS.couponCode} characters`,
					'Fill in Coupon Code Example with a sample code such as SPRING15.',
					'buttons',
				);
			}
			out.push({ type, example: code });
		}
	}
	const count = (type: string) => out.filter((b) => b.type === type).length;
	if (count('URL') > LIMITS.templateUrlButtons) {
		return fail(
			`${count('URL')} URL buttons; Meta allows at most ${LIMITS.templateUrlButtons}`,
			'Remove URL buttons.',
			'buttons',
		);
	}
	if (count('PHONE_NUMBER') > LIMITS.templatePhoneButtons) {
		return fail(
			`${count('PHONE_NUMBER')} phone number buttons; Meta allows one`,
			'Keep one phone number button.',
			'buttons',
		);
	}
	if (count('COPY_CODE') > LIMITS.templateCopyCodeButtons) {
		return fail(
			`${count('COPY_CODE')} copy code buttons; Meta allows one`,
			'Keep one copy code button.',
			'buttons',
		);
	}
	const quick = out.map((b) => b.type === 'QUICK_REPLY');
	const firstQuick = quick.indexOf(true);
	const lastQuick = quick.lastIndexOf(true);
	if (firstQuick !== -1 && quick.slice(firstQuick, lastQuick + 1).includes(false)) {
		return fail(
			'Quick reply buttons are mixed between other buttons',
			'Meta requires quick reply buttons to be grouped together: put them all before or all after the URL, phone number and copy code buttons.',
			'buttons',
		);
	}
	return ok({ type: 'BUTTONS', buttons: out });
}

/** An AUTHENTICATION template's components: body with the security recommendation option, footer
 *  with the code expiry, and a copy-code OTP button (Meta's authentication template shape). */
export function buildAuthenticationComponents(draft: TemplateDraft): Result<IDataObject[]> {
	const body: IDataObject = { type: 'BODY' };
	if (draft.addSecurityRecommendation) body.add_security_recommendation = true;
	const components: IDataObject[] = [body];
	const minutesText = textOf(draft.codeExpirationMinutes)?.trim() ?? '';
	const minutes = minutesText === '' ? 0 : Number(minutesText);
	if (!Number.isInteger(minutes) || minutes < 0 || minutes > LIMITS.authCodeExpirationMinutes) {
		return fail(
			`Code Expiration Minutes "${minutesText}" is not 1 to ${LIMITS.authCodeExpirationMinutes}`,
			`Give whole minutes from 1 to ${LIMITS.authCodeExpirationMinutes}, or 0 for no expiry notice.`,
			'codeExpirationMinutes',
		);
	}
	if (minutes > 0) components.push({ type: 'FOOTER', code_expiration_minutes: minutes });
	const text = textOf(draft.otpButtonText)?.trim() || 'Copy Code';
	if (charCount(text) > LIMITS.templateButtonText) {
		return fail(
			`Copy Code Button Text is ${charCount(text)} characters; Meta allows at most ${LIMITS.templateButtonText}`,
			'Shorten it.',
			'otpButtonText',
		);
	}
	components.push({ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text }] });
	return ok(components);
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
	const format: ParameterFormat =
		textOf(draft.parameterFormat)?.toLowerCase() === 'named' ? 'named' : 'positional';
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
	return ok({ name, language, category, parameter_format: format, components });
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
			const key = `${type === 'BODY' ? 'body' : 'header'}_text${format === 'named' ? '_named_params' : ''}`;
			const given = ex[key];
			const count =
				format === 'named'
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
					`Meta requires one example per variable in example.${key}${format === 'named' ? ' as [{"param_name": "...", "example": "..."}]' : type === 'BODY' ? ' as [["value 1", "value 2"]]' : ' as ["value"]'}.`,
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
