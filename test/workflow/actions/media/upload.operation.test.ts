/**
 * Media > Upload in-process: the multipart body that reaches a fake Graph (messaging_product, type,
 * file bytes); and against the sandbox, a real multipart upload through n8n-core's HTTP client, then
 * Get URL, Download into n8n binary data (a byte-exact round trip) and Delete.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../../../sandbox';
import { parseMultipart } from '../../../../sandbox/graph/multipart';
import { expectAuthorized, PHONE_ID, run } from '../../../support/actionNode';
import { startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';
import type { RunNodeOptions } from '../../../support/n8n/runNode';
import { runOnSandbox } from '../../../support/sandboxNode';

let graph: FakeGraph;
beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => graph.reset());
afterAll(async () => graph.close());

const MEDIA_PATH = `/v24.0/${PHONE_ID}/media`;

const fileItem = (
	data: Buffer,
	mimeType: string,
	fileName: string,
	json: IDataObject = {},
): INodeExecutionData => ({
	json,
	binary: { data: { data: data.toString('base64'), mimeType, fileName } },
});

describe('Media > Upload', () => {
	const PDF = Buffer.from('%PDF-1.7\n\x00\x01\xfe\xff binary tail');

	it('Media > Upload posts multipart (messaging_product, type, file bytes) and outputs the media ID', async () => {
		graph.on('POST', MEDIA_PATH, { json: { id: '7700112233' } });
		const { items, error } = await run(
			graph,
			{ resource: 'media', operation: 'upload', options: { fileName: 'offer-7.pdf' } },
			{ inputItems: [fileItem(PDF, 'application/pdf', 'x.pdf')] },
		);
		expect(error).toBeUndefined();
		expectAuthorized(graph.requests);
		const [req] = graph.find('POST', MEDIA_PATH);
		expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const parts = parseMultipart(req.rawBody, String(req.headers['content-type']));
		expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
			['messaging_product', undefined, undefined],
			['type', undefined, undefined],
			['file', 'offer-7.pdf', 'application/pdf'],
		]);
		expect(parts[0].data.toString()).toBe('whatsapp');
		expect(parts[1].data.toString()).toBe('application/pdf');
		expect(parts[2].data.equals(PDF)).toBe(true);
		expect(items[0]).toEqual({
			json: {
				operation: 'upload',
				mediaId: '7700112233',
				mimeType: 'application/pdf',
				fileName: 'offer-7.pdf',
				fileSize: PDF.length,
			},
			pairedItem: { item: 0 },
		});
	});
});

describe('Media > Upload against the sandbox', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox({ quiet: true });
	});
	afterAll(async () => sb.close());

	const run = (parameters: INodeParameters, options: Partial<RunNodeOptions> = {}) =>
		runOnSandbox(sb, parameters, options);

	/** A small PNG-like payload: arbitrary bytes, including every byte value, so the round trip proves binary safety. */
	const FILE = Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
	]);

	function fileItem(
		data: Buffer,
		mimeType: string,
		fileName: string,
		property = 'data',
	): INodeExecutionData {
		return {
			json: { note: fileName },
			binary: { [property]: { data: data.toString('base64'), mimeType, fileName } },
		};
	}

	it('Upload -> Get URL -> Download gives back the same bytes, MIME type and a file name; Delete removes it', async () => {
		const uploaded = await run(
			{ resource: 'media', operation: 'upload' },
			{ inputItems: [fileItem(FILE, 'image/png', 'bike.png')] },
		);
		expect(uploaded.error).toBeUndefined();
		expect(uploaded.items[0].json).toEqual({
			operation: 'upload',
			mediaId: expect.stringMatching(/^\d+$/),
			mimeType: 'image/png',
			fileName: 'bike.png',
			fileSize: FILE.length,
		});
		const mediaId = String(uploaded.items[0].json.mediaId);

		const info = await run({ resource: 'media', operation: 'getUrl', mediaId });
		expect(info.error).toBeUndefined();
		expect(info.items[0].json).toMatchObject({
			operation: 'getUrl',
			mediaId,
			mimeType: 'image/png',
			fileSize: FILE.length,
		});
		expect(String(info.items[0].json.url)).toContain(sb.url);

		const downloaded = await run(
			{
				resource: 'media',
				operation: 'download',
				mediaId: '={{ $json.mediaId }}',
				binaryPropertyName: 'photo',
			},
			{ inputItems: [{ mediaId }] },
		);
		expect(downloaded.error).toBeUndefined();
		const item = downloaded.items[0];
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			operation: 'download',
			mediaId,
			mimeType: 'image/png',
			fileName: 'bike.png',
			fileSize: FILE.length,
			binaryPropertyName: 'photo',
		});
		expect(item.binary?.photo?.mimeType).toBe('image/png');
		expect(Buffer.from(item.binary?.photo?.data ?? '', 'base64').equals(FILE)).toBe(true);

		const deleted = await run({ resource: 'media', operation: 'delete', mediaId });
		expect(deleted.items[0].json).toEqual({ operation: 'delete', mediaId, deleted: true });
		const again = await run(
			{ resource: 'media', operation: 'getUrl', mediaId },
			{ continueOnFail: true },
		);
		expect(again.items[0].json).toMatchObject({ operation: 'getUrl', code: 100 });
	});
});
