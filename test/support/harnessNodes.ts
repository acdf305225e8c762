/**
 * Test-only node types for the harness's own tests: a node that POSTs one message per item (with a
 * list search, a resource mapper and load options) and a trigger with a Meta-style handshake,
 * signature check and registration, each with its credential type.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

import {
	NodeApiError,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type JsonObject,
	type ResourceMapperFields,
} from 'n8n-workflow';

export const TOKEN = 'harness-secret-token';

export class HarnessTestApi implements ICredentialType {
	name = 'harnessTestApi';
	displayName = 'Harness Test API';
	properties: ICredentialType['properties'] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'https://graph.invalid' },
		{ displayName: 'API Version', name: 'apiVersion', type: 'string', default: 'v24.0' },
	];
	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};
	test: ICredentialType['test'] = {
		request: { baseURL: '={{$credentials.baseUrl}}/{{$credentials.apiVersion}}', url: '/me' },
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Token rejected: paste a valid token' },
			},
		],
	};
}

/** HarnessTestNode's description (tests derive variants of the node from it). */
export const harnessTestDescription: INodeTypeDescription = {
	displayName: 'Harness Test',
	name: 'harnessTest',
	group: ['transform'],
	version: 1,
	description: 'Test-only node for the workflow harness',
	defaults: { name: 'Harness Test' },
	inputs: ['main'],
	outputs: ['main'],
	credentials: [{ name: 'harnessTestApi', required: true }],
	properties: [
		{ displayName: 'Recipient', name: 'recipient', type: 'string', default: '' },
		{ displayName: 'Text', name: 'text', type: 'string', default: 'hello' },
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			options: [
				{ name: 'Per Item', value: 'perItem' },
				{ name: 'Throw Raw', value: 'throwRaw' },
			],
			default: 'perItem',
		},
	],
};

/** Sends one POST per item; per-item errors become error items under continueOnFail. */
export class HarnessTestNode implements INodeType {
	description = harnessTestDescription;

	methods = {
		listSearch: {
			async searchThings(
				this: ILoadOptionsFunctions,
				filter?: string,
			): Promise<INodeListSearchResult> {
				const credentials = await this.getCredentials('harnessTestApi');
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'harnessTestApi',
					{
						method: 'GET',
						url: `${credentials.baseUrl as string}/${credentials.apiVersion as string}/things`,
						qs: filter ? { name: filter } : {},
						json: true,
					},
				)) as { data: Array<{ id: string; name: string }> };
				const text = this.getCurrentNodeParameter('text') as string;
				return {
					results: response.data.map((t) => ({ name: `${t.name} (${text})`, value: t.id })),
				};
			},
		},
		resourceMapping: {
			async getFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
				const text = this.getCurrentNodeParameter('text') as string;
				return {
					fields: text.split(',').map((id) => ({
						id,
						displayName: id,
						required: true,
						defaultMatch: false,
						display: true,
						type: 'string' as const,
					})),
				};
			},
		},
		loadOptions: {
			async getModes(this: ILoadOptionsFunctions) {
				return [
					{ name: `mode of ${this.getNodeParameter('recipient', '') as string}`, value: 'x' },
				];
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = await this.getCredentials('harnessTestApi');
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const recipient = this.getNodeParameter('recipient', i) as string;
			const text = this.getNodeParameter('text', i) as string;
			const mode = this.getNodeParameter('mode', i) as string;
			try {
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'harnessTestApi',
					{
						method: 'POST',
						url: `${credentials.baseUrl as string}/${credentials.apiVersion as string}/messages`,
						body: { to: recipient, text },
						json: true,
					},
				)) as IDataObject;
				out.push({ json: { sent: true, recipient, response }, pairedItem: { item: i } });
			} catch (error) {
				if (mode === 'throwRaw') throw error;
				if (this.continueOnFail()) {
					out.push({
						json: { sent: false, recipient, error: (error as Error).message },
						pairedItem: { item: i },
					});
					continue;
				}
				if (error instanceof NodeApiError) throw error;
				throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
			}
		}
		return [out];
	}
}

/** A webhook trigger: GET handshake, POST signed with the App Secret, registration via subscriptions. */
export class HarnessTriggerApi implements ICredentialType {
	name = 'harnessTriggerApi';
	displayName = 'Harness Trigger API';
	properties: ICredentialType['properties'] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Verify Token',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'https://graph.invalid' },
	];
	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};
}

export class HarnessTriggerNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Trigger',
		name: 'harnessTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Test-only webhook trigger',
		defaults: { name: 'Harness Trigger' },
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'harnessTriggerApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [{ displayName: 'Label', name: 'label', type: 'string', default: 'none' }],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				if (!data.subscriptionId) return false;
				const { baseUrl } = await this.getCredentials('harnessTriggerApi');
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'harnessTriggerApi',
					{
						method: 'GET',
						url: `${baseUrl as string}/subscriptions`,
						json: true,
					},
				)) as { data: Array<{ id: string }> };
				return response.data.some((s) => s.id === data.subscriptionId);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const { baseUrl } = await this.getCredentials('harnessTriggerApi');
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'harnessTriggerApi',
					{
						method: 'POST',
						url: `${baseUrl as string}/subscriptions`,
						body: {
							callback_url: this.getNodeWebhookUrl('default'),
							mode: this.getActivationMode(),
						},
						json: true,
					},
				)) as { id: string };
				this.getWorkflowStaticData('node').subscriptionId = response.id;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				const { baseUrl } = await this.getCredentials('harnessTriggerApi');
				await this.helpers.httpRequestWithAuthentication.call(this, 'harnessTriggerApi', {
					method: 'DELETE',
					url: `${baseUrl as string}/subscriptions/${data.subscriptionId as string}`,
					json: true,
				});
				delete data.subscriptionId;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const credentials = await this.getCredentials('harnessTriggerApi');
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		if (req.method === 'GET') {
			const query = this.getQueryData() as IDataObject;
			if (
				query['hub.mode'] === 'subscribe' &&
				query['hub.verify_token'] === credentials.verifyToken
			) {
				res.status(200).type('text/plain').send(String(query['hub.challenge']));
			} else {
				res.status(403).end();
			}
			return { noWebhookResponse: true };
		}
		const rawBody = (req as unknown as { rawBody: Buffer }).rawBody;
		const expected = `sha256=${createHmac('sha256', credentials.appSecret as string)
			.update(rawBody)
			.digest('hex')}`;
		const given = this.getHeaderData()['x-hub-signature-256'];
		if (
			typeof given !== 'string' ||
			given.length !== expected.length ||
			!timingSafeEqual(Buffer.from(given), Buffer.from(expected))
		) {
			res.status(403).send('Forbidden');
			return { noWebhookResponse: true };
		}
		const body = this.getBodyData() as { entry?: IDataObject[] };
		const seen = this.getWorkflowStaticData('node');
		seen.deliveries = ((seen.deliveries as number | undefined) ?? 0) + 1;
		return {
			workflowData: [
				this.helpers.returnJsonArray(
					(body.entry ?? []).map((e) => ({
						...e,
						label: this.getNodeParameter('label') as string,
						bytes: rawBody.length,
					})),
				),
			],
		};
	}
}

export const APP_SECRET = 'harness-app-secret';
