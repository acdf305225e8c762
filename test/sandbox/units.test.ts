import { parseArgs } from '../../sandbox/cli';
import { TokenBucket, PairLimiter } from '../../sandbox/core/limits';
import { Ring } from '../../sandbox/core/ring';
import { TimedQueue } from '../../sandbox/core/timed-queue';
import { parseMessagesRequest } from '../../sandbox/graph/message-schemas';
import { templateVariables } from '../../sandbox/templates/variables';
import { asciiJson, signatureFor } from '../../sandbox/webhooks/dispatcher';
import { wamid } from '../../sandbox/core/ids';

describe('Ring', () => {
	it('keeps the newest entries, counts all, and reads by cursor', () => {
		const evicted: number[] = [];
		const r = new Ring<number>(3, (v) => evicted.push(v));
		for (let i = 1; i <= 5; i++) r.push(i * 10);
		expect(r.values()).toEqual([30, 40, 50]);
		expect(r.total).toBe(5);
		expect(evicted).toEqual([10, 20]);
		expect(r.since(0)).toEqual({
			items: [
				{ seq: 3, value: 30 },
				{ seq: 4, value: 40 },
				{ seq: 5, value: 50 },
			],
			dropped: 2,
			cursor: 5,
		});
		expect(r.since(4).items.map((i) => i.value)).toEqual([50]);
		expect(r.since(3, 1)).toMatchObject({ items: [{ seq: 4, value: 40 }], cursor: 4, dropped: 0 });
		expect(r.since(0, 10, (v) => v > 35).items.map((i) => i.value)).toEqual([40, 50]);
		expect(r.last()).toBe(50);
		expect(r.find((v) => v < 45)).toBe(40);
		r.clear();
		expect([r.length, r.total, r.last()]).toEqual([0, 0, undefined]);
	});

	it('stays bounded under 100,000 pushes', () => {
		const r = new Ring<{ n: number }>(100);
		for (let i = 0; i < 100_000; i++) r.push({ n: i });
		expect(r.length).toBe(100);
		expect(r.values()[0].n).toBe(99_900);
	});
});

describe('rate limiters', () => {
	it('token bucket: burst, then the refill rate', () => {
		const b = new TokenBucket(10, 5, 0);
		expect(Array.from({ length: 6 }, () => b.tryTake(0))).toEqual([
			true,
			true,
			true,
			true,
			true,
			false,
		]);
		expect(b.waitMs(0)).toBe(100);
		expect(b.tryTake(100)).toBe(true);
		expect(b.tryTake(100)).toBe(false);
	});

	it('a raised tier can be used at once; a lowered one is capped at its new size', () => {
		const b = new TokenBucket(80, 80, 0);
		for (let i = 0; i < 80; i++) b.tryTake(0);
		expect(b.tryTake(0)).toBe(false);
		b.configure(1000, 1000);
		// the 920 added tokens are there now, the 80 spent are not
		expect(Array.from({ length: 921 }, () => b.tryTake(0)).filter(Boolean)).toHaveLength(920);
		b.refill(0);
		b.configure(10, 10);
		expect(Array.from({ length: 11 }, () => b.tryTake(0)).filter(Boolean)).toHaveLength(10);
	});

	it('pair limiter: per key, disabled at 0, forgets full buckets', () => {
		const p = new PairLimiter(6, 2, 4);
		expect([p.tryTake('a', 0), p.tryTake('a', 0), p.tryTake('a', 0), p.tryTake('b', 0)]).toEqual([
			true,
			true,
			false,
			true,
		]);
		expect(p.tryTake('a', 6000)).toBe(true);
		for (let i = 0; i < 10; i++) p.tryTake(`k${i}`, 100_000 + i);
		expect(p.size).toBeLessThanOrEqual(5);
		p.configure(0, 1);
		expect(Array.from({ length: 50 }, () => p.tryTake('a', 0)).every(Boolean)).toBe(true);
	});
});

