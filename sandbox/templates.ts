import { errors, GraphError } from './core/errors';
import { numericId } from './core/ids';
import type { TemplateSend, TemplateSendComponent } from './schemas';
import type {
	TemplateCategory,
	TemplateComponent,
	TemplateDefinition,
	TemplateStatus,
} from './seed';

/**
 * The WABA's message templates: listing with Meta's cursor paging, create/delete, status changes,
 * and the checks Meta applies when a template message is sent (132001 / 132015 / 132000 /
 * 132012 / 132005). Shapes: ../shared/meta/templates/*.json and the spec's
 * /{WABA-ID}/message_templates and /{TEMPLATE_ID} paths.
 */

const POSITIONAL_VAR = /\{\{\s*(\d+)\s*\}\}/g;
const NAMED_VAR = /\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/g;

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
/** Send-time checks parse the same few template texts thousands of times per second. */
const varCache = new Map<string, string[]>();

/** Default fields of GET /{waba-id}/message_templates (see get-message-templates-default-fields). */
const DEFAULT_FIELDS = [
	'name',
	'parameter_format',
	'components',
	'language',
	'status',
	'category',
	'sub_category',
	'id',
];

export function projectTemplate(t: TemplateDefinition, fields?: string[]): Record<string, unknown> {
	const wanted = fields && fields.length ? [...new Set([...fields, 'id'])] : DEFAULT_FIELDS;
	const out: Record<string, unknown> = {};
	for (const f of wanted) {
		const v = (t as unknown as Record<string, unknown>)[f];
		if (v !== undefined) out[f] = structuredClone(v);
	}
	return out;
}

export interface TemplateQuery {
	status?: string;
	category?: string;
	language?: string;
	name?: string;
	limit?: number;
	after?: string;
	before?: string;
}

const encodeCursor = (index: number) => Buffer.from(`sbx:${index}`).toString('base64');
function decodeCursor(cursor: string): number | undefined {
	const text = Buffer.from(cursor, 'base64').toString('utf8');
	const m = /^sbx:(\d+)$/.exec(text);
	return m ? Number(m[1]) : undefined;
}

export class TemplateStore {
	private templates: TemplateDefinition[] = [];

	constructor(seed: TemplateDefinition[]) {
		this.reset(seed);
	}

	reset(seed: TemplateDefinition[]): void {
		this.templates = seed.map((t) => structuredClone(t));
	}

	all(): TemplateDefinition[] {
		return this.templates;
	}

	get(id: string): TemplateDefinition | undefined {
		return this.templates.find((t) => t.id === id);
	}

	find(name: string, language: string): TemplateDefinition | undefined {
		return this.templates.find((t) => t.name === name && t.language === language);
	}

	/** By ID, or by name (+ language when several languages exist). */
	resolve(idOrName: string, language?: string): TemplateDefinition | undefined {
		return (
			this.get(idOrName) ??
			(language ? this.find(idOrName, language) : this.templates.find((t) => t.name === idOrName))
		);
	}

	/**
	 * One page of templates, newest-created last (seed order). Filters: status and category take
	 * comma-separated lists; name matches as a case-insensitive substring; language exactly.
	 * Cursors are opaque base64 strings, `next`/`previous` absolute URLs (Graph paging).
	 */
	query(
		q: TemplateQuery,
		pageUrl: (params: Record<string, string>) => string,
	): Record<string, unknown> {
		const statuses = q.status
			? q.status
					.toUpperCase()
					.split(',')
					.map((s) => s.trim())
			: undefined;
		const categories = q.category
			? q.category
					.toUpperCase()
					.split(',')
					.map((s) => s.trim())
			: undefined;
		const name = q.name?.toLowerCase();
		const rows = this.templates.filter(
			(t) =>
				(!statuses || statuses.includes(t.status)) &&
				(!categories || categories.includes(t.category)) &&
				(!q.language || t.language === q.language) &&
				(!name || t.name.toLowerCase().includes(name)),
		);
		const limit = Math.min(Math.max(1, q.limit ?? 25), 1000);
		let start = 0;
		if (q.after) {
			const i = decodeCursor(q.after);
			if (i === undefined) throw errors.invalidParameter('Param after is not a valid cursor.');
			start = i + 1;
		} else if (q.before) {
			const i = decodeCursor(q.before);
			if (i === undefined) throw errors.invalidParameter('Param before is not a valid cursor.');
			start = Math.max(0, i - limit);
		}
		const page = rows.slice(start, start + limit);
		const result: Record<string, unknown> = { data: page };
		if (page.length) {
			const end = start + page.length - 1;
			const paging: Record<string, unknown> = {
				cursors: { before: encodeCursor(start), after: encodeCursor(end) },
			};
			if (end < rows.length - 1)
				paging.next = pageUrl({ limit: String(limit), after: encodeCursor(end) });
			if (start > 0)
				paging.previous = pageUrl({ limit: String(limit), before: encodeCursor(start) });
			result.paging = paging;
		}
		(result as { total: number }).total = rows.length;
		return result;
	}

