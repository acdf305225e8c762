/**
 * Template > List: every template of the WhatsApp Business Account, all pages followed, with
 * optional filters. Status, category and language are also sent to Meta (less to page through);
 * all filters are applied again here, so the result is right whatever Meta does with them.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fail, ok, type Result } from '../../shared/problem';
import {
	missingBusinessAccountId,
	TEMPLATE_FIELDS,
	TEMPLATE_PAGE_SIZE,
} from '../../templates/lookup';
import type { TemplateDefinition } from '../../templates/definition';
import { defineOperation, type GraphRequest } from '../types';

export interface ListTemplatesFilters {
	status?: string;
	category?: string;
	language?: string;
	name?: string;
}

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Category',
				name: 'category',
				type: 'options',
				options: [
					{ name: 'Authentication', value: 'AUTHENTICATION' },
					{ name: 'Marketing', value: 'MARKETING' },
					{ name: 'Utility', value: 'UTILITY' },
				],
				default: 'MARKETING',
				description: 'Only templates of this category',
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'e.g. en_US',
				description:
					'Only templates in this language (code as Meta shows it, e.g. en, en_US, pt_BR)',
			},
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. order',
				description: 'Only templates whose name contains this text',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Approved', value: 'APPROVED' },
					{ name: 'Disabled', value: 'DISABLED' },
					{ name: 'In Appeal', value: 'IN_APPEAL' },
					{ name: 'Paused', value: 'PAUSED' },
					{ name: 'Pending', value: 'PENDING' },
					{ name: 'Rejected', value: 'REJECTED' },
				],
				default: 'APPROVED',
				description: 'Only templates with this review status',
			},
		],
	},
];

function clean(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Pure: filters -> GET /{waba-id}/message_templates, all pages. */
export function buildListTemplatesRequest(
	filters: ListTemplatesFilters,
	businessAccountId: string | undefined,
): Result<GraphRequest> {
	if (!businessAccountId) return { ok: false, problem: missingBusinessAccountId() };
	const wanted: IDataObject = {};
	const qs: IDataObject = { fields: TEMPLATE_FIELDS, limit: TEMPLATE_PAGE_SIZE };
	for (const key of ['status', 'category', 'language'] as const) {
		const value = clean(filters[key]);
		if (value) {
			// Meta matches these exactly, as it spells them (APPROVED, UTILITY, pt_BR); the local
			// filter is lenient, so what a user may type (approved, pt-BR) is sent Meta's way.
			qs[key] = key === 'language' ? value.replace('-', '_') : value.toUpperCase();
			wanted[key] = value;
		}
	}
	const name = clean(filters.name);
	if (name) wanted.name = name;
	if (wanted.language && !/^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,4})?$/.test(String(wanted.language))) {
		return fail(
			`"${String(wanted.language)}" is not a template language code`,
			'Use the code Meta shows for the template language, such as en, en_US, es_MX or pt_BR.',
			'filters.language',
		);
	}
	return ok({
		method: 'GET',
		path: `/${businessAccountId}/message_templates`,
		qs,
		allPages: true,
		meta: { filters: wanted },
	});
}

/** Pure: keeps the templates matching every filter (case-insensitive; name: contains). */
export function filterTemplates(
	templates: TemplateDefinition[],
	filters: ListTemplatesFilters,
): TemplateDefinition[] {
	const same = (a: unknown, b: string | undefined) =>
		b === undefined || String(a ?? '').toLowerCase() === b.toLowerCase();
	const name = clean(filters.name)?.toLowerCase();
	return templates.filter(
		(template) =>
			same(template.status, clean(filters.status)) &&
			same(template.category, clean(filters.category)) &&
			same(template.language, clean(filters.language)?.replace('-', '_')) &&
			(name === undefined || template.name.toLowerCase().includes(name)),
	);
}

export const listTemplatesOperation = defineOperation<ListTemplatesFilters>({
	value: 'list',
	name: 'List',
	action: 'List templates',
	description:
		'List the message templates of the WhatsApp Business Account (all pages), one item per template, optionally filtered by status, category, language or name',
	properties,
	sendsMessage: false,
	readParameters(this: IExecuteFunctions, itemIndex: number) {
		return this.getNodeParameter('filters', itemIndex, {}) as ListTemplatesFilters;
	},
	buildRequest: (filters, env) => buildListTemplatesRequest(filters, env.account.businessAccountId),
	toOutput(response, request) {
		const rows = (Array.isArray(response) ? response : []) as TemplateDefinition[];
		const filters = (request.meta?.filters ?? {}) as ListTemplatesFilters;
		return filterTemplates(rows, filters) as unknown as IDataObject[];
	},
});
