/**
 * Message > Send Template: an approved message template (Meta: type "template"), the only way
 * to start a conversation or write after the 24-hour window. Two ways to fill its variables:
 * - Map Each Variable: n8n's resource mapper shows one field per variable, read from Meta's
 *   definition (methods/resourceMapping.ts); values are checked and turned into components here.
 * - Components JSON: Meta's components array given as is (power users, per-item templates).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { fail, ok, type Result } from '../../shared/problem';
import { buildTemplateComponents, findStaleMapping } from '../../templates/components';
import type { VariableFormat } from '../../templates/parameters';
import { notSendable } from '../../templates/lookup';
import { parseTemplateReference } from '../../templates/reference';
import type { TemplateDefinition } from '../../templates/definition';
import { unsupportedComponents } from '../../templates/variables';
import { templateLocatorProperty } from '../template/common';
import { defineOperation, type ExecutionEnv, type GraphRequest } from '../types';
import {
	messageEnvelope,
	messageOutput,
	messageRequest,
	readRecipient,
	readReplyTo,
	recipientProperty,
	replyToOption,
} from './common';

const properties: INodeProperties[] = [
	recipientProperty,
	templateLocatorProperty,
	{
		displayName: 'Variables Input',
		name: 'variablesMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Components JSON',
				value: 'json',
				description:
					"Give Meta's template components array yourself, sent as is (advanced; also for templates chosen by expression)",
			},
			{
				name: 'Map Each Variable',
				value: 'map',
				description: "One field per template variable, read from the template's definition in Meta",
			},
		],
		default: 'map',
		description: "How to fill the template's variables",
	},
	{
		displayName: 'Template Variables',
		name: 'variables',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		description:
			"One field per variable of the chosen template, labelled with the template's example value",
		typeOptions: {
			loadOptionsDependsOn: ['template.value'],
			resourceMapper: {
				resourceMapperMethod: 'getTemplateVariables',
				mode: 'add',
				valuesLabel: 'Variables',
				fieldWords: { singular: 'variable', plural: 'variables' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
				noFieldsError: 'This template has no variables: it is sent as it is',
				refreshStaleSchemaOnOpen: true,
			},
		},
		displayOptions: { show: { variablesMode: ['map'] } },
	},
	{
		displayName: 'Components (JSON)',
		name: 'components',
		type: 'json',
		default: '[]',
		description:
			'Meta\'s template components array, sent as is, e.g. [{"type": "body", "parameters": [{"type": "text", "text": "Pablo"}]}]',
		displayOptions: { show: { variablesMode: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			replyToOption,
			{
				displayName: 'Variable Formats',
				name: 'variableFormats',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Variable Format',
				default: {},
				description:
					'Send chosen body variables as a currency amount or a date instead of plain text (Map Each Variable only)',
				displayOptions: { show: { '/variablesMode': ['map'] } },
				options: [
					{
						displayName: 'Format',
						name: 'values',
						values: [
							{
								displayName: 'Variable Name or ID',
								name: 'variable',
								type: 'options',
								typeOptions: {
									loadOptionsMethod: 'getBodyVariables',
									loadOptionsDependsOn: ['template.value'],
								},
								default: '',
								description:
									'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
							},
							{
								displayName: 'Format',
								name: 'format',
								type: 'options',
								options: [
									{
										name: 'Currency',
										value: 'currency',
										description: 'The value is an amount such as 100.99',
									},
									{
										name: 'Date and Time',
										value: 'date_time',
										description: 'The value is the date text to show, such as February 25, 2026',
									},
								],
								default: 'currency',
							},
							{
								displayName: 'Currency Code',
								name: 'currencyCode',
								type: 'string',
								default: 'USD',
								placeholder: 'e.g. EUR',
								description: 'ISO 4217 code of the currency, e.g. USD, EUR, BRL',
								displayOptions: { show: { format: ['currency'] } },
							},
						],
					},
				],
			},
		],
	},
];

export interface TemplateMessageInput {
	recipient: unknown;
	definition: TemplateDefinition;
	/** The resource mapper's value: variable key -> value. */
	values: Record<string, unknown>;
	/** Field ids of the resource mapper's schema (what the user saw), to detect a changed
	 *  template. */
	schemaIds?: string[];
	formats?: Record<string, VariableFormat>;
	replyToMessageId?: unknown;
}

