import { createHash } from 'node:crypto';

import { SEED } from '../../../sandbox';
import { type Api, startApi, useSandbox } from '../../support/sandbox/api';

async function upload(
	api: Api,
	bytes: Buffer,
	mime: string,
	opts: { product?: string | null; type?: string | null; token?: string } = {},
) {
	const form = new FormData();
	if (opts.product !== null) form.set('messaging_product', opts.product ?? 'whatsapp');
	if (opts.type !== null) form.set('type', opts.type ?? mime);
	form.set('file', new Blob([bytes], { type: mime }), 'upload.bin');
	const res = await fetch(`${api.sb.graphUrl}/${SEED.phoneNumberId}/media`, {
		method: 'POST',
		headers: { authorization: `Bearer ${opts.token ?? SEED.accessToken}` },
		body: form,
	});
	return { status: res.status, json: (await res.json()) as any };
}

describe('media endpoints', () => {
	const api = useSandbox({ statuses: [] }, null);

	it('upload -> GET /{media-id} -> download with the Bearer token -> DELETE', async () => {
		const bytes = Buffer.from('%PDF-1.4 sandbox quote\n%%EOF\n');
		const up = await upload(api, bytes, 'application/pdf');
		expect(up.status).toBe(200);
		expect(up.json).toEqual({ id: expect.stringMatching(/^\d{16}$/) });
		const info = await api.get(`/${up.json.id}`);
		expect(info.json).toEqual({
			messaging_product: 'whatsapp',
			url: expect.stringContaining(
				`${api.sb.url}/whatsapp_business/attachments/?mid=${up.json.id}`,
			),
			mime_type: 'application/pdf',
			sha256: createHash('sha256').update(bytes).digest('hex'),
			file_size: String(bytes.length),
			id: up.json.id,
		});
		const noToken = await fetch(info.json.url);
		expect(noToken.status).toBe(401);
		const dl = await fetch(info.json.url, {
			headers: { authorization: `Bearer ${SEED.accessToken}` },
		});
		expect(dl.status).toBe(200);
		expect(dl.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await dl.arrayBuffer())).toEqual(bytes);
		const tampered = await fetch(info.json.url.replace(/hash=[^&]+/, 'hash=abc'), {
			headers: { authorization: `Bearer ${SEED.accessToken}` },
		});
		expect(tampered.status).toBe(404);
		expect((await api.get(`/${up.json.id}?phone_number_id=999`)).json.error.code).toBe(100);
		expect((await api.del(`/${up.json.id}`)).json).toEqual({ success: true });
		expect((await api.get(`/${up.json.id}`)).json.error).toMatchObject({
			code: 100,
			error_subcode: 33,
		});
	});

	it('refuses unsupported types, oversize files and missing fields', async () => {
		expect((await upload(api, Buffer.from('x'), 'application/x-msdownload')).json.error.code).toBe(
			100,
		);
		expect(
			(await upload(api, Buffer.alloc(600 * 1024), 'image/webp')).json.error.error_data.details,
		).toContain('limit');
		expect(
			(await upload(api, Buffer.from('x'), 'image/png', { product: null })).json.error.message,
		).toContain('messaging_product');
		expect((await upload(api, Buffer.from('x'), 'image/png', { token: 'bad' })).status).toBe(401);
		const json = await api.post(`/${SEED.phoneNumberId}/media`, { messaging_product: 'whatsapp' });
		expect(json.json.error.error_data.details).toContain('multipart/form-data');
	});

	it('download URLs expire', async () => {
		const sb = await startApi({ mediaUrlTtlMs: -1000 });
		try {
			const info = await sb.get(`/${SEED.media.image}`);
			const dl = await fetch(info.json.url, {
				headers: { authorization: `Bearer ${SEED.accessToken}` },
			});
			expect(dl.status).toBe(404);
			expect(((await dl.json()) as any).error.message).toContain('expired');
		} finally {
			await sb.sb.close();
		}
	});
});
