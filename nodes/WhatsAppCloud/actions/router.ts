/**
 * What the node's execute() does for any operation:
 * 1. Route resource/operation to its OperationDefinition.
 * 2. Prepare each item: read its parameters (n8n edge), build its Graph request (pure, with
 *    template definitions read once per execution), or a Problem saying what is wrong.
 *    - Without Continue On Fail the node would stop at a bad item anyway, so every item is
 *      prepared before the first message goes out: a broadcast never goes out half-way because
 *      item 57 lacks a variable (and a re-run cannot double-send items 1-56).
 *    - With Continue On Fail every item stands alone, so items are prepared just in time as the
 *      sender takes them: n8n's expression evaluation (about 1-2 ms per item) then overlaps
 *      sending instead of delaying it.
 * 3. Send message requests through the sender (token-bucket rate, bounded in-flight, retries
 *    that never double-send); run reads one after the other. An operation with its own
 *    `perform` (upload then send, download) does its calls there, with per-item state that
 *    survives the sender's retries.
 * 4. One output item per input item, in input order, with pairedItem (reads may give several;
 *    a download adds its file as binary data to the item). An item's output is made as soon as
 *    its call succeeded, and its parameters and request are then forgotten: a broadcast holds
 *    the parameters and requests of the items in flight, not of all 10,000.
 *    Under Continue On Fail a failed item becomes an item carrying Meta's code, title, details,
 *    fix and fbtrace_id; otherwise the node stops with the first failed item's error.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { Problem } from '../shared/problem';
import { TemplateCache } from '../templates/lookup';
import { getAccountInfo } from '../transport/credentials';
import { isWhatsAppApiError, type GraphErrorInfo } from '../transport/errors/whatsAppApiError';
import { graphRequestAllPages } from '../transport/paging';
import { graphRequest } from '../transport/request';
import { sendAll } from '../sending/sendAll';
import { SendSkippedError, type SendResult } from '../sending/types';
import { getSenderOptions } from './sendingOptions';
import { readRecipient } from './message/common';
import { findOperation } from './index';
import type { ExecutionEnv, GraphRequest, OperationDefinition } from './types';

type Prepared =
	| { request: GraphRequest; recipient?: unknown }
	| { error: NodeApiError | NodeOperationError; recipient?: unknown };

function problemError(
	context: IExecuteFunctions,
	problem: Problem,
	itemIndex: number,
): NodeOperationError {
	const error = new NodeOperationError(context.getNode(), problem.message, {
		itemIndex,
		description: problem.description,
	});
	if (problem.field) error.context.field = problem.field;
	return error;
}

function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** Reads and builds items on demand, each at most once (a retried send reuses its request). */
class ItemPreparer {
	private readonly parameters = new Map<number, { value: unknown } | { error: unknown }>();
	private readonly prepared = new Map<number, Promise<Prepared>>();
	/** Preparations that failed with a Graph error and were forgotten for a retry. */
	private readonly lastFailed = new Map<number, Prepared>();

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly operation: OperationDefinition,
		private readonly env: ExecutionEnv,
	) {}

	private read(itemIndex: number): { value: unknown } | { error: unknown } {
		let entry = this.parameters.get(itemIndex);
		if (!entry) {
			try {
				entry = { value: this.operation.readParameters.call(this.context, itemIndex) };
			} catch (error) {
				entry = { error };
			}
			this.parameters.set(itemIndex, entry);
		}
		return entry;
	}

	/** The recipient as given (message operations), without building the request. */
	recipient(itemIndex: number): unknown {
		const entry = this.read(itemIndex);
		return 'value' in entry ? this.operation.recipientOf?.(entry.value) : undefined;
	}

	/** A stable per-recipient key for the sender: E.164 when valid, else the text given. */
	recipientKey(itemIndex: number): string | undefined {
		const raw = this.recipient(itemIndex);
		if (raw === undefined || raw === null || raw === '') return undefined;
		const normalized = readRecipient(raw);
		return normalized.ok ? normalized.value : String(raw);
	}

	/** What the item's preparation ended with, without preparing it again after a failure. */
	async outcome(itemIndex: number): Promise<Prepared> {
		const failed = this.lastFailed.get(itemIndex);
		if (failed && !this.prepared.has(itemIndex)) return failed;
		return await this.prepare(itemIndex);
	}

	prepare(itemIndex: number): Promise<Prepared> {
		let entry = this.prepared.get(itemIndex);
		if (!entry) {
			entry = this.build(itemIndex);
			this.prepared.set(itemIndex, entry);
		}
		return entry;
	}

	private async build(itemIndex: number): Promise<Prepared> {
		const context = this.context;
		const read = this.read(itemIndex);
		const recipient = this.recipient(itemIndex);
		if ('error' in read) return { error: asNodeError(context, read.error, itemIndex), recipient };
		try {
			const built = await this.operation.buildRequest(read.value, this.env);
			return built.ok
				? { request: built.value, recipient }
				: { error: problemError(context, built.problem, itemIndex), recipient };
		} catch (error) {
			return { error: asNodeError(context, error, itemIndex), recipient };
		}
	}

	/** An item that succeeded: its parameters and request are no longer needed. */
	forget(itemIndex: number): void {
		this.parameters.delete(itemIndex);
		this.prepared.delete(itemIndex);
		this.lastFailed.delete(itemIndex);
	}

	/** The request of an item to send: prepared now if needed. A Problem is thrown (the sender
	 *  records it as a permanent failure of that item and never retries it). A Graph failure while
	 *  preparing (reading the template) is thrown as it is, so the sender retries it when it is
	 *  retryable; the failed preparation is then forgotten and done again on that retry. */
	async request(itemIndex: number): Promise<GraphRequest> {
		const prepared = await this.prepare(itemIndex);
		if ('error' in prepared) {
			if (isWhatsAppApiError(prepared.error)) {
				this.prepared.delete(itemIndex);
				this.lastFailed.set(itemIndex, prepared);
			}
			throw prepared.error;
		}
		return prepared.request;
	}
}

