/**
 * Template > Get: one template's definition plus its variables (the keys Send Template's
 * fields use, in order, with example values), so a user sees what to map.
 */
import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { notSendable } from '../../templates/lookup';
import { parseTemplateReference } from '../../templates/reference';
import { parameterFormatOf, type TemplateDefinition } from '../../templates/definition';
import { discoverTemplateVariables, unsupportedComponents } from '../../templates/variables';
import { defineOperation } from '../types';
import { templateLocatorProperty } from './common';

/** Pure: a definition -> the Get output (definition, variables, whether it can be sent). */
export function describeTemplate(definition: TemplateDefinition): IDataObject {
	const variables = discoverTemplateVariables(definition).map((variable) => {
		const entry: IDataObject = {
			key: variable.key,
			label: variable.label,
			component: variable.component,
			required: variable.required,
			type: variable.fieldType,
		};
		if (variable.example !== undefined) entry.example = variable.example;
		if (variable.parameterName !== undefined) entry.parameterName = variable.parameterName;
		if (variable.position !== undefined) entry.position = variable.position;
		if (variable.buttonIndex !== undefined) entry.buttonIndex = variable.buttonIndex;
		if (variable.buttonText !== undefined) entry.buttonText = variable.buttonText;
		if (variable.maxLength !== undefined) entry.maxLength = variable.maxLength;
		return entry;
	});
	const blocked = notSendable(definition);
	const output: IDataObject = {
		...(definition as unknown as IDataObject),
		parameter_format: parameterFormatOf(definition),
		variables,
		sendable: blocked === undefined,
	};
	if (blocked) output.notSendableReason = `${blocked.message}. ${blocked.description}`;
	const unsupported = unsupportedComponents(definition);
	if (unsupported.length) output.unsupportedComponents = unsupported;
	return output;
}

export const getTemplate = defineOperation<{ template: unknown }>({
	value: 'get',
	name: 'Get',
	action: 'Get a template',
	description:
		'Get one message template with its variables listed (keys, examples, required), to see what Send Template needs',
	properties: [templateLocatorProperty],
	sendsMessage: false,
	readParameters(this: IExecuteFunctions, itemIndex: number) {
		return {
			template: this.getNodeParameter('template', itemIndex) as INodeParameterResourceLocator,
		};
	},
	async buildRequest(parameters, env) {
		const reference = parseTemplateReference(parameters.template);
		if (!reference.ok) return reference;
		// Read through the execution's cache; the definition is the answer (no second call).
		const found = await env.templates.get(reference.value);
		if (!found.ok) return found;
		return {
			ok: true,
			value: {
				method: 'GET',
				path: `/${found.value.id ?? env.account.businessAccountId}`,
				answered: found.value,
			},
		};
	},
	toOutput(response) {
		return [describeTemplate(response as TemplateDefinition)];
	},
});
