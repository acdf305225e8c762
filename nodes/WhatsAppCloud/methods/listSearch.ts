/**
 * "Template" resource locator, From List mode: every template of the account (all pages read,
 * not only Meta's first), approved ones only until the user types a search, then every status
 * (approved first) so a pending or rejected template can be found and its status seen.
 * Each entry shows name (language) · category · status; its value is `name:language`.
 *
 * A typed search is also sent to Meta as the `name` filter of GET message_templates, so Meta
 * returns (and we page through) only templates whose name matches instead of the whole account,
 * then the search is applied here as before. Meta's reference says only "the name for a message
 * template", not whether it matches exactly, by prefix or anywhere, so nothing may depend on it:
 * only a word that can only be part of a name is sent (not a category, status or language code,
 * which the search also matches), and when Meta's filtered answer leaves nothing, every template
 * is read and searched as without the filter.
 */
import {
	NodeOperationError,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
} from 'n8n-workflow';

import { getAccountInfo } from '../transport/credentials';
import {
	listTemplates,
	missingBusinessAccountId,
	TEMPLATE_SUMMARY_FIELDS,
} from '../templates/lookup';
import { formatTemplateValue } from '../templates/reference';
import type { TemplateDefinition } from '../templates/definition';

/** Pure: templates + search text -> list entries. */
export function templateSearchResults(
	templates: TemplateDefinition[],
	filter?: string,
): INodeListSearchResult['results'] {
	const query = (filter ?? '').trim().toLowerCase();
	const approved = (template: TemplateDefinition) =>
		(template.status ?? 'APPROVED').toUpperCase() === 'APPROVED';
	const matches = templates.filter((template) => {
		if (!query) return approved(template);
		const haystack = [
			template.name,
			formatTemplateValue(template.name, template.language),
			template.language,
			template.category ?? '',
			template.status ?? '',
		]
			.join(' ')
			.toLowerCase();
		return query.split(/\s+/).every((word) => haystack.includes(word));
	});
	matches.sort(
		(a, b) =>
			Number(approved(b)) - Number(approved(a)) ||
			a.name.localeCompare(b.name) ||
			a.language.localeCompare(b.language),
	);
	return matches.map((template) => ({
		name: `${template.name} (${template.language}) · ${(template.category ?? '?').toUpperCase()} · ${(template.status ?? 'APPROVED').toUpperCase()}`,
		value: formatTemplateValue(template.name, template.language),
	}));
}

/** Values of `category` and `status` Meta documents for templates: a search word inside one
 *  (e.g. "market", "pending") may be looking for that category or status, not a name. */
const CATEGORY_AND_STATUS_WORDS = new Set([
	'marketing',
	'utility',
	'authentication',
	'approved',
	'pending',
	'rejected',
	'paused',
	'disabled',
	'in_appeal',
	'pending_deletion',
	'deleted',
	'limit_exceeded',
	'archived',
]);

/**
 * Pure: the word of a search to send as Meta's `name` filter, or undefined to read every
 * template. Template names use lowercase letters, digits and underscores, so only such a word can
 * be part of one. Left to the local search: a word that may be (part of) a category or status,
 * one shaped like a language code (en, pt_BR, es_419), and words under 4 characters, which
 * narrow little. Of the rest, the longest narrows most. "name:language" values count by their
 * name part.
 */
export function nameFilterFor(filter?: string): string | undefined {
	const words = (filter ?? '')
		.trim()
		.toLowerCase()
		.split(/\s+/)
		.map((word) => word.split(':')[0])
		.filter(
			(word) =>
				word.length >= 4 &&
				/^[a-z0-9_]+$/.test(word) &&
				![...CATEGORY_AND_STATUS_WORDS].some((known) => known.includes(word)) &&
				!/^[a-z]{2,3}(_[a-z0-9]{2,4})?$/.test(word),
		);
	return words.sort((a, b) => b.length - a.length)[0];
}

export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const account = await getAccountInfo.call(this);
	if (!account.businessAccountId) {
		const problem = missingBusinessAccountId();
		throw new NodeOperationError(this.getNode(), problem.message, {
			description: problem.description,
		});
	}
	const name = nameFilterFor(filter);
	if (name !== undefined) {
		const named = await listTemplates.call(
			this,
			account.businessAccountId,
			{ name },
			TEMPLATE_SUMMARY_FIELDS,
		);
		const results = templateSearchResults(named, filter);
		if (results.length > 0) return { results };
	}
	const templates = await listTemplates.call(
		this,
		account.businessAccountId,
		{},
		TEMPLATE_SUMMARY_FIELDS,
	);
	return { results: templateSearchResults(templates, filter) };
}