/** One Graph call for one item: all pages of a list, or one request with a JSON or raw body. */
export async function callGraph(
	context: IExecuteFunctions,
	request: GraphRequest,
	itemIndex: number,
): Promise<unknown> {
	if (request.allPages) {
		return await graphRequestAllPages.call(context, request.path, request.qs ?? {}, { itemIndex });
	}
	return await graphRequest.call(context, request.method, request.path, {
		body: request.body,
		qs: request.qs,
		itemIndex,
		...(request.rawBody !== undefined ? { rawBody: request.rawBody } : {}),
		...(request.headers ? { headers: request.headers } : {}),
		...(request.timeout !== undefined ? { timeout: request.timeout } : {}),
	});
}

/** Adds the operation's advice for this Graph code to the error's fix (e.g. 132000). */
function withAdvice(
	operation: OperationDefinition,
	error: Error,
	request: GraphRequest | undefined,
): Error {
	if (!request || !operation.adviseOnError || !isWhatsAppApiError(error)) return error;
	const advice = operation.adviseOnError(error.graph.code, request);
	if (!advice || error.graph.fix.startsWith(advice)) return error;
	const previous = error.graph.fix;
	error.graph.fix = `${advice} ${previous}`;
	error.description =
		error.description && error.description.includes(`Fix: ${previous}`)
			? error.description.replace(`Fix: ${previous}`, `Fix: ${error.graph.fix}`)
			: `${error.description ?? ''}\nFix: ${error.graph.fix}`.trim();
	return error;
}

/** The JSON of an error output item (Continue On Fail). No secrets: the transport scrubbed them. */
export function errorItemJson(
	operation: OperationDefinition,
	error: Error,
	request?: GraphRequest,
	recipient?: unknown,
): IDataObject {
	const json: IDataObject = { operation: operation.value };
	if (request?.recipient) json.recipient = request.recipient;
	else if (typeof recipient === 'string' || typeof recipient === 'number')
		json.recipient = String(recipient);
	if (operation.sendsMessage && request?.meta) Object.assign(json, request.meta);
	json.error = error.message;
	if (isWhatsAppApiError(error)) {
		const graph: GraphErrorInfo = error.graph;
		const fields: Array<keyof GraphErrorInfo> = [
			'code',
			'subcode',
			'title',
			'message',
			'details',
			'fix',
			'fbtraceId',
			'httpStatus',
			'retryable',
			'networkCode',
		];
		for (const key of fields) {
			if (graph[key] !== undefined) json[key === 'message' ? 'metaMessage' : key] = graph[key];
		}
	} else {
		const nodeError = error as NodeOperationError;
		json.title =
			error instanceof SendSkippedError ? 'Not sent' : 'Not sent: the input is not valid';
		if (nodeError.description) json.fix = nodeError.description;
		const field = nodeError.context?.field;
		if (typeof field === 'string') json.field = field;
	}
	return json;
}

/**
 * An error item for "On Error: Continue (using error output)". n8n sends an item to the error
 * output when its JSON holds only `error`, `message` and `details` (n8n-core's
 * handleNodeErrorOutput), and it replaces the JSON of any item that carries an `error` object
 * with just the message (normalizeNodeErrors). So the facts go under `details`:
 * `{ error, details: { operation, recipient, code, title, details, fix, fbtraceId, ... } }`, and
 * n8n adds the input item's fields.
 */
export function errorOutputJson(json: IDataObject): IDataObject {
	const { error, ...facts } = json;
	return { error, details: facts };
}

export async function runOperation(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`Unknown operation "${operationName}" for resource "${resource}"`,
			{
				description:
					'Open the node and choose the resource and operation again. The workflow may come from a newer version of this package.',
			},
		);
	}
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
