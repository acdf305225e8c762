/**
 * The WABA's message templates: listing with Meta's cursor paging and filters, create (with
 * Meta's checks of names, categories and variable examples), delete, and status changes.
 */
import { errors, GraphError } from '../core/errors';
import { numericId } from '../core/ids';
import type { StoredTemplate, TemplateCategory, TemplateComponent, TemplateStatus } from './types';
import { templateVariables } from './variables';

/** Default fields of GET /{waba-id}/message_templates when `fields` is not given (Meta's). */
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

export function projectTemplate(t: StoredTemplate, fields?: string[]): Record<string, unknown> {
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

/** 'approved, paused' -> ['APPROVED', 'PAUSED']; undefined stays undefined. */
function upperList(value: string | undefined): string[] | undefined {
	return value
		?.toUpperCase()
		.split(',')
		.map((s) => s.trim());
}

const encodeCursor = (index: number) => Buffer.from(`sbx:${index}`).toString('base64');
function decodeCursor(cursor: string): number | undefined {
	const text = Buffer.from(cursor, 'base64').toString('utf8');
	const m = /^sbx:(\d+)$/.exec(text);
	return m ? Number(m[1]) : undefined;
}

export class TemplateStore {
	private templates: StoredTemplate[] = [];

	constructor(seed: StoredTemplate[]) {
		this.reset(seed);
	}

	reset(seed: StoredTemplate[]): void {
		this.templates = seed.map((t) => structuredClone(t));
	}

	all(): StoredTemplate[] {
		return this.templates;
	}

	get(id: string): StoredTemplate | undefined {
		return this.templates.find((t) => t.id === id);
	}

	find(name: string, language: string): StoredTemplate | undefined {
		return this.templates.find((t) => t.name === name && t.language === language);
	}

	/** By ID, or by name (+ language when several languages exist). */
	resolve(idOrName: string, language?: string): StoredTemplate | undefined {
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
		const statuses = upperList(q.status);
		const categories = upperList(q.category);
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
	create(body: Record<string, unknown>): StoredTemplate {
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
		const t: StoredTemplate = {
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
	delete(name: string | undefined, hsmId: string | undefined): StoredTemplate[] {
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

	setStatus(t: StoredTemplate, status: TemplateStatus, reason?: string): void {
		t.status = status;
		if (status === 'REJECTED') t.rejected_reason = reason ?? 'INVALID_FORMAT';
		else delete t.rejected_reason;
	}
}
