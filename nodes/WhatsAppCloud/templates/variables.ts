/**
 * A template definition turned into the list of variables a sender has to fill in.
 *
 * Every variable gets a stable key. The key is the resource mapper field id (so it is what n8n
 * stores in the workflow) and the name a user or an AI agent uses in the values object:
 *   header_1 / header_<name>        header text variable (positional / named)
 *   header_image|video|document     header media: a https link or a media ID
 *   header_document_filename        optional file name shown for a document header
 *   header_latitude, header_longitude, header_location_name, header_location_address
 *   body_1, body_2 ... / body_<name> body variables (positional / named)
 *   button_<i>_url                  dynamic suffix of the URL button at position i (0-based,
 *                                   Meta's `index`)
 *   button_<i>_coupon_code          copy-code button
 *   button_<i>_payload              quick-reply payload (optional)
 *   button_<i>_flow_token           flow button token (optional); button_<i>_flow_action_data
 *   button_<i>_otp_code             one-time-password button of an authentication template
 *   offer_expiration_time_ms        limited-time offer with an expiration
 * Pure: no n8n context, no HTTP.
 */
import { LIMITS } from '../shared/limits';
import {
	componentOfType,
	parameterFormatOf,
	type NamedParameterExample,
	type TemplateButtonDefinition,
	type TemplateDefinition,
} from './definition';
import { placeholdersIn, type ParameterFormat } from './placeholders';

export type VariableKind =
	| 'headerText'
	| 'headerMedia'
	| 'headerDocumentFilename'
	| 'headerLatitude'
	| 'headerLongitude'
	| 'headerLocationName'
	| 'headerLocationAddress'
	| 'bodyText'
	| 'buttonUrl'
	| 'buttonCouponCode'
	| 'buttonPayload'
	| 'buttonFlowToken'
	| 'buttonFlowActionData'
	| 'buttonOtpCode'
	| 'offerExpiration';

export type MediaFormat = 'image' | 'video' | 'document';

export interface TemplateVariable {
	/** Resource mapper field id and key of the values object. */
	key: string;
	/** Label shown in the node, with the template's example value when it has one. */
	label: string;
	kind: VariableKind;
	required: boolean;
	/** Type of the resource mapper field. */
	fieldType: 'string' | 'number';
	/** Where the variable sits: 'header', 'body', 'button' or 'limited_time_offer'. */
	component: 'header' | 'body' | 'button' | 'limited_time_offer';
	/** The template's example value (what Meta's reviewer saw). */
	example?: string;
	/** Named templates: the {{name}} to send as parameter_name. */
	parameterName?: string;
	/** Positional templates: the n of {{n}}. */
	position?: number;
	/** Buttons: Meta's 0-based button index. */
	buttonIndex?: number;
	buttonText?: string;
	mediaFormat?: MediaFormat;
	maxLength?: number;
	/** Optional fields a user seldom needs start hidden in the mapper (can be added). */
	hiddenByDefault?: boolean;
}

function withExample(label: string, example: string | undefined): string {
	if (example === undefined || example === '') return label;
	const shown = example.length > 40 ? `${example.slice(0, 39)}…` : example;
	return `${label} (e.g. ${shown})`;
}

function namedExample(list: NamedParameterExample[] | undefined, name: string): string | undefined {
	return list?.find((entry) => entry.param_name === name)?.example;
}

function firstString(value: string | string[] | undefined): string | undefined {
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined ? undefined : String(value);
}

/** The example suffix of a dynamic URL button: the example URL minus the fixed prefix. */
function urlSuffixExample(button: TemplateButtonDefinition): string | undefined {
	const example = firstString(button.example);
	if (!example || !button.url) return example;
	const prefix = button.url.split('{{')[0];
	return example.startsWith(prefix) ? example.slice(prefix.length) : example;
}

/** True when the body has company: Meta then caps a body parameter at 1024 characters. */
function bodyHasOtherComponents(definition: TemplateDefinition): boolean {
	return (definition.components ?? []).some((c) => (c.type ?? '').toUpperCase() !== 'BODY');
}

