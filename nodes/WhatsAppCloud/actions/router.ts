/**
 * What the node's execute() does for any operation:
 * 1. Route resource/operation to its OperationDefinition.
 * 2. Prepare every item first (read parameters, check input, build the Graph request). Without
 *    Continue On Fail, an item that cannot be sent stops the node before anything is sent, so a
 *    broadcast never goes out half-way because of a missing variable on item 57.
 * 3. Send message requests through the sender (token-bucket rate, bounded in-flight, retries
 *    that never double-send); run reads one after the other.
 * 4. One output item per input item, in input order, with pairedItem (reads may give several).
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
import { TemplateCache } from '../shared/templateLookup';
import {
	getAccountInfo,
	graphRequest,
	graphRequestAllPages,
	isWhatsAppApiError,
	type GraphErrorInfo,
} from '../transport/graph';
import { getSenderOptions, sendAll, SendSkippedError, type SendResult } from '../transport/sender';
import { findOperation } from './index';
import type { ExecutionEnv, GraphRequest, OperationDefinition } from './types';

type Prepared = { request: GraphRequest } | { error: NodeApiError | NodeOperationError };

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

async function prepareItem(
	this: IExecuteFunctions,
	operation: OperationDefinition,
	itemIndex: number,
	env: ExecutionEnv,
): Promise<Prepared> {
	try {
		const built = await operation.prepare.call(this, itemIndex, env);
		return built.ok ? { request: built.value } : { error: problemError(this, built.problem, itemIndex) };
	} catch (error) {
		return { error: asNodeError(this, error, itemIndex) };
	}
}

function perform(this: IExecuteFunctions, request: GraphRequest, itemIndex: number): Promise<unknown> {
	if (request.answered !== undefined) return Promise.resolve(request.answered);
	if (request.allPages) {
		return graphRequestAllPages.call(this, request.path, request.qs ?? {}, { itemIndex });
	}
	return graphRequest.call(this, request.method, request.path, {
		body: request.body,
		qs: request.qs,
		itemIndex,
	});
}

/** Adds the operation's advice for this Graph code to the error's fix (e.g. 132000). */
function withAdvice(
	operation: OperationDefinition,
	error: Error,
	request: GraphRequest,
): Error {
	if (!operation.adviseOnError || !isWhatsAppApiError(error)) return error;
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
	context: IDataObject = {},
): IDataObject {
	const json: IDataObject = { operation: operation.value, ...context };
	if (request?.recipient) json.recipient = request.recipient;
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
		json.title = 'Not sent: the input is not valid';
		if (nodeError.description) json.fix = nodeError.description;
		const field = nodeError.context?.field;
		if (typeof field === 'string') json.field = field;
	}
	return json;
}

export async function runOperation(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
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
	const account = await getAccountInfo.call(this);
	const env: ExecutionEnv = { account, templates: new TemplateCache(this, account.businessAccountId) };

	// 1. Every item is checked and built before anything is sent.
	const prepared: Prepared[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		prepared.push(await prepareItem.call(this, operation, itemIndex, env));
	}
	if (!continueOnFail) {
		const invalid = prepared.find((entry): entry is { error: NodeOperationError } => 'error' in entry);
		if (invalid) throw invalid.error;
	}

	// 2. Send (messages) or read (everything else).
	const ready = prepared.flatMap((entry, itemIndex) => ('request' in entry ? [itemIndex] : []));
	const requestOf = (position: number) => (prepared[ready[position]] as { request: GraphRequest }).request;
	let results: Array<SendResult<unknown> | undefined>;
	if (operation.sendsMessage) {
		const options = getSenderOptions.call(this, 0);
		options.keyOf = (position) => requestOf(position).recipient;
		results = await sendAll(
			ready.length,
			async (position) => await perform.call(this, requestOf(position), ready[position]),
			options,
		);
	} else {
		results = [];
		for (let position = 0; position < ready.length; position++) {
			const result = await perform.call(this, requestOf(position), ready[position]).then(
				(value): SendResult<unknown> => ({ ok: true, value }),
				(error: unknown): SendResult<unknown> => ({ ok: false, error: error as Error }),
			);
			results.push(result);
			if (!result.ok && !continueOnFail) break;
		}
	}

	// 3. Output in input order.
	const resultOf = new Map<number, SendResult<unknown> | undefined>();
	ready.forEach((itemIndex, position) => resultOf.set(itemIndex, results[position]));
	const output: INodeExecutionData[] = [];
	let firstFailure: Error | undefined;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const entry = prepared[itemIndex];
		const pairedItem = { item: itemIndex };
		if ('error' in entry) {
			const context = operation.itemContext?.call(this, itemIndex) ?? {};
			output.push({ json: errorItemJson(operation, entry.error, undefined, context), pairedItem });
			continue;
		}
		const result = resultOf.get(itemIndex);
		if (result?.ok) {
			for (const json of operation.toOutput(result.value, entry.request)) {
				output.push({ json, pairedItem });
			}
			continue;
		}
		const raw = result ? result.error : new SendSkippedError(itemIndex, 'stopped');
		if (raw instanceof SendSkippedError && !continueOnFail) continue; // an earlier item failed
		const error = withAdvice(operation, asNodeError(this, raw, itemIndex), entry.request);
		if (!continueOnFail) {
			firstFailure ??= error;
			continue;
		}
		output.push({ json: errorItemJson(operation, error, entry.request), pairedItem });
	}
	if (firstFailure) throw asNodeError(this, firstFailure, 0);
	return output;
}
