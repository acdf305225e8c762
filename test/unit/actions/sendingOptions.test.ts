/**
 * The "Sending" node options (rate, retries, in-flight bound...) and reading them from an execution
 * context into the sender's options.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	getSenderOptions,
	sendingOptionsProperty,
} from '../../../nodes/WhatsAppCloud/actions/sendingOptions';

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
