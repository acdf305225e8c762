/**
 * Template > Create: POST /{waba-id}/message_templates with name, language, category,
 * parameter_format and components, from fields (header, body with variable examples, footer,
 * buttons; or the authentication template's options) or from Meta's components JSON. The
 * definition is checked against Meta's review rules first (templates/draft.ts), so a
 * template Meta would reject for a missing example or a misnumbered variable is not submitted.
 * Meta answers { id, status: PENDING, category }; approval comes later (the trigger's
 * message_template_status_update events, or Template > Get).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseJson } from '../../shared/fields';
import { ok, type Result } from '../../shared/problem';
import {
	buildTemplateDefinition,
	checkComponentsJson,
	formatForCreate,
	readTemplateIdentity,
	type TemplateDraft,
} from '../../templates/draft';
import type { ButtonDraft } from '../../templates/draftButtons';
import type { HeaderDraft, VariableExample } from '../../templates/draftText';
import { missingBusinessAccountId } from '../../templates/lookup';
import { parameterFormatFrom } from '../../templates/placeholders';
import { defineOperation, type GraphRequest } from '../types';
import { createTemplateProperties } from './createFields';

export interface CreateTemplateInput extends TemplateDraft {
	inputMode: string;
	components?: unknown;
}

/** Pure: one item's parameters -> POST /{waba-id}/message_templates. */
export function buildCreateTemplateRequest(
	input: CreateTemplateInput,
	businessAccountId: string | undefined,
): Result<GraphRequest> {
	if (!businessAccountId) return { ok: false, problem: missingBusinessAccountId() };
	let definition: IDataObject;
	if (input.inputMode === 'json') {
		const identity = readTemplateIdentity(input);
		if (!identity.ok) return identity;
		const format = parameterFormatFrom(input.parameterFormat);
		const parsed = parseJson(
			input.components,
			'Components (JSON)',
			'components',
			'[{"type": "BODY", "text": "..."}]',
		);
		if (!parsed.ok) return parsed;
		const components = checkComponentsJson(parsed.value, identity.value.category, format);
		if (!components.ok) return components;
		definition = { ...identity.value, components: components.value };
		if (identity.value.category !== 'AUTHENTICATION')
			definition.parameter_format = formatForCreate(format);
	} else {
		const built = buildTemplateDefinition(input);
		if (!built.ok) return built;
		definition = built.value;
	}
	return ok({
		method: 'POST',
		path: `/${businessAccountId}/message_templates`,
		body: definition,
		meta: { name: definition.name, language: definition.language },
	});
}

export const createTemplate = defineOperation<CreateTemplateInput>({
	value: 'create',
	name: 'Create',
	action: 'Create a template',
	description:
		"Submit a new message template for Meta's review (header, body with variable examples, footer, buttons); it can be sent once approved",
	properties: createTemplateProperties,
	sendsMessage: false,
	readParameters(this: IExecuteFunctions, itemIndex: number): CreateTemplateInput {
		const inputMode = this.getNodeParameter('inputMode', itemIndex, 'fields') as string;
		const category = this.getNodeParameter('category', itemIndex, 'UTILITY') as string;
		const input: CreateTemplateInput = {
			name: this.getNodeParameter('name', itemIndex, ''),
			language: this.getNodeParameter('language', itemIndex, ''),
			category,
			inputMode,
		};
		if (category !== 'AUTHENTICATION')
			input.parameterFormat = this.getNodeParameter('parameterFormat', itemIndex, 'positional');
		if (inputMode === 'json') {
			input.components = this.getNodeParameter('components', itemIndex, '[]');
		} else if (category === 'AUTHENTICATION') {
			input.addSecurityRecommendation = this.getNodeParameter(
				'addSecurityRecommendation',
				itemIndex,
				true,
			) as boolean;
			input.codeExpirationMinutes = this.getNodeParameter('codeExpirationMinutes', itemIndex, 10);
			input.otpButtonText = this.getNodeParameter('otpButtonText', itemIndex, 'Copy Code');
		} else {
			const header = this.getNodeParameter('header', itemIndex, {}) as { header?: HeaderDraft };
			const examples = this.getNodeParameter('examples', itemIndex, {}) as {
				example?: VariableExample[];
			};
			const buttons = this.getNodeParameter('templateButtons', itemIndex, {}) as {
				button?: ButtonDraft[];
			};
			input.header = header.header;
			input.body = this.getNodeParameter('body', itemIndex, '');
			input.examples = examples.example ?? [];
			input.footer = this.getNodeParameter('footer', itemIndex, '');
			input.buttons = buttons.button ?? [];
		}
		return input;
	},
	buildRequest: (input, env) => buildCreateTemplateRequest(input, env.account.businessAccountId),
	toOutput(response, request) {
		const answer = (response ?? {}) as IDataObject;
		return [
			{
				operation: 'create',
				id: answer.id,
				status: answer.status,
				category: answer.category,
				...(request.meta ?? {}),
			},
		];
	},
	adviseOnError(code) {
		switch (code) {
			case 100:
				return 'Meta refused the template definition (see the details): common causes are a name already used in this language, a name of a template deleted less than 30 days ago, variables without examples, or a media header without a valid sample handle.';
			case 2388019:
				return 'The account has reached its template limit: delete unused templates first.';
			default:
				return undefined;
		}
	},
});
