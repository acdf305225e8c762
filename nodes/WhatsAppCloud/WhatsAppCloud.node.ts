/** The WhatsApp Cloud action node: a thin shell over actions/ (parameters, execute) and methods/. */
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { buildNodeProperties } from './actions/nodeProperties';
import { router } from './actions/router';
import { listSearch, loadOptions, resourceMapping } from './methods';

/**
 * WhatsApp Cloud: sends messages, manages media files and message templates through Meta's
 * WhatsApp Business Cloud API. Its parameters are assembled from actions/ (one file per
 * operation); execute() hands every run to actions/router.ts.
 */
export class WhatsAppCloud implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Cloud',
		name: 'whatsAppCloud',
		icon: { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			"Send WhatsApp messages (text, templates, media, buttons, lists, locations, contacts, reactions), mark them read, and manage media and message templates with Meta's WhatsApp Business Cloud API",
		defaults: {
			name: 'WhatsApp Cloud',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'whatsAppCloudApi',
				required: true,
			},
		],
		properties: buildNodeProperties(),
	};

	methods = {
		listSearch,
		loadOptions,
		resourceMapping,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await router.call(this)];
	}
}
