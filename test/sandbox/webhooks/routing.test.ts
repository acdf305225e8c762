import { SEED } from '../../../sandbox';
import { resolveIdentity, resolveKnobs } from '../../../sandbox/core/config';
import type { Dispatcher } from '../../../sandbox/webhooks/dispatcher';
import { WebhookRouting } from '../../../sandbox/webhooks/routing';
import { useWebhookPair, verifySignature } from '../../support/sandbox/webhooks';

const USER = SEED.users[0].waId;

describe('webhook targets, raw deliveries and replays', () => {
	const { api, rx } = useWebhookPair();

	it('records a failed handshake (wrong verify token -> 403)', async () => {
		rx.verifyToken = 'something-else';
		const r = await api.control('POST', '/callback', { url: rx.url });
		expect(r.json.handshake).toMatchObject({ ok: false, status: 403, challengeEchoed: false });
		rx.verifyToken = 'sandbox-verify-token';
		const ok = await api.control('POST', '/callback', { url: rx.url });
		expect(ok.json.handshake.ok).toBe(true);
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
});

describe('webhook target precedence', () => {
	const setup = () => {
		const knobs = resolveKnobs({});
		const routing = new WebhookRouting(
			resolveIdentity({}),
			knobs,
			// resolve() never sends: no dispatcher needed
			undefined as unknown as Dispatcher,
			() => undefined,
			'http://127.0.0.1:1/app',
		);
		return { knobs, routing };
	};

	it('phone number override (messages only), then WABA override, then the app callback', () => {
		const { routing } = setup();
		expect(routing.resolve('messages')).toEqual({
			url: 'http://127.0.0.1:1/app',
			target: 'application',
		});
		routing.phoneOverride = { url: 'http://127.0.0.1:1/phone', verifyToken: 't' };
		routing.wabaOverride = { url: 'http://127.0.0.1:1/waba', verifyToken: 't' };
		expect(routing.resolve('messages')).toEqual({
			url: 'http://127.0.0.1:1/phone',
			target: 'phone_number',
		});
		expect(routing.resolve('message_template_status_update')).toEqual({
			url: 'http://127.0.0.1:1/waba',
			target: 'whatsapp_business_account',
		});
		routing.clearOverrides();
		expect(routing.resolve('messages').target).toBe('application');
	});

	it('nothing while the app is unsubscribed, or without any callback', () => {
		const { knobs, routing } = setup();
		knobs.subscribed = false;
		expect(routing.resolve('messages')).toMatchObject({ url: null, target: 'none' });
		expect(routing.resolve('messages').skipReason).toContain('not subscribed');
		knobs.subscribed = true;
		routing.callbackUrl = null;
		expect(routing.resolve('messages')).toEqual({
			url: null,
			target: 'none',
			skipReason: 'no callback URL configured',
		});
	});
});
