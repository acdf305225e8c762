/**
 * Message > Send Media in-process: from a file (upload, then send by the new ID; a retried send does
 * not upload again; a missing file or a refused upload under Continue On Fail) against a fake Graph,
 * and every media type, by ID, by link and from binary data, accepted by the sandbox (which
 * validates message bodies the way Meta does).
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SEED, startSandbox, type SandboxHandle } from '../../../../sandbox';
import {
	accepted,
	expectAuthorized,
	MESSAGES_PATH,
	PHONE_ID,
	run,
	sends,
} from '../../../support/actionNode';
import { graphError, startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';
import type { RunNodeOptions } from '../../../support/n8n/runNode';
import { acceptedBySandbox } from '../../../support/sandboxNode';

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

describe('Send Media from a file', () => {
	const PDF = Buffer.from('%PDF-1.7\n\x00\x01\xfe\xff binary tail');

	it('Send Media from a file: upload then send; a retried send (130429) does not upload again', async () => {
		graph.on('POST', MEDIA_PATH, { json: { id: '9911' } });
		graph.once(
			'POST',
			MESSAGES_PATH,
			graphError(130429, 'Rate limit hit', { headers: { 'Retry-After': '0.05' } }),
		);
		graph.on('POST', MESSAGES_PATH, (req) => accepted(req));
		const { items, error } = await run(
			graph,
			{
				resource: 'message',
				operation: 'sendMedia',
				recipient: '+14155550101',
				mediaType: 'document',
				source: 'binary',
				caption: 'Your offer',
			},
			{ inputItems: [fileItem(PDF, 'application/pdf', 'offer.pdf')] },
		);
		expect(error).toBeUndefined();
		expectAuthorized(graph.requests);
		expect(graph.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`POST ${MEDIA_PATH}`,
			`POST ${MESSAGES_PATH}`,
			`POST ${MESSAGES_PATH}`,
		]);
		expect(sends(graph)[1].json.document).toEqual({
			id: '9911',
			caption: 'Your offer',
			filename: 'offer.pdf',
		});
		expect(items[0].json).toMatchObject({
			operation: 'sendMedia',
			mediaType: 'document',
			mediaId: '9911',
			messageId: expect.stringMatching(/^wamid\./),
		});
	});

	it('Send Media from a file under Continue On Fail: a missing file and a refused upload become error items', async () => {
		graph.on(
			'POST',
			MEDIA_PATH,
			graphError(131053, 'Media upload error', { details: 'Unsupported file' }),
		);
		const { items, error } = await run(
			graph,
			{
				resource: 'message',
				operation: 'sendMedia',
				recipient: '+14155550101',
				mediaType: 'image',
				source: 'binary',
				binaryPropertyName: '={{ $json.field }}',
			},
			{
				continueOnFail: true,
				inputItems: [
					{ json: { field: 'photo' } },
					fileItem(PDF.subarray(0, 4), 'image/png', 'p.png', { field: 'data' }),
				],
			},
		);
		expect(error).toBeUndefined();
		expect(sends(graph)).toHaveLength(0);
		expect(items[0].json).toMatchObject({
			error: 'This item has no binary data in "photo"',
			field: 'binaryPropertyName',
		});
		expect(items[1].json).toMatchObject({ code: 131053, details: 'Unsupported file' });
		expect(String(items[1].json.fix)).toContain('WhatsApp could not get or use the file');
	});
});

describe('Send Media against the sandbox', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox({ quiet: true });
	});
	afterAll(async () => sb.close());
	const accepted = (parameters: INodeParameters, options: Partial<RunNodeOptions> = {}) =>
		acceptedBySandbox(sb, parameters, options);

	const JPEG = Buffer.concat([
		Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
		Buffer.alloc(2048, 7),
		Buffer.from([0xff, 0xd9]),
	]);
	const fileItem = (data: Buffer, mimeType: string, fileName: string): INodeExecutionData => ({
		json: { name: fileName },
		binary: { data: { data: data.toString('base64'), mimeType, fileName } },
	});

	it.each([
		['image', { source: 'link', link: 'https://example.com/bike.jpg', caption: 'Your bike' }],
		['video', { source: 'id', mediaId: SEED.media.video, caption: 'How to oil a chain' }],
		['audio', { source: 'id', mediaId: SEED.media.audio }],
		[
			'document',
			{
				source: 'link',
				link: 'https://example.com/invoice.pdf',
				caption: 'Invoice',
				fileName: 'invoice-2041.pdf',
			},
		],
		['sticker', { source: 'id', mediaId: SEED.media.sticker }],
	])('%s is accepted', async (mediaType, fields) => {
		const { payload, items } = await accepted({
			operation: 'sendMedia',
			mediaType,
			...fields,
			options: { replyToMessageId: 'wamid.earlier' },
		});
		expect(payload.type).toBe(mediaType);
		expect(payload.context).toEqual({ message_id: 'wamid.earlier' });
		expect(items[0].json).toMatchObject({ operation: 'sendMedia', mediaType });
	});

	it('from binary data: uploaded to /media, then sent by the new media ID, which the output names', async () => {
		const before = sb.sandbox.counters.media.uploaded;
		const { payload, items } = await accepted(
			{
				operation: 'sendMedia',
				mediaType: 'document',
				source: 'binary',
				binaryPropertyName: 'data',
				caption: 'Quote',
			},
			{
				inputItems: [
					fileItem(Buffer.from('%PDF-1.4\n%quote\n'), 'application/pdf', 'quote-77.pdf'),
				],
			},
		);
		expect(sb.sandbox.counters.media.uploaded).toBe(before + 1);
		expect(payload.document).toEqual({
			id: items[0].json.mediaId,
			caption: 'Quote',
			filename: 'quote-77.pdf',
		});
		expect(sb.sandbox.media.get(String(items[0].json.mediaId))?.bytes.toString()).toBe(
			'%PDF-1.4\n%quote\n',
		);
	});

	it('from binary data as an image', async () => {
		const { payload } = await accepted(
			{ operation: 'sendMedia', mediaType: 'image', source: 'binary' },
			{ inputItems: [fileItem(JPEG, 'image/jpeg', 'wheel.jpg')] },
		);
		expect(Object.keys(payload.image)).toEqual(['id']);
	});
});
