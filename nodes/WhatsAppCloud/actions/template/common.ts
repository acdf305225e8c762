/**
 * The "Template" resource locator, shared by Message > Send Template and Template > Get.
 * Values: From List and By Name carry `name:language`; By ID carries Meta's template ID
 * (see templates/reference.ts).
 */
import type { INodeProperties } from 'n8n-workflow';

export const templateLocatorProperty: INodeProperties = {
	displayName: 'Template',
	name: 'template',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description:
		'The message template. The list shows approved templates with language, category and status; type to search all templates, whatever their status.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a template...',
			typeOptions: {
				searchListMethod: 'searchTemplates',
				searchable: true,
				searchFilterRequired: false,
			},
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. order_confirmation:en_US',
			hint: 'Template name, a colon, then its language code. The language may be left out when the template exists in one language only.',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[a-z0-9_]+\\s*([:|]\\s*[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,4})?\\s*)?$',
						errorMessage:
							'Write the name in lowercase with underscores, then optionally a colon and the language, e.g. order_confirmation:en_US',
					},
				},
			],
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1387372356726668',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[0-9]+\\s*$',
						errorMessage: 'A template ID is a number, e.g. 1387372356726668',
					},
				},
			],
		},
	],
};
