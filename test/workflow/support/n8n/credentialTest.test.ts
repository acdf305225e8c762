/**
 * runCredentialTest: a credential's declarative test request, with auth and defaults, and a node's
 * credentialTest method, run as n8n's credential tester runs them.
 */
import {
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type ICredentialType,
	type IDataObject,
	type INodeCredentialTestResult,
} from 'n8n-workflow';

import { graphError, startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';
import {
	harnessTestDescription as description,
	HarnessTestApi,
	HarnessTestNode,
	TOKEN,
} from '../../../support/harnessNodes';
import { runCredentialTest } from '../../../support/n8n/credentialTest';

let graph: FakeGraph;

beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => graph.reset());
afterAll(async () => {
	await graph.close();
});

describe('runCredentialTest', () => {
	it("runs the credential's declarative test request with auth and defaults", async () => {
		graph.on('GET', '/v24.0/me', (req) =>
			req.headers.authorization === `Bearer ${TOKEN}`
				? { json: { id: '1' } }
				: graphError(190, 'Invalid OAuth access token', { status: 401 }),
		);
		const ok = await runCredentialTest({
			credentialType: new HarnessTestApi(),
			credentials: { accessToken: TOKEN, baseUrl: graph.url },
		});
		expect(ok).toEqual({ status: 'OK', message: 'Connection successful!' });

		const bad = await runCredentialTest({
			credentialType: new HarnessTestApi(),
			credentials: { accessToken: 'wrong', baseUrl: graph.url },
		});
		expect(bad).toEqual({ status: 'Error', message: 'Token rejected: paste a valid token' });

		graph.reset();
		graph.on('GET', '/v24.0/me', graphError(100, 'Unsupported get request', { status: 400 }));
		const unknownStatus = await runCredentialTest({
			credentialType: new HarnessTestApi(),
			credentials: { accessToken: 'wrong', baseUrl: graph.url },
		});
		// No rule for 400: n8n reports the HTTP status text.
		expect(unknownStatus).toEqual({ status: 'Error', message: 'Bad Request' });
	});

	it("runs a node's methods.credentialTest function", async () => {
		class WithTest extends HarnessTestNode {
			description = {
				...description,
				credentials: [{ name: 'harnessTestApi', required: true, testedBy: 'probe' }],
			};
			methods = {
				...new HarnessTestNode().methods,
				credentialTest: {
					async probe(
						this: ICredentialTestFunctions,
						credential: ICredentialsDecrypted,
					): Promise<INodeCredentialTestResult> {
						const data = credential.data as IDataObject;
						return data.apiVersion === 'v24.0' && data.accessToken === TOKEN
							? { status: 'OK', message: 'fine' }
							: { status: 'Error', message: 'bad' };
					},
				},
			};
		}
		const result = await runCredentialTest({
			credentialType: { ...new HarnessTestApi(), test: undefined } as unknown as ICredentialType,
			credentials: { accessToken: TOKEN, baseUrl: graph.url },
			nodeType: WithTest,
		});
		expect(result).toEqual({ status: 'OK', message: 'fine' });
	});
});
