/**
 * Variable values (keyed as in variables.ts) + the template definition -> the
 * `template.components` array of POST /{phone-number-id}/messages, checked before sending:
 * missing required values, values over Meta's limits, media that is neither a link nor an ID.
 * Shapes follow Meta's "send template" request examples (header/body parameters, button
 * components with sub_type and index, limited_time_offer). Pure: no n8n context, no HTTP.
 */
import type { IDataObject } from 'n8n-workflow';

import { fail, ok, type Problem, type Result } from '../shared/problem';
import {
	bodyParameter,
	coordinate,
	describeValue,
	isBlank,
	mediaParameter,
	missing,
	parseObject,
	placeholderName,
	renderedHeaderTooLong,
	templateLabel,
	textParameter,
	textValue,
	type VariableFormat,
} from './parameters';
import { discoverTemplateVariables } from './variables';
import type { TemplateDefinition } from './definition';

export interface BuildComponentsInput {
	definition: TemplateDefinition;
	/** The resource mapper's value object: variable key -> value. */
	values: Record<string, unknown>;
	/** Variable key -> currency/date_time format (Options > Variable Formats). */
	formats?: Record<string, VariableFormat>;
}

/**
 * Checks every variable and builds the components array. `values` may hold more keys than
 * the template has (ignored); required variables left blank are reported one at a time,
 * the first one in message order.
 */
export function buildTemplateComponents(input: BuildComponentsInput): Result<IDataObject[]> {
	const { definition, values } = input;
	const formats = input.formats ?? {};
	const variables = discoverTemplateVariables(definition);
	for (const variable of variables) {
		if (variable.required && isBlank(values[variable.key])) {
			return { ok: false, problem: missing(definition, variable) };
		}
	}

	const header: IDataObject[] = [];
	const body: IDataObject[] = [];
	const offer: IDataObject[] = [];
	const buttons = new Map<number, { subType: string; parameters: IDataObject[] }>();
	const location: IDataObject = {};
	/** Header variable values by placeholder name, to check the header once all are filled. */
	const headerTexts = new Map<string, string>();
	const headerTextCount = variables.filter((v) => v.kind === 'headerText').length;

	for (const variable of variables) {
		const value = values[variable.key];
		switch (variable.kind) {
			case 'headerText': {
				const text = textValue(definition, variable, value);
				if (!text.ok) return text;
				header.push(textParameter(variable, text.value));
				headerTexts.set(placeholderName(variable), text.value);
				if (headerTexts.size === headerTextCount) {
					const tooLongHeader = renderedHeaderTooLong(definition, variables, headerTexts);
					if (tooLongHeader) return { ok: false, problem: tooLongHeader };
				}
				break;
			}
			case 'headerMedia': {
				const media = mediaParameter(definition, variable, value, values.header_document_filename);
				if (!media.ok) return media;
				header.push(media.value);
				break;
			}
			case 'headerLatitude':
			case 'headerLongitude': {
				const limit = variable.kind === 'headerLatitude' ? 90 : 180;
				const number = coordinate(definition, variable, value, limit);
				if (!number.ok) return number;
				location[variable.kind === 'headerLatitude' ? 'latitude' : 'longitude'] = number.value;
				break;
			}
			case 'headerLocationName':
			case 'headerLocationAddress': {
				if (isBlank(value)) break;
				const text = textValue(definition, variable, value);
				if (!text.ok) return text;
				location[variable.kind === 'headerLocationName' ? 'name' : 'address'] = text.value;
				break;
			}
			case 'bodyText': {
				const parameter = bodyParameter(definition, variable, value, formats[variable.key]);
				if (!parameter.ok) return parameter;
				body.push(parameter.value);
				break;
			}
			case 'offerExpiration': {
				const ms = typeof value === 'number' ? value : Number(String(value).trim());
				if (!Number.isInteger(ms) || ms <= 0) {
					return fail(
						`${variable.label} of template ${templateLabel(definition)} must be a Unix time in milliseconds, got ${describeValue(value)}`,
						'Map a whole number of milliseconds, for example {{ DateTime.now().plus({ days: 7 }).toMillis() }}.',
						variable.key,
					);
				}
				offer.push({ type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: ms } });
				break;
			}
			case 'buttonUrl':
			case 'buttonOtpCode': {
				const text = textValue(definition, variable, value);
				if (!text.ok) return text;
				buttons.set(variable.buttonIndex ?? 0, {
					subType: 'url',
					parameters: [{ type: 'text', text: text.value }],
				});
				break;
			}
			case 'buttonCouponCode': {
				const text = textValue(definition, variable, value);
				if (!text.ok) return text;
				buttons.set(variable.buttonIndex ?? 0, {
					subType: 'copy_code',
					parameters: [{ type: 'coupon_code', coupon_code: text.value }],
				});
				break;
			}
			case 'buttonPayload': {
				if (isBlank(value)) break;
				const text = textValue(definition, variable, value);
				if (!text.ok) return text;
				buttons.set(variable.buttonIndex ?? 0, {
					subType: 'quick_reply',
					parameters: [{ type: 'payload', payload: text.value }],
				});
				break;
			}
			case 'buttonFlowToken':
			case 'buttonFlowActionData': {
				if (isBlank(value)) break;
				const index = variable.buttonIndex ?? 0;
				const entry = buttons.get(index) ?? {
					subType: 'flow',
					parameters: [{ type: 'action', action: {} }],
				};
				const action = entry.parameters[0].action as IDataObject;
				if (variable.kind === 'buttonFlowToken') {
					const text = textValue(definition, variable, value);
					if (!text.ok) return text;
					action.flow_token = text.value;
				} else {
					const data = parseObject(definition, variable, value);
					if (!data.ok) return data;
					action.flow_action_data = data.value;
				}
				buttons.set(index, entry);
				break;
			}
			case 'headerDocumentFilename':
				break; // folded into the document parameter above
		}
	}

	if (location.latitude !== undefined) header.push({ type: 'location', location });

	const components: IDataObject[] = [];
	if (header.length) components.push({ type: 'header', parameters: header });
	if (body.length) components.push({ type: 'body', parameters: body });
	if (offer.length) components.push({ type: 'limited_time_offer', parameters: offer });
	for (const index of [...buttons.keys()].sort((a, b) => a - b)) {
		const button = buttons.get(index)!;
		components.push({
			type: 'button',
			sub_type: button.subType,
			index,
			parameters: button.parameters,
		});
	}
	return ok(components);
}

