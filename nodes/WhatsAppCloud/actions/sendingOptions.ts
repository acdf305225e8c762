/**
 * The "Sending" collection every message operation carries (rate, in-flight bound, retries,
 * per-recipient pause, may-send-twice), and its reading into the sender's options.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SENDER_DEFAULTS, type SenderOptions } from '../sending/types';

/** Name of the collection parameter; `getSenderOptions` reads it. */
export const SENDING_OPTIONS_NAME = 'sending';

export const sendingOptionsProperty: INodeProperties = {
	displayName: 'Sending',
	name: SENDING_OPTIONS_NAME,
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	description:
		"How fast and how persistently this execution's messages are sent. Read from the first item; applies to all items.",
	options: [
		{
			displayName: 'Max Requests in Flight',
			name: 'maxInFlight',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, maxValue: 1000 },
			description:
				"How many messages may wait for Meta's answer at the same time; the node never goes above a number set here. 0 = automatic: twice Messages per Second times Meta's recent response time (8 to 1,000; before the first answers a quarter second's worth, at most 64), raised only while that really gets more messages answered per second, so a slow Meta still gets the full rate and a busy n8n does not open hundreds of connections.",
		},
		{
			displayName: 'Messages per Second',
			name: 'messagesPerSecond',
			type: 'number',
			default: 80, // SENDER_DEFAULTS.messagesPerSecond (a literal: the linter reads it)
			typeOptions: { minValue: 1, maxValue: 1000 },
			description:
				"The phone number's throughput tier: 80 unless Meta has upgraded it (up to 1,000). All items of the execution are spread at this rate, so Meta never answers 130429.",
		},
		{
			displayName: 'Pause Between Messages to the Same Recipient (Seconds)',
			name: 'recipientPauseSeconds',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, maxValue: 60, numberPrecision: 1 },
			description:
				'Minimum time between two messages to the same number. Meta allows about one message every 6 seconds per recipient (error 131056); after that error the node spaces that recipient by itself.',
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			default: 5, // SENDER_DEFAULTS.retries
			typeOptions: { minValue: 0, maxValue: 10 },
			description:
				"How many more times to try a message after a temporary failure: Meta's rate limits, or a network error before the request reached Meta. Waits grow exponentially (with jitter, at most 30 s) and follow Retry-After.",
		},
		{
			displayName: 'Retry Server Errors Even If the Message May Be Sent Twice',
			name: 'retryServerErrorsMaySendTwice',
			type: 'boolean',
			default: false,
			description:
				'Whether to also retry when Meta answers with a server error (5xx) or the connection drops after the request was sent. Meta may already have sent that message, so the recipient can get it twice.',
		},
	],
};

/** Reads the "Sending" collection (from the first item: one rate for the whole execution) into
 *  SenderOptions, with `stopOnError` unless Continue On Fail is on, and the execution's cancel
 *  signal. The caller adds `keyOf`. */
export function getSenderOptions(this: IExecuteFunctions, itemIndex = 0): SenderOptions {
	const raw = this.getNodeParameter(SENDING_OPTIONS_NAME, itemIndex, {}) as IDataObject;
	const number = (name: string, label: string, fallback: number, min: number, max: number) => {
		const value = raw[name];
		if (value === undefined || value === null || value === '') return fallback;
		const parsed = typeof value === 'number' ? value : Number(value);
		if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
			throw new NodeOperationError(
				this.getNode(),
				`Sending option "${label}" must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`,
				{
					itemIndex,
					description: `Set "${label}" under Sending to a number from ${min} to ${max}.`,
				},
			);
		}
		return parsed;
	};
	const options: SenderOptions = {
		messagesPerSecond: number(
			'messagesPerSecond',
			'Messages per Second',
			SENDER_DEFAULTS.messagesPerSecond,
			1,
			1000,
		),
		maxInFlight: Math.floor(number('maxInFlight', 'Max Requests in Flight', 0, 0, 1000)),
		retries: Math.floor(number('retries', 'Retries', SENDER_DEFAULTS.retries, 0, 10)),
		retryServerErrorsMaySendTwice: raw.retryServerErrorsMaySendTwice === true,
		recipientPauseMs:
			number('recipientPauseSeconds', 'Pause Between Messages to the Same Recipient', 0, 0, 60) *
			1000,
		stopOnError: !this.continueOnFail(),
	};
	const signal = this.getExecutionCancelSignal?.();
	if (signal) options.signal = signal;
	return options;
}
