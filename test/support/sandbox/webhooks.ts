/**
 * A sandbox that sends its webhooks to a receiver of its own, timed for tests, and readers for
 * what the receiver got (signature check, parsed body, the statuses in it).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

import { type Api, lazy, startApi } from './api';
import { type Receiver, startReceiver } from './receiver';

const SECRET = 'test-app-secret';

/**
 * One sandbox and its receiver for the enclosing describe block (started in beforeAll, closed in
 * afterAll). Before each test: empty records (knobs kept), and an empty receiver that answers 200
 * and echoes handshakes with the seeded verify token.
 */
export function useWebhookPair(): { api: Api; rx: Receiver } {
	let rx: Receiver | undefined;
	let api: Api | undefined;
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
		await api?.sb.close();
		await rx?.close();
	});
	beforeEach(() => {
		api?.sb.sandbox.reset({ keepKnobs: true });
		if (!rx) return;
		rx.received.length = 0;
		rx.postStatuses.length = 0;
		rx.verifyToken = 'sandbox-verify-token';
	});
	return { api: lazy(() => api), rx: lazy(() => rx) };
}

export function verifySignature(
	raw: Buffer,
	header: string | string[] | undefined,
	secret = SECRET,
): boolean {
	if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
	const expected = createHmac('sha256', secret).update(raw).digest();
	const given = Buffer.from(header.slice(7), 'hex');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

export const parse = (raw: Buffer) => JSON.parse(raw.toString('utf8'));

export const statusesOf = (raw: Buffer) =>
	parse(raw).entry[0].changes[0].value.statuses as Array<Record<string, any>>;
