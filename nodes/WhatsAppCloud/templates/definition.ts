/**
 * A message template as Meta returns it (GET /{waba-id}/message_templates, GET /{template-id}):
 * the shapes the node reads, and the two questions asked of every definition (which parameter
 * format, which component of a type).
 */
import { isPositionalName, placeholderNames, type ParameterFormat } from './placeholders';

export interface NamedParameterExample {
	param_name: string;
	example?: string;
}

export interface TemplateButtonDefinition {
	type?: string;
	text?: string;
	url?: string;
	example?: string | string[];
	otp_type?: string;
	phone_number?: string;
	flow_id?: string | number;
	flow_action?: string;
	navigate_screen?: string;
}

export interface TemplateComponentDefinition {
	type?: string;
	format?: string;
	text?: string;
	example?: {
		header_text?: string[];
		header_text_named_params?: NamedParameterExample[];
		header_handle?: string[];
		body_text?: string[][];
		body_text_named_params?: NamedParameterExample[];
	};
	buttons?: TemplateButtonDefinition[];
	limited_time_offer?: { text?: string; has_expiration?: boolean };
}

export interface TemplateDefinition {
	id?: string;
	name: string;
	language: string;
	status?: string;
	category?: string;
	sub_category?: string;
	parameter_format?: string;
	components?: TemplateComponentDefinition[];
	rejected_reason?: string;
}

/** POSITIONAL or NAMED: Meta's parameter_format when present, else what the placeholders say. */
export function parameterFormatOf(definition: TemplateDefinition): ParameterFormat {
	const declared = (definition.parameter_format ?? '').toUpperCase();
	if (declared === 'NAMED' || declared === 'POSITIONAL') return declared;
	for (const component of definition.components ?? []) {
		if (placeholderNames(component.text).some((name) => !isPositionalName(name))) return 'NAMED';
	}
	return 'POSITIONAL';
}

export function componentOfType(
	definition: TemplateDefinition,
	type: string,
): TemplateComponentDefinition | undefined {
	return (definition.components ?? []).find((c) => (c.type ?? '').toUpperCase() === type);
}
