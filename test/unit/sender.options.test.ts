/**
 * The sender's error classification (what is retried, what may double-send, what fails at once),
 * the "Sending" node options, and reading them from an execution context.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	getSenderOptions,
	sendingOptionsProperty,
} from '../../nodes/WhatsAppCloud/actions/sendingOptions';
import { classifySendError } from '../../nodes/WhatsAppCloud/sending/classify';
import { systemClock } from '../../nodes/WhatsAppCloud/sending/clock';
import { errors, graphError } from '../support/sendErrors';

describe('classifySendError', () => {
	it.each([
		['130429 throughput', errors.throughput(), 'throughput'],
		['HTTP 429', errors.http429(), 'throughput'],
		[
			'code 4 app call limit',
			graphError({ code: 4, httpStatus: 400, retryable: true }),
			'throughput',
		],
		[
			'80007 WABA rate limit',
			graphError({ code: 80007, httpStatus: 400, retryable: true }),
			'throughput',
		],
		['131056 pair rate limit', errors.pair(), 'pair'],
		['ECONNREFUSED', errors.network('ECONNREFUSED'), 'transient'],
		['ENOTFOUND', errors.network('ENOTFOUND'), 'transient'],
		['EAI_AGAIN', errors.network('EAI_AGAIN'), 'transient'],
		['econnrefused (any case)', errors.network('econnrefused'), 'transient'],
		['ECONNRESET', errors.network('ECONNRESET'), 'maybeSent'],
		['ETIMEDOUT', errors.network('ETIMEDOUT'), 'maybeSent'],
		['unknown network failure', graphError({ transport: 'network' }), 'maybeSent'],
		// as transport/errors/networkFailures.ts describes network failures
		[
			'ECONNREFUSED marked not retryable by the transport',
			graphError({
				transport: 'network',
				networkCode: 'ECONNREFUSED',
				retryable: false,
				ambiguous: false,
			}),
			'transient',
		],
		[
			'ENOTFOUND marked not retryable by the transport',
			graphError({
				transport: 'network',
				networkCode: 'ENOTFOUND',
				retryable: false,
				ambiguous: false,
			}),
			'transient',
		],
		[
			'ECONNRESET marked ambiguous',
			graphError({
				transport: 'network',
				networkCode: 'ECONNRESET',
				retryable: true,
				ambiguous: true,
			}),
			'maybeSent',
		],
		[
			'TLS certificate rejected',
			graphError({
				transport: 'network',
				networkCode: 'SELF_SIGNED_CERT_IN_CHAIN',
				retryable: false,
				ambiguous: false,
			}),
			'permanent',
		],
		[
			'invalid base URL',
			graphError({
				transport: 'network',
				networkCode: 'ERR_INVALID_URL',
				retryable: false,
				ambiguous: false,
			}),
			'permanent',
		],
		[
			'cancelled by the execution',
			graphError({
				transport: 'network',
				networkCode: 'ERR_CANCELED',
				retryable: false,
				ambiguous: true,
			}),
			'permanent',
		],
		[
			'unknown code, transport says not sent and not retryable',
			graphError({
				transport: 'network',
				networkCode: 'UND_ERR_SOCKET',
				retryable: false,
				ambiguous: false,
			}),
			'permanent',
		],
		['131000 (500, retryable)', errors.server(), 'maybeSent'],
		['bare 502', graphError({ httpStatus: 502 }), 'maybeSent'],
		['131045 (500, not retryable)', errors.permanent(131045, 500), 'permanent'],
		[
			'code 1 (400, retryable: never reached a send)',
			graphError({ code: 1, httpStatus: 400, retryable: true }),
			'transient',
		],
		['131030 not in allowed list', errors.permanent(131030), 'permanent'],
		['132000 param count mismatch', errors.permanent(132000), 'permanent'],
		['100 invalid parameter', errors.permanent(100), 'permanent'],
		['131048 spam rate limit (not ours to retry)', errors.permanent(131048), 'permanent'],
		['plain Error', new Error('bad input'), 'permanent'],
		[
			'NodeOperationError without graph',
			new NodeOperationError({ name: 'n' } as never, 'x'),
			'permanent',
		],
		['a string', 'oops', 'permanent'],
		['undefined', undefined, 'permanent'],
	])('%s -> %s', (_label, error, kind) => {
		expect(classifySendError(error).kind).toBe(kind);
	});

	it('carries Retry-After through', () => {
		expect(classifySendError(errors.http429(1_500))).toEqual({
			kind: 'throughput',
			retryAfterMs: 1_500,
		});
		expect(classifySendError(errors.pair(9_000))).toEqual({ kind: 'pair', retryAfterMs: 9_000 });
		expect(classifySendError(errors.throughput())).toEqual({ kind: 'throughput' });
	});
});

describe('sendingOptionsProperty', () => {
	const byName = (name: string) =>
		(sendingOptionsProperty.options as INodeProperties[]).find((o) => o.name === name)!;

	it('is a "Sending" collection with the documented options and defaults', () => {
		expect(sendingOptionsProperty).toMatchObject({
			name: 'sending',
			type: 'collection',
			default: {},
		});
		const defaults = Object.fromEntries(
			(sendingOptionsProperty.options as INodeProperties[]).map((o) => [o.name, o.default]),
		);
		expect(defaults).toEqual({
			maxInFlight: 0,
			messagesPerSecond: 80,
			recipientPauseSeconds: 0,
			retries: 5,
			retryServerErrorsMaySendTwice: false,
		});
		expect(byName('retryServerErrorsMaySendTwice').displayName).toBe(
			'Retry Server Errors Even If the Message May Be Sent Twice',
		);
		expect(byName('messagesPerSecond').typeOptions).toMatchObject({ minValue: 1, maxValue: 1000 });
	});

	it('options are sorted by display name (n8n convention)', () => {
		const names = (sendingOptionsProperty.options as INodeProperties[]).map((o) => o.displayName);
		expect(names).toEqual([...names].sort());
	});
});

describe('getSenderOptions', () => {
	const context = (sending: unknown, continueOnFail = false, signal?: AbortSignal) =>
		({
			getNodeParameter: jest.fn((name: string, _index: number, fallback: unknown) =>
				name === 'sending' ? (sending ?? fallback) : fallback,
			),
			getNode: () => ({ name: 'WhatsApp Cloud', type: 'whatsAppCloud', typeVersion: 1 }),
			continueOnFail: () => continueOnFail,
			getExecutionCancelSignal: () => signal,
		}) as unknown as IExecuteFunctions;

	it('uses the defaults when nothing is set, and stops on errors without Continue On Fail', () => {
		const options = getSenderOptions.call(context(undefined));
		expect(options).toEqual({
			messagesPerSecond: 80,
			maxInFlight: 0,
			retries: 5,
			retryServerErrorsMaySendTwice: false,
			recipientPauseMs: 0,
			stopOnError: true,
		});
	});

	it('reads every option, converts seconds to ms, passes the cancel signal', () => {
		const signal = new AbortController().signal;
		const options = getSenderOptions.call(
			context(
				{
					messagesPerSecond: 1000,
					maxInFlight: 200,
					retries: 2,
					retryServerErrorsMaySendTwice: true,
					recipientPauseSeconds: 6.5,
				},
				true,
				signal,
			),
		);
		expect(options).toEqual({
			messagesPerSecond: 1000,
			maxInFlight: 200,
			retries: 2,
			retryServerErrorsMaySendTwice: true,
			recipientPauseMs: 6_500,
			stopOnError: false,
			signal,
		});
	});

	it('accepts numeric strings from expressions', () => {
		expect(getSenderOptions.call(context({ messagesPerSecond: '250' })).messagesPerSecond).toBe(
			250,
		);
	});

	it.each([
		[{ messagesPerSecond: 0 }, /Messages per Second.*from 1 to 1000/],
		[{ messagesPerSecond: 1001 }, /Messages per Second.*from 1 to 1000/],
		[{ messagesPerSecond: 'fast' }, /Messages per Second.*got "fast"/],
		[{ retries: 11 }, /Retries.*from 0 to 10/],
		[{ maxInFlight: -1 }, /Max Requests in Flight/],
	])('rejects %j with a NodeOperationError naming the option', (sending, message) => {
		const call = () => getSenderOptions.call(context(sending));
		expect(call).toThrow(NodeOperationError);
		expect(call).toThrow(message);
	});
});

describe('systemClock', () => {
	it('sleeps for real through n8n-workflow and ends early on abort without throwing', async () => {
		const controller = new AbortController();
		const clock = systemClock(controller.signal);
		const start = clock.now();
		await clock.sleep(5);
		expect(clock.now() - start).toBeGreaterThanOrEqual(4);
		const long = clock.sleep(60_000);
		controller.abort();
		await expect(long).resolves.toBeUndefined();
		const r = clock.random();
		expect(r).toBeGreaterThanOrEqual(0);
		expect(r).toBeLessThan(1);
	});
});