function headerVariables(
	definition: TemplateDefinition,
	format: ParameterFormat,
): TemplateVariable[] {
	const header = componentOfType(definition, 'HEADER');
	if (!header) return [];
	const headerFormat = (header.format ?? 'TEXT').toUpperCase();
	if (headerFormat === 'TEXT') {
		return placeholdersIn(header.text, format).map((name, i) => {
			const example =
				format === 'NAMED'
					? namedExample(header.example?.header_text_named_params, name)
					: (header.example?.header_text?.[Number(name) - 1] ?? header.example?.header_text?.[i]);
			return {
				key: `header_${name}`,
				label: withExample(`Header {{${name}}}`, example),
				kind: 'headerText',
				required: true,
				fieldType: 'string',
				component: 'header',
				example,
				...(format === 'NAMED' ? { parameterName: name } : { position: Number(name) }),
				maxLength: LIMITS.headerText,
			} satisfies TemplateVariable;
		});
	}
	if (headerFormat === 'IMAGE' || headerFormat === 'VIDEO' || headerFormat === 'DOCUMENT') {
		const mediaFormat = headerFormat.toLowerCase() as MediaFormat;
		const title = mediaFormat.charAt(0).toUpperCase() + mediaFormat.slice(1);
		const variables: TemplateVariable[] = [
			{
				key: `header_${mediaFormat}`,
				label: `Header ${title} (https link or media ID)`,
				kind: 'headerMedia',
				required: true,
				fieldType: 'string',
				component: 'header',
				mediaFormat,
			},
		];
		if (mediaFormat === 'document') {
			variables.push({
				key: 'header_document_filename',
				label: 'Header Document File Name (optional, e.g. invoice.pdf)',
				kind: 'headerDocumentFilename',
				required: false,
				fieldType: 'string',
				component: 'header',
				mediaFormat,
			});
		}
		return variables;
	}
	if (headerFormat === 'LOCATION') {
		return [
			{
				key: 'header_latitude',
				label: 'Header Location Latitude (e.g. 37.4847)',
				kind: 'headerLatitude',
				required: true,
				fieldType: 'number',
				component: 'header',
			},
			{
				key: 'header_longitude',
				label: 'Header Location Longitude (e.g. -122.1484)',
				kind: 'headerLongitude',
				required: true,
				fieldType: 'number',
				component: 'header',
			},
			{
				key: 'header_location_name',
				label: 'Header Location Name (optional)',
				kind: 'headerLocationName',
				required: false,
				fieldType: 'string',
				component: 'header',
			},
			{
				key: 'header_location_address',
				label: 'Header Location Address (optional)',
				kind: 'headerLocationAddress',
				required: false,
				fieldType: 'string',
				component: 'header',
			},
		];
	}
	return [];
}

function bodyVariables(
	definition: TemplateDefinition,
	format: ParameterFormat,
): TemplateVariable[] {
	const body = componentOfType(definition, 'BODY');
	if (!body) return [];
	const maxLength = bodyHasOtherComponents(definition)
		? LIMITS.bodyTextWithOtherComponents
		: LIMITS.bodyTextAlone;
	return placeholdersIn(body.text, format).map((name) => {
		const example =
			format === 'NAMED'
				? namedExample(body.example?.body_text_named_params, name)
				: body.example?.body_text?.[0]?.[Number(name) - 1];
		return {
			key: `body_${name}`,
			label: withExample(`Body {{${name}}}`, example),
			kind: 'bodyText',
			required: true,
			fieldType: 'string',
			component: 'body',
			example,
			...(format === 'NAMED' ? { parameterName: name } : { position: Number(name) }),
			maxLength,
		} satisfies TemplateVariable;
	});
}

