import { SEED } from '../../../sandbox';
import { startReceiver } from '../../support/sandbox/receiver';
import { useWebhookPair } from '../../support/sandbox/webhooks';

const USER = SEED.users[0].waId;

describe('subscribed_apps', () => {
	const { api, rx } = useWebhookPair();

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
