import { createHash } from 'node:crypto';

import { SEED } from '../../sandbox';
import { parseMultipart } from '../../sandbox/graph/multipart';
import { type Api, startApi, startReceiver } from './helpers';

const USER = SEED.users[0].waId;

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

describe('sandbox media', () => {
	let api: Api;
	beforeAll(async () => {
		api = await startApi({ statuses: [] });
	});
	afterAll(async () => {
		await api.sb.close();
	});

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

	it('seeded media can be sent by ID; an unknown media ID is accepted and then fails with 131053', async () => {
		const rx = await startReceiver();
		try {
			api.sb.sandbox.configure({ statuses: ['sent'], enforceWindow: false });
			await api.sb.sandbox.setCallback(rx.url, { handshake: false });
			const good = await api.send({ to: USER, type: 'image', image: { id: SEED.media.image } });
			const bad = await api.send({
				to: USER,
				type: 'document',
				document: { id: '1234567890123456' },
			});
			expect([good.status, bad.status]).toEqual([200, 200]);
			await api.sb.sandbox.idle();
			expect(api.sb.sandbox.getMessage(good.json.messages[0].id)?.status).toBe('sent');
			const failed = api.sb.sandbox.getMessage(bad.json.messages[0].id);
			expect(failed?.status).toBe('failed');
			expect(failed?.statusErrors?.[0].code).toBe(131053);
		} finally {
			await api.sb.sandbox.setCallback(null);
			await rx.close();
		}
	});

	it('multipart parser unescapes quoted file names', () => {
		const body = Buffer.from(
			'--b\r\nContent-Disposition: form-data; name="file"; filename="say \\"hi\\".pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--b--\r\n',
		);
		const [part] = parseMultipart(body, 'multipart/form-data; boundary=b');
		expect(part).toMatchObject({
			name: 'file',
			filename: 'say "hi".pdf',
			contentType: 'application/pdf',
		});
		expect(part.data.toString()).toBe('%PDF');
	});

	it('multipart parser handles quoted boundaries and binary content', () => {
		const bin = Buffer.from([0, 1, 2, 13, 10, 45, 45, 255]);
		const body = Buffer.concat([
			Buffer.from(
				'----sbx 42\r\nContent-Disposition: form-data; name="messaging_product"\r\n\r\nwhatsapp\r\n----sbx 42\r\n',
			),
			Buffer.from(
				'Content-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: image/png\r\n\r\n',
			),
			bin,
			Buffer.from('\r\n----sbx 42--\r\n'),
		]);
		const parts = parseMultipart(body, 'multipart/form-data; boundary="--sbx 42"');
		expect(parts.map((p) => p.name)).toEqual(['messaging_product', 'file']);
		expect(parts[1]).toMatchObject({ filename: 'a.bin', contentType: 'image/png' });
		expect(parts[1].data).toEqual(bin);
	});
});
