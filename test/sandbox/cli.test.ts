import { parseArgs } from '../../sandbox/cli';

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