	/** POST /{waba-id}/message_templates. New templates start PENDING, as at Meta. */
	create(body: Record<string, unknown>): TemplateDefinition {
		const name = body.name;
		if (typeof name !== 'string' || !name) throw errors.requiredParameter('name');
		if (!/^[a-z0-9_]{1,512}$/.test(name)) {
			throw new GraphError(400, 100, 'Invalid parameter', {
				subcode: 2388042,
				userTitle: 'Invalid template name',
				userMsg:
					'Template names can only contain lowercase alphanumeric characters and underscores ( _ ).',
			});
		}
		const language = body.language;
		if (typeof language !== 'string' || !language) throw errors.requiredParameter('language');
		const category = String(body.category ?? '').toUpperCase();
		if (!['MARKETING', 'UTILITY', 'AUTHENTICATION'].includes(category)) {
			throw errors.invalidParameter(
				'Param category must be one of {MARKETING, UTILITY, AUTHENTICATION}.',
			);
		}
		if (!Array.isArray(body.components) || !body.components.length)
			throw errors.requiredParameter('components');
		const format = String(body.parameter_format ?? 'POSITIONAL').toUpperCase();
		if (format !== 'POSITIONAL' && format !== 'NAMED')
			throw errors.invalidParameter('Param parameter_format must be one of {POSITIONAL, NAMED}.');
		const components = (body.components as Array<Record<string, unknown>>).map((c) => {
			const type = String(c.type ?? '').toUpperCase();
			if (!['HEADER', 'BODY', 'FOOTER', 'BUTTONS'].includes(type)) {
				throw errors.invalidParameter(
					`Param components[type] must be one of {HEADER, BODY, FOOTER, BUTTONS}.`,
				);
			}
			const out: TemplateComponent = { ...(c as object), type } as TemplateComponent;
			if (typeof c.format === 'string')
				out.format = c.format.toUpperCase() as TemplateComponent['format'];
			if (Array.isArray(c.buttons)) {
				out.buttons = (c.buttons as Array<Record<string, unknown>>).map((b) => ({
					...b,
					type: String(b.type).toUpperCase(),
				})) as TemplateComponent['buttons'];
			}
			return out;
		});
		const bodyComponent = components.find((c) => c.type === 'BODY');
		if (!bodyComponent && category !== 'AUTHENTICATION')
			throw errors.invalidParameter('Param components must contain a BODY component.');
		for (const c of components) {
			const vars = templateVariables(c.text, format as 'POSITIONAL' | 'NAMED');
			if (!vars.length) continue;
			const ex = c.example;
			const hasExamples =
				c.type === 'BODY'
					? format === 'NAMED'
						? ex?.body_text_named_params?.length === vars.length
						: (ex?.body_text?.[0]?.length ?? 0) === vars.length
					: format === 'NAMED'
						? ex?.header_text_named_params?.length === vars.length
						: ex?.header_text?.length === vars.length;
			if (!hasExamples) {
				throw new GraphError(400, 100, 'Invalid parameter', {
					subcode: 2388043,
					userTitle: 'Message template "components" param is missing expected field(s)',
					userMsg: `The ${c.type} component has ${vars.length} variable(s): give one example value for each (example.${c.type === 'BODY' ? 'body_text' : 'header_text'}${format === 'NAMED' ? '_named_params' : ''}).`,
				});
			}
		}
		if (this.find(name, language)) throw errors.templateExists(name, language);
		const t: TemplateDefinition = {
			id: numericId(16),
			name,
			language,
			status: 'PENDING',
			category: category as TemplateCategory,
			parameter_format: format as 'POSITIONAL' | 'NAMED',
			components,
		};
		this.templates.push(t);
		return t;
	}

	/** DELETE by name (all languages) or by name + hsm_id (that one). Returns deleted templates. */
	delete(name: string | undefined, hsmId: string | undefined): TemplateDefinition[] {
		if (!name && !hsmId) throw errors.requiredParameter('name');
		const doomed = this.templates.filter(
			(t) => (!name || t.name === name) && (!hsmId || t.id === hsmId),
		);
		if (!doomed.length) {
			throw new GraphError(400, 100, 'Invalid parameter', {
				subcode: 2593002,
				userTitle: 'Message template not found',
				userMsg: `There is no message template named ${name ?? ''}${hsmId ? ` with ID ${hsmId}` : ''}.`,
			});
		}
		this.templates = this.templates.filter((t) => !doomed.includes(t));
		return doomed;
	}

