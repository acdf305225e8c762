/**
 * A failed item as the user sees it: the operation's advice added to the transport's fix, and the
 * item n8n shows under "On Error: Continue" (flat) or routes to the error output (under
 * `details`).
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import { SendSkippedError } from '../../sending/types';
import { isWhatsAppApiError, type GraphErrorInfo } from '../../transport/errors/whatsAppApiError';
import type { GraphRequest, OperationDefinition } from '../types';

export function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

export /** Adds the operation's advice for this Graph code to the error's fix (e.g. 132000). */
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
 * An error item for "On Error: Continue (using error output)". n8n routes an item to the error
 * output only when its JSON holds just `error`, `message` and `details`, and flattens any other
 * `error` object to its message (docs/n8n-internals.md, 6). So the facts go under `details`:
 * `{ error, details: { operation, recipient, code, title, details, fix, fbtraceId, ... } }`, and
 * n8n adds the input item's fields.
 */
export function errorOutputJson(json: IDataObject): IDataObject {
	const { error, ...facts } = json;
	return { error, details: facts };
}
