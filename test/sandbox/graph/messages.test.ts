import { SEED, TEMPLATE } from '../../../sandbox';
import { sleep, useSandbox } from '../../support/sandbox/api';
import { template, text } from '../../support/sandbox/messages';
import { startReceiver } from '../../support/sandbox/receiver';
import { statusesOf, useWebhookPair } from '../../support/sandbox/webhooks';

const USER = SEED.users[0].waId;

describe('POST /{phone-number-id}/messages', () => {
	const api = useSandbox({ pairRateSeconds: 0 });

	it("accepts a text message in Meta's response shape with a wamid", async () => {
		api.sb.sandbox.setUserWindow(USER, Date.now());
		const r = await api.send(text(`+${USER}`));
		expect(r.status).toBe(200);
		expect(r.json).toEqual({
			messaging_product: 'whatsapp',
			contacts: [{ input: `+${USER}`, wa_id: USER }],
			messages: [{ id: expect.stringMatching(/^wamid\.[A-Za-z0-9+/=]+$/) }],
		});
		const decoded = Buffer.from(r.json.messages[0].id.slice(6), 'base64').toString('latin1');
		expect(decoded).toContain(USER);
		const listed = await api.control(
			'GET',
			`/messages/${encodeURIComponent(r.json.messages[0].id)}`,
		);
		expect(listed.json).toMatchObject({
			outcome: 'accepted',
			waId: USER,
			type: 'text',
			text: 'Hello from the test',
		});
		// wamids are base64: a '/' in an unencoded ID still finds the route
		const slash = await api.control('GET', '/messages/wamid.AB/CD=');
		expect([slash.status, slash.json.error.message]).toEqual([
			404,
			'No message wamid.AB/CD= (unknown, or evicted from the history)',
		]);
	});

	it.each([
		['letters', 'abc'],
		['too short', '+12345'],
		['too long', '+1234567890123456'],
		['00 international prefix', '0015550109001'],
		['national trunk 0', '07700900123'],
	])('recipient format (%s) -> 100', async (_label, to) => {
		const r = await api.send(text(to));
		expect(r.status).toBe(400);
		expect(r.json.error.code).toBe(100);
		expect(r.json.error.error_data.details).toContain('international format');
	});

	it('accepts the usual recipient spellings', async () => {
		for (const to of ['+1 (555) 010-9001', '15550109001', '+15550109001', '1-555-010-9001']) {
			const r = await api.send(text(to));
			expect(r.status).toBe(200);
			expect(r.json.contacts[0].wa_id).toBe(USER);
		}
	});

	it('the business number itself -> 131021', async () => {
		const r = await api.send(text(SEED.displayPhoneDigits));
		expect(r.json.error.code).toBe(131021);
	});

	it('mark as read and typing indicator answer {success:true}', async () => {
		const inbound = api.sb.sandbox.inject({ from: USER, text: 'hi' }, { deliver: false });
		const r = await api.post(`/${SEED.phoneNumberId}/messages`, {
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: inbound.messages[0].id,
			typing_indicator: { type: 'text' },
		});
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ success: true });
		expect(api.sb.sandbox.counters.reads).toBe(1);
		expect(api.sb.sandbox.counters.typing).toBe(1);
		const bad = await api.post(`/${SEED.phoneNumberId}/messages`, {
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: 'nope',
		});
		expect(bad.json.error.code).toBe(100);
	});

	it('test mode: recipients outside the allowlist get 131030', async () => {
		api.sb.sandbox.configure({ testMode: true, allowlist: [USER] });
		const r = await api.send(text('+4915199999999'));
		expect(r.status).toBe(400);
		expect(r.json.error).toMatchObject({
			code: 131030,
			message: '(#131030) Recipient phone number not in allowed list',
		});
		expect((await api.send(text(USER))).status).toBe(200);
		const info = await api.get(`/${SEED.phoneNumberId}?fields=account_mode`);
		expect(info.json.account_mode).toBe('SANDBOX');
	});

	it('counts accepted and rejected messages by code and lists them with filters', async () => {
		await api.send(text(USER));
		await api.send(text('abc'));
		await api.send({
			to: USER,
			type: 'template',
			template: { name: 'nope', language: { code: 'en_US' } },
		});
		const c = await api.control('GET', '/counters');
		expect(c.json.messages).toMatchObject({
			accepted: 1,
			rejected: 2,
			byCode: { '100': 1, '132001': 1 },
		});
		const rejected = await api.control('GET', '/messages?outcome=rejected');
		expect(rejected.json.data).toHaveLength(2);
		const byCode = await api.control('GET', '/messages?code=132001');
		expect(byCode.json.data[0].template).toEqual({
			name: 'nope',
			language: 'en_US',
			category: '',
		});
		const since = await api.control('GET', `/messages?since=${rejected.json.data[0].seq}`);
		expect(since.json.data.map((m: { seq: number }) => m.seq)).toEqual([3]);
		expect(since.json.cursor).toBe(3);
	});
});

