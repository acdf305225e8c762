/**
 * Media > Get URL (and Delete, on the same media ID) in-process against a fake Graph: the output
 * items, with the Bearer header and no token in the URL.
 */
import { expectAuthorized, run } from '../../../support/actionNode';
import { startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';

let graph: FakeGraph;
beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => graph.reset());
afterAll(async () => graph.close());

describe('Media > Get URL', () => {
	it('Get URL and Delete', async () => {
		graph.on('GET', '/v24.0/8800', {
			json: {
				messaging_product: 'whatsapp',
				id: '8800',
				url: 'https://lookaside.fbsbx.com/x',
				mime_type: 'image/png',
				sha256: 'ff',
				file_size: '10',
			},
		});
		graph.on('DELETE', '/v24.0/8800', { json: { success: true } });
		const info = await run(graph, { resource: 'media', operation: 'getUrl', mediaId: '8800' });
		expect(info.items[0].json).toEqual({
			operation: 'getUrl',
			mediaId: '8800',
			url: 'https://lookaside.fbsbx.com/x',
			mimeType: 'image/png',
			sha256: 'ff',
			fileSize: 10,
		});
		const deleted = await run(graph, { resource: 'media', operation: 'delete', mediaId: '8800' });
		expect(deleted.items[0].json).toEqual({ operation: 'delete', mediaId: '8800', deleted: true });
		expectAuthorized(graph.requests);
	});
});