function templateBody(
	to: string,
	name: string,
	language: string,
	components: unknown[],
	replyToMessageId: string | undefined,
): IDataObject {
	const template: IDataObject = { name, language: { code: language } };
	if (components.length > 0) template.components = components as IDataObject[];
	return { ...messageEnvelope(to, 'template', replyToMessageId), template };
}

/** Pure: template definition + variable values -> the send request, checked before sending. */
export function buildTemplateMessageRequest(
	input: TemplateMessageInput,
	phoneNumberId: string,
): Result<GraphRequest> {
	const recipient = readRecipient(input.recipient);
	if (!recipient.ok) return recipient;
	const replyTo = readReplyTo(input.replyToMessageId);
	if (!replyTo.ok) return replyTo;
	const { definition } = input;
	const blocked = notSendable(definition);
	if (blocked) return { ok: false, problem: blocked };
	const unsupported = unsupportedComponents(definition);
	if (unsupported.length > 0) {
		const parts = unsupported
			.map((part) => (part.endsWith('s') ? part : `a ${part}`))
			.join(' and ');
		return fail(
			`Template "${definition.name}" (${definition.language}) has ${parts}, which Map Each Variable cannot fill`,
			`Meta needs values for them in every message: set Variables Input to Components JSON and give the template's whole components array, those parts included (Template > Get shows the definition).`,
			'variablesMode',
		);
	}
	const stale = findStaleMapping(definition, input.schemaIds, input.values);
	if (stale) return { ok: false, problem: stale };
	const components = buildTemplateComponents({
		definition,
		values: input.values,
		formats: input.formats,
	});
	if (!components.ok) return components;
	const body = templateBody(
		recipient.value,
		definition.name,
		definition.language,
		components.value,
		replyTo.value,
	);
	return ok(
		messageRequest(phoneNumberId, body, {
			template: definition.name,
			language: definition.language,
		}),
	);
}

/** Components JSON: an array, or text holding one. */
export function parseComponentsJson(value: unknown): Result<unknown[]> {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return ok([]);
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return fail(
				`Components (JSON) is not valid JSON: ${(error as Error).message}`,
				'Give an array of template components, e.g. [{"type": "body", "parameters": [{"type": "text", "text": "Pablo"}]}].',
				'components',
			);
		}
	}
	if (!Array.isArray(parsed)) {
		return fail(
			'Components (JSON) must be an array of template components',
			'Wrap the components in [ ], e.g. [{"type": "body", "parameters": [{"type": "text", "text": "Pablo"}]}].',
			'components',
		);
	}
	return ok(parsed);
}

/** Pure: Components JSON mode, sent as is with the template's name and language. */
export function buildTemplateJsonRequest(
	input: {
		recipient: unknown;
		name: string;
		language: string;
		components: unknown;
		replyToMessageId?: unknown;
	},
	phoneNumberId: string,
): Result<GraphRequest> {
	const recipient = readRecipient(input.recipient);
	if (!recipient.ok) return recipient;
	const replyTo = readReplyTo(input.replyToMessageId);
	if (!replyTo.ok) return replyTo;
	const components = parseComponentsJson(input.components);
	if (!components.ok) return components;
	const body = templateBody(
		recipient.value,
		input.name,
		input.language,
		components.value,
		replyTo.value,
	);
	return ok(
		messageRequest(phoneNumberId, body, { template: input.name, language: input.language }),
	);
}

/** Options > Variable Formats -> variable key -> format. */
export function readVariableFormats(options: IDataObject): Record<string, VariableFormat> {
	const entries = ((options.variableFormats as IDataObject | undefined)?.values ??
		[]) as IDataObject[];
	const formats: Record<string, VariableFormat> = {};
	for (const entry of entries) {
		const key = typeof entry.variable === 'string' ? entry.variable.trim() : '';
		if (!key) continue;
		formats[key] =
			entry.format === 'date_time'
				? { format: 'date_time' }
				: { format: 'currency', currencyCode: String(entry.currencyCode ?? 'USD') };
	}
	return formats;
}

