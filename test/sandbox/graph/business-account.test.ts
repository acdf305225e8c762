import { SEED } from '../../../sandbox';
import { useSandbox } from '../../support/sandbox/api';
import { text } from '../../support/sandbox/messages';

const USER = SEED.users[0].waId;

describe('the WABA ID', () => {
	const api = useSandbox({ pairRateSeconds: 0 });

	it('a WABA ID used as phone number ID: code 100 "nonexisting field" on GET', async () => {
		const r = await api.get(
			`/${SEED.wabaId}?fields=display_phone_number,verified_name,quality_rating`,
		);
		expect(r.status).toBe(400);
		expect(r.json.error.code).toBe(100);
		expect(r.json.error.message).toContain('WhatsAppBusinessAccount');
		expect(api.sb.sandbox.pitfalls.last()?.kind).toBe('waba_id_as_phone_number_id');
	});

	it('a WABA ID where the phone number ID belongs: Meta\'s "Unsupported post request" (100)', async () => {
		const r = await api.post(`/${SEED.wabaId}/messages`, {
			messaging_product: 'whatsapp',
			...text(USER),
		});
		expect(r.status).toBe(400);
		expect(r.json.error.code).toBe(100);
		expect(r.json.error.error_subcode).toBe(33);
		expect(r.json.error.message).toContain(
			`Unsupported post request. Object with ID '${SEED.wabaId}' does not exist`,
		);
		expect(api.sb.sandbox.counters.messages.byCode['100']).toBe(1);
	});
});
