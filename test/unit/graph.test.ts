import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeType } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import {
	buildGraphUrl,
	getAccountInfo,
	normalizeApiVersion,
	normalizeBaseUrl,
} from '../../nodes/WhatsAppCloud/transport/credentials';
import { parseRetryAfter } from '../../nodes/WhatsAppCloud/transport/errors/parseError';
import {
	isWhatsAppApiError,
	WhatsAppApiError,
} from '../../nodes/WhatsAppCloud/transport/errors/whatsAppApiError';
import { graphRequestAllPages, nextPageRequest } from '../../nodes/WhatsAppCloud/transport/paging';
import { redactSecrets } from '../../nodes/WhatsAppCloud/transport/redact';
import { graphRequest } from '../../nodes/WhatsAppCloud/transport/request';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph';
import { createLoadOptionsContext } from '../support/n8n/loadOptions';

import {
	TOKEN,
	APP_SECRET,
	VERIFY_TOKEN,
	PHONE_ID,
	WABA_ID,
	node,
	expectNoSecrets,
	n8nHttpError,
	n8nNetworkError,
	fakeContext,
	catchError,
} from '../support/fakeHttpContext';

describe('graphRequest: request building', () => {
	it('builds {baseUrl}/{apiVersion}{path}, sends through the credential, keeps the token out of the URL', async () => {
		const { ctx, calls } = fakeContext(() => ({ messages: [{ id: 'wamid.1' }] }));
		const body = {
			messaging_product: 'whatsapp',
			to: '+15551234567',
			type: 'text',
			text: { body: 'hi' },
		};
		const result = await graphRequest.call(ctx, 'POST', `/${PHONE_ID}/messages`, { body });
		expect(result).toEqual({ messages: [{ id: 'wamid.1' }] });
		expect(calls).toHaveLength(1);
		expect(calls[0].type).toBe('whatsAppCloudApi');
		expect(calls[0].thisArg).toBe(ctx); // n8n-core's helper needs the context as `this`
		expect(calls[0].options).toEqual({
			method: 'POST',
			url: `https://graph.facebook.com/v24.0/${PHONE_ID}/messages`,
			json: true,
			body,
		});
		expect(JSON.stringify(calls[0].options)).not.toContain(TOKEN);
	});

	it('passes qs, drops access_token / appsecret_proof from it and never sets Authorization itself', async () => {
		const { ctx, calls } = fakeContext(() => ({ data: [] }));
		await graphRequest.call(ctx, 'GET', `/${WABA_ID}/message_templates`, {
			qs: {
				limit: 50,
				fields: 'name,status',
				access_token: TOKEN,
				appsecret_proof: 'x',
				skip: undefined,
			},
			headers: { Authorization: 'Bearer other', 'X-Trace': '1' },
		});
		expect(calls[0].options.qs).toEqual({ limit: 50, fields: 'name,status' });
		expect(calls[0].options.headers).toEqual({ 'X-Trace': '1' });
		expect(calls[0].options.url).toBe(
			`https://graph.facebook.com/v24.0/${WABA_ID}/message_templates`,
		);
	});

	it('normalizes base URL and version from the credential', async () => {
		const { ctx, calls } = fakeContext(() => ({}), {
			baseUrl: ' http://127.0.0.1:8080/v23.0/ ',
			apiVersion: '24.0',
		});
		await graphRequest.call(ctx, 'GET', `/${PHONE_ID}`);
		expect(calls[0].options.url).toBe(`http://127.0.0.1:8080/v24.0/${PHONE_ID}`);
	});

	it('uses the defaults when base URL and version are empty', async () => {
		const { ctx, calls } = fakeContext(() => ({}), { baseUrl: '', apiVersion: '' });
		await graphRequest.call(ctx, 'GET', `/${PHONE_ID}`);
		expect(calls[0].options.url).toBe(`https://graph.facebook.com/v24.0/${PHONE_ID}`);
	});

	it('rejects a base URL that is not a URL, naming the field, before any request', async () => {
		const { ctx, calls } = fakeContext(() => ({}), { baseUrl: 'graph.facebook.com' });
		const error = await catchError(graphRequest.call(ctx, 'GET', `/${PHONE_ID}`));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/API Base URL "graph\.facebook\.com" is not a URL/);
		expect(calls).toHaveLength(0);
	});

	it('rejects a bad Graph API version', async () => {
		const { ctx } = fakeContext(() => ({}), { apiVersion: 'latest' });
		const error = await catchError(graphRequest.call(ctx, 'GET', `/${PHONE_ID}`));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.description).toMatch(/v24\.0/);
	});

	it('explains an empty ID in the path (empty credential field) instead of calling Meta', async () => {
		const { ctx, calls } = fakeContext(() => ({}), { phoneNumberId: '' });
		const info = await getAccountInfo.call(ctx);
		const error = await catchError(
			graphRequest.call(ctx, 'POST', `/${info.phoneNumberId}/messages`, { itemIndex: 3 }),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.description).toMatch(/Phone Number ID or WhatsApp Business Account ID field/);
		expect(error.context.itemIndex).toBe(3);
		expect(calls).toHaveLength(0);
		await expect(graphRequest.call(ctx, 'GET', '/undefined/phone_numbers')).rejects.toThrow(
			/empty ID/,
		);
		await expect(graphRequest.call(ctx, 'GET', 'no-slash')).rejects.toThrow(/must start with "\/"/);
	});

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

