/**
 * Message > Send List: an interactive list message (Meta: interactive.type "list"): body text and
 * a menu button that opens up to 10 rows in up to 10 sections, optional text header and footer.
 * The picked row comes back through the trigger as replyId / replyTitle / replyDescription.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionalText, requiredTrimmedText } from '../../shared/fields';
import { LIMITS } from '../../shared/limits';
import { ok, type Result } from '../../shared/problem';
import { defineOperation, type GraphRequest } from '../types';
import {
	messageEnvelope,
	messageOptionsProperty,
	messageOutput,
	messageRequest,
	readRecipient,
	readReplyTo,
	recipientProperty,
} from './common';
import { interactiveObject, readBody, readFooter } from './interactive/envelope';
import {
	bodyProperty,
	footerOption,
	headerTextOption,
	inputModeProperty,
} from './interactive/fields';
import {
	buildListSections,
	parseSectionsJson,
	sectionsFromRows,
	type ListRowInput,
	type ListSectionInput,
} from './interactive/listSections';

export interface SendListInput {
	recipient: unknown;
	body: unknown;
	buttonText: unknown;
	inputMode: string;
	rows?: Array<ListRowInput & { section?: unknown }>;
	sectionsJson?: unknown;
	headerText?: unknown;
	footer?: unknown;
	replyToMessageId?: unknown;
}

const properties: INodeProperties[] = [
	recipientProperty,
	bodyProperty(LIMITS.listBody, 'e.g. Which service would you like to book?'),
	{
		displayName: 'Button Text',
		name: 'buttonText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. See services',
		description: 'Label of the button that opens the list, up to 20 characters',
	},
	inputModeProperty(
		'Rows',
		'Meta\'s sections array, e.g. [{"title": "Repairs", "rows": [{"id": "tune", "title": "Tune-up"}]}]',
	),
	{
		displayName: 'Rows',
		name: 'rows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Row',
		default: { row: [{ title: '', id: '', description: '', section: '' }] },
		description:
			'1 to 10 choices. Rows with the same Section title are grouped under it, in order; with several sections every row needs a Section title.',
		options: [
			{
				displayName: 'Row',
				name: 'row',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						placeholder: 'e.g. Tune-up',
						description: 'The choice the user sees, up to 24 characters',
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'e.g. svc_tuneup',
						description:
							'Returned by the trigger as replyId when the user picks this row (up to 200 characters, unique). Empty: the title is used.',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						placeholder: 'e.g. Brakes, gears, chain: 45 min',
						description: 'Optional grey line under the title, up to 72 characters',
					},
					{
						displayName: 'Section',
						name: 'section',
						type: 'string',
						default: '',
						placeholder: 'e.g. Repairs',
						description: 'Optional section title (up to 24 characters) this row is listed under',
					},
				],
			},
		],
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'Sections (JSON)',
		name: 'sectionsJson',
		type: 'json',
		default:
			'[\n  {\n    "title": "Repairs",\n    "rows": [\n      {"id": "tune", "title": "Tune-up", "description": "45 min"},\n      {"id": "brakes", "title": "Brake service"}\n    ]\n  }\n]',
		description:
			"Meta's sections array: up to 10 sections whose rows have an ID, a title and an optional description, at most 10 rows in total. A plain array of rows is one section.",
		displayOptions: { show: { inputMode: ['json'] } },
	},
	messageOptionsProperty(footerOption, headerTextOption),
];

/** Pure: one item's parameters -> POST /{phone-number-id}/messages with a list message. */
export function buildSendListRequest(
	input: SendListInput,
	phoneNumberId: string,
): Result<GraphRequest> {
	const recipient = readRecipient(input.recipient);
	if (!recipient.ok) return recipient;
	const replyTo = readReplyTo(input.replyToMessageId);
	if (!replyTo.ok) return replyTo;
	const body = readBody(input.body, LIMITS.listBody);
	if (!body.ok) return body;
	const button = requiredTrimmedText(input.buttonText, {
		label: 'Button Text',
		field: 'buttonText',
		max: LIMITS.listButton,
		whenEmpty:
			'Type the label of the button that opens the list (up to 20 characters), e.g. "See options".',
	});
	if (!button.ok) return button;
	let sections: ListSectionInput[];
	if (input.inputMode === 'json') {
		const parsed = parseSectionsJson(input.sectionsJson);
		if (!parsed.ok) return parsed;
		sections = parsed.value;
	} else {
		sections = sectionsFromRows(input.rows ?? []);
	}
	const built = buildListSections(sections, input.inputMode === 'json' ? 'sectionsJson' : 'rows');
	if (!built.ok) return built;
	const headerText = optionalText(input.headerText, {
		label: 'Header Text',
		field: 'options.headerText',
		max: LIMITS.interactiveHeaderText,
	});
	if (!headerText.ok) return headerText;
	const footer = readFooter(input.footer);
	if (!footer.ok) return footer;
	const message: IDataObject = {
		...messageEnvelope(recipient.value, 'interactive', replyTo.value),
		interactive: interactiveObject('list', {
			header: headerText.value !== undefined ? { type: 'text', text: headerText.value } : undefined,
			body: body.value,
			footer: footer.value,
			action: { button: button.value, sections: built.value },
		}),
	};
	return ok(messageRequest(phoneNumberId, message));
}

export const sendList = defineOperation<SendListInput>({
	value: 'sendList',
	name: 'Send List',
	action: 'Send a list message',
	description:
		'Send a message with a menu of up to 10 choices in sections (interactive "list" message) to a WhatsApp user who wrote in the last 24 hours; the picked row comes back through the trigger',
	properties,
	sendsMessage: true,
	readParameters(this: IExecuteFunctions, itemIndex: number): SendListInput {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const inputMode = this.getNodeParameter('inputMode', itemIndex, 'fields') as string;
		const input: SendListInput = {
			recipient: this.getNodeParameter('recipient', itemIndex),
			body: this.getNodeParameter('body', itemIndex, ''),
			buttonText: this.getNodeParameter('buttonText', itemIndex, ''),
			inputMode,
			headerText: options.headerText,
			footer: options.footer,
			replyToMessageId: options.replyToMessageId,
		};
		if (inputMode === 'json') {
			input.sectionsJson = this.getNodeParameter('sectionsJson', itemIndex, '[]');
		} else {
			const rows = this.getNodeParameter('rows', itemIndex, {}) as { row?: SendListInput['rows'] };
			input.rows = rows.row ?? [];
		}
		return input;
	},
	buildRequest: (input, env) => buildSendListRequest(input, env.account.phoneNumberId),
	recipientOf: (input) => input.recipient,
	toOutput: messageOutput('sendList'),
	adviseOnError(code) {
		if (code === 131047) {
			return 'List messages reach users only within 24 hours of their last message: send a template first.';
		}
		return undefined;
	},
});
