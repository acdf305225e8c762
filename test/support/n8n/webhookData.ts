/**
 * How n8n sees a node's webhook: the options every webhook run takes, and the IWebhookData (path,
 * method, description) n8n builds for the node from its description.
 */
/**
 * How n8n sees a node's webhook: the options every webhook run takes, and the IWebhookData (path,
 * method, description) n8n builds for the node from its description.
 */
import {
	NodeHelpers,
	type IWebhookData,
	type IWebhookDescription,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { type BuiltWorkflow, type NodeSetup } from './workflow';

export interface WebhookSetup extends NodeSetup {
	/** Webhook description name (nodeType.description.webhooks[].name); default 'default'. */
	webhookName?: string;
	/** Execution mode; 'webhook' = production URL (default), 'manual' = test URL. */
	mode?: WorkflowExecuteMode;
}

export function resolveDescriptionField<T>(
	built: BuiltWorkflow,
	description: IWebhookDescription,
	field: keyof IWebhookDescription,
	fallback: T,
): T {
	const value = description[field];
	if (value === undefined) return fallback;
	return built.workflow.expression.getSimpleParameterValue(
		built.node,
		value as string,
		'internal',
		{},
		undefined,
		fallback as never,
	) as T;
}

/** The IWebhookData n8n's WebhookService.getNodeWebhooks builds for this node and method. */
export function getWebhookData(
	built: BuiltWorkflow,
	webhookName = 'default',
	httpMethod?: string,
): IWebhookData {
	const nodeType = NodeHelpers.getVersionedNodeType(built.nodeType, built.node.typeVersion);
	const descriptions = (nodeType.description.webhooks ?? []).filter((w) => w.name === webhookName);
	if (descriptions.length === 0) {
		const names = (nodeType.description.webhooks ?? []).map((w) => w.name).join(', ') || 'none';
		throw new Error(`harness: node has no webhook named "${webhookName}" (declared: ${names})`);
	}
	const candidates = descriptions.map((description) => {
		let path = String(resolveDescriptionField(built, description, 'path', '')).trim();
		path = path.replace(/^\/+/, '').replace(/\/+$/, '');
		const isFullPath = resolveDescriptionField(built, description, 'isFullPath', false);
		const restartWebhook = resolveDescriptionField(built, description, 'restartWebhook', false);
		const methods = String(resolveDescriptionField(built, description, 'httpMethod', 'GET'))
			.split(',')
			.map((m) => m.trim().toUpperCase());
		return {
			description,
			methods,
			path: NodeHelpers.getNodeWebhookPath(
				built.workflow.id,
				built.node,
				path,
				isFullPath,
				restartWebhook,
			),
		};
	});
	const match = httpMethod
		? (candidates.find((c) => c.methods.includes(httpMethod.toUpperCase())) ?? candidates[0])
		: candidates[0];
	return {
		httpMethod: (httpMethod ?? match.methods[0]) as IWebhookData['httpMethod'],
		node: built.node.name,
		path: match.path,
		webhookDescription: match.description,
		workflowId: built.workflow.id,
		workflowExecuteAdditionalData: built.additionalData,
		webhookId: built.node.webhookId,
		// 'manual' = the editor's "listen for test event": n8n uses the test webhook URL.
		isTest: built.mode === 'manual',
	};
}
