import { SEED } from '../../../sandbox';
import { startApi, useSandbox } from '../../support/sandbox/api';

describe('access token', () => {
	const api = useSandbox({ pairRateSeconds: 0 });

	it('wrong token: 190 with HTTP 401 and a WWW-Authenticate header', async () => {
		const r = await api.get(`/${SEED.phoneNumberId}`, { token: 'EAAG-wrong' });
		expect(r.status).toBe(401);
		expect(r.json.error).toMatchObject({ code: 190, type: 'OAuthException' });
		expect(r.json.error.fbtrace_id).toMatch(/^A[\w-]{22}$/);
		expect(r.headers.get('www-authenticate')).toContain('invalid_token');
	});

	it('no token at all: 104 (spec: missing_token) with HTTP 401', async () => {
		const r = await api.get(`/${SEED.phoneNumberId}`, { token: null });
		expect(r.status).toBe(401);
		expect(r.json.error.code).toBe(104);
	});

	it('Authorization without "Bearer": 190, recorded as a pitfall', async () => {
		const r = await api.get(`/${SEED.phoneNumberId}`, {
			token: null,
			headers: { authorization: SEED.accessToken },
		});
		expect(r.status).toBe(401);
		expect(r.json.error.code).toBe(190);
		const p = await api.control('GET', '/pitfalls');
		expect(p.json.data.map((x: { kind: string }) => x.kind)).toContain(
			'authorization_without_bearer',
		);
	});

	it('"Bearer " with an empty token (empty credential field): 190, not 104', async () => {
		const r = await api.get(`/${SEED.phoneNumberId}`, {
			token: null,
			headers: { authorization: 'Bearer ' },
		});
		expect([r.status, r.json.error.code]).toEqual([401, 190]);
		expect(api.sb.sandbox.pitfalls.last()?.kind).toBe('empty_token');
	});

	it('expired token: 190 subcode 463', async () => {
		const sb = await startApi({ expiredTokens: ['EAAtemporary'] });
		try {
			const r = await sb.get(`/${SEED.phoneNumberId}`, { token: 'EAAtemporary' });
			expect(r.status).toBe(401);
			expect(r.json.error).toMatchObject({ code: 190, error_subcode: 463 });
		} finally {
			await sb.sb.close();
		}
	});

	it('token in the query string is refused (190) and recorded, never stored in the request log', async () => {
		const r = await api.get(`/${SEED.phoneNumberId}?access_token=${SEED.accessToken}`, {
			token: null,
		});
		expect(r.status).toBe(401);
		expect(r.json.error.code).toBe(190);
		const p = await api.control('GET', '/pitfalls');
		expect(p.json.data[0].kind).toBe('token_in_query');
		const log = await api.control('GET', '/requests');
		expect(JSON.stringify(log.json)).not.toContain(SEED.accessToken);
		expect(log.json.data.at(-1).path).toContain('access_token=REDACTED');
	});

	it('queryToken "record" serves the request but still records the pitfall', async () => {
		api.sb.sandbox.configure({ queryToken: 'record' });
		const r = await api.get(`/${SEED.phoneNumberId}?access_token=${SEED.accessToken}`, {
			token: null,
		});
		expect(r.status).toBe(200);
		expect(api.sb.sandbox.counters.pitfalls).toBe(1);
	});
});