describe('graphRequest: network failures', () => {
	it.each([
		[
			'ECONNREFUSED',
			false,
			false,
			/Nothing accepted the connection at API Base URL \(https:\/\/graph\.facebook\.com\)/,
		],
		['ENOTFOUND', false, false, /could not be resolved/],
		['EAI_AGAIN', true, false, /temporarily/],
		['ETIMEDOUT', true, true, /timed-out send may still have been delivered/],
		['ECONNABORTED', true, true, /No answer/],
		['ECONNRESET', true, true, /closed unexpectedly/],
		['EHOSTUNREACH', true, false, /cannot reach/],
		['CERT_HAS_EXPIRED', false, false, /certificate/],
		['ERR_INVALID_URL', false, false, /full URL/],
		['ERR_CANCELED', false, true, /cancelled/],
		['EWHATEVER', false, false, /failed before an answer arrived \(EWHATEVER\)/],
	])('%s -> retryable=%p ambiguous=%p', async (code, retryable, ambiguous, fix) => {
		const { ctx } = fakeContext(() => n8nNetworkError(code));
		const error = await catchError(
			graphRequest.call(ctx, 'POST', `/${PHONE_ID}/messages`, { body: {}, itemIndex: 1 }),
		);
		expect(error).toBeInstanceOf(WhatsAppApiError);
		expect(error.graph).toMatchObject({
			transport: 'network',
			networkCode: code,
			retryable,
			ambiguous,
		});
		expect(error.graph.httpStatus).toBeUndefined();
		expect(error.graph.fix).toMatch(fix);
		// n8n's generic "The service refused the connection" must not replace our message.
		expect(error.message).toBe(error.graph.title);
		expect(error.context.itemIndex).toBe(1);
		expectNoSecrets(error);
	});

	it('finds the code inside an AggregateError (dual-stack connect)', async () => {
		const aggregate = Object.assign(
			new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], ''),
			{},
		);
		const { ctx } = fakeContext(
			() =>
				new NodeApiError(
					node,
					aggregate as unknown as ConstructorParameters<typeof NodeApiError>[1],
				),
		);
		const error = await catchError(graphRequest.call(ctx, 'GET', `/${PHONE_ID}`));
		expect(error.graph.networkCode).toBe('ECONNREFUSED');
	});

	it('an error with neither response nor code is still a WhatsAppApiError', async () => {
		const { ctx } = fakeContext(
			() => new Error(`weird failure for https://graph.facebook.com/v24.0/x?access_token=${TOKEN}`),
		);
		const error = await catchError(graphRequest.call(ctx, 'GET', `/${PHONE_ID}`));
		expect(error.graph.transport).toBe('network');
		expect(error.graph.message).toContain('access_token=[redacted]');
		expectNoSecrets(error);
	});
});

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

