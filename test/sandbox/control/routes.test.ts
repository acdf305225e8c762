import { SEED } from '../../../sandbox';
import { useSandbox } from '../../support/sandbox/api';

describe('control API', () => {
	const api = useSandbox({ statuses: [] });

	it('the control API never returns secrets in state, only in /credentials', async () => {
		const state = JSON.stringify((await api.control('GET', '/')).json);
		expect(state).not.toContain(SEED.accessToken);
		expect(state).not.toContain(SEED.appSecret);
		expect(state).not.toContain(SEED.verifyToken);
		const creds = (await api.control('GET', '/credentials')).json;
		expect(creds).toEqual({
			accessToken: SEED.accessToken,
			phoneNumberId: SEED.phoneNumberId,
			businessAccountId: SEED.wabaId,
			appSecret: SEED.appSecret,
			verifyToken: SEED.verifyToken,
			apiVersion: 'v24.0',
			baseUrl: api.sb.url,
		});
	});
});
