/**
 * Media resource and Send Media against the project's Cloud API sandbox: a real multipart upload
 * through n8n-core's HTTP client, Get URL, Download with the Bearer token into n8n binary data
 * (byte-exact round trip), Delete, and Send Media from a file (upload then send).
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { SEED, startSandbox, type SandboxHandle } from '../../sandbox';
import { runNode, type RunNodeOptions } from '../support/n8n/runNode';

let sb: SandboxHandle;
beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
});
afterAll(async () => sb.close());

const run = (parameters: INodeParameters, options: Partial<RunNodeOptions> = {}) =>
	runNode({
		nodeType: WhatsAppCloud,
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: { whatsAppCloudApi: { ...sb.credentials } },
		parameters,
		...options,
	});

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

describe('Media against the sandbox', () => {
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