function buttonVariables(definition: TemplateDefinition): TemplateVariable[] {
	const buttons = componentOfType(definition, 'BUTTONS')?.buttons ?? [];
	const variables: TemplateVariable[] = [];
	buttons.forEach((button, index) => {
		const type = (button.type ?? '').toUpperCase();
		const caption = button.text ? `Button "${button.text}"` : `Button ${index + 1}`;
		const base = { component: 'button' as const, buttonIndex: index, buttonText: button.text };
		if (type === 'URL' && button.url && /\{\{/.test(button.url)) {
			const example = urlSuffixExample(button);
			variables.push({
				...base,
				key: `button_${index}_url`,
				label: withExample(`${caption}: URL Suffix`, example),
				kind: 'buttonUrl',
				required: true,
				fieldType: 'string',
				example,
			});
		} else if (type === 'COPY_CODE') {
			const example = firstString(button.example);
			variables.push({
				...base,
				key: `button_${index}_coupon_code`,
				label: withExample(`${caption}: Coupon Code`, example),
				kind: 'buttonCouponCode',
				required: true,
				fieldType: 'string',
				example,
				maxLength: LIMITS.couponCode,
			});
		} else if (type === 'QUICK_REPLY') {
			variables.push({
				...base,
				key: `button_${index}_payload`,
				label: `${caption}: Quick Reply Payload (optional)`,
				kind: 'buttonPayload',
				required: false,
				fieldType: 'string',
			});
		} else if (type === 'FLOW') {
			variables.push(
				{
					...base,
					key: `button_${index}_flow_token`,
					label: `${caption}: Flow Token (optional)`,
					kind: 'buttonFlowToken',
					required: false,
					fieldType: 'string',
				},
				{
					...base,
					key: `button_${index}_flow_action_data`,
					label: `${caption}: Flow Action Data (optional JSON object)`,
					kind: 'buttonFlowActionData',
					required: false,
					// A string field holding JSON (or an expression returning an object): n8n's
					// pre-run check rejects '' in an 'object' field, which blocks the workflow.
					fieldType: 'string',
					hiddenByDefault: true,
				},
			);
		} else if (type === 'OTP') {
			variables.push({
				...base,
				key: `button_${index}_otp_code`,
				label: `${caption}: One-Time Code`,
				kind: 'buttonOtpCode',
				required: true,
				fieldType: 'string',
			});
		}
		// PHONE_NUMBER, VOICE_CALL, static URL, CATALOG (its thumbnail is optional): nothing to fill
		// at send time. MPM needs its product sections: see unsupportedComponents.
	});
	return variables;
}

function offerVariables(definition: TemplateDefinition): TemplateVariable[] {
	const offer = componentOfType(definition, 'LIMITED_TIME_OFFER');
	if (!offer?.limited_time_offer?.has_expiration) return [];
	return [
		{
			key: 'offer_expiration_time_ms',
			label: 'Offer Expiration (Unix time in milliseconds)',
			kind: 'offerExpiration',
			required: true,
			fieldType: 'number',
			component: 'limited_time_offer',
		},
	];
}

/** Every variable of a template, in message order: header, body, limited-time offer, buttons. */
export function discoverTemplateVariables(definition: TemplateDefinition): TemplateVariable[] {
	const format = parameterFormatOf(definition);
	return [
		...headerVariables(definition, format),
		...bodyVariables(definition, format),
		...offerVariables(definition),
		...buttonVariables(definition),
	];
}

/** Components the variable fields cannot fill, though Meta needs values for them at send time
 *  (shown by Template > Get; Send Template refuses them in Map Each Variable mode). */
export function unsupportedComponents(definition: TemplateDefinition): string[] {
	const unsupported: string[] = [];
	for (const component of definition.components ?? []) {
		const type = (component.type ?? '').toUpperCase();
		if (type === 'CAROUSEL') unsupported.push('carousel cards');
		if (
			type === 'BUTTONS' &&
			(component.buttons ?? []).some((b) => (b.type ?? '').toUpperCase() === 'MPM')
		) {
			unsupported.push('multi-product button');
		}
		if (type === 'HEADER') {
			const format = (component.format ?? 'TEXT').toUpperCase();
			if (!['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'].includes(format)) {
				unsupported.push(`${format.toLowerCase()} header`);
			}
		}
	}
	return unsupported;
}
