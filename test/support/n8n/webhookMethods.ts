/**
 * runWebhookMethod: a trigger's checkExists / create / delete on a real n8n-core HookContext, as
 * n8n runs them when a workflow is published or unpublished.
 */
import './env';

import { HookContext } from 'n8n-core';
import { NodeHelpers, type IDataObject, type WorkflowActivateMode } from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentialsHelper';
import { getWebhookData, type WebhookSetup } from './webhookData';
import { buildWorkflow, withIsolate } from './workflow';

export interface RunWebhookMethodOptions extends WebhookSetup {
	/** 'activate' (default), 'update', 'init', 'leadershipChange', 'manual'. */
	activation?: WorkflowActivateMode;
}

export interface RunWebhookMethodResult {
	/** What checkExists/create/delete returned. */
	result: boolean | undefined;
	staticData: IDataObject;
	/** The node's webhook URL as getNodeWebhookUrl(webhookName) returns it. */
	webhookUrl?: string;
	credentialsHelper: TestCredentialsHelper;
}

/**
 * Run nodeType.webhookMethods[webhookName][method] on a real n8n-core HookContext (registration
 * lifecycle on workflow activation/deactivation). Keep `staticData` between calls by passing the
 * same object, e.g. `const staticData = {}; await runWebhookMethod('create', { ..., staticData });`.
 */
export async function runWebhookMethod(
	method: 'checkExists' | 'create' | 'delete',
	options: RunWebhookMethodOptions,
): Promise<RunWebhookMethodResult> {
	const mode = options.mode ?? 'trigger';
	const built = buildWorkflow(options, mode);
	const webhookName = options.webhookName ?? 'default';
	const webhookData = getWebhookData(built, webhookName);
	const nodeType = NodeHelpers.getVersionedNodeType(built.nodeType, built.node.typeVersion);
	const webhookMethods = nodeType.webhookMethods as
		| Record<string, Record<string, (this: HookContext) => Promise<boolean>>>
		| undefined;
	const fn = webhookMethods?.[webhookName]?.[method];
	if (!fn) throw new Error(`harness: node has no webhookMethods.${webhookName}.${method}`);
	const context = new HookContext(
		built.workflow,
		built.node,
		built.additionalData,
		mode,
		options.activation ?? 'activate',
		webhookData,
	);
	const result = await withIsolate(built.workflow, async () => await fn.call(context));
	return {
		result,
		staticData: built.staticData,
		webhookUrl: context.getNodeWebhookUrl(webhookName as never),
		credentialsHelper: built.credentialsHelper,
	};
}