/**
 * The resource mapper keeps the field list (schema) the user saw when they last opened the
 * node. When Meta's definition has moved on since (a variable added, removed or renamed),
 * sending would fail with 132000; say so before sending. Optional fields added by a newer
 * version of this node do not count as a change.
 */
export function findStaleMapping(
	definition: TemplateDefinition,
	schemaIds: string[] | undefined,
	values: Record<string, unknown>,
): Problem | undefined {
	if (!schemaIds || schemaIds.length === 0) return undefined;
	const variables = discoverTemplateVariables(definition);
	const current = new Set(variables.map((v) => v.key));
	const seen = new Set(schemaIds);
	const added = variables.filter((v) => v.required && !seen.has(v.key)).map((v) => v.label);
	const removed = Object.keys(values).filter((key) => !current.has(key) && !isBlank(values[key]));
	if (added.length === 0 && removed.length === 0) return undefined;
	const changes = [
		added.length ? `now also needs ${added.join(', ')}` : '',
		removed.length ? `no longer has ${removed.join(', ')}` : '',
	]
		.filter(Boolean)
		.join(' and ');
	return {
		message: `The variables of template ${templateLabel(definition)} changed in Meta: it ${changes}`,
		description:
			"The template's variables changed in Meta; reopen the node to refresh the variable fields, then map the new ones (otherwise Meta answers 132000).",
		field: 'variables',
	};
}
