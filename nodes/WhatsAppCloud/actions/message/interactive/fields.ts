/**
 * The fields every interactive message shows (body, footer, header, the input mode of its
 * buttons or rows), with Meta's limits in their descriptions.
 */
import type { INodeProperties } from 'n8n-workflow';

export function bodyProperty(max: number, placeholder: string): INodeProperties {
	return {
		displayName: 'Body Text',
		name: 'body',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		placeholder,
		description: `The main message text, 1 to ${max.toLocaleString('en-US')} characters. WhatsApp formatting works (*bold*, _italic_).`,
	};
}

export const footerOption: INodeProperties = {
	displayName: 'Footer Text',
	name: 'footer',
	type: 'string',
	default: '',
	placeholder: 'e.g. Reply STOP to opt out',
	description: 'Small grey text under the body, up to 60 characters',
};

export const headerTextOption: INodeProperties = {
	displayName: 'Header Text',
	name: 'headerText',
	type: 'string',
	default: '',
	placeholder: 'e.g. Our menu',
	description: 'Bold title above the body, up to 60 characters',
};

/** Text or media header (reply buttons, CTA URL). */
export const headerOption: INodeProperties = {
	displayName: 'Header',
	name: 'header',
	type: 'fixedCollection',
	default: {},
	placeholder: 'Add Header',
	description: 'A title or an image, video or document shown above the body',
	options: [
		{
			displayName: 'Header',
			name: 'header',
			values: [
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'Document', value: 'document' },
						{ name: 'Image', value: 'image' },
						{ name: 'Text', value: 'text' },
						{ name: 'Video', value: 'video' },
					],
					default: 'text',
					description: 'What the header shows',
				},
				{
					displayName: 'Text',
					name: 'text',
					type: 'string',
					default: '',
					placeholder: 'e.g. Your order',
					description: 'Header title, up to 60 characters',
					displayOptions: { show: { type: ['text'] } },
				},
				{
					displayName: 'Media',
					name: 'media',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://example.com/photo.jpg',
					description: 'Public https link to the file, or a media ID from Media > Upload',
					displayOptions: { show: { type: ['image', 'video', 'document'] } },
				},
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					placeholder: 'e.g. menu.pdf',
					description: 'Name shown for the document',
					displayOptions: { show: { type: ['document'] } },
				},
			],
		},
	],
};

export const inputModeProperty = (what: string, jsonHint: string): INodeProperties => ({
	displayName: `${what} Input`,
	name: 'inputMode',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Define Below',
			value: 'fields',
			description: `Fill in each ${what.toLowerCase().replace(/s$/, '')} in the fields below`,
		},
		{
			name: 'Using JSON',
			value: 'json',
			description: `Give the ${what.toLowerCase()} as JSON (${jsonHint})`,
		},
	],
	default: 'fields',
	description: `How to give the ${what.toLowerCase()}`,
});