describe('helpers', () => {
	it('timed queue pops due items in time order', () => {
		const q = new TimedQueue<string>();
		q.push(30, 'c');
		q.push(10, 'a');
		q.push(20, 'b');
		q.push(10, 'a2');
		expect(q.popDue(15, 10)).toEqual(['a', 'a2']);
		expect(q.peekTime()).toBe(20);
		expect(q.popDue(100, 1)).toEqual(['b']);
		expect(q.size).toBe(1);
	});

	it('asciiJson escapes non-ASCII exactly like Meta; signatures differ from raw UTF-8', () => {
		const v = { t: 'Grüße 🚲' };
		expect(asciiJson(v)).toBe('{"t":"Gr\\u00fc\\u00dfe \\ud83d\\udeb2"}');
		expect(JSON.parse(asciiJson(v))).toEqual(v);
		expect(signatureFor('s', asciiJson(v))).not.toBe(signatureFor('s', JSON.stringify(v)));
		expect(signatureFor('s', 'x')).toMatch(/^sha256=[0-9a-f]{64}$/);
	});

	it("wamids decode to Meta's layout and are unique", () => {
		const ids = new Set(Array.from({ length: 1000 }, () => wamid('15550109001', 'outbound')));
		expect(ids.size).toBe(1000);
		const raw = Buffer.from([...ids][0].slice(6), 'base64');
		expect([...raw.subarray(0, 3)]).toEqual([0x1c, 0x18, 11]);
		expect(raw.subarray(3, 14).toString()).toBe('15550109001');
	});

	it('template variables in order of first appearance', () => {
		expect(templateVariables('Hi {{1}}, {{2}} and {{1}} again', 'POSITIONAL')).toEqual(['1', '2']);
		expect(templateVariables('Hi {{ first_name }}, order {{order_id}}', 'NAMED')).toEqual([
			'first_name',
			'order_id',
		]);
		expect(templateVariables(undefined, 'NAMED')).toEqual([]);
	});

	it('mark-as-read is told apart from a message', () => {
		expect(
			parseMessagesRequest({
				messaging_product: 'whatsapp',
				status: 'read',
				message_id: 'wamid.X',
			}),
		).toEqual({ kind: 'read', messageId: 'wamid.X', typing: false });
		expect(
			parseMessagesRequest({ messaging_product: 'whatsapp', to: '1', text: { body: 'x' } }),
		).toMatchObject({ kind: 'message', message: { type: 'text' } });
	});
});

describe('CLI flags', () => {
	it('defaults: port 4010 and Meta-like timings', () => {
		expect(parseArgs([])).toMatchObject({
			port: 4010,
			statusDelayMs: 500,
			webhookRetry: { maxAttempts: 6, baseMs: 1000 },
		});
	});

	it('parses every documented flag', () => {
		const o = parseArgs([
			'--port',
			'0',
			'--host',
			'127.0.0.1',
			'--tier',
			'1000',
			'--latency-ms',
			'100',
			'--error-rate',
			'0.1',
			'--reset-rate=0.01',
			'--rate-429',
			'0.02',
			'--test-mode',
			'--app-secret',
			's',
			'--access-token',
			't',
			'--phone-number-id',
			'1',
			'--waba-id',
			'2',
			'--verify-token',
			'v',
			'--callback-url',
			'http://127.0.0.1:5678/webhook',
			'--pair-rate-seconds',
			'0',
			'--status-delay-ms',
			'50',
			'--5xx-after-accept',
			'on',
			'--quiet',
			'--statuses',
			'sent,delivered',
			'--window',
			'off',
			'--webhook-attempts',
			'3',
		]);
		expect(o).toMatchObject({
			port: 0,
			host: '127.0.0.1',
			tier: 1000,
			latencyMs: 100,
			errorRate: 0.1,
			resetRate: 0.01,
			rate429: 0.02,
			testMode: true,
			appSecret: 's',
			accessToken: 't',
			phoneNumberId: '1',
			wabaId: '2',
			verifyToken: 'v',
			callbackUrl: 'http://127.0.0.1:5678/webhook',
			pairRateSeconds: 0,
			statusDelayMs: 50,
			fiveXxAfterAccept: true,
			quiet: true,
			statuses: ['sent', 'delivered'],
			enforceWindow: false,
			webhookRetry: { maxAttempts: 3, baseMs: 1000 },
		});
		expect(parseArgs(['--test-mode', 'off']).testMode).toBe(false);
		expect(parseArgs(['--test-mode', '--quiet'])).toMatchObject({ testMode: true, quiet: true });
	});

	it('refuses unknown flags and bad values with a message', () => {
		expect(() => parseArgs(['--nope'])).toThrow('Unknown flag --nope');
		expect(() => parseArgs(['--error-rate', '2'])).toThrow('between 0 and 1');
		expect(() => parseArgs(['--tier'])).toThrow('needs a value');
	});
});