	setStatus(t: TemplateDefinition, status: TemplateStatus, reason?: string): void {
		t.status = status;
		if (status === 'REJECTED') t.rejected_reason = reason ?? 'INVALID_FORMAT';
		else delete t.rejected_reason;
	}
}

// ---------------------------------------------------------------------------------------------
// Send-time checks.

interface ParamLike {
	type: string;
	text?: string;
	parameter_name?: string;
	[key: string]: unknown;
}

function paramsOf(c: TemplateSendComponent | undefined): ParamLike[] {
	return (c?.parameters ?? []) as ParamLike[];
}

function countMismatch(where: string, got: number, expected: number): GraphError {
	return errors.templateParamCount(
		`${where}: number of localizable_params (${got}) does not match the expected number of params (${expected})`,
	);
}

/** Meta rejects text parameters with new lines, tabs or more than 4 consecutive spaces. */
function checkTextParam(where: string, p: ParamLike): string {
	if (p.type !== 'text')
		return String(
			(p as { currency?: { fallback_value?: string }; date_time?: { fallback_value?: string } })
				.currency?.fallback_value ??
				(p as { date_time?: { fallback_value?: string } }).date_time?.fallback_value ??
				'',
		);
	const text = p.text ?? '';
	if (!text.trim()) throw errors.missingRequired(`${where}: parameter text is missing or empty`);
	if (/[\n\t]|\s{5,}/.test(text)) {
		throw errors.invalidParameter(
			'Param text cannot have new-line/tab characters or more than 4 consecutive spaces',
		);
	}
	return text;
}

function checkVariables(
	where: string,
	vars: string[],
	format: 'POSITIONAL' | 'NAMED',
	params: ParamLike[],
	allowed: string[],
): Map<string, string> {
	const values = new Map<string, string>();
	for (const p of params) {
		if (!allowed.includes(p.type)) {
			throw errors.templateFormat(
				`${where}: parameter type ${p.type} is not allowed here (expected one of ${allowed.join(', ')})`,
			);
		}
	}
	if (format === 'NAMED') {
		const unnamed = params.filter((p) => !p.parameter_name);
		if (unnamed.length) {
			throw errors.templateParamCount(
				`${where}: this template uses named parameters; every parameter needs a parameter_name (expected: ${vars.join(', ') || 'none'})`,
			);
		}
		const given = params.map((p) => p.parameter_name as string);
		const missing = vars.filter((v) => !given.includes(v));
		const unexpected = given.filter((g) => !vars.includes(g));
		const dupes = given.filter((g, i) => given.indexOf(g) !== i);
		if (missing.length || unexpected.length || dupes.length || given.length !== vars.length) {
			const parts = [
				missing.length ? `missing: ${missing.join(', ')}` : '',
				unexpected.length ? `unexpected: ${unexpected.join(', ')}` : '',
				dupes.length ? `duplicated: ${dupes.join(', ')}` : '',
			].filter(Boolean);
			throw errors.templateParamCount(
				`${where}: number of localizable_params (${given.length}) does not match the expected number of params (${vars.length}); ${parts.join('; ')}`,
			);
		}
		for (const p of params) values.set(p.parameter_name as string, checkTextParam(where, p));
		return values;
	}
	if (params.length !== vars.length) throw countMismatch(where, params.length, vars.length);
	params.forEach((p, i) => values.set(String(i + 1), checkTextParam(where, p)));
	return values;
}

function hydrate(
	text: string,
	values: Map<string, string>,
	format: 'POSITIONAL' | 'NAMED',
): string {
	return text.replace(
		format === 'NAMED' ? NAMED_VAR : POSITIONAL_VAR,
		(_, key: string) => values.get(key) ?? '',
	);
}

const BUTTON_SUBTYPE: Record<string, string> = {
	URL: 'url',
	COPY_CODE: 'copy_code',
	QUICK_REPLY: 'quick_reply',
	FLOW: 'flow',
	OTP: 'url',
	CATALOG: 'catalog',
	MPM: 'mpm',
	PHONE_NUMBER: 'phone_number',
};
const BUTTON_TYPE_NAME: Record<string, string> = {
	URL: 'Url',
	COPY_CODE: 'CopyCode',
	QUICK_REPLY: 'QuickReply',
	FLOW: 'Flow',
	OTP: 'Url',
};

/**
 * Checks a template message against the template's definition. Throws the GraphError Meta would
 * answer; returns the hydrated body text (handy for the received-messages list).
 */
