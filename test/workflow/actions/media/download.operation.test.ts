/**
 * Media > Download in-process: GET /{media-id}, then the file URL with the Bearer header, the bytes
 * into binary data; a file URL on a foreign host refused without sending it the token; an expired
 * URL as an error item; and a media ID the sandbox seeded as an inbound message downloaded.
 */
import type { INodeParameters } from 'n8n-workflow';

import { SEED, startSandbox, type SandboxHandle } from '../../../../sandbox';
import { expectAuthorized, run, TOKEN } from '../../../support/actionNode';
import { graphError, startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';
import type { RunNodeOptions } from '../../../support/n8n/runNode';
import { runOnSandbox } from '../../../support/sandboxNode';

let graph: FakeGraph;
let foreign: FakeGraph;
beforeAll(async () => {
	graph = await startFakeGraph();
	foreign = await startFakeGraph();
});
beforeEach(() => {
	graph.reset();
	foreign.reset();
});
afterAll(async () => {
	await graph.close();
	await foreign.close();
});

describe('Media > Download', () => {
	const PDF = Buffer.from('%PDF-1.7\n\x00\x01\xfe\xff binary tail');

	it('Media > Download: GET /{media-id}, then the file URL with the Bearer header, bytes into binary data', async () => {
		graph.on('GET', '/v24.0/5566', () => ({
			json: {
				messaging_product: 'whatsapp',
				id: '5566',
				url: `${graph.url}/whatsapp_business/attachments/?mid=5566&ext=1&hash=h`,
				mime_type: 'application/pdf',
				sha256: 'abc',
				file_size: String(PDF.length),
			},
		}));
		graph.on('GET', '/whatsapp_business/attachments/', () => ({
			headers: { 'content-type': 'application/pdf' },
			body: PDF,
		}));
		const { items, error } = await run(
			graph,
			{
				resource: 'media',
				operation: 'download',
				mediaId: '={{ $json.mediaId }}',
				options: { fileName: '={{ $json.filename }}' },
			},
			{ inputItems: [{ mediaId: '5566', filename: 'contract.pdf' }] },
		);
		expect(error).toBeUndefined();
		expectAuthorized(graph.requests);
		expect(graph.requests.map((r) => r.path)).toEqual([
			'/v24.0/5566',
			'/whatsapp_business/attachments/',
		]);
		expect(items[0].json).toEqual({
			operation: 'download',
			mediaId: '5566',
			mimeType: 'application/pdf',
			sha256: 'abc',
			fileSize: PDF.length,
			fileName: 'contract.pdf',
			binaryPropertyName: 'data',
		});
		expect(items[0].binary?.data).toMatchObject({
			mimeType: 'application/pdf',
			fileName: 'contract.pdf',
		});
		expect(Buffer.from(items[0].binary!.data.data, 'base64').equals(PDF)).toBe(true);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('Media > Download refuses a file URL on a foreign host and never sends it the token', async () => {
		graph.on('GET', '/v24.0/5567', () => ({
			json: { id: '5567', url: `${foreign.url}/steal?mid=5567`, mime_type: 'image/jpeg' },
		}));
		const { items, error } = await run(
			graph,
			{ resource: 'media', operation: 'download', mediaId: '5567' },
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(foreign.requests).toHaveLength(0);
		expect(items[0].json).toMatchObject({
			operation: 'download',
			error: 'Meta returned a media URL on an unexpected host; not sending the access token there',
		});
		expect(JSON.stringify(items[0].json)).not.toContain(TOKEN);
	});

	it("Media > Download: an expired URL (Graph error on the file request) is an error item with Meta's code", async () => {
		graph.on('GET', '/v24.0/5568', () => ({
			json: {
				id: '5568',
				url: `${graph.url}/whatsapp_business/attachments/?mid=5568`,
				mime_type: 'image/jpeg',
			},
		}));
		graph.on(
			'GET',
			'/whatsapp_business/attachments/',
			graphError(100, 'Media URL expired', { status: 404 }),
		);
		const { items } = await run(
			graph,
			{ resource: 'media', operation: 'download', mediaId: '5568' },
			{ continueOnFail: true },
		);
		expect(items[0].json).toMatchObject({
			code: 100,
			httpStatus: 404,
			metaMessage: 'Media URL expired',
		});
		expect(items[0].binary).toBeUndefined();
		expect(JSON.stringify(items[0].json)).not.toContain(TOKEN);
	});
});

describe('Media > Download against the sandbox', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox({ quiet: true });
	});
	afterAll(async () => sb.close());

	const run = (parameters: INodeParameters, options: Partial<RunNodeOptions> = {}) =>
		runOnSandbox(sb, parameters, options);

	it('a seeded inbound media ID downloads (Trigger -> Media Download)', async () => {
		const { items, error } = await run({
			resource: 'media',
			operation: 'download',
			mediaId: SEED.media.document,
		});
		expect(error).toBeUndefined();
		expect(items[0].binary?.data?.mimeType).toBe('application/pdf');
		expect(Number(items[0].json.fileSize)).toBeGreaterThan(0);
	});
});
