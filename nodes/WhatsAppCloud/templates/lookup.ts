/**
 * Reading template definitions from Meta, for the node's list search, its resource mapper
 * (template variables), Template > List/Get and Send Template. All HTTP goes through the Graph
 * transport. Within one execution each template is read once (TemplateCache).
 */
import { sleep, type IDataObject } from 'n8n-workflow';

import type { GraphContext } from '../transport/credentials';
import { graphRequestAllPages } from '../transport/paging';
import { graphRequest } from '../transport/request';
import { fail, ok, type Problem, type Result } from '../shared/problem';
import { describeReference, formatTemplateValue, type TemplateReference } from './reference';
import type { TemplateDefinition } from './definition';

/** Fields asked of Meta for a full definition (components are what variables come from). */
export const TEMPLATE_FIELDS =
	'id,name,language,status,category,sub_category,parameter_format,components,rejected_reason';
/** Fields for the list search: enough to show name, language, category and status. */
export const TEMPLATE_SUMMARY_FIELDS = 'id,name,language,status,category';
/** Page size asked of Meta when following paging (Meta's default page is 25). */
export const TEMPLATE_PAGE_SIZE = 100;

export interface TemplateFilters {
	status?: string;
	category?: string;
	language?: string;
	name?: string;
}

export function missingBusinessAccountId(): Problem {
	return {
		message: 'The credential has no WhatsApp Business Account ID',
		description:
			'Templates belong to the WhatsApp Business Account. Open the WhatsApp Cloud API credential and fill in "WhatsApp Business Account ID" (WhatsApp Manager > Account tools, or API Setup in the Meta app dashboard).',
		field: 'businessAccountId',
	};
}

interface GraphErrorLike {
	graph?: { code?: number; httpStatus?: number; retryable?: boolean; transport?: string };
}

function graphInfo(error: unknown): GraphErrorLike['graph'] {
	return error && typeof error === 'object' ? (error as GraphErrorLike).graph : undefined;
}

/** Meta's answer for an ID that is not an object it knows: 100 (subcode 33) or HTTP 404. */
function isNotFound(error: unknown): boolean {
	const graph = graphInfo(error);
	return graph?.code === 100 || graph?.code === 803 || graph?.httpStatus === 404;
}

/** Runs a read up to 3 times while the transport says a retry can help (network blips, 5xx on
 *  a GET, rate limits). Reads never send a message, so repeating them is harmless. */
async function withReadRetries<T>(read: () => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		const outcome = await read().then(
			(value) => ({ value }),
			(error: unknown) => ({ error }),
		);
		if ('value' in outcome) return outcome.value;
		if (attempt >= 3 || graphInfo(outcome.error)?.retryable !== true) {
			return await Promise.reject(outcome.error);
		}
		await sleep(500 * 2 ** (attempt - 1));
	}
}

/** Every template of the account (all pages), optionally filtered by Meta. */
export async function listTemplates(
	this: GraphContext,
	businessAccountId: string,
	filters: TemplateFilters = {},
	fields = TEMPLATE_FIELDS,
): Promise<TemplateDefinition[]> {
	const qs: IDataObject = { fields, limit: TEMPLATE_PAGE_SIZE };
	for (const [key, value] of Object.entries(filters)) {
		if (value) qs[key] = value;
	}
	return (await withReadRetries(async () =>
		graphRequestAllPages.call(this, `/${businessAccountId}/message_templates`, qs),
	)) as TemplateDefinition[];
}

function notFound(reference: TemplateReference, detail = ''): Problem {
	return {
		message: `Template ${describeReference(reference)} was not found in this WhatsApp Business Account${detail}`,
		description:
			'Check the name (lowercase, with underscores) and the language code, or choose the template from the list. Templates are per WhatsApp Business Account: make sure the credential uses the account the template was created in.',
		field: 'template',
	};
}

