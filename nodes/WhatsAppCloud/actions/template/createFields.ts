/**
 * The fields of Template > Create: name, language, category and parameter format, then either
 * header, body with variable examples, footer and buttons (Marketing, Utility), the options of an
 * authentication template, or Meta's components as JSON.
 */
import type { INodeProperties } from 'n8n-workflow';

const regular = { category: ['MARKETING', 'UTILITY'], inputMode: ['fields'] };
const authentication = { category: ['AUTHENTICATION'], inputMode: ['fields'] };

export const createTemplateProperties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. repair_ready',
		description: 'Template name: lowercase letters, digits and underscores, up to 512 characters',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		required: true,
		default: 'en_US',
		placeholder: 'e.g. en_US',
		description: "Language code of this template's text, e.g. en, en_US, es_MX, pt_BR, de",
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Authentication',
				value: 'AUTHENTICATION',
				description: 'One-time passcodes only; Meta fixes the text',
			},
			{
				name: 'Marketing',
				value: 'MARKETING',
				description:
					'Promotions, offers, news, invitations, anything that is not strictly a transaction update',
			},
			{
				name: 'Utility',
				value: 'UTILITY',
				description:
					'Updates about a transaction or account the user started (order, booking, payment, repair status), without promotion',
			},
		],
		default: 'UTILITY',
		description:
			"Meta checks the category against the content: a template with promotional content filed as Utility is re-categorised as Marketing or rejected, and repeated misclassification can restrict the account's messaging (errors 131064, 368). Choose Marketing for anything promotional.",
	},
	{
		displayName: 'Components Input',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Define Below',
				value: 'fields',
				description: 'Header, body, footer and buttons from the fields below',
			},
			{
				name: 'Using JSON',
				value: 'json',
				description: "Meta's components array, sent as given after the variable and example checks",
			},
		],
		default: 'fields',
		description: 'How to give the template content',
	},
	{
		displayName: 'Parameter Format',
		name: 'parameterFormat',
		type: 'options',
		options: [
			{
				name: 'Named',
				value: 'named',
				description: 'Variables have names: {{first_name}}, {{order_number}}',
			},
			{
				name: 'Positional',
				value: 'positional',
				description: 'Variables are numbered: {{1}}, {{2}}',
			},
		],
		default: 'positional',
		description: 'How variables are written in the header and body texts',
		displayOptions: { show: { category: ['MARKETING', 'UTILITY'] } },
	},
	{
		displayName: 'Header',
		name: 'header',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Header',
		description: 'Optional title, image, video, document or location above the body',
		displayOptions: { show: regular },
		options: [
			{
				displayName: 'Header',
				name: 'header',
				values: [
					{
						displayName: 'Format',
						name: 'format',
						type: 'options',
						options: [
							{ name: 'Document', value: 'DOCUMENT' },
							{ name: 'Image', value: 'IMAGE' },
							{ name: 'Location', value: 'LOCATION' },
							{ name: 'Text', value: 'TEXT' },
							{ name: 'Video', value: 'VIDEO' },
						],
						default: 'TEXT',
						description: 'What the header shows; media and location are given when sending',
					},
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						default: '',
						placeholder: 'e.g. Your repair {{1}}',
						description: 'Header title, up to 60 characters, with at most one variable',
						displayOptions: { show: { format: ['TEXT'] } },
					},
					{
						displayName: 'Example',
						name: 'example',
						type: 'string',
						default: '',
						placeholder: 'e.g. #2041',
						description: 'Sample value for the header variable (required when the text has one)',
						displayOptions: { show: { format: ['TEXT'] } },
					},
					{
						displayName: 'Sample File Handle',
						name: 'mediaHandle',
						type: 'string',
						default: '',
						placeholder: 'e.g. 4::aW1hZ2UvanBlZw==:ARb...',
						description:
							"Handle of a sample file uploaded with Meta's Resumable Upload API (required by Meta's review for media headers)",
						displayOptions: { show: { format: ['IMAGE', 'VIDEO', 'DOCUMENT'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Body Text',
		name: 'body',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Hi {{1}}, your bike is ready for pickup at {{2}}. See you soon!',
		description:
			'The message, up to 1,024 characters. Variables: {{1}}, {{2}}... (positional) or {{first_name}} (named); not at the very start or end of the text.',
		displayOptions: { show: regular },
	},
	{
		displayName: 'Variable Examples',
		name: 'examples',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Example',
		description:
			"One sample value per body variable: Meta's reviewers read the message with these values, and reject templates without them",
		displayOptions: { show: regular },
		options: [
			{
				displayName: 'Example',
				name: 'example',
				values: [
					{
						displayName: 'Variable',
						name: 'variable',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1 or first_name',
						description:
							'The variable: its number (positional) or name (named), with or without braces',
					},
					{
						displayName: 'Example Value',
						name: 'example',
						type: 'string',
						default: '',
						placeholder: 'e.g. Ada',
						description: 'A realistic sample value',
					},
				],
			},
		],
	},
	{
		displayName: 'Footer Text',
		name: 'footer',
		type: 'string',
		default: '',
		placeholder: 'e.g. Spoke & Chain, Torstr. 12',
		description: 'Optional fixed small text under the body, up to 60 characters, no variables',
		displayOptions: { show: regular },
	},
	{
		displayName: 'Buttons',
		name: 'templateButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Button',
		description:
			'Up to 10 buttons: at most 2 URL, 1 phone number and 1 copy code button; keep quick replies together',
		displayOptions: { show: regular },
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Coupon Code Example',
						name: 'couponExample',
						type: 'string',
						default: '',
						placeholder: 'e.g. SPRING15',
						description: 'A sample code, up to 15 characters (the real code is given when sending)',
						displayOptions: { show: { type: ['COPY_CODE'] } },
					},
					{
						displayName: 'Phone Number',
						name: 'phoneNumber',
						type: 'string',
						default: '',
						placeholder: 'e.g. +15550142277',
						description: 'The number to call, in international format',
						displayOptions: { show: { type: ['PHONE_NUMBER'] } },
					},
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						default: '',
						placeholder: 'e.g. Track repair',
						description: 'Button label, up to 25 characters',
						displayOptions: { show: { type: ['QUICK_REPLY', 'URL', 'PHONE_NUMBER'] } },
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{
								name: 'Copy Code',
								value: 'COPY_CODE',
								description: 'Copies a coupon code given when sending',
							},
							{ name: 'Phone Number', value: 'PHONE_NUMBER', description: 'Calls a number' },
							{
								name: 'Quick Reply',
								value: 'QUICK_REPLY',
								description: 'Sends a reply the trigger receives',
							},
							{ name: 'URL', value: 'URL', description: 'Opens a web page' },
						],
						default: 'QUICK_REPLY',
						description: 'What the button does',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/track/{{1}}',
						description: 'The address to open, optionally ending with {{1}} filled when sending',
						displayOptions: { show: { type: ['URL'] } },
					},
					{
						displayName: 'URL Example',
						name: 'urlExample',
						type: 'string',
						default: '',
						placeholder: 'e.g. 2041',
						description: 'When the URL ends with {{1}}: a sample value for it',
						displayOptions: { show: { type: ['URL'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Add Security Recommendation',
		name: 'addSecurityRecommendation',
		type: 'boolean',
		default: true,
		description: 'Whether the message adds "For your security, do not share this code."',
		displayOptions: { show: authentication },
	},
	{
		displayName: 'Code Expiration Minutes',
		name: 'codeExpirationMinutes',
		type: 'number',
		default: 10,
		typeOptions: { minValue: 0, maxValue: 90 },
		description: 'Shows "This code expires in N minutes." (1 to 90; 0 for no notice)',
		displayOptions: { show: authentication },
	},
	{
		displayName: 'Copy Code Button Text',
		name: 'otpButtonText',
		type: 'string',
		default: 'Copy Code',
		description: 'Label of the button that copies the code, up to 25 characters',
		displayOptions: { show: authentication },
	},
	{
		displayName: 'Components (JSON)',
		name: 'components',
		type: 'json',
		default:
			'[\n  {\n    "type": "BODY",\n    "text": "Hi {{1}}, your bike is ready for pickup. See you soon!",\n    "example": {"body_text": [["Ada"]]}\n  }\n]',
		description:
			"Meta's components array (HEADER, BODY, FOOTER, BUTTONS, CAROUSEL, LIMITED_TIME_OFFER), e.g. for carousel cards, limited-time offers or flow buttons the fields do not cover",
		displayOptions: { show: { inputMode: ['json'] } },
	},
];
