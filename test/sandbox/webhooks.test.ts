import { createHmac, timingSafeEqual } from 'node:crypto';

import { SEED, TEMPLATE } from '../../sandbox';
import { type Api, type Receiver, startApi, startReceiver, text } from './helpers';

const USER = SEED.users[0].waId;
const SECRET = 'test-app-secret';

function verifySignature(
	raw: Buffer,
	header: string | string[] | undefined,
	secret = SECRET,
): boolean {
	if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
	const expected = createHmac('sha256', secret).update(raw).digest();
	const given = Buffer.from(header.slice(7), 'hex');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

const parse = (raw: Buffer) => JSON.parse(raw.toString('utf8'));
const statusesOf = (raw: Buffer) =>
	parse(raw).entry[0].changes[0].value.statuses as Array<Record<string, any>>;

describe('sandbox webhooks', () => {
	let api: Api;
	let rx: Receiver;
	beforeAll(async () => {
		rx = await startReceiver();
		api = await startApi({
			appSecret: SECRET,
			callbackUrl: rx.url,
			statusDelayMs: 15,
			webhookBatchMs: 5,
			pairRateSeconds: 0,
		});
	});
	afterAll(async () => {
		await api.sb.close();
		await rx.close();
	});
	beforeEach(() => {
		api.sb.sandbox.reset({ keepKnobs: true });
		rx.received.length = 0;
		rx.postStatuses.length = 0;
		rx.verifyToken = 'sandbox-verify-token';
	});

	it('performed the verification handshake at start (callback URL given as an option)', async () => {
		const r = await startReceiver();
		const sb = await startApi({ callbackUrl: r.url });
		try {
			const [get] = r.gets();
			expect(get.query.get('hub.mode')).toBe('subscribe');
			expect(get.query.get('hub.verify_token')).toBe(SEED.verifyToken);
			expect(get.query.get('hub.challenge')).toMatch(/^\d+$/);
			const hs = await sb.control('GET', '/handshakes');
			expect(hs.json.data[0]).toMatchObject({
				ok: true,
				status: 200,
				challengeEchoed: true,
				target: 'application',
			});
			expect(JSON.stringify(hs.json)).not.toContain(SEED.verifyToken);
		} finally {
			await sb.sb.close();
			await r.close();
		}
	});

	it('records a failed handshake (wrong verify token -> 403)', async () => {
		rx.verifyToken = 'something-else';
		const r = await api.control('POST', '/callback', { url: rx.url });
		expect(r.json.handshake).toMatchObject({ ok: false, status: 403, challengeEchoed: false });
		rx.verifyToken = 'sandbox-verify-token';
		const ok = await api.control('POST', '/callback', { url: rx.url });
		expect(ok.json.handshake.ok).toBe(true);
	});

	it('sends sent, delivered, read statuses, signed over the exact bytes', async () => {
		api.sb.sandbox.setUserWindow(USER, Date.now());
		const r = await api.send(text(USER));
		const id = r.json.messages[0].id;
		await api.sb.sandbox.idle();
		const posts = rx.posts();
		const events = posts.flatMap((p) => statusesOf(p.raw));
		expect(events.map((e) => e.status)).toEqual(['sent', 'delivered', 'read']);
		for (const p of posts) {
			expect(p.headers['content-type']).toBe('application/json');
			expect(verifySignature(p.raw, p.headers['x-hub-signature-256'])).toBe(true);
			expect(verifySignature(p.raw, p.headers['x-hub-signature-256'], 'wrong')).toBe(false);
			const body = parse(p.raw);
			expect(body.object).toBe('whatsapp_business_account');
			expect(body.entry[0].id).toBe(SEED.wabaId);
			expect(body.entry[0].changes[0].field).toBe('messages');
			expect(body.entry[0].changes[0].value.metadata).toEqual({
				display_phone_number: SEED.displayPhoneDigits,
				phone_number_id: SEED.phoneNumberId,
			});
		}
		const sent = events[0];
		expect(sent).toMatchObject({
			id,
			recipient_id: USER,
			timestamp: expect.stringMatching(/^\d{10}$/),
		});
		expect(sent.pricing).toEqual({
			billable: false,
			pricing_model: 'PMP',
			type: 'free_customer_service',
			category: 'service',
		});
		expect(events[2].pricing).toBeUndefined();
		const rec = await api.control('GET', `/messages/${encodeURIComponent(id)}`);
		expect(rec.json.status).toBe('read');
	});

	it('template statuses are billed in the template category', async () => {
		const r = await api.send({
			to: USER,
			type: 'template',
			template: { name: TEMPLATE.noVariables, language: { code: 'en_US' } },
		});
		expect(r.json.messages[0].message_status).toBe('accepted');
		await api.sb.sandbox.idle();
		const sent = rx
			.posts()
			.flatMap((p) => statusesOf(p.raw))
			.find((e) => e.status === 'sent');
		expect(sent?.pricing).toEqual({
			billable: true,
			pricing_model: 'PMP',
			type: 'regular',
			category: 'utility',
		});
		expect(sent?.conversation.origin.type).toBe('utility');
	});

	it('batches statuses that are due together into one POST', async () => {
		api.sb.sandbox.configure({ webhookBatchMs: 40, statuses: ['sent'] });
		try {
			for (let i = 0; i < 10; i++)
				await api.send({
					to: `1555010${9100 + i}`,
					type: 'template',
					template: { name: TEMPLATE.noVariables, language: { code: 'en_US' } },
				});
			await api.sb.sandbox.idle();
			const posts = rx.posts();
			const events = posts.flatMap((p) => statusesOf(p.raw));
			expect(events).toHaveLength(10);
			expect(posts.length).toBeLessThan(10);
			expect(Math.max(...posts.map((p) => statusesOf(p.raw).length))).toBeGreaterThan(1);
		} finally {
			api.sb.sandbox.configure({ webhookBatchMs: 5, statuses: ['sent', 'delivered', 'read'] });
		}
	});

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

	it("inbound text: Meta's shape, signed, contacts + messages in one change", async () => {
		const r = await api.control('POST', '/inbound', {
			from: USER,
			name: 'Ada Byrne',
			text: 'Is my bike ready? 🚲',
		});
		expect(r.status).toBe(200);
		const [post] = await rx.waitForPosts(1);
		expect(verifySignature(post.raw, post.headers['x-hub-signature-256'])).toBe(true);
		// Meta escapes non-ASCII: the bytes are ASCII, the parsed text is the emoji
		expect(post.raw.toString('latin1')).toContain('\\ud83d\\udeb2');
		const value = parse(post.raw).entry[0].changes[0].value;
		expect(value.contacts).toEqual([{ profile: { name: 'Ada Byrne' }, wa_id: USER }]);
		expect(value.messages[0]).toMatchObject({
			from: USER,
			type: 'text',
			text: { body: 'Is my bike ready? 🚲' },
			id: r.json.messages[0].id,
		});
		expect(value.messages[0].timestamp).toMatch(/^\d{10}$/);
	});

	it('raw UTF-8 mode signs the raw bytes', async () => {
		api.sb.sandbox.configure({ webhookUnicode: 'raw' });
		try {
			await api.control('POST', '/inbound', { from: USER, text: 'Grüße 🚲' });
			const [post] = await rx.waitForPosts(1);
			expect(post.raw.toString('utf8')).toContain('Grüße 🚲');
			expect(verifySignature(post.raw, post.headers['x-hub-signature-256'])).toBe(true);
		} finally {
			api.sb.sandbox.configure({ webhookUnicode: 'escape' });
		}
	});

	it('inbound of every kind: replies, media, location, reaction, template quick reply', async () => {
		const out = await api.control('POST', '/inbound', {
			from: USER,
			messages: [
				{
					type: 'button_reply',
					replyId: 'confirm',
					replyTitle: 'Yes, confirm',
					contextMessageId: 'wamid.PREVIOUS',
				},
				{ type: 'list_reply', replyId: 'slot_2', replyTitle: 'Tuesday', replyDescription: '09:00' },
				{
					type: 'button',
					payload: 'STOP_PROMOS',
					buttonText: 'Stop promotions',
					contextMessageId: 'wamid.TEMPLATE',
				},
				{ type: 'image', caption: 'the crack' },
				{ type: 'document', filename: 'receipt.pdf' },
				{ type: 'audio' },
				{
					type: 'location',
					latitude: 48.1,
					longitude: 11.5,
					locationName: 'Home',
					address: 'Main St 1',
				},
				{ type: 'reaction', reactTo: 'wamid.OUT', emoji: '❤️' },
				{ type: 'reaction', reactTo: 'wamid.OUT', removed: true },
				{ from: '447700900123', text: 'second user in the same POST' },
			],
		});
		expect(out.json.messages).toHaveLength(10);
		const [post] = await rx.waitForPosts(1);
		const value = parse(post.raw).entry[0].changes[0].value;
		expect(value.contacts.map((c: { wa_id: string }) => c.wa_id)).toEqual([USER, '447700900123']);
		const m = value.messages;
		expect(m[0]).toMatchObject({
			type: 'interactive',
			interactive: { type: 'button_reply', button_reply: { id: 'confirm', title: 'Yes, confirm' } },
			context: { from: SEED.displayPhoneDigits, id: 'wamid.PREVIOUS' },
		});
		expect(m[1].interactive).toEqual({
			type: 'list_reply',
			list_reply: { id: 'slot_2', title: 'Tuesday', description: '09:00' },
		});
		expect(m[2]).toMatchObject({
			type: 'button',
			button: { payload: 'STOP_PROMOS', text: 'Stop promotions' },
		});
		expect(m[3]).toMatchObject({
			type: 'image',
			image: {
				caption: 'the crack',
				mime_type: 'image/jpeg',
				id: expect.stringMatching(/^\d{16}$/),
				sha256: expect.any(String),
			},
		});
		expect(m[4].document).toMatchObject({ filename: 'receipt.pdf', mime_type: 'application/pdf' });
		expect(m[5].audio).toMatchObject({ mime_type: 'audio/ogg; codecs=opus', voice: true });
		expect(m[6].location).toEqual({
			latitude: 48.1,
			longitude: 11.5,
			name: 'Home',
			address: 'Main St 1',
		});
		expect(m[7].reaction).toEqual({ message_id: 'wamid.OUT', emoji: '❤️' });
		expect(m[8].reaction).toEqual({ message_id: 'wamid.OUT' });
		expect(m[9].from).toBe('447700900123');
		// the injected image can be fetched like a real one
		const media = await api.get(`/${m[3].image.id}`);
		expect(media.json).toMatchObject({ mime_type: 'image/jpeg', messaging_product: 'whatsapp' });
	});

	it('redelivers on non-2xx with exponential backoff and records every attempt', async () => {
		api.sb.sandbox.configure({
			webhookRetry: { maxAttempts: 4, baseMs: 40, factor: 2, maxDelayMs: 10_000 },
		});
		rx.postStatuses.push(500, 503, 404);
		const out = await api.control('POST', '/inbound', { from: USER, text: 'retry me' });
		await api.sb.sandbox.idle();
		const posts = rx.posts();
		expect(posts).toHaveLength(4);
		// identical bytes and signature every time
		expect(new Set(posts.map((p) => p.raw.toString())).size).toBe(1);
		expect(new Set(posts.map((p) => p.headers['x-hub-signature-256'])).size).toBe(1);
		const gaps = posts.slice(1).map((p, i) => p.at - posts[i].at);
		expect(gaps[0]).toBeGreaterThanOrEqual(35);
		expect(gaps[1]).toBeGreaterThanOrEqual(75);
		expect(gaps[2]).toBeGreaterThanOrEqual(155);
		const d = await api.control(
			'GET',
			`/deliveries?ref=${encodeURIComponent(out.json.messages[0].id)}`,
		);
		expect(d.json.data[0].state).toBe('delivered');
		expect(d.json.data[0].attempts.map((a: { status: number }) => a.status)).toEqual([
			500, 503, 404, 200,
		]);
		for (const a of d.json.data[0].attempts)
			expect(a).toEqual({
				n: expect.any(Number),
				at: expect.any(String),
				status: expect.any(Number),
				durationMs: expect.any(Number),
			});
		expect(api.sb.sandbox.dispatcher.totals).toMatchObject({ retried: 3, delivered: 1 });
		api.sb.sandbox.configure({
			webhookRetry: { maxAttempts: 4, baseMs: 50, factor: 2, maxDelayMs: 5_000 },
		});
	});

	it('gives up after maxAttempts and marks the delivery failed', async () => {
		api.sb.sandbox.configure({ webhookRetry: { maxAttempts: 2, baseMs: 10 } });
		rx.postStatuses.push(500, 500, 500);
		await api.control('POST', '/inbound', { from: USER, text: 'never' });
		await api.sb.sandbox.idle();
		const d = await api.control('GET', '/deliveries?state=failed');
		expect(d.json.data).toHaveLength(1);
		expect(d.json.data[0].attempts).toHaveLength(2);
		expect(d.json.data[0].reason).toBe('HTTP 500');
		api.sb.sandbox.configure({ webhookRetry: { maxAttempts: 4, baseMs: 50 } });
	});

	it('network errors count as failed attempts too', async () => {
		const dead = await startReceiver();
		const url = dead.url;
		await dead.close();
		api.sb.sandbox.configure({ webhookRetry: { maxAttempts: 2, baseMs: 5 } });
		await api.control('POST', '/callback', { url, handshake: false });
		await api.control('POST', '/inbound', { from: USER, text: 'nobody home' });
		await api.sb.sandbox.idle();
		const d = await api.control('GET', '/deliveries');
		expect(d.json.data[0].attempts[0]).toMatchObject({ status: 0, error: 'ECONNREFUSED' });
		await api.control('POST', '/callback', { url: rx.url, handshake: false });
		api.sb.sandbox.configure({ webhookRetry: { maxAttempts: 4, baseMs: 50 } });
	});

	it('duplicate and replay send the exact same bytes again', async () => {
		await api.control('POST', '/inbound', { from: USER, text: 'twice', duplicate: true });
		await api.sb.sandbox.idle();
		await api.control('POST', '/deliveries/replay', {});
		await api.sb.sandbox.idle();
		const posts = rx.posts();
		expect(posts).toHaveLength(3);
		expect(new Set(posts.map((p) => p.raw.toString()))).toEqual(new Set([posts[0].raw.toString()]));
		const kinds = (await api.control('GET', '/deliveries')).json.data.map(
			(d: { kind: string }) => d.kind,
		);
		expect(kinds).toEqual(['inbound', 'duplicate', 'replay']);
	});

	it('a batch can carry messages and statuses in one POST', async () => {
		const sent = await api.send({
			to: USER,
			type: 'template',
			template: { name: TEMPLATE.noVariables, language: { code: 'en_US' } },
		});
		const id = sent.json.messages[0].id;
		await api.sb.sandbox.idle();
		rx.received.length = 0;
		await api.control('POST', '/inbound', {
			from: USER,
			text: 'and a status',
			statuses: [{ messageId: id, status: 'delivered' }],
		});
		const [post] = await rx.waitForPosts(1);
		const changes = parse(post.raw).entry[0].changes;
		expect(changes).toHaveLength(2);
		expect(changes[1].value.statuses[0]).toMatchObject({
			id,
			status: 'delivered',
			recipient_id: USER,
		});
	});

	it('raw deliveries with an invalid or missing signature (for trigger tests)', async () => {
		await api.control('POST', '/webhooks/raw', {
			payload: { object: 'whatsapp_business_account', entry: [] },
			signature: 'invalid',
		});
		await api.control('POST', '/webhooks/raw', {
			payload: { object: 'whatsapp_business_account', entry: [] },
			signature: 'missing',
		});
		const posts = await rx.waitForPosts(2);
		expect(verifySignature(posts[0].raw, posts[0].headers['x-hub-signature-256'])).toBe(false);
		expect(posts[0].headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
		expect(posts[1].headers['x-hub-signature-256']).toBeUndefined();
	});

	it('attempts: 1 turns redelivery off for one delivery (a 403 for a bad signature stays one POST)', async () => {
		rx.postStatuses.push(403, 403, 403);
		const d = await api.control('POST', '/webhooks/raw', {
			payload: { object: 'whatsapp_business_account', entry: [] },
			signature: 'invalid',
			attempts: 1,
		});
		await api.sb.sandbox.idle();
		expect(rx.posts()).toHaveLength(1);
		const rec = (await api.control('GET', '/deliveries')).json.data.find(
			(x: { id: string }) => x.id === d.json.id,
		);
		expect(rec).toMatchObject({ state: 'failed', reason: 'HTTP 403', signature: 'invalid' });
		expect(rec.attempts).toHaveLength(1);
	});

	it('no callback URL: deliveries are recorded as skipped, nothing sent', async () => {
		await api.control('POST', '/callback', { url: null });
		await api.control('POST', '/inbound', { from: USER, text: 'into the void' });
		const d = await api.control('GET', '/deliveries');
		expect(d.json.data[0]).toMatchObject({
			state: 'skipped',
			reason: 'no callback URL configured',
		});
		await api.control('POST', '/callback', { url: rx.url, handshake: false });
		expect(rx.posts()).toHaveLength(0);
	});

	describe('subscriptions and overrides', () => {
		it('unsubscribed app gets no webhooks (the "nothing arrives" pitfall); POST subscribed_apps fixes it', async () => {
			expect((await api.del(`/${SEED.wabaId}/subscribed_apps`)).json).toEqual({ success: true });
			expect((await api.get(`/${SEED.wabaId}/subscribed_apps`)).json).toEqual({ data: [] });
			await api.control('POST', '/inbound', { from: USER, text: 'lost' });
			expect((await api.control('GET', '/deliveries')).json.data[0].reason).toContain(
				'not subscribed',
			);
			expect((await api.post(`/${SEED.wabaId}/subscribed_apps`, {})).json).toEqual({
				success: true,
			});
			const apps = await api.get(`/${SEED.wabaId}/subscribed_apps`);
			expect(apps.json.data[0].whatsapp_business_api_data).toMatchObject({
				id: SEED.appId,
				name: SEED.appName,
			});
			// the app behind the token, as GET /app answers it
			expect((await api.get('/app?fields=id')).json).toEqual({ id: SEED.appId });
			await api.control('POST', '/inbound', { from: USER, text: 'found' });
			await rx.waitForPosts(1);
		});

		it('phone number webhook override: handshake with its verify token, then messages go there', async () => {
			const other = await startReceiver('override-token');
			try {
				const bad = await api.post(`/${SEED.phoneNumberId}`, {
					webhook_configuration: { override_callback_uri: other.url, verify_token: 'wrong' },
				});
				expect(bad.status).toBe(400);
				expect(bad.json.error.code).toBe(2200);
				const ok = await api.post(`/${SEED.phoneNumberId}`, {
					webhook_configuration: {
						override_callback_uri: other.url,
						verify_token: 'override-token',
					},
				});
				expect(ok.json).toEqual({ success: true });
				const cfg = await api.get(`/${SEED.phoneNumberId}?fields=webhook_configuration`);
				expect(cfg.json.webhook_configuration).toEqual({
					phone_number: other.url,
					application: rx.url,
				});
				await api.control('POST', '/inbound', { from: USER, text: 'to the override' });
				await other.waitForPosts(1);
				expect(rx.posts()).toHaveLength(0);
				expect(
					(
						await api.post(`/${SEED.phoneNumberId}`, {
							webhook_configuration: { override_callback_uri: '' },
						})
					).json,
				).toEqual({ success: true });
				expect(
					(await api.get(`/${SEED.phoneNumberId}?fields=webhook_configuration`)).json
						.webhook_configuration,
				).toEqual({ application: rx.url });
			} finally {
				await other.close();
			}
		});

		it('a phone number override needs the app subscribed first (spec)', async () => {
			await api.del(`/${SEED.wabaId}/subscribed_apps`);
			const r = await api.post(`/${SEED.phoneNumberId}`, {
				webhook_configuration: {
					override_callback_uri: rx.url,
					verify_token: 'sandbox-verify-token',
				},
			});
			expect(r.status).toBe(400);
			expect(r.json.error.error_data.details).toContain('subscribed_apps');
			expect(rx.gets()).toHaveLength(0);
		});

		it('WABA override through subscribed_apps', async () => {
			const other = await startReceiver('waba-token');
			try {
				const ok = await api.post(`/${SEED.wabaId}/subscribed_apps`, {
					override_callback_uri: other.url,
					verify_token: 'waba-token',
				});
				expect(ok.json).toEqual({ success: true });
				expect(
					(await api.get(`/${SEED.wabaId}/subscribed_apps`)).json.data[0].override_callback_uri,
				).toBe(other.url);
				await api.control('POST', '/inbound', { from: USER, text: 'waba level' });
				await other.waitForPosts(1);
			} finally {
				await other.close();
			}
		});
	});

	it('template approval emits message_template_status_update', async () => {
		const created = await api.post(`/${SEED.wabaId}/message_templates`, {
			name: 'brake_check_offer',
			language: 'en_US',
			category: 'marketing',
			components: [
				{ type: 'BODY', text: 'Hi {{1}}, brakes squeaking?', example: { body_text: [['Ada']] } },
			],
		});
		expect(created.json).toEqual({
			id: expect.stringMatching(/^\d{16}$/),
			status: 'PENDING',
			category: 'MARKETING',
		});
		const send = await api.send({
			to: USER,
			type: 'template',
			template: {
				name: 'brake_check_offer',
				language: { code: 'en_US' },
				components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }] }],
			},
		});
		expect(send.json.error.code).toBe(132001);
		await api.control('POST', `/templates/${created.json.id}/approve`, {});
		const [post] = await rx.waitForPosts(1);
		const body = parse(post.raw);
		expect(body.entry[0].time).toEqual(expect.any(Number));
		expect(body.entry[0].changes[0]).toEqual({
			field: 'message_template_status_update',
			value: {
				event: 'APPROVED',
				message_template_id: Number(created.json.id),
				message_template_name: 'brake_check_offer',
				message_template_language: 'en_US',
				reason: 'NONE',
				message_template_category: 'MARKETING',
			},
		});
		const again = await api.send({
			to: USER,
			type: 'template',
			template: {
				name: 'brake_check_offer',
				language: { code: 'en_US' },
				components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }] }],
			},
		});
		expect(again.status).toBe(200);
		await api.control('POST', `/templates/brake_check_offer/reject`, { reason: 'PROMOTIONAL' });
		await api.sb.sandbox.idle();
		const changes = rx.posts().map((p) => parse(p.raw).entry[0].changes[0]);
		const rejected = changes
			.filter((c) => c.field === 'message_template_status_update')
			.at(-1).value;
		expect(rejected).toMatchObject({
			event: 'REJECTED',
			reason: 'PROMOTIONAL',
			rejection_info: expect.any(Object),
		});
	});
});
