import { useSandbox } from '../../support/sandbox/api';

describe('runtime config', () => {
	const api = useSandbox({ statuses: [] });

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
});
