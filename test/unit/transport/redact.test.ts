/**
 * Secrets never survive in an error: tokens echoed by Meta, token query parameters, Bearer values,
 * URL credentials.
 */
import { redactSecrets } from '../../../nodes/WhatsAppCloud/transport/redact';
import { graphRequest } from '../../../nodes/WhatsAppCloud/transport/request';
import {
	APP_SECRET,
	catchError,
	expectNoSecrets,
	fakeContext,
	n8nHttpError,
	PHONE_ID,
	TOKEN,
	VERIFY_TOKEN,
} from '../../support/fakeHttpContext';

describe('redaction', () => {
	it("scrubs a token echoed in Meta's message, details and a URL query", async () => {
		const { ctx } = fakeContext(() =>
			n8nHttpError(400, {
				error: {
					message: `Malformed access token ${TOKEN}`,
					code: 190,
					error_data: {
						details: `request https://graph.facebook.com/v24.0/me?access_token=${encodeURIComponent(TOKEN)}&x=1 failed; secret ${APP_SECRET}, verify ${VERIFY_TOKEN}`,
					},
					error_user_msg: `Bearer ${TOKEN}`,
					error_user_title: `token ${TOKEN}`,
				},
			}),
		);
		const error = await catchError(graphRequest.call(ctx, 'GET', `/${PHONE_ID}`));
		expectNoSecrets(error);
		expect(error.graph.message).toBe('Malformed access token [redacted]');
		expect(error.graph.details).toContain('access_token=[redacted]&x=1');
		expect(error.graph.details).toContain('secret [redacted], verify [redacted]');
		expect(error.graph.userTitle).toBe('token [redacted]');
	});

	it('scrubs the token even when the credential stores it with a "Bearer " prefix', async () => {
		const { ctx } = fakeContext(
			() => n8nHttpError(400, { error: { message: `bad ${TOKEN}`, code: 100 } }),
			{
				accessToken: `Bearer ${TOKEN}`,
			},
		);
		const error = await catchError(graphRequest.call(ctx, 'GET', `/${PHONE_ID}`));
		expectNoSecrets(error);
	});

	it('redactSecrets covers known secrets, token query parameters, Bearer values, EAA tokens and URL user:pass', () => {
		expect(redactSecrets('a SECRETVALUE b', ['SECRETVALUE'])).toBe('a [redacted] b');
		expect(redactSecrets('x?access_token=abc&appsecret_proof=def&y=2')).toBe(
			'x?access_token=[redacted]&appsecret_proof=[redacted]&y=2',
		);
		expect(redactSecrets('Authorization: Bearer abcdefgh12345')).toBe(
			'Authorization: Bearer [redacted]',
		);
		expect(redactSecrets('token EAAB1234567890abcdefghij end')).toBe('token [redacted] end');
		expect(redactSecrets('https://user:pa55@proxy.corp/graph')).toBe(
			'https://[redacted]@proxy.corp/graph',
		);
		expect(redactSecrets('short ab', ['ab'])).toBe('short ab'); // too short to be a secret: not mangled
	});
});
