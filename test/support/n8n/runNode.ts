/**
 * runNode: runs Start -> the node under test through n8n-core's WorkflowExecute, as clicking
 * "Execute workflow" does, and returns the node's outputs, errors and run data.
 */
import './env';

import { WorkflowExecute } from 'n8n-core';
import {
	type ExecutionBaseError,
	type ExecutionStatus,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type IRun,
	type IRunData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentialsHelper';
import { buildWorkflow, type NodeSetup } from './workflow';

function toItems(input: INodeExecutionData[] | IDataObject[] | undefined): INodeExecutionData[] {
	if (!input) return [{ json: {} }];
	return input.map((item) =>
		item &&
		typeof item === 'object' &&
		'json' in item &&
		typeof item.json === 'object' &&
		item.json !== null
			? (item as INodeExecutionData)
			: { json: item as IDataObject },
	);
}

export interface RunNodeOptions extends NodeSetup {
	/** Items the Start node emits; plain objects become `{ json }`. Default: one empty item. */
	inputItems?: INodeExecutionData[] | IDataObject[];
	/** Node setting "On Error: Continue" (onError: 'continueRegularOutput'). */
	continueOnFail?: boolean;
	/** Full control over the node's On Error setting (wins over continueOnFail). */
	onError?: INode['onError'];
	/** Execution mode; default 'manual' (like clicking Execute workflow). */
	mode?: WorkflowExecuteMode;
}

export interface RunNodeResult {
	/** First main output of the node under test ([] when it produced nothing). */
	items: INodeExecutionData[];
	/** All main outputs of the node under test. */
	outputs: INodeExecutionData[][];
	/**
	 * The run's error when it failed, as n8n records it: a PLAIN-OBJECT copy of what the node
	 * threw ({ ...error, message, stack }: name, message, description, httpCode, context... but
	 * `instanceof NodeApiError` is false). Use `thrownError` for the real instance.
	 */
	error?: ExecutionBaseError;
	/** The error recorded on the node's task data (same shape as `error`); set even when the
	 *  node continued on fail. */
	nodeError?: ExecutionBaseError;
	/** The error object the node's execute() threw (real instance), if it threw. */
	thrownError?: Error;
	runData: IRunData;
	executionStatus: ExecutionStatus;
	run: IRun;
	credentialsHelper: TestCredentialsHelper;
	staticData: IDataObject;
}

/** Run Start -> node under test through n8n-core's WorkflowExecute. */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const mode = options.mode ?? 'manual';
	const onError = options.onError ?? (options.continueOnFail ? 'continueRegularOutput' : undefined);
	const built = buildWorkflow(options, mode, {
		startItems: toItems(options.inputItems),
		nodeExtras: onError ? { onError } : {},
	});
	const { workflow, node, additionalData, credentialsHelper, staticData, thrown } = built;
	const execute = new WorkflowExecute(additionalData, mode);
	const run = await execute.run({ workflow, startNode: workflow.getNode('Start')! });
	const runData = run.data.resultData.runData;
	const task = runData[node.name]?.[0];
	const outputs = (task?.data?.main ?? []).map((output) => output ?? []);
	return {
		items: outputs[0] ?? [],
		outputs,
		error: run.data.resultData.error,
		nodeError: task?.error,
		thrownError: thrown.at(-1) as Error | undefined,
		runData,
		executionStatus: run.status,
		run,
		credentialsHelper,
		staticData,
	};
}