export function validateTemplateSend(
	store: TemplateStore,
	send: TemplateSend,
): { template: TemplateDefinition; bodyText: string } {
	const t = store.find(send.name, send.language.code);
	// 132001 covers "does not exist in this language" and "not approved" (error-codes.json).
	if (!t || t.status === 'PENDING' || t.status === 'REJECTED' || t.status === 'DISABLED') {
		throw errors.templateMissing(send.name, send.language.code);
	}
	if (t.status === 'PAUSED') throw errors.templatePaused(t.name);
	const format = t.parameter_format;
	const sent = send.components ?? [];
	const header = sent.find((c) => c.type === 'header');
	const body = sent.find((c) => c.type === 'body');
	const buttons = sent.filter((c) => c.type === 'button');

	const defHeader = t.components.find((c) => c.type === 'HEADER');
	const defBody = t.components.find((c) => c.type === 'BODY');
	const defButtons = t.components.find((c) => c.type === 'BUTTONS')?.buttons ?? [];

	// Header.
	if (defHeader && defHeader.format && defHeader.format !== 'TEXT') {
		const expected = defHeader.format;
		const p = paramsOf(header)[0];
		const received = p ? String(p.type).toUpperCase() : 'UNKNOWN';
		if (received !== expected || paramsOf(header).length !== 1) {
			throw errors.templateFormat(
				`header: Format mismatch, expected ${expected}, received ${received}`,
			);
		}
	} else {
		const vars = defHeader ? templateVariables(defHeader.text, format) : [];
		if (vars.length || paramsOf(header).length)
			checkVariables('header', vars, format, paramsOf(header), ['text']);
	}

	// Body.
	const bodyVars = templateVariables(defBody?.text, format);
	const values = checkVariables('body', bodyVars, format, paramsOf(body), [
		'text',
		'currency',
		'date_time',
	]);
	const bodyText = defBody?.text ? hydrate(defBody.text, values, format) : '';
	// Meta's template parameter reference: body text may be 1024 characters when the template has
	// other components, 32768 when the body is its only component (as the node's limits.ts).
	const bodyLimit = t.components.some((c) => c.type !== 'BODY') ? 1024 : 32768;
	if (bodyText.length > bodyLimit)
		throw errors.templateTooLong(
			`body: hydrated text is ${bodyText.length} characters; the limit is ${bodyLimit}`,
		);

	// Buttons.
	for (const b of buttons) {
		const index = Number(b.index ?? -1);
		const def = defButtons[index];
		if (!def)
			throw errors.invalidParameter(
				`Button at index ${b.index ?? '(missing)'} does not exist in template ${t.name}.`,
			);
		const expectedSub = BUTTON_SUBTYPE[def.type] ?? def.type.toLowerCase();
		if (b.sub_type !== expectedSub) {
			throw errors.templateFormat(
				`button at index ${index}: expected sub_type ${expectedSub}, received ${b.sub_type ?? 'none'}`,
			);
		}
	}
	defButtons.forEach((def, index) => {
		const sentButton = buttons.find((b) => Number(b.index) === index);
		const params = paramsOf(sentButton);
		const dynamicUrl = def.type === 'URL' && /\{\{\s*1\s*\}\}/.test(def.url ?? '');
		if (dynamicUrl || def.type === 'COPY_CODE' || def.type === 'OTP') {
			if (params.length !== 1) {
				if (!params.length)
					throw errors.templateParamCount(
						`Button at index ${index} of type ${BUTTON_TYPE_NAME[def.type]} requires a parameter`,
					);
				throw countMismatch(`button at index ${index}`, params.length, 1);
			}
			const wantType = def.type === 'COPY_CODE' ? 'coupon_code' : 'text';
			if (params[0].type !== wantType) {
				throw errors.templateFormat(
					`button at index ${index}: expected a ${wantType} parameter, received ${params[0].type}`,
				);
			}
			if (wantType === 'text') checkTextParam(`button at index ${index}`, params[0]);
		} else if (def.type === 'QUICK_REPLY') {
			if (params.length > 1 || (params[0] && params[0].type !== 'payload')) {
				throw errors.templateFormat(
					`button at index ${index}: a quick reply button takes at most one payload parameter`,
				);
			}
		} else if (def.type === 'FLOW') {
			if (params.length > 1 || (params[0] && params[0].type !== 'action')) {
				throw errors.templateFormat(
					`button at index ${index}: a flow button takes at most one action parameter`,
				);
			}
		} else if (params.length) {
			throw countMismatch(`button at index ${index}`, params.length, 0);
		}
	});
	return { template: t, bodyText };
}
