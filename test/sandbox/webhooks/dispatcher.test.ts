import { SEED } from '../../../sandbox';
import { asciiJson, Dispatcher, signatureFor } from '../../../sandbox/webhooks/dispatcher';
import { startReceiver } from '../../support/sandbox/receiver';
import { useWebhookPair, verifySignature } from '../../support/sandbox/webhooks';

const USER = SEED.users[0].waId;

describe('signatures and bodies', () => {
	it('asciiJson escapes non-ASCII exactly like Meta; signatures differ from raw UTF-8', () => {
		const v = { t: 'Grüße 🚲' };
		expect(asciiJson(v)).toBe('{"t":"Gr\\u00fc\\u00dfe \\ud83d\\udeb2"}');
		expect(JSON.parse(asciiJson(v))).toEqual(v);
		expect(signatureFor('s', asciiJson(v))).not.toBe(signatureFor('s', JSON.stringify(v)));
		expect(signatureFor('s', 'x')).toMatch(/^sha256=[0-9a-f]{64}$/);
	});
});

describe('deliveries', () => {
	const { api, rx } = useWebhookPair();

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
});

describe('bounded memory', () => {
	it('a dead callback cannot grow the delivery backlog without bound', async () => {
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
