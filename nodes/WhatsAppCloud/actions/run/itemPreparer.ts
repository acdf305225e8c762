/**
 * Reads each item's parameters and builds its Graph request, each at most once, on demand: a
 * retried send reuses its request, a succeeded item is forgotten, and what is wrong with an
 * item comes back as an error for that item only.
 */
import { NodeOperationError, type IExecuteFunctions, type NodeApiError } from 'n8n-workflow';

import type { Problem } from '../../shared/problem';
import { isWhatsAppApiError } from '../../transport/errors/whatsAppApiError';
import { readRecipient } from '../message/common';
import type { ExecutionEnv, GraphRequest, OperationDefinition } from '../types';
import { asNodeError } from './errorItems';

export type Prepared =
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

/** Reads and builds items on demand, each at most once (a retried send reuses its request). */
export class ItemPreparer {
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
