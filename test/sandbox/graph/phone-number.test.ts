import { SEED } from '../../../sandbox';
import { useSandbox } from '../../support/sandbox/api';
import { startReceiver } from '../../support/sandbox/receiver';
import { useWebhookPair } from '../../support/sandbox/webhooks';

const USER = SEED.users[0].waId;

describe('GET /{phone-number-id}', () => {
	const api = useSandbox({ pairRateSeconds: 0 });

	it('answers the fields the credential test asks for', async () => {
		const r = await api.get(
			`/v24.0/${SEED.phoneNumberId}?fields=display_phone_number,verified_name,quality_rating`,
		);
		expect(r.status).toBe(200);
		expect(r.json).toEqual({
			display_phone_number: SEED.displayPhoneNumber,
			verified_name: SEED.verifiedName,
			quality_rating: 'GREEN',
			id: SEED.phoneNumberId,
		});
		expect(r.headers.get('facebook-api-version')).toBe('v24.0');
	});

	it('optional fields: webhook_configuration, throughput, unknown field', async () => {
		const r = await api.get(
			`/${SEED.phoneNumberId}?fields=webhook_configuration,throughput,platform_type`,
		);
		expect(r.json).toEqual({
			webhook_configuration: {},
			throughput: { level: 'STANDARD' },
			platform_type: 'CLOUD_API',
			id: SEED.phoneNumberId,
		});
		const bad = await api.get(`/${SEED.phoneNumberId}?fields=nope`);
		expect(bad.json.error.code).toBe(100);
	});
});

describe('WABA edges on the phone number ID', () => {
	const api = useSandbox({ statuses: [], pairRateSeconds: 0, tier: 1000 }, { keepKnobs: true });

	it('the phone number ID is not a WABA: 100 "nonexisting field (message_templates)" and a pitfall', async () => {
		const r = await api.get(`/${SEED.phoneNumberId}/message_templates`);
		expect(r.status).toBe(400);
		expect(r.json.error.message).toBe(
			'(#100) Tried accessing nonexisting field (message_templates) on node type (WhatsAppBusinessPhoneNumber)',
		);
		expect(api.sb.sandbox.pitfalls.last()?.kind).toBe('phone_number_id_as_waba_id');
	});
});

describe('POST /{phone-number-id}: webhook override', () => {
	const { api, rx } = useWebhookPair();

	it('phone number webhook override: handshake with its verify token, then messages go there', async () => {
		const other = await startReceiver('override-token');
		try {
			const bad = await api.post(`/${SEED.phoneNumberId}`, {
				webhook_configuration: { override_callback_uri: other.url, verify_token: 'wrong' },
			});
			expect(bad.status).toBe(400);
			expect(bad.json.error.code).toBe(2200);
			const ok = await api.post(`/${SEED.phoneNumberId}`, {
				webhook_configuration: {
					override_callback_uri: other.url,
					verify_token: 'override-token',
				},
			});
			expect(ok.json).toEqual({ success: true });
			const cfg = await api.get(`/${SEED.phoneNumberId}?fields=webhook_configuration`);
			expect(cfg.json.webhook_configuration).toEqual({
				phone_number: other.url,
				application: rx.url,
			});
			await api.control('POST', '/inbound', { from: USER, text: 'to the override' });
			await other.waitForPosts(1);
			expect(rx.posts()).toHaveLength(0);
			expect(
				(
					await api.post(`/${SEED.phoneNumberId}`, {
						webhook_configuration: { override_callback_uri: '' },
					})
				).json,
			).toEqual({ success: true });
			expect(
				(await api.get(`/${SEED.phoneNumberId}?fields=webhook_configuration`)).json
					.webhook_configuration,
			).toEqual({ application: rx.url });
		} finally {
			await other.close();
		}
	});

	it('a phone number override needs the app subscribed first (spec)', async () => {
		await api.del(`/${SEED.wabaId}/subscribed_apps`);
		const r = await api.post(`/${SEED.phoneNumberId}`, {
			webhook_configuration: {
				override_callback_uri: rx.url,
				verify_token: 'sandbox-verify-token',
			},
		});
		expect(r.status).toBe(400);
		expect(r.json.error.error_data.details).toContain('subscribed_apps');
		expect(rx.gets()).toHaveLength(0);
	});
});
