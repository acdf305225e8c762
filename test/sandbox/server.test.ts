import { SEED } from '../../sandbox';
import { startApi, useSandbox } from '../support/sandbox/api';
import { startReceiver } from '../support/sandbox/receiver';

/** startSandbox(): paths and versions, the latency knob, the handshake at start. */

describe('startSandbox', () => {
	const api = useSandbox({ pairRateSeconds: 0 });

	it('accepts any vN.N version and rejects a malformed one', async () => {
		expect((await api.get(`/v19.0/${SEED.phoneNumberId}`)).status).toBe(200);
		const bad = await api.get(`/v24/${SEED.phoneNumberId}`);
		expect(bad.status).toBe(400);
		expect(bad.json.error.code).toBe(100);
	});

	it('latency is added to every Graph answer', async () => {
		api.sb.sandbox.configure({ latencyMs: 120 });
		const t0 = Date.now();
		await api.get(`/${SEED.phoneNumberId}`);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(115);
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
});
