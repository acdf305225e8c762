/**
 * "Template" resource locator, From List mode: every template of the account (all pages read,
 * not only Meta's first), approved ones only until the user types a search, then every status
 * (approved first) so a pending or rejected template can be found and its status seen.
 * Each entry shows name (language) · category · status; its value is `name:language`.
 */
import { NodeOperationError, type ILoadOptionsFunctions, type INodeListSearchResult } from 'n8n-workflow';

import { getAccountInfo } from '../transport/graph';
import { listTemplates, missingBusinessAccountId, TEMPLATE_SUMMARY_FIELDS } from '../shared/templateLookup';
import { formatTemplateValue } from '../shared/templateReference';
import type { TemplateDefinition } from '../shared/templateVariables';

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

export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const account = await getAccountInfo.call(this);
	if (!account.businessAccountId) {
		const problem = missingBusinessAccountId();
		throw new NodeOperationError(this.getNode(), problem.message, { description: problem.description });
	}
	const templates = await listTemplates.call(
		this,
		account.businessAccountId,
		{},
		TEMPLATE_SUMMARY_FIELDS,
	);
	return { results: templateSearchResults(templates, filter) };
}
