/**
 * The harness's load options, list search and resource mapping on a real LoadOptionsContext, with
 * a test-only node type: real credentials and HTTP, and the node's current parameters.
 */
import { startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';
import { HarnessTestApi, HarnessTestNode, TOKEN } from '../../../support/harnessNodes';
import {
	runListSearch,
	runLoadOptions,
	runResourceMapping,
} from '../../../support/n8n/loadOptions';

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

describe('load options and list search', () => {
	it('runs a listSearch method with real credentials, HTTP and current parameters', async () => {
		graph.on('GET', '/v24.0/things', (req) => ({
			json: { data: [{ id: 't1', name: `thing ${String(req.query.name)}` }] },
		}));
		const result = await runListSearch({
			nodeType: HarnessTestNode,
			credentialTypes,
			credentials: credentials(),
			parameters: { text: 'current' },
			method: 'searchThings',
			filter: 'abc',
		});
		expect(result.results).toEqual([{ name: 'thing abc (current)', value: 't1' }]);
		expect(graph.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
	});

	it('runs a loadOptions method with getNodeParameter', async () => {
		const options = await runLoadOptions({
			nodeType: HarnessTestNode,
			credentialTypes,
			credentials: credentials(),
			parameters: { recipient: 'r1' },
			method: 'getModes',
		});
		expect(options).toEqual([{ name: 'mode of r1', value: 'x' }]);
	});

	it('runs a resourceMapping method with getCurrentNodeParameter', async () => {
		const { fields } = await runResourceMapping({
			nodeType: HarnessTestNode,
			credentialTypes,
			credentials: credentials(),
			parameters: { text: 'first_name,order_id' },
			method: 'getFields',
		});
		expect(fields.map((f) => f.id)).toEqual(['first_name', 'order_id']);
	});
});
