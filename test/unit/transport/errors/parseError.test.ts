/**
 * Graph errors parsed into WhatsAppApiError through graphRequest, from the error shapes n8n-core
 * really throws (built by the fake context): code, subcode, details, fbtrace_id, HTTP status,
 * Retry-After, the catalogue's fix, and the advice for the ID and token mix-ups of Meta's quick
 * start.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { parseRetryAfter } from '../../../../nodes/WhatsAppCloud/transport/errors/parseError';
import {
	isWhatsAppApiError,
	WhatsAppApiError,
} from '../../../../nodes/WhatsAppCloud/transport/errors/whatsAppApiError';
import { graphRequest } from '../../../../nodes/WhatsAppCloud/transport/request';
import {
	catchError,
	expectNoSecrets,
	fakeContext,
	n8nHttpError,
	node,
	PHONE_ID,
	WABA_ID,
} from '../../../support/fakeHttpContext';

describe('graphRequest: Graph errors become WhatsAppApiError', () => {
	it('parses code, subcode, type, details, fbtrace_id, HTTP status and the catalog fix', async () => {
		const { ctx } = fakeContext((options) =>
			n8nHttpError(
				400,
				{
					error: {
						message: '(#131030) Recipient phone number not in allowed list',
						type: 'OAuthException',
						code: 131030,
						error_subcode: 2655007,
						error_data: {
							messaging_product: 'whatsapp',
							details:
								'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.',
						},
						fbtrace_id: 'AbCdEf123',
					},
				},
				{},
				options,
			),
		);
		const error = await catchError(
			graphRequest.call(ctx, 'POST', `/${PHONE_ID}/messages`, { body: { to: '1' }, itemIndex: 2 }),
		);
		expect(error).toBeInstanceOf(WhatsAppApiError);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(isWhatsAppApiError(error)).toBe(true);
		expect(error.graph).toEqual({
			code: 131030,
			subcode: 2655007,
			type: 'OAuthException',
			title: 'Recipient not in the allowed list',
			message: '(#131030) Recipient phone number not in allowed list',
			details:
				'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.',
			fbtraceId: 'AbCdEf123',
			httpStatus: 400,
			fix: expect.stringMatching(/allowlist/),
			retryable: false,
			transport: 'response',
		});
		expect(error.message).toBe('WhatsApp error 131030: Recipient not in the allowed list');
		expect(error.description).toContain(
			'Fix: With a test phone number you can only message numbers on its allowlist',
		);
		expect(error.description).toContain('fbtrace_id AbCdEf123');
		expect(error.description).toContain('code 131030, subcode 2655007, HTTP 400');
		expect(error.httpCode).toBe('400');
		expect(error.context.itemIndex).toBe(2);
		expect(error.name).toBe('WhatsAppApiError');
		expect(error.cause).toBeUndefined(); // the AxiosError (with the request headers) is not kept
		expectNoSecrets(error);
	});

	it('reads Retry-After (seconds) and marks throttling retryable with failure rate-limited', async () => {
		const { ctx } = fakeContext(() =>
			n8nHttpError(
				429,
				{
					error: {
						message: '(#130429) Rate limit hit',
						code: 130429,
						type: 'OAuthException',
						fbtrace_id: 'T1',
					},
				},
				{ 'Retry-After': '12' },
			),
		);
		const error = await catchError(
			graphRequest.call(ctx, 'POST', `/${PHONE_ID}/messages`, { body: {} }),
		);
		expect(error.graph).toMatchObject({
			code: 130429,
			httpStatus: 429,
			retryable: true,
			retryAfterMs: 12_000,
		});
		expect(error.failure).toEqual({ cause: 'rate-limited', retryAfterMs: 12_000 });
		expect(error.description).toContain('Meta asks to wait 12 s');
	});

	it('reads Retry-After given as an HTTP date', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('1.5')).toBe(1500);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});

	it('unknown code with HTTP 503 is retryable with failure temporarily-unavailable', async () => {
		const { ctx } = fakeContext(() =>
			n8nHttpError(503, { error: { message: 'Service temporarily unavailable', code: 987654 } }),
		);
		const error = await catchError(graphRequest.call(ctx, 'GET', `/${PHONE_ID}`));
		expect(error.graph).toMatchObject({
			code: 987654,
			httpStatus: 503,
			retryable: true,
			transport: 'response',
		});
		expect(error.failure).toEqual({ cause: 'temporarily-unavailable' });
	});

	it('a non-JSON answer (wrong base URL, proxy page) still explains itself', async () => {
		const { ctx } = fakeContext(() => n8nHttpError(404, '<html><body>Not Found</body></html>'));
		const error = await catchError(graphRequest.call(ctx, 'GET', `/${PHONE_ID}`));
		expect(error.graph.code).toBeUndefined();
		expect(error.graph.httpStatus).toBe(404);
		expect(error.graph.message).toMatch(/answered HTTP 404.*Not Found/);
		expect(error.graph.fix).toMatch(/API Base URL/);
		expect(error.message).toBe('Not found (HTTP 404)');
	});

	it('a JSON error body delivered as a string or Buffer is parsed', async () => {
		const body = JSON.stringify({ error: { message: 'bad', code: 131009, fbtrace_id: 'S' } });
		for (const data of [body, Buffer.from(body)]) {
			const { ctx } = fakeContext(() => n8nHttpError(400, data));
			const error = await catchError(graphRequest.call(ctx, 'GET', `/${PHONE_ID}`));
			expect(error.graph).toMatchObject({ code: 131009, fbtraceId: 'S' });
		}
	});

	it('a 200 answer carrying a Graph error body (proxy/emulator) is an error too', async () => {
		const { ctx } = fakeContext(() => ({ error: { message: 'nope', code: 131000 } }));
		const error = await catchError(graphRequest.call(ctx, 'GET', `/${PHONE_ID}`));
		expect(error.graph).toMatchObject({ code: 131000, httpStatus: 200, retryable: true });
	});

	it('error 100 on the phone number ID says it is probably the WABA ID', async () => {
		const { ctx } = fakeContext(
			() =>
				n8nHttpError(400, {
					error: {
						message: `Unsupported post request. Object with ID '${WABA_ID}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
						type: 'GraphMethodException',
						code: 100,
						error_subcode: 33,
						fbtrace_id: 'W1',
					},
				}),
			{ phoneNumberId: WABA_ID },
		);
		const error = await catchError(
			graphRequest.call(ctx, 'POST', `/${WABA_ID}/messages`, { body: {} }),
		);
		expect(error.graph.fix).toMatch(
			new RegExp(`Phone Number ID "${WABA_ID}" is the same as the WhatsApp Business Account ID`),
		);
		expect(error.graph.fix).toMatch(/"Phone number ID" shown under the sending number/);
	});

	it('error 100 on a phone number ID points at the Phone Number ID field, not at the WABA ID', async () => {
		const { ctx } = fakeContext(() =>
			n8nHttpError(400, {
				error: {
					message: '(#100) Tried accessing nonexisting field (display_phone_number)',
					code: 100,
				},
			}),
		);
		const error = await catchError(
			graphRequest.call(ctx, 'GET', `/${PHONE_ID}`, { qs: { fields: 'display_phone_number' } }),
		);
		expect(error.graph.fix).toMatch(new RegExp(`Meta cannot use Phone Number ID "${PHONE_ID}"`));
		expect(error.graph.fix).toMatch(/not the WhatsApp Business Account ID/);
	});

	it('error 100 on the WABA ID points at the WhatsApp Business Account ID field', async () => {
		const { ctx } = fakeContext(() =>
			n8nHttpError(400, {
				error: { message: 'Unsupported get request.', code: 100, error_subcode: 33 },
			}),
		);
		const error = await catchError(graphRequest.call(ctx, 'GET', `/${WABA_ID}/message_templates`));
		expect(error.graph.fix).toMatch(/WhatsApp Business Account ID "1029384756102938"/);
	});

	it('error 190 "cannot parse access token" says the token is malformed (e.g. missing/duplicated Bearer)', async () => {
		const { ctx } = fakeContext(() =>
			n8nHttpError(401, {
				error: {
					message: 'Invalid OAuth access token - Cannot parse access token',
					type: 'OAuthException',
					code: 190,
				},
			}),
		);
		const error = await catchError(graphRequest.call(ctx, 'GET', `/${PHONE_ID}`));
		expect(error.graph.fix).toMatch(/malformed.*without quotes, spaces or a "Bearer " prefix/);
		expect(error.failure).toEqual({ cause: 'credential-invalid' });
	});

	it('error 190 subcode 463 says the (temporary) token expired', async () => {
		const { ctx } = fakeContext(() =>
			n8nHttpError(401, {
				error: {
					message: 'Error validating access token: Session has expired on Friday.',
					code: 190,
					error_subcode: 463,
				},
			}),
		);
		const error = await catchError(graphRequest.call(ctx, 'GET', `/${PHONE_ID}`));
		expect(error.message).toBe('WhatsApp error 190: Access token expired');
		expect(error.graph.fix).toMatch(/24 hours.*System User token/);
	});

	it('error_user_msg is used as details when error_data.details is missing', async () => {
		const { ctx } = fakeContext(() =>
			n8nHttpError(400, {
				error: {
					message: 'Invalid parameter',
					code: 100,
					error_user_title: 'Bad name',
					error_user_msg: 'Template name must be lowercase.',
				},
			}),
		);
		const error = await catchError(
			graphRequest.call(ctx, 'POST', `/${WABA_ID}/message_templates`, { body: {} }),
		);
		expect(error.graph.details).toBe('Template name must be lowercase.');
		expect(error.graph.userTitle).toBe('Bad name');
		expect(error.description).toContain('Invalid parameter - Template name must be lowercase.');
	});

	it('NodeOperationErrors from n8n (e.g. credential missing) pass through unchanged', async () => {
		const original = new NodeOperationError(
			node,
			'Node "WhatsApp" does not have any credentials of type "whatsAppCloudApi" set',
		);
		const { ctx } = fakeContext(() => original);
		const error = await catchError(graphRequest.call(ctx, 'GET', `/${PHONE_ID}`));
		expect(error).toBe(original);
	});
});