/** Finds one template. Not found / ambiguous come back as a Problem; other Graph errors throw. */
export async function findTemplate(
	this: GraphContext,
	businessAccountId: string | undefined,
	reference: TemplateReference,
): Promise<Result<TemplateDefinition>> {
	if (reference.by === 'id') {
		const outcome = await withReadRetries(async () =>
			graphRequest.call(this, 'GET', `/${reference.id}`, { qs: { fields: TEMPLATE_FIELDS } }),
		).then(
			(value) => ({ value: value as unknown as TemplateDefinition }),
			(error: unknown) => {
				if (isNotFound(error)) return { missing: true as const };
				return Promise.reject(error);
			},
		);
		if ('missing' in outcome || !outcome.value?.name)
			return { ok: false, problem: notFound(reference) };
		return ok(outcome.value);
	}
	if (!businessAccountId) return { ok: false, problem: missingBusinessAccountId() };
	const candidates = (
		await listTemplates.call(this, businessAccountId, { name: reference.name })
	).filter((template) => template.name === reference.name);
	if (reference.language) {
		const match = candidates.find((template) => template.language === reference.language);
		if (match) return ok(match);
		const others = candidates.map((template) => template.language);
		return {
			ok: false,
			problem: others.length
				? {
						message: `Template "${reference.name}" has no ${reference.language} version`,
						description: `It exists in: ${others.join(', ')}. Use one of these, e.g. ${formatTemplateValue(reference.name, others[0])}, or add the language to the template in WhatsApp Manager.`,
						field: 'template',
					}
				: notFound(reference),
		};
	}
	if (candidates.length === 1) return ok(candidates[0]);
	if (candidates.length === 0) return { ok: false, problem: notFound(reference) };
	const languages = candidates.map((template) => template.language);
	return fail(
		`Template "${reference.name}" exists in several languages (${languages.join(', ')})`,
		`Say which one as name:language, e.g. ${formatTemplateValue(reference.name, languages[0])}, or choose it from the list.`,
		'template',
	);
}

/** Why a template cannot be sent now, or undefined when it can (status APPROVED). */
export function notSendable(definition: TemplateDefinition): Problem | undefined {
	const status = (definition.status ?? 'APPROVED').toUpperCase();
	if (status === 'APPROVED') return undefined;
	const label = `"${definition.name}" (${definition.language})`;
	const advice: Record<string, string> = {
		PENDING:
			'Meta is still reviewing it (usually minutes, at most 24 hours). Send it once it is approved, or choose an approved template.',
		IN_APPEAL: 'Its appeal is being reviewed by Meta. Choose an approved template meanwhile.',
		REJECTED: `Meta rejected it${definition.rejected_reason && definition.rejected_reason !== 'NONE' ? ` (reason: ${definition.rejected_reason})` : ''}. Edit and resubmit it in WhatsApp Manager, or choose an approved template.`,
		PAUSED:
			'Meta paused it because recipients reported or blocked it (error 132015). Improve the content in WhatsApp Manager or wait for the pause to end.',
		DISABLED:
			'Meta disabled it for repeated low quality (error 132016). Create a new template instead.',
		PENDING_DELETION: 'It is being deleted. Choose another template.',
		DELETED: 'It was deleted. Choose another template.',
		LIMIT_EXCEEDED: 'The account reached its template limit. Choose an approved template.',
	};
	return {
		message: `Template ${label} is not approved (status ${status}), so it cannot be sent`,
		description:
			advice[status] ?? 'Only APPROVED templates can be sent. Choose an approved template.',
		field: 'template',
	};
}

/** Per-execution memo of template lookups: one read per distinct template, shared by items. */
export class TemplateCache {
	private readonly entries = new Map<string, Promise<Result<TemplateDefinition>>>();

	constructor(
		private readonly context: GraphContext,
		private readonly businessAccountId: string | undefined,
	) {}

	get(reference: TemplateReference): Promise<Result<TemplateDefinition>> {
		const key =
			reference.by === 'id'
				? `id:${reference.id}`
				: `name:${reference.name}:${reference.language ?? ''}`;
		let entry = this.entries.get(key);
		if (!entry) {
			entry = findTemplate.call(this.context, this.businessAccountId, reference);
			this.entries.set(key, entry);
			// A failed read (network, rate limit, outage) is not remembered: the next item, or the
			// sender's retry of this one, reads again instead of replaying the same failure.
			entry.catch(() => {
				if (this.entries.get(key) === entry) this.entries.delete(key);
			});
		}
		return entry;
	}
}