describe('graphRequestAllPages', () => {
	it('follows paging.next, re-based on the credential URL, without the token in the URL', async () => {
		const pages: IDataObject[] = [
			{
				data: [{ id: 1 }, { id: 2 }],
				paging: {
					cursors: { before: 'b0', after: 'a1' },
					next: `https://graph.facebook.com/v24.0/${WABA_ID}/message_templates?access_token=${TOKEN}&limit=2&after=a1`,
				},
			},
			{
				data: [{ id: 3 }, { id: 4 }],
				paging: {
					next: `https://other.example/v24.0/${WABA_ID}/message_templates?limit=2&after=a2`,
				},
			},
			{ data: [{ id: 5 }], paging: { cursors: { before: 'b2', after: 'a3' } } },
		];
		const { ctx, calls } = fakeContext((_o, i) => pages[i], { baseUrl: 'http://127.0.0.1:9999' });
		const rows = await graphRequestAllPages.call(ctx, `/${WABA_ID}/message_templates`, {
			limit: 2,
		});
		expect(rows).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }, { id: 5 }]);
		expect(calls.map((c) => [c.options.url, c.options.qs])).toEqual([
			[`http://127.0.0.1:9999/v24.0/${WABA_ID}/message_templates`, { limit: 2 }],
			[`http://127.0.0.1:9999/v24.0/${WABA_ID}/message_templates`, { limit: '2', after: 'a1' }],
			[`http://127.0.0.1:9999/v24.0/${WABA_ID}/message_templates`, { limit: '2', after: 'a2' }],
		]);
		expect(JSON.stringify(calls)).not.toContain(TOKEN);
	});

	it('stops on an empty page, a repeated next link, maxPages and maxItems', async () => {
		const loop = {
			data: [{ id: 1 }],
			paging: { next: 'https://graph.facebook.com/v24.0/1/x?after=same' },
		};
		const { ctx, calls } = fakeContext(() => loop);
		expect(await graphRequestAllPages.call(ctx, '/1/x')).toHaveLength(2); // first + one follow, then the repeat is detected
		expect(calls).toHaveLength(2);

		const { ctx: ctx2, calls: calls2 } = fakeContext((_o, i) => ({
			data: [{ id: i }],
			paging: { next: `https://graph.facebook.com/v24.0/1/x?after=${i}` },
		}));
		expect(await graphRequestAllPages.call(ctx2, '/1/x', {}, { maxPages: 3 })).toHaveLength(3);
		expect(calls2).toHaveLength(3);

		const { ctx: ctx3 } = fakeContext((_o, i) => ({
			data: [{ id: i }, { id: i + 0.5 }],
			paging: { next: `https://graph.facebook.com/v24.0/1/x?after=${i}` },
		}));
		expect(await graphRequestAllPages.call(ctx3, '/1/x', {}, { maxItems: 3 })).toHaveLength(3);

		const { ctx: ctx4, calls: calls4 } = fakeContext(() => ({
			data: [],
			paging: { next: 'https://graph.facebook.com/v24.0/1/x?after=z' },
		}));
		expect(await graphRequestAllPages.call(ctx4, '/1/x')).toEqual([]);
		expect(calls4).toHaveLength(1);
	});

	it('nextPageRequest falls back to cursors.after when next is not a Graph URL', () => {
		expect(
			nextPageRequest({ next: 'not a url', cursors: { after: 'c9' } }, '/1/x', { limit: 5 }),
		).toEqual({
			path: '/1/x',
			qs: { limit: 5, after: 'c9' },
		});
		expect(nextPageRequest({ cursors: { after: 'c9' } }, '/1/x', {})).toBeUndefined(); // no next: last page
		expect(nextPageRequest(undefined, '/1/x', {})).toBeUndefined();
	});

	it('a failing page throws WhatsAppApiError', async () => {
		const { ctx } = fakeContext((_o, i) =>
			i === 0
				? { data: [{ id: 1 }], paging: { next: 'https://graph.facebook.com/v24.0/1/x?after=1' } }
				: n8nHttpError(400, { error: { message: 'rate', code: 80007 } }),
		);
		const error = await catchError(graphRequestAllPages.call(ctx, '/1/x'));
		expect(error.graph).toMatchObject({ code: 80007, retryable: true });
	});
});

