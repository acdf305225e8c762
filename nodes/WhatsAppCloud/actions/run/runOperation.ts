/**
 * What the node's execute() does for any operation:
 * 1. Prepare each item: read its parameters (n8n edge), build its Graph request (pure, with
 *    template definitions read once per execution), or a Problem saying what is wrong.
 *    - Without Continue On Fail the node would stop at a bad item anyway, so every item is
 *      prepared before the first message goes out: a broadcast never goes out half-way because
 *      item 57 lacks a variable (and a re-run cannot double-send items 1-56).
 *    - With Continue On Fail every item stands alone, so items are prepared just in time as the
 *      sender takes them: n8n's expression evaluation (about 1-2 ms per item) then overlaps
 *      sending instead of delaying it.
 * 2. Send message requests through the sender (token-bucket rate, bounded in-flight, retries
 *    that never double-send); run reads one after the other. An operation with its own
 *    `perform` (upload then send, download) does its calls there, with per-item state that
 *    survives the sender's retries.
 * 3. One output item per input item, in input order, with pairedItem (reads may give several;
 *    a download adds its file as binary data to the item). An item's output is made as soon as
 *    its call succeeded, and its parameters and request are then forgotten: a broadcast holds
 *    the parameters and requests of the items in flight, not of all 10,000.
 *    Under Continue On Fail a failed item becomes an item carrying Meta's code, title, details,
 *    fix and fbtrace_id; otherwise the node stops with the first failed item's error.
 */

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { sendAll } from '../../sending/sendAll';
import { SendSkippedError, type SendResult } from '../../sending/types';
import { TemplateCache } from '../../templates/lookup';
import { getAccountInfo } from '../../transport/credentials';
import { getSenderOptions } from '../sendingOptions';
import type { ExecutionEnv, OperationDefinition } from '../types';
import { callGraph } from './callGraph';
import { asNodeError, errorItemJson, errorOutputJson, withAdvice } from './errorItems';
import { ItemPreparer } from './itemPreparer';

/** Runs one operation over every input item: prepare, send or read, one output per item. */
export async function runOperation(
	this: IExecuteFunctions,
	operation: OperationDefinition,
): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const toErrorOutput = continueOnFail && this.getNode().onError === 'continueErrorOutput';
	const account = await getAccountInfo.call(this);
	const env: ExecutionEnv = {
		account,
		templates: new TemplateCache(this, account.businessAccountId),
	};
	const items = this.getInputData();
	const preparer = new ItemPreparer(this, operation, env);

	// Without Continue On Fail: check every item before anything is sent.
	if (!continueOnFail) {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const prepared = await preparer.prepare(itemIndex);
			if ('error' in prepared) throw prepared.error;
		}
	}

	const states = new Map<number, IDataObject>();
	const perform = async (itemIndex: number): Promise<unknown> => {
		const request = await preparer.request(itemIndex);
		if (request.answered !== undefined) return request.answered;
		if (operation.perform) {
			let state = states.get(itemIndex);
			if (!state) {
				state = {};
				states.set(itemIndex, state);
			}
			return await operation.perform.call(this, request, {
				itemIndex,
				state,
				call: async (next) => await callGraph(this, next, itemIndex),
			});
		}
		return await callGraph(this, request, itemIndex);
	};

	// A call that succeeded becomes the item's output items right away (what toOutput and
	// binaryOf make of the answer); the item's parameters, request, state and answer go.
	const finished = new Map<number, INodeExecutionData[] | { failure: unknown }>();
	const performAndFinish = async (itemIndex: number): Promise<undefined> => {
		const value = await perform(itemIndex);
		const prepared = await preparer.prepare(itemIndex);
		try {
			if (!('request' in prepared)) throw prepared.error; // cannot happen: perform succeeded
			const pairedItem = { item: itemIndex };
			const binary = operation.binaryOf?.(value, prepared.request);
			finished.set(
				itemIndex,
				operation
					.toOutput(value, prepared.request)
					.map((json, index) =>
						index === 0 && binary ? { json, binary, pairedItem } : { json, pairedItem },
					),
			);
		} catch (failure) {
			// Thrown where the output is assembled, as before: not a failure of the send.
			finished.set(itemIndex, { failure });
		}
		preparer.forget(itemIndex);
		states.delete(itemIndex);
		return undefined;
	};

	let results: Array<SendResult<unknown> | undefined>;
	if (operation.sendsMessage) {
		const options = getSenderOptions.call(this, 0);
		options.keyOf = (itemIndex) => preparer.recipientKey(itemIndex);
		results = await sendAll(items.length, performAndFinish, options);
	} else {
		results = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const result = await performAndFinish(itemIndex).then(
				(value): SendResult<unknown> => ({ ok: true, value }),
				(error: unknown): SendResult<unknown> => ({ ok: false, error: error as Error }),
			);
			results.push(result);
			if (!result.ok && !continueOnFail) break;
		}
	}

	// Output in input order.
	const output: INodeExecutionData[] = [];
	let firstFailure: Error | undefined;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		const result = results[itemIndex];
		const done = result?.ok ? finished.get(itemIndex) : undefined;
		if (done) {
			if ('failure' in done) throw done.failure;
			for (const outputItem of done) output.push(outputItem);
			continue;
		}
		const prepared = await preparer.outcome(itemIndex);
		const raw = result && !result.ok ? result.error : new SendSkippedError(itemIndex, 'stopped');
		if (raw instanceof SendSkippedError && !continueOnFail) continue; // an earlier item failed
		const request = 'request' in prepared ? prepared.request : undefined;
		const error =
			raw instanceof SendSkippedError
				? raw
				: withAdvice(operation, asNodeError(this, raw, itemIndex), request);
		if (!continueOnFail) {
			firstFailure ??= error;
			continue;
		}
		const json = errorItemJson(operation, error, request, prepared.recipient);
		output.push({ json: toErrorOutput ? errorOutputJson(json) : json, pairedItem });
	}
	if (firstFailure) throw asNodeError(this, firstFailure, 0);
	return output;
}