interface MapperValue {
	value?: Record<string, unknown> | null;
	schema?: Array<{ id: string }>;
}

/** One item's Send Template parameters, as read from n8n. */
export interface SendTemplateParameters {
	recipient: unknown;
	template: unknown;
	variablesMode: string;
	/** Map Each Variable: the resource mapper's value. */
	variables?: MapperValue;
	/** Components JSON. */
	components?: unknown;
	options: IDataObject;
}

/** Item parameters -> request. Reads the template definition through the execution's cache
 *  unless Components JSON names the template with its language (then it is sent as is). */
export async function buildSendTemplateRequest(
	parameters: SendTemplateParameters,
	env: ExecutionEnv,
): Promise<Result<GraphRequest>> {
	const { recipient, options } = parameters;
	const reference = parseTemplateReference(parameters.template);
	if (!reference.ok) return reference;
	const phoneNumberId = env.account.phoneNumberId;
	const ref = reference.value;

	if (parameters.variablesMode === 'json') {
		if (ref.by === 'name' && ref.language) {
			return buildTemplateJsonRequest(
				{
					recipient,
					name: ref.name,
					language: ref.language,
					components: parameters.components,
					replyToMessageId: options.replyToMessageId,
				},
				phoneNumberId,
			);
		}
		// Name without language, or an ID: read the template once to know its name/language.
		const found = await env.templates.get(ref);
		if (!found.ok) return found;
		const blocked = notSendable(found.value);
		if (blocked) return { ok: false, problem: blocked };
		return buildTemplateJsonRequest(
			{
				recipient,
				name: found.value.name,
				language: found.value.language,
				components: parameters.components,
				replyToMessageId: options.replyToMessageId,
			},
			phoneNumberId,
		);
	}

	const found = await env.templates.get(ref);
	if (!found.ok) return found;
	const mapper = parameters.variables ?? {};
	return buildTemplateMessageRequest(
		{
			recipient,
			definition: found.value,
			values: mapper.value ?? {},
			schemaIds: mapper.schema?.map((field) => field.id),
			formats: readVariableFormats(options),
			replyToMessageId: options.replyToMessageId,
		},
		phoneNumberId,
	);
}

export const sendTemplate = defineOperation<SendTemplateParameters>({
	value: 'sendTemplate',
	name: 'Send Template',
	action: 'Send a template message',
	description:
		'Send an approved message template, filling its variables; works at any time, also to start a conversation',
	properties,
	sendsMessage: true,
	readParameters(this: IExecuteFunctions, itemIndex: number): SendTemplateParameters {
		const variablesMode = this.getNodeParameter('variablesMode', itemIndex, 'map') as string;
		const parameters: SendTemplateParameters = {
			recipient: this.getNodeParameter('recipient', itemIndex),
			template: this.getNodeParameter('template', itemIndex) as INodeParameterResourceLocator,
			variablesMode,
			options: this.getNodeParameter('options', itemIndex, {}) as IDataObject,
		};
		if (variablesMode === 'json') {
			parameters.components = this.getNodeParameter('components', itemIndex, '[]');
		} else {
			parameters.variables = (this.getNodeParameter('variables', itemIndex, {}) ??
				{}) as MapperValue;
		}
		return parameters;
	},
	buildRequest: buildSendTemplateRequest,
	recipientOf: (parameters) => parameters.recipient,
	toOutput: messageOutput('sendTemplate'),
	adviseOnError(code) {
		switch (code) {
			case 132000:
				return "The template's variables changed in Meta; reopen the node to refresh the variable fields (in Components JSON mode, give exactly one parameter per variable).";
			case 132001:
				return 'The template does not exist in this language, or is not approved yet: choose it again from the list, or check its name, language and status in WhatsApp Manager.';
			case 132005:
				return 'The text with the variables filled in is too long: shorten the variable values.';
			case 132012:
				return "A variable's value does not fit the template (e.g. an image where it expects a video, or positional values for a named template): reopen the node to refresh the variable fields and check each value.";
			default:
				return undefined;
		}
	},
});
