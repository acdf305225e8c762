import { Agent, request } from 'undici';

import { SEED, TEMPLATE } from '../../sandbox';
import { type Api, sleep, startApi, startReceiver, text } from './helpers';

const USER = SEED.users[0].waId;
const template = (to: string) => ({
	to,
	type: 'template',
	template: { name: TEMPLATE.noVariables, language: { code: 'en_US' } },
});

describe('sandbox limits and fault knobs', () => {
	let api: Api;
	beforeAll(async () => {
		api = await startApi({ statuses: [] });
	});
	afterAll(async () => {
		await api.sb.close();
	});
	beforeEach(() => {
		api.sb.sandbox.reset();
		api.sb.sandbox.configure({ statuses: [] });
	});

	describe('throughput tier (130429)', () => {
		it('200 simultaneous sends at tier 80: the bucket (80) plus the refill pass, the rest 130429 with HTTP 400', async () => {
			const t0 = performance.now();
			const results = await Promise.all(
				Array.from({ length: 200 }, (_, i) =>
					api.send(template(`1555020${String(i).padStart(4, '0')}`)),
				),
			);
			const elapsedS = (performance.now() - t0) / 1000;
			const ok = results.filter((r) => r.status === 200).length;
			const limited = results.filter((r) => r.json.error?.code === 130429);
			expect(ok).toBeGreaterThanOrEqual(80);
			// never more than one second's burst plus what the tier refilled while they arrived
			expect(ok).toBeLessThanOrEqual(80 + Math.ceil(80 * elapsedS) + 1);
			expect(limited.length).toBeGreaterThan(0);
			expect(ok + limited.length).toBe(200);
			expect(limited[0].status).toBe(400);
			expect(limited[0].json.error).toMatchObject({
				message: '(#130429) Rate limit hit',
				type: 'OAuthException',
				error_data: { details: 'Cloud API message throughput has been reached.' },
			});
			expect(api.sb.sandbox.counters.messages.byCode['130429']).toBe(limited.length);
		});

		it('requests spaced under the tier are never refused', async () => {
			api.sb.sandbox.configure({ tier: 100 });
			let refused = 0;
			const start = Date.now();
			const pending: Array<Promise<unknown>> = [];
			for (let i = 0; i < 120; i++) {
				// 80 per second against a tier of 100
				const due = start + i * 12.5;
				const wait = due - Date.now();
				if (wait > 0) await sleep(wait);
				pending.push(
					api
						.send(template(`1555030${String(i).padStart(4, '0')}`))
						.then((r) => r.status !== 200 && refused++),
				);
			}
			await Promise.all(pending);
			expect(refused).toBe(0);
		});

		it('the tier can be raised at runtime (1,000 msg/s)', async () => {
			api.sb.sandbox.configure({ tier: 1000 });
			expect(api.sb.sandbox.knobs.tierBurst).toBe(1000);
			const results = await Promise.all(
				Array.from({ length: 300 }, (_, i) =>
					api.send(template(`1555040${String(i).padStart(4, '0')}`)),
				),
			);
			expect(results.every((r) => r.status === 200)).toBe(true);
			expect(
				(await api.get(`/${SEED.phoneNumberId}?fields=throughput`)).json.throughput.level,
			).toBe('HIGH');
		});

		it('mark-as-read does not count against the tier', async () => {
			api.sb.sandbox.configure({ tier: 1, tierBurst: 1 });
			for (let i = 0; i < 5; i++) {
				const r = await api.post(`/${SEED.phoneNumberId}/messages`, {
					messaging_product: 'whatsapp',
					status: 'read',
					message_id: 'wamid.X',
				});
				expect(r.status).toBe(200);
			}
			expect((await api.send(template(USER))).status).toBe(200);
			expect((await api.send(template('15550109002'))).json.error.code).toBe(130429);
		});
	});

	describe('pair rate (131056)', () => {
		it('bursts are allowed up to pairBurst, then 131056 for that recipient only', async () => {
			api.sb.sandbox.configure({ pairRateSeconds: 6, pairBurst: 3 });
			const codes: Array<number | undefined> = [];
			for (let i = 0; i < 4; i++) codes.push((await api.send(template(USER))).json.error?.code);
			expect(codes).toEqual([undefined, undefined, undefined, 131056]);
			const r = await api.send(template('447700900123'));
			expect(r.status).toBe(200);
			const err = (await api.send(template(USER))).json.error;
			expect(err).toMatchObject({
				code: 131056,
				message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
			});
		});

		it('the default (1 per 6 s, burst 45) never trips a reply flow; 0 turns it off', async () => {
			for (let i = 0; i < 10; i++) expect((await api.send(template(USER))).status).toBe(200);
			api.sb.sandbox.configure({ pairRateSeconds: 0 });
			for (let i = 0; i < 60; i++) expect((await api.send(template(USER))).status).toBe(200);
		});

		it('tokens come back at the configured pace', async () => {
			api.sb.sandbox.configure({ pairRateSeconds: 0.2, pairBurst: 1 });
			expect((await api.send(template(USER))).status).toBe(200);
			expect((await api.send(template(USER))).json.error.code).toBe(131056);
			await sleep(230);
			expect((await api.send(template(USER))).status).toBe(200);
		});
	});

	describe('fault knobs', () => {
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

		it('latency is added to every Graph answer', async () => {
			api.sb.sandbox.configure({ latencyMs: 120 });
			const t0 = Date.now();
			await api.get(`/${SEED.phoneNumberId}`);
			expect(Date.now() - t0).toBeGreaterThanOrEqual(115);
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

	describe('runtime config', () => {
		it('POST /_sandbox/config validates and returns the knobs in force', async () => {
			const ok = await api.control('POST', '/config', {
				tier: 250,
				latencyMs: 0,
				testMode: true,
				allowlist: ['+1 555 010 9001'],
			});
			expect(ok.json.knobs).toMatchObject({
				tier: 250,
				tierBurst: 250,
				testMode: true,
				allowlist: ['15550109001'],
			});
			expect((await api.control('POST', '/config', { errorRate: 2 })).status).toBe(400);
			expect((await api.control('POST', '/config', { nonsense: 1 })).status).toBe(400);
			expect((await api.control('GET', '/config')).json.tier).toBe(250);
		});

		it('the control API never returns secrets in state, only in /credentials', async () => {
			const state = JSON.stringify((await api.control('GET', '/')).json);
			expect(state).not.toContain(SEED.accessToken);
			expect(state).not.toContain(SEED.appSecret);
			expect(state).not.toContain(SEED.verifyToken);
			const creds = (await api.control('GET', '/credentials')).json;
			expect(creds).toEqual({
				accessToken: SEED.accessToken,
				phoneNumberId: SEED.phoneNumberId,
				businessAccountId: SEED.wabaId,
				appSecret: SEED.appSecret,
				verifyToken: SEED.verifyToken,
				apiVersion: 'v24.0',
				baseUrl: api.sb.url,
			});
		});

		it('text messages inside the window when enforceWindow is off', async () => {
			api.sb.sandbox.configure({ enforceWindow: false, statuses: ['sent'] });
			const r = await api.send(text('4915199990000'));
			await api.sb.sandbox.idle();
			expect(api.sb.sandbox.getMessage(r.json.messages[0].id)?.status).toBe('sent');
		});
	});
});

describe('bounded memory', () => {
	it('message history is a ring: totals keep counting, old records (and their index) go', async () => {
		const api = await startApi({
			history: { messages: 50, requests: 20 },
			tier: 100_000,
			pairRateSeconds: 0,
			statuses: [],
		});
		try {
			const ids: string[] = [];
			for (let i = 0; i < 200; i++)
				ids.push(
					(await api.send(template(`1555060${String(i).padStart(4, '0')}`))).json.messages[0].id,
				);
			const list = await api.control('GET', '/messages');
			expect(list.json).toMatchObject({ total: 200, dropped: 150, cursor: 200 });
			expect(list.json.data).toHaveLength(50);
			expect(api.sb.sandbox.getMessage(ids[0])).toBeUndefined();
			expect(api.sb.sandbox.getMessage(ids[199])).toBeDefined();
			expect(api.sb.sandbox.requests.length).toBe(20);
			expect(api.sb.sandbox.counters.messages.accepted).toBe(200);
		} finally {
			await api.sb.close();
		}
	});

	it('a dead callback cannot grow the delivery backlog without bound', async () => {
		const { Dispatcher } = await import('../../sandbox/webhooks/dispatcher');
		const opts: ConstructorParameters<typeof Dispatcher>[0] = {
			appSecret: () => 's',
			retry: () => ({ maxAttempts: 10, baseMs: 60_000, factor: 2, maxDelayMs: 60_000 }),
			timeoutMs: 1000,
			concurrency: 1,
			maxQueue: 3,
			maxPendingBytes: 1024 * 1024,
			historySize: 10,
			unicode: () => 'escape',
			log: () => undefined,
		};
		const d = new Dispatcher(opts);
		try {
			const states = Array.from(
				{ length: 5 },
				() =>
					d.send('http://127.0.0.1:9/never', 'application', 'status', '{"x":1}', { events: 1 })
						.state,
			);
			expect(states.slice(3)).toEqual(['dropped', 'dropped']);
			expect(d.totals.dropped).toBe(2);
			const big = new Dispatcher({ ...opts, maxQueue: 100, maxPendingBytes: 10 });
			expect(
				big.send('http://127.0.0.1:9/never', 'application', 'status', 'x'.repeat(11), { events: 1 })
					.state,
			).toBe('dropped');
			await big.close();
		} finally {
			await d.close();
		}
	});
});