describe('throughput tier (130429)', () => {
	const api = useSandbox({ statuses: [] });

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
		expect((await api.get(`/${SEED.phoneNumberId}?fields=throughput`)).json.throughput.level).toBe(
			'HIGH',
		);
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
	const api = useSandbox({ statuses: [] });

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

describe('media sent by ID', () => {
	const api = useSandbox({ statuses: [] }, null);

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
});

describe('24-hour window (131047)', () => {
	const { api, rx } = useWebhookPair();

	it('131047: free-form message to a user who never wrote is accepted (200), then fails by webhook', async () => {
		const r = await api.send(text('4915199998888'));
		expect(r.status).toBe(200);
		await api.sb.sandbox.idle();
		const events = rx.posts().flatMap((p) => statusesOf(p.raw));
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			id: r.json.messages[0].id,
			status: 'failed',
			recipient_id: '4915199998888',
		});
		expect(events[0].errors[0]).toMatchObject({
			code: 131047,
			title: 'Re-engagement message',
			error_data: { details: expect.stringContaining('24 hours') },
		});
		const rec = api.sb.sandbox.getMessage(r.json.messages[0].id);
		expect(rec?.status).toBe('failed');
		expect(rec?.notes?.[0]).toContain('never wrote');
	});

	it('131047 also when the last inbound message is older than 24 hours; an inbound message reopens the window', async () => {
		const old = Math.floor((Date.now() - 25 * 3600 * 1000) / 1000);
		api.sb.sandbox.inject({ from: USER, text: 'yesterday', timestamp: old });
		expect((await api.control('GET', `/users/${USER}`)).json.open).toBe(false);
		const r1 = await api.send(text(USER));
		await api.sb.sandbox.idle();
		expect(api.sb.sandbox.getMessage(r1.json.messages[0].id)?.status).toBe('failed');
		await api.control('POST', '/inbound', { from: USER, text: 'hello again' });
		const w = await api.control('GET', `/users/${USER}`);
		expect(w.json.open).toBe(true);
		const r2 = await api.send(text(USER));
		await api.sb.sandbox.idle();
		expect(api.sb.sandbox.getMessage(r2.json.messages[0].id)?.status).toBe('read');
		// templates never need the window
		const r3 = await api.send({
			to: '4915199997777',
			type: 'template',
			template: { name: TEMPLATE.noVariables, language: { code: 'en_US' } },
		});
		await api.sb.sandbox.idle();
		expect(api.sb.sandbox.getMessage(r3.json.messages[0].id)?.status).toBe('read');
	});
});

describe('24-hour window off', () => {
	const api = useSandbox({ statuses: [] });

	it('text messages inside the window when enforceWindow is off', async () => {
		api.sb.sandbox.configure({ enforceWindow: false, statuses: ['sent'] });
		const r = await api.send(text('4915199990000'));
		await api.sb.sandbox.idle();
		expect(api.sb.sandbox.getMessage(r.json.messages[0].id)?.status).toBe('sent');
	});
});
