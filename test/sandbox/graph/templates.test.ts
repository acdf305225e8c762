import { SEED, TEMPLATE } from '../../../sandbox';
import { useSandbox } from '../../support/sandbox/api';

describe('template endpoints', () => {
	const api = useSandbox({ statuses: [], pairRateSeconds: 0, tier: 1000 }, { keepKnobs: true });

	it('pages at the default limit 25 and follows absolute paging.next URLs to the end', async () => {
		const seen: string[] = [];
		let url: string | undefined = `/${SEED.wabaId}/message_templates`;
		let pages = 0;
		while (url) {
			const r = await api.get(url);
			expect(r.status).toBe(200);
			pages++;
			if (pages === 1) expect(r.json.data).toHaveLength(25);
			for (const t of r.json.data) seen.push(`${t.name}/${t.language}`);
			url = r.json.paging?.next;
			if (url)
				expect(url).toMatch(
					new RegExp(`^${api.sb.url}/v24\\.0/${SEED.wabaId}/message_templates\\?`),
				);
		}
		expect(pages).toBe(2);
		expect(seen).toHaveLength(40);
		expect(new Set(seen).size).toBe(40);
	});

	it('limit, after and before cursors, previous link, fields and summary', async () => {
		const p1 = await api.get(`/${SEED.wabaId}/message_templates?limit=5&fields=name,status`);
		expect(p1.json.data).toHaveLength(5);
		expect(Object.keys(p1.json.data[0]).sort()).toEqual(['id', 'name', 'status']);
		expect(p1.json.paging.previous).toBeUndefined();
		const p2 = await api.get(
			`/${SEED.wabaId}/message_templates?limit=5&fields=name,status&after=${encodeURIComponent(p1.json.paging.cursors.after)}`,
		);
		expect(p2.json.data[0].id).not.toBe(p1.json.data[0].id);
		expect(p2.json.paging.previous).toBeDefined();
		const back = await api.get(p2.json.paging.previous);
		expect(back.json.data.map((t: { id: string }) => t.id)).toEqual(
			p1.json.data.map((t: { id: string }) => t.id),
		);
		const summary = await api.get(`/${SEED.wabaId}/message_templates?limit=1&summary=total_count`);
		expect(summary.json.summary).toEqual({ total_count: 40 });
		expect((await api.get(`/${SEED.wabaId}/message_templates?after=garbage`)).json.error.code).toBe(
			100,
		);
		expect((await api.get(`/${SEED.wabaId}/message_templates?limit=0`)).json.error.code).toBe(100);
	});

	it('GET /{template-id} with and without fields', async () => {
		const t = api.sb.sandbox.templates.find(TEMPLATE.copyCode, 'en_US');
		const r = await api.get(`/${t?.id}`);
		expect(r.json).toMatchObject({
			id: t?.id,
			name: TEMPLATE.copyCode,
			status: 'APPROVED',
			category: 'MARKETING',
		});
		expect((await api.get(`/${t?.id}?fields=name`)).json).toEqual({
			name: TEMPLATE.copyCode,
			id: t?.id,
		});
	});
});
