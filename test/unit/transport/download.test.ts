/**
 * Which hosts may receive the access token when a media file is downloaded.
 */
import { isTrustedMediaUrl } from '../../../nodes/WhatsAppCloud/transport/download';

describe('media download: trusted hosts', () => {
	it("the token goes only to Meta's hosts over https, or to the credential's own API host", () => {
		const base = 'https://graph.facebook.com';
		expect(
			isTrustedMediaUrl('https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1', base),
		).toBe(true);
		expect(isTrustedMediaUrl('https://scontent.whatsapp.net/v/t61/x', base)).toBe(true);
		expect(isTrustedMediaUrl('http://lookaside.fbsbx.com/x', base)).toBe(false);
		expect(isTrustedMediaUrl('https://fbsbx.com.evil.example/x', base)).toBe(false);
		expect(isTrustedMediaUrl('https://evil.example/x', base)).toBe(false);
		expect(
			isTrustedMediaUrl(
				'http://127.0.0.1:4010/whatsapp_business/attachments/?mid=1',
				'http://127.0.0.1:4010',
			),
		).toBe(true);
		expect(isTrustedMediaUrl('http://127.0.0.1:4011/x', 'http://127.0.0.1:4010')).toBe(false);
		expect(isTrustedMediaUrl('not a url', base)).toBe(false);
	});
});
