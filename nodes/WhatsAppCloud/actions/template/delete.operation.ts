/**
 * Template > Delete: DELETE /{waba-id}/message_templates?name=<name>[&hsm_id=<template id>].
 * By name alone Meta deletes the template in every language; with the template ID only that one.
 * Meta: a deleted approved template's name cannot be used for a new template for 30 days, and
 * messages already sent with it are still delivered.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { textOf } from '../../shared/fields';
import { fail, ok, type Result } from '../../shared/problem';
import { missingBusinessAccountId } from '../../templates/lookup';
import { TEMPLATE_NAME_PATTERN } from '../../templates/reference';
import { defineOperation, type GraphRequest } from '../types';

export interface DeleteTemplateInput {
	name: unknown;
	templateId?: unknown;
}

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. repair_ready',
		description:
			'Name of the template to delete. Without a Template ID, the template is deleted in every language. Its name cannot be reused for 30 days.',
	},
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1387372356726668',
		description:
			'Optional ID of one language version (Template > Get or List shows it as ID): only that one is deleted',
	},
];

/** Pure: one item's parameters -> DELETE /{waba-id}/message_templates with name (and hsm_id). */
export function buildDeleteTemplateRequest(
	input: DeleteTemplateInput,
	businessAccountId: string | undefined,
): Result<GraphRequest> {
	if (!businessAccountId) return { ok: false, problem: missingBusinessAccountId() };
	const name = textOf(input.name)?.trim() ?? '';
	if (!TEMPLATE_NAME_PATTERN.test(name)) {
		return fail(
			name === '' ? 'Template name is empty' : `"${name}" is not a template name`,
			'Give the template name exactly as Meta shows it (lowercase letters, digits and underscores, without the language), e.g. repair_ready.',
			'name',
		);
	}
	const qs: IDataObject = { name };
	const templateId = textOf(input.templateId)?.trim() ?? '';
	if (templateId !== '') {
		if (!/^\d+$/.test(templateId)) {
			return fail(
				`"${templateId}" is not a template ID`,
				'Template IDs are numbers (Template > Get shows them); leave it empty to delete every language.',
				'templateId',
			);
		}
		qs.hsm_id = templateId;
	}
	return ok({
		method: 'DELETE',
		path: `/${businessAccountId}/message_templates`,
		qs,
		meta: templateId ? { name, templateId } : { name },
	});
}

export const deleteTemplate = defineOperation<DeleteTemplateInput>({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a template',
	description:
		'Delete a message template by name (every language), or one language version by its template ID',
	properties,
	sendsMessage: false,
	readParameters(this: IExecuteFunctions, itemIndex: number): DeleteTemplateInput {
		return {
			name: this.getNodeParameter('name', itemIndex, ''),
			templateId: this.getNodeParameter('templateId', itemIndex, ''),
		};
	},
	buildRequest: (input, env) => buildDeleteTemplateRequest(input, env.account.businessAccountId),
	toOutput(response, request) {
		const answer = (response ?? {}) as IDataObject;
		return [{ operation: 'delete', ...(request.meta ?? {}), deleted: answer.success === true }];
	},
	adviseOnError(code) {
		if (code === 100) {
			return 'Check the name (and ID): no template by that name exists in this WhatsApp Business Account, or the ID belongs to another template.';
		}
		return undefined;
	},
});
