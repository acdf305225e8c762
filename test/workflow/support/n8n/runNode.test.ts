/**
 * runNode against n8n-core's real engine, with a test-only node type: Bearer auth, expressions per
 * item, credential defaults, Continue On Fail and errors as n8n records them, so the node engineers
 * can trust what the harness reports about theirs.
 */
import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { graphError, startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';
import { HarnessTestApi, HarnessTestNode, TOKEN } from '../../../support/harnessNodes';
import { runNode } from '../../../support/n8n/runNode';

let graph: FakeGraph;
const credentialTypes = [new HarnessTestApi()];
const credentials = () => ({ harnessTestApi: { accessToken: TOKEN, baseUrl: graph.url } });

beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => graph.reset());
afterAll(async () => {
	await graph.close();
});

describe('runNode', () => {
	it('sends Bearer auth in a header (never in the URL) and resolves expressions per item', async () => {
		graph.on('POST', '/v24.0/messages', (req) => ({
			json: { id: `msg-${(req.json as IDataObject).to as string}` },
		}));

		const result = await runNode({
			nodeType: HarnessTestNode,
			credentialTypes,
			credentials: credentials(),
			parameters: { recipient: '={{ $json.phone }}', text: '=Hi {{ $json.name }}' },
			inputItems: [
				{ phone: '111', name: 'Ana' },
				{ phone: '222', name: 'Bo' },
			],
		});

		expect(result.error).toBeUndefined();
		expect(result.executionStatus).toBe('success');
		expect(graph.requests.map((r) => r.json)).toEqual([
			{ to: '111', text: 'Hi Ana' },
			{ to: '222', text: 'Hi Bo' },
		]);
		for (const req of graph.requests) {
			expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
			expect(req.url).not.toContain(TOKEN);
			expect(req.headers['content-type']).toMatch(/application\/json/);
		}
		expect(result.items.map((i) => i.json)).toEqual([
			{ sent: true, recipient: '111', response: { id: 'msg-111' } },
			{ sent: true, recipient: '222', response: { id: 'msg-222' } },
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('applies credential defaults (apiVersion) like n8n does', async () => {
		graph.on('POST', '/v24.0/messages', { json: { ok: true } });
		const { items } = await runNode({
			nodeType: new HarnessTestNode(),
			credentialTypes,
			credentials: { harnessTestApi: { accessToken: TOKEN, baseUrl: graph.url } },
			parameters: { recipient: 'x' },
		});
		expect(items).toHaveLength(1);
		expect(graph.requests[0].path).toBe('/v24.0/messages');
	});

	it('with continueOnFail, failed items become error items and the others still go out', async () => {
		graph.on('POST', '/v24.0/messages', (req) =>
			(req.json as IDataObject).to === 'bad'
				? graphError(131030, 'Recipient phone number not in allowed list', {
						details: 'Add it to the list',
					})
				: { json: { id: 'ok' } },
		);

		const { items, error, executionStatus } = await runNode({
			nodeType: HarnessTestNode,
			credentialTypes,
			credentials: credentials(),
			parameters: { recipient: '={{ $json.to }}' },
			inputItems: [{ to: 'a' }, { to: 'bad' }, { to: 'c' }],
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(executionStatus).toBe('success');
		expect(items).toHaveLength(3);
		expect(items.map((i) => i.json.sent)).toEqual([true, false, true]);
		expect(items[1].json.error).toEqual(expect.any(String));
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(graph.requests).toHaveLength(3);
	});

	it('without continueOnFail, a NodeApiError fails the run with that error', async () => {
		graph.on(
			'POST',
			'/v24.0/messages',
			graphError(131030, 'Recipient phone number not in allowed list'),
		);

		const { error, nodeError, thrownError, executionStatus, items } = await runNode({
			nodeType: HarnessTestNode,
			credentialTypes,
			credentials: credentials(),
			parameters: { recipient: 'x' },
			inputItems: [{}, {}],
		});

		expect(executionStatus).toBe('error');
		expect(items).toEqual([]);
		// n8n records a plain-object copy; the harness keeps the thrown instance.
		expect(thrownError).toBeInstanceOf(NodeApiError);
		expect(error).not.toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message: thrownError!.message,
			httpCode: '400',
			description: 'Recipient phone number not in allowed list',
		});
		expect(nodeError).toMatchObject({ name: 'NodeApiError', message: thrownError!.message });
		const apiError = thrownError as NodeApiError;
		// httpRequestWithAuthentication already wrapped the HTTP failure: generic message,
		// Graph's message in the description, Graph's body in context.data.
		expect(apiError.message).toBe('Bad request - please check your parameters');
		expect(apiError.context.data).toEqual({ error: expect.objectContaining({ code: 131030 }) });
		expect(JSON.stringify(error)).not.toContain(TOKEN);
		// Pitfall: the thrown error's cause is n8n's AxiosError, whose config carries the
		// Authorization header: never copy `cause` into output items, messages or logs.
		const cause = (
			thrownError as Error & { cause?: { config?: { headers?: Record<string, string> } } }
		).cause;
		expect(cause?.config?.headers?.Authorization).toBe(`Bearer ${TOKEN}`);
		expect(graph.requests).toHaveLength(1);
	});

	it('a node that THROWS under continueOnFail: n8n passes the input items through and the run still ends in error', async () => {
		graph.on('POST', '/v24.0/messages', graphError(100, 'Invalid parameter'));

		const { items, error, nodeError, executionStatus } = await runNode({
			nodeType: HarnessTestNode,
			credentialTypes,
			credentials: credentials(),
			parameters: { recipient: 'x', mode: 'throwRaw' },
			inputItems: [{ n: 1 }, { n: 2 }],
			continueOnFail: true,
		});

		// Not one error item per input: the node must build per-item error items itself.
		expect(items.map((i) => i.json)).toEqual([{ n: 1 }, { n: 2 }]);
		expect(nodeError).toMatchObject({ name: 'NodeApiError', description: 'Invalid parameter' });
		// Quirk of n8n-core: when the failing node is the last one, the run's status is 'error'.
		expect(executionStatus).toBe('error');
		expect(error).toMatchObject({ name: 'NodeApiError' });
	});

	it('a missing credential fails the run with a clear error', async () => {
		const { error, executionStatus } = await runNode({
			nodeType: HarnessTestNode,
			credentialTypes,
			parameters: { recipient: 'x' },
		});
		expect(executionStatus).toBe('error');
		expect(error?.message).toMatch(/credential/i);
	});
});
