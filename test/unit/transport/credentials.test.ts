/**
 * The credential as the transport reads it: the non-secret account settings, and base URL / Graph
 * API version normalized into request URLs.
 */
import {
	buildGraphUrl,
	getAccountInfo,
	normalizeApiVersion,
	normalizeBaseUrl,
} from '../../../nodes/WhatsAppCloud/transport/credentials';
import { fakeContext, PHONE_ID, TOKEN, WABA_ID } from '../../support/fakeHttpContext';

describe('credential settings', () => {
	it('getAccountInfo returns the non-secret settings only', async () => {
		const { ctx } = fakeContext(() => ({}), { baseUrl: 'https://graph.facebook.com/' });
		const info = await getAccountInfo.call(ctx);
		expect(info).toEqual({
			phoneNumberId: PHONE_ID,
			businessAccountId: WABA_ID,
			apiVersion: 'v24.0',
			baseUrl: 'https://graph.facebook.com',
		});
		expect(JSON.stringify(info)).not.toContain(TOKEN);
	});

	it('helpers: buildGraphUrl, normalizeBaseUrl, normalizeApiVersion', () => {
		expect(buildGraphUrl({ baseUrl: 'https://x.test', apiVersion: 'v24.0' }, '/1/messages')).toBe(
			'https://x.test/v24.0/1/messages',
		);
		expect(normalizeBaseUrl('https://proxy.corp/graph/')).toBe('https://proxy.corp/graph');
		expect(normalizeBaseUrl('ftp://x')).toBeUndefined();
		expect(normalizeApiVersion('V23.0')).toBe('v23.0');
		expect(normalizeApiVersion('v24')).toBe('v24');
		expect(normalizeApiVersion('24.0.1')).toBeUndefined();
	});
});
