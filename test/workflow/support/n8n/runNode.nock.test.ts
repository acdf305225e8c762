/**
 * runNode with nock instead of a fake server: nock works with n8n-core's HTTP client (axios over
 * node:http/https via @n8n/backend-network), as interception happens at the ClientRequest level, so
 * HTTPS URLs on made-up hosts can be used without any server. A file of its own because nock
 * patches node:http for the whole file.
 */
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';
import nock from 'nock';

import { runNode } from '../../../support/n8n/runNode';

const TOKEN = 'nock-secret-token';

class NockTestApi implements ICredentialType {
	name = 'nockTestApi';
	displayName = 'Nock Test API';
	properties: ICredentialType['properties'] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	];
	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};
}

class NockTestNode implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Nock Test',
		name: 'nockTest',
		group: ['transform'],
		version: 1,
		description: 'Test-only node',
		defaults: { name: 'Nock Test' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'nockTestApi', required: true }],
		properties: [{ displayName: 'To', name: 'to', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'nockTestApi', {
				method: 'POST',
				url: 'https://graph.nock.test/v24.0/1234/messages',
				qs: { debug: 'all' },
				body: { to: this.getNodeParameter('to', i) },
				json: true,
			})) as IDataObject;
			out.push({ json: response, pairedItem: { item: i } });
		}
		return [out];
	}
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => {
	nock.enableNetConnect();
	nock.restore();
});

it('intercepts httpRequestWithAuthentication (HTTPS, query, JSON body, Bearer header)', async () => {
	const seen: IDataObject[] = [];
	const scope = nock('https://graph.nock.test', {
		reqheaders: { authorization: `Bearer ${TOKEN}` },
	})
		.post('/v24.0/1234/messages', (body: IDataObject) => {
			seen.push(body);
			return true;
		})
		.query({ debug: 'all' })
		.times(2)
		.reply(200, (_uri, body) => ({
			messages: [{ id: `wamid.${(body as IDataObject).to as string}` }],
		}));

	const { items, error } = await runNode({
		nodeType: NockTestNode,
		credentialTypes: [new NockTestApi()],
		credentials: { nockTestApi: { accessToken: TOKEN } },
		parameters: { to: '={{ $json.to }}' },
		inputItems: [{ to: 'a' }, { to: 'b' }],
	});

	expect(error).toBeUndefined();
	expect(scope.isDone()).toBe(true);
	expect(seen).toEqual([{ to: 'a' }, { to: 'b' }]);
	expect(items.map((i) => i.json)).toEqual([
		{ messages: [{ id: 'wamid.a' }] },
		{ messages: [{ id: 'wamid.b' }] },
	]);
});

it('surfaces an unmatched request as a failed run, not a hang', async () => {
	const { error, executionStatus } = await runNode({
		nodeType: NockTestNode,
		credentialTypes: [new NockTestApi()],
		credentials: { nockTestApi: { accessToken: TOKEN } },
		parameters: { to: 'x' },
	});
	expect(executionStatus).toBe('error');
	expect(error?.name).toBe('NodeApiError');
});
