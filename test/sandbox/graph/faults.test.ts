import { Agent, request } from 'undici';

import { SEED } from '../../../sandbox';
import { startApi, useSandbox } from '../../support/sandbox/api';
import { template } from '../../support/sandbox/messages';
import { startReceiver } from '../../support/sandbox/receiver';

const USER = SEED.users[0].waId;

describe('fault knobs', () => {
	const api = useSandbox({ statuses: [] });

	it('errorRate 1: every send answers 500 / 131000 and nothing is sent', async () => {
		api.sb.sandbox.configure({ errorRate: 1 });
		const r = await api.send(template(USER));
		expect(r.status).toBe(500);
		expect(r.json.error).toMatchObject({ code: 131000, is_transient: true });
		expect(api.sb.sandbox.counters.messages.accepted).toBe(0);
		expect((await api.control('GET', '/messages')).json.data).toHaveLength(0);
		api.sb.sandbox.configure({ errorStatus: 503 });
		const r503 = await api.send(template(USER));
		expect(r503.status).toBe(503);
		expect(r503.json.error.code).toBe(2);
		// other endpoints are untouched with faultScope 'messages'
		expect((await api.get(`/${SEED.phoneNumberId}`)).status).toBe(200);
	});

	it('fiveXxAfterAccept: the client sees 500 but the message was sent (statuses follow)', async () => {
		const rx = await startReceiver();
		try {
			api.sb.sandbox.configure({ errorRate: 1, fiveXxAfterAccept: true, statuses: ['sent'] });
			await api.sb.sandbox.setCallback(rx.url, { handshake: false });
			const r = await api.send(template(USER));
			expect(r.status).toBe(500);
			const listed = (await api.control('GET', `/messages?to=${USER}`)).json.data;
			expect(listed).toHaveLength(1);
			expect(listed[0]).toMatchObject({ outcome: 'accepted', notes: ['5xx-after-accept'] });
			await api.sb.sandbox.idle();
			expect(rx.posts()).toHaveLength(1);
			expect(api.sb.sandbox.counters.faults).toMatchObject({ http5xx: 1, fiveXxAfterAccept: 1 });
		} finally {
			await api.sb.sandbox.setCallback(null);
			await rx.close();
		}
	});

	it('resetRate 1: the connection is reset before any answer and nothing is recorded', async () => {
		api.sb.sandbox.configure({ resetRate: 1 });
		await expect(api.send(template(USER))).rejects.toThrow();
		expect(api.sb.sandbox.counters.faults.reset).toBe(1);
		expect(api.sb.sandbox.counters.messages.accepted).toBe(0);
		expect((await api.control('GET', '/messages')).json.data).toHaveLength(0);
	});

	it('resets hit keep-alive clients too (undici sees ECONNRESET or "other side closed")', async () => {
		api.sb.sandbox.configure({ resetRate: 1 });
		const agent = new Agent({ connections: 1 });
		try {
			await expect(
				request(`${api.sb.graphUrl}/${SEED.phoneNumberId}/messages`, {
					method: 'POST',
					dispatcher: agent,
					headers: {
						authorization: `Bearer ${SEED.accessToken}`,
						'content-type': 'application/json',
					},
					body: JSON.stringify({ messaging_product: 'whatsapp', ...template(USER) }),
				}),
			).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/) });
		} finally {
			await agent.close();
		}
	});

	it('rate429 1: plain HTTP 429 with Retry-After (Graph app limit, code 4)', async () => {
		api.sb.sandbox.configure({ rate429: 1, retryAfterSeconds: 3 });
		const r = await api.send(template(USER));
		expect(r.status).toBe(429);
		expect(r.headers.get('retry-after')).toBe('3');
		expect(r.json.error).toMatchObject({ code: 4, error_subcode: 2446079, is_transient: true });
	});

	it('faultScope "all" extends the random faults to every Graph request', async () => {
		api.sb.sandbox.configure({ rate429: 1, faultScope: 'all' });
		expect((await api.get(`/${SEED.phoneNumberId}`)).status).toBe(429);
	});

	it('a random seed makes the fault pattern reproducible', async () => {
		const pattern = async () => {
			const sb = await startApi({ errorRate: 0.5, randomSeed: 42, statuses: [] });
			try {
				const out: number[] = [];
				for (let i = 0; i < 20; i++)
					out.push((await sb.send(template(`1555050${String(i).padStart(4, '0')}`))).status);
				return out;
			} finally {
				await sb.sb.close();
			}
		};
		const a = await pattern();
		expect(a).toEqual(await pattern());
		expect(new Set(a)).toEqual(new Set([200, 500]));
	});
});

describe('scripted faults (control API)', () => {
	const api = useSandbox({ statuses: [] });

	it('apply in order to the next matching sends, then normal service resumes', async () => {
		const q = await api.control('POST', '/faults', {
			faults: [
				{ type: 'error', code: 130429 },
				{ type: '5xx', status: 502 },
				{ type: '429', retryAfterSeconds: 2 },
				{ type: 'error', code: 131056, match: { to: '447700900123' } },
			],
		});
		expect(q.json.queued).toBe(4);
		expect((await api.send(template(USER))).json.error.code).toBe(130429);
		expect((await api.send(template(USER))).status).toBe(502);
		const r429 = await api.send(template(USER));
		expect([r429.status, r429.headers.get('retry-after')]).toEqual([429, '2']);
		expect((await api.send(template(USER))).status).toBe(200);
		expect((await api.send(template('+44 7700 900123'))).json.error.code).toBe(131056);
		expect((await api.control('GET', '/faults')).json.data).toEqual([]);
	});

	it('count, reset, latency and afterAccept', async () => {
		await api.control('POST', '/faults', { type: 'reset', count: 2 });
		await expect(api.send(template(USER))).rejects.toThrow();
		await expect(api.send(template(USER))).rejects.toThrow();
		expect((await api.send(template(USER))).status).toBe(200);
		await api.control('POST', '/faults', { type: 'latency', latencyMs: 100 });
		const t0 = Date.now();
		expect((await api.send(template(USER))).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(95);
		await api.control('POST', '/faults', { type: '5xx', afterAccept: true });
		expect((await api.send(template(USER))).status).toBe(500);
		expect(api.sb.sandbox.counters.messages.accepted).toBe(3);
	});

	it('async-error: accepted, then a failed status with the chosen code', async () => {
		api.sb.sandbox.configure({ statuses: ['sent', 'delivered', 'read'] });
		await api.control('POST', '/faults', {
			type: 'async-error',
			code: 131026,
			title: 'Message Undeliverable',
		});
		const r = await api.send(template(USER));
		expect(r.status).toBe(200);
		await api.sb.sandbox.idle();
		const rec = api.sb.sandbox.getMessage(r.json.messages[0].id);
		expect(rec?.status).toBe('failed');
		expect(rec?.statusErrors?.[0]).toMatchObject({
			code: 131026,
			title: 'Message Undeliverable',
		});
	});

	it('unknown fault types are refused; DELETE clears the queue', async () => {
		expect((await api.control('POST', '/faults', { type: 'meteor' })).status).toBe(400);
		await api.control('POST', '/faults', { type: 'reset', count: 5 });
		await api.control('DELETE', '/faults');
		expect((await api.send(template(USER))).status).toBe(200);
	});
});