const probeNode: INodeType = {
	description: {
		displayName: 'Graph Probe',
		name: 'graphProbe',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Graph Probe' },
		inputs: ['main'] as INodeType['description']['inputs'],
		outputs: ['main'] as INodeType['description']['outputs'],
		credentials: [{ name: 'whatsAppCloudApi', required: true }],
		properties: [],
	},
};

describe('graphRequest through real n8n-core (httpRequestWithAuthentication + axios)', () => {
	let graph: FakeGraph;
	beforeAll(async () => {
		graph = await startFakeGraph();
	});
	afterAll(async () => {
		await graph.close();
	});
	beforeEach(() => graph.reset());

	function realContext(credentials: IDataObject = {}) {
		const { context } = createLoadOptionsContext({
			nodeType: probeNode,
			credentialTypes: [new WhatsAppCloudApi()],
			credentials: {
				whatsAppCloudApi: {
					accessToken: TOKEN,
					phoneNumberId: PHONE_ID,
					businessAccountId: WABA_ID,
					appSecret: APP_SECRET,
					verifyToken: VERIFY_TOKEN,
					apiVersion: 'v24.0',
					baseUrl: `${graph.url}/`,
					...credentials,
				},
			},
		});
		return context;
	}

	it('sends Bearer in the header only, JSON body, query string, to {baseUrl}/{version}{path}', async () => {
		graph.on('POST', `/v24.0/${PHONE_ID}/messages`, {
			json: { messaging_product: 'whatsapp', messages: [{ id: 'wamid.X' }] },
		});
		const result = await graphRequest.call(realContext(), 'POST', `/${PHONE_ID}/messages`, {
			body: {
				messaging_product: 'whatsapp',
				to: '+15551234567',
				type: 'text',
				text: { body: 'hello' },
			},
			qs: { debug: 'all' },
		});
		expect(result).toEqual({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.X' }] });
		const [req] = graph.requests;
		expect(req.method).toBe('POST');
		expect(req.path).toBe(`/v24.0/${PHONE_ID}/messages`);
		expect(req.query).toEqual({ debug: 'all' });
		expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(req.headers['content-type']).toMatch(/application\/json/);
		expect(req.json).toEqual({
			messaging_product: 'whatsapp',
			to: '+15551234567',
			type: 'text',
			text: { body: 'hello' },
		});
		expect(req.url).not.toContain(TOKEN);
	});

	it('accepts a token pasted with "Bearer " and spaces (authenticate strips them)', async () => {
		graph.on('GET', `/v24.0/${PHONE_ID}`, { json: { id: PHONE_ID } });
		await graphRequest.call(
			realContext({ accessToken: `  Bearer ${TOKEN}  ` }),
			'GET',
			`/${PHONE_ID}`,
		);
		expect(graph.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
	});

	it('a real 401 with the token echoed back: parsed, retryable=false, no secret anywhere', async () => {
		graph.on('GET', `/v24.0/${PHONE_ID}`, {
			status: 401,
			headers: { 'www-authenticate': 'OAuth "Facebook Platform" "invalid_token"' },
			json: {
				error: {
					message: `Invalid OAuth access token - Cannot parse access token ${TOKEN}`,
					type: 'OAuthException',
					code: 190,
					fbtrace_id: 'AReal401',
				},
			},
		});
		const error = await catchError(
			graphRequest.call(realContext(), 'GET', `/${PHONE_ID}`, { qs: { fields: 'id' } }),
		);
		expect(error).toBeInstanceOf(WhatsAppApiError);
		expect(error.graph).toMatchObject({
			code: 190,
			httpStatus: 401,
			fbtraceId: 'AReal401',
			retryable: false,
			transport: 'response',
		});
		expect(error.graph.message).toBe(
			'Invalid OAuth access token - Cannot parse access token [redacted]',
		);
		expectNoSecrets(error);
	});

	it('a real 429 with Retry-After and a 400 with details', async () => {
		graph.once('POST', `/v24.0/${PHONE_ID}/messages`, {
			status: 429,
			headers: { 'Retry-After': '3' },
			json: {
				error: {
					message: '(#130429) Rate limit hit',
					code: 130429,
					type: 'OAuthException',
					fbtrace_id: 'R1',
				},
			},
		});
		graph.once('POST', `/v24.0/${PHONE_ID}/messages`, {
			status: 400,
			json: {
				error: {
					message: '(#131047) Re-engagement message',
					code: 131047,
					error_data: {
						messaging_product: 'whatsapp',
						details:
							'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
					},
					fbtrace_id: 'R2',
				},
			},
		});
		const ctx = realContext();
		const first = await catchError(
			graphRequest.call(ctx, 'POST', `/${PHONE_ID}/messages`, { body: { to: '1' } }),
		);
		expect(first.graph).toMatchObject({
			code: 130429,
			httpStatus: 429,
			retryable: true,
			retryAfterMs: 3000,
		});
		const second = await catchError(
			graphRequest.call(ctx, 'POST', `/${PHONE_ID}/messages`, { body: { to: '1' } }),
		);
		expect(second.graph).toMatchObject({
			code: 131047,
			httpStatus: 400,
			retryable: false,
			fbtraceId: 'R2',
		});
		expect(second.graph.details).toMatch(/more than 24 hours/);
		expect(second.graph.fix).toMatch(/Send an approved template/);
	});

	it('a real connection refusal names the base URL', async () => {
		const closed = await startFakeGraph();
		const url = closed.url;
		await closed.close();
		const error = await catchError(
			graphRequest.call(realContext({ baseUrl: url }), 'GET', `/${PHONE_ID}`),
		);
		expect(error.graph).toMatchObject({
			transport: 'network',
			networkCode: 'ECONNREFUSED',
			retryable: false,
		});
		expect(error.graph.fix).toContain(url);
		expectNoSecrets(error);
	});

	it('a real dropped connection is retryable and ambiguous', async () => {
		graph.on('POST', `/v24.0/${PHONE_ID}/messages`, { destroy: true });
		const error = await catchError(
			graphRequest.call(realContext(), 'POST', `/${PHONE_ID}/messages`, { body: { to: '1' } }),
		);
		expect(error.graph.transport).toBe('network');
		expect(error.graph.networkCode).toBe('ECONNRESET');
		expect(error.graph).toMatchObject({ retryable: true, ambiguous: true });
	});

	it('a real timeout is retryable and ambiguous', async () => {
		graph.on('GET', `/v24.0/${PHONE_ID}`, { delayMs: 400, json: {} });
		const error = await catchError(
			graphRequest.call(realContext(), 'GET', `/${PHONE_ID}`, { timeout: 50 }),
		);
		expect(error.graph.transport).toBe('network');
		expect(['ECONNABORTED', 'ETIMEDOUT']).toContain(error.graph.networkCode);
		expect(error.graph).toMatchObject({ retryable: true, ambiguous: true });
	});

	it('pages through a real server; the token never appears in a request URL', async () => {
		graph.on('GET', `/v24.0/${WABA_ID}/message_templates`, (req) => {
			const after = req.query.after as string | undefined;
			if (!after) {
				return {
					json: {
						data: [{ name: 'a' }],
						paging: {
							next: `https://graph.facebook.com/v24.0/${WABA_ID}/message_templates?access_token=${TOKEN}&limit=1&after=p2`,
						},
					},
				};
			}
			return { json: { data: [{ name: 'b' }], paging: { cursors: { after: 'end' } } } };
		});
		const rows = await graphRequestAllPages.call(realContext(), `/${WABA_ID}/message_templates`, {
			limit: 1,
		});
		expect(rows).toEqual([{ name: 'a' }, { name: 'b' }]);
		expect(graph.requests).toHaveLength(2);
		for (const req of graph.requests) {
			expect(req.url).not.toContain(TOKEN);
			expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
		}
		expect(graph.requests[1].query).toEqual({ limit: '1', after: 'p2' });
	});
});
