/**
 * Template variables for n8n's resource mapper (Send Template > Template Variables) and the
 * body-variable list of Options > Variable Formats: the chosen template's definition is read
 * from Meta and each variable becomes one field, in message order, labelled with the template's
 * example value (see templates/variables.ts for the keys).
 */
import type {
	ILoadOptionsFunctions,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { getAccountInfo } from '../transport/credentials';
import type { Result } from '../shared/problem';
import { findTemplate, notSendable } from '../templates/lookup';
import { parseTemplateReference } from '../templates/reference';
import type { TemplateDefinition } from '../templates/definition';
import { discoverTemplateVariables, type TemplateVariable } from '../templates/variables';

/** Pure: variables -> resource mapper fields. */
export function toResourceMapperFields(variables: TemplateVariable[]): ResourceMapperField[] {
	return variables.map((variable) => {
		const field: ResourceMapperField = {
			id: variable.key,
			displayName: variable.label,
			required: variable.required,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: variable.fieldType,
		};
		if (variable.hiddenByDefault) field.removed = true;
		return field;
	});
}

/** Reads the template the node's "Template" parameter points at (or why it cannot). */
async function currentTemplate(this: ILoadOptionsFunctions): Promise<Result<TemplateDefinition>> {
	const locator = this.getCurrentNodeParameter('template') as { value?: unknown } | undefined;
	const raw = locator && typeof locator === 'object' ? locator.value : locator;
	if (typeof raw === 'string' && raw.startsWith('=')) {
		return {
			ok: false,
			problem: {
				message: 'The template is set by an expression, so its variables cannot be read here.',
				description:
					'Choose the template from the list or by name, or switch Variables Input to Components JSON.',
			},
		};
	}
	if (raw === undefined || raw === null || raw === '') {
		return {
			ok: false,
			problem: {
				message: 'Choose a template first.',
				description: 'Its variables then appear here.',
			},
		};
	}
	const reference = parseTemplateReference(locator);
	if (!reference.ok) return reference;
	const account = await getAccountInfo.call(this);
	return await findTemplate.call(this, account.businessAccountId, reference.value);
}

export async function getTemplateVariables(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const template = await currentTemplate.call(this);
	if (!template.ok) {
		return {
			fields: [],
			emptyFieldsNotice: `${template.problem.message} ${template.problem.description}`,
		};
	}
	const fields = toResourceMapperFields(discoverTemplateVariables(template.value));
	if (fields.length === 0) {
		const blocked = notSendable(template.value);
		return {
			fields,
			emptyFieldsNotice: blocked
				? `${blocked.message}. ${blocked.description}`
				: `Template "${template.value.name}" (${template.value.language}) has no variables: it is sent as it is.`,
		};
	}
	return { fields };
}

/** Options > Variable Formats > Variable: the chosen template's body variables. */
export async function getBodyVariables(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const template = await currentTemplate.call(this);
	if (!template.ok) return [];
	return discoverTemplateVariables(template.value)
		.filter((variable) => variable.kind === 'bodyText')
		.map((variable) => ({ name: variable.label, value: variable.key }));
}
