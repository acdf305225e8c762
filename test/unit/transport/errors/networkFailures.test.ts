/**
 * Failures before Meta answered (refused, DNS, timeouts, resets, TLS...), through graphRequest:
 * whether a retry is safe, whether the message may have been sent, and what to check.
 */
import { NodeApiError } from 'n8n-workflow';

import { WhatsAppApiError } from '../../../../nodes/WhatsAppCloud/transport/errors/whatsAppApiError';
import { graphRequest } from '../../../../nodes/WhatsAppCloud/transport/request';
import {
	catchError,
	expectNoSecrets,
	fakeContext,
	n8nNetworkError,
	node,
	PHONE_ID,
	TOKEN,
} from '../../../support/fakeHttpContext';

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
