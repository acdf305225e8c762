/** The WhatsApp Cloud Trigger node: its description and lifecycle hooks; requests go to webhook/. */
import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { triggerProperties } from './webhook/description';
import { handleWebhookRequest } from './webhook/handleRequest';
import { checkWebhookExists, createWebhook, deleteWebhook } from './webhook/lifecycle';

/**
 * WhatsApp Cloud Trigger: one URL for Meta's verification handshake and its signed deliveries,
 * each event a clean item. The lifecycle hooks (publish, unpublish) are in webhook/lifecycle.ts,
 * each request is handled by webhook/handleRequest.ts.
 */
export class WhatsAppCloudTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Cloud Trigger',
		name: 'whatsAppCloudTrigger',
		icon: { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' },
		group: ['trigger'],
		version: 1,
		// A readable label per registration mode (the raw option value means nothing to a user).
		subtitle:
			'={{ $parameter["registration"] === "subscribeApp" ? "Subscribes the app to the business account" : $parameter["registration"] === "phoneNumberOverride" ? "Routes this phone number\'s events here" : "Manual webhook setup" }}',
		description:
			'Starts the workflow on WhatsApp Cloud API webhooks: inbound messages, message statuses, errors, template and account updates',
		defaults: { name: 'WhatsApp Cloud Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppCloudApi', required: true }],
		webhooks: [
			// Meta's verification handshake (GET) and the deliveries (POST) share one URL.
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Meta only needs the 200; echoing event data back would be pointless exposure.
				responseData: 'noData',
				path: 'webhook',
			},
		],
		triggerPanel: {
			header: 'Waiting for WhatsApp events',
			executionsHelp: {
				inactive:
					"While you listen for a test event, Meta must call the <b>Test URL</b>: put it in the Meta app's webhook settings for now. Publish the workflow to use the Production URL.",
				active:
					"The workflow is published: Meta calls the <b>Production URL</b> for every event it delivers (use the verify token from the credential when you enter the URL in Meta's dashboard).",
			},
			activationHint:
				"Once published, paste the Production URL and the credential's Webhook Verify Token into the Meta app's webhook settings (or pick a registration mode that does it).",
		},
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkWebhookExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createWebhook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleWebhookRequest.call(this);
	}
}
