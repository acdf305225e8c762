/**
 * The shared setup of every harness run: a Workflow of "Start" -> the node under test, its
 * credentials helper and the additional data n8n-core's contexts read (URLs, hooks, execution id).
 */
import './env';

import { ExecutionLifecycleHooks } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';
import {
	createNodeTypes,
	instantiate,
	latestVersion,
	typeNameOf,
	type AnyNodeType,
	type NodeTypeInput,
} from './nodeTypes';

const START_NODE_TYPE = 'harness.start';

/** A start node that outputs the items handed to it (stands in for the Manual Trigger). */
function startNodeType(items: INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: 'Harness Start',
			name: START_NODE_TYPE,
			group: ['trigger'],
			version: 1,
			description: 'Emits the test input items',
			defaults: { name: 'Start' },
			inputs: [],
			outputs: ['main'],
			properties: [],
		},
		async execute() {
			return [items.map((item) => ({ ...item, json: structuredClone(item.json) }))];
		},
	};
}

export const BASE_URL = 'http://localhost:5678';
let executionCounter = 0;

export interface NodeSetup {
	nodeType: NodeTypeInput;
	/** Node parameters as stored in a workflow (expressions start with '='). */
	parameters?: INodeParameters;
	/** Decrypted credential data keyed by credential type name, e.g. { whatsAppCloudApi: {...} }. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Credential type instances (for authenticate, defaults, test). */
	credentialTypes?: ICredentialType[];
	nodeTypeVersion?: number;
	/** Type name in the workflow; default `n8n-nodes-whatsapp-cloud.<description.name>`. */
	typeName?: string;
	/** Node name in the workflow; default the description's defaults.name. */
	nodeName?: string;
	/** Workflow static data; pass the same object to several calls to keep it between them. */
	staticData?: IDataObject;
	/** Webhook id of the node (part of its webhook URL). */
	webhookId?: string;
	/** Extra INode fields (e.g. retryOnFail, alwaysOutputData, executeOnce). */
	nodeOverrides?: Partial<INode>;
	/** Override fields of the additional data (e.g. webhookBaseUrl). */
	additionalData?: Partial<IWorkflowExecuteAdditionalData>;
}

export interface BuiltWorkflow {
	mode: WorkflowExecuteMode;
	workflow: Workflow;
	node: INode;
	nodeType: AnyNodeType;
	additionalData: IWorkflowExecuteAdditionalData;
	credentialsHelper: TestCredentialsHelper;
	workflowData: IWorkflowBase;
	staticData: IDataObject;
	/** Errors thrown by the node's execute(), as thrown (real class instances). */
	thrown: unknown[];
}

function notSupported(what: string) {
	return async () => {
		throw new Error(`harness: ${what} is not supported in workflow tests`);
	};
}

export function createAdditionalData(
	credentialsHelper: ICredentialsHelper,
	mode: WorkflowExecuteMode,
	workflowData: IWorkflowBase,
	overrides: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const executionId = `harness-${++executionCounter}`;
	const additionalData = {
		credentialsHelper,
		executeWorkflow: notSupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: BASE_URL,
		formBaseUrl: `${BASE_URL}/form`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		formTestBaseUrl: `${BASE_URL}/form-test`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		mcpBaseUrl: `${BASE_URL}/mcp`,
		mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
		variables: {},
		workflowId: workflowData.id,
		logAiEvent: () => {},
		startRunnerTask: notSupported('task runners'),
		hooks: new ExecutionLifecycleHooks(mode, executionId, workflowData),
		...overrides,
	} as IWorkflowExecuteAdditionalData;
	return additionalData;
}

export function buildWorkflow(
	setup: NodeSetup,
	mode: WorkflowExecuteMode,
	options: { startItems?: INodeExecutionData[]; nodeExtras?: Partial<INode> } = {},
): BuiltWorkflow {
	const nodeType = instantiate(setup.nodeType);
	const typeName = setup.typeName ?? typeNameOf(nodeType);
	const version = setup.nodeTypeVersion ?? latestVersion(nodeType);
	const description = NodeHelpers.getVersionedNodeType(nodeType, version).description;
	const nodeName = setup.nodeName ?? description.defaults?.name ?? description.displayName;
	const credentialsHelper = new TestCredentialsHelper(setup.credentials, setup.credentialTypes);

	const node: INode = {
		id: 'node-under-test',
		name: nodeName,
		type: typeName,
		typeVersion: version,
		position: [200, 0],
		parameters: structuredClone(setup.parameters ?? {}),
		webhookId: setup.webhookId ?? 'harness-webhook-id',
		...options.nodeExtras,
		...setup.nodeOverrides,
	};
	if (setup.credentials && Object.keys(setup.credentials).length > 0) {
		node.credentials = Object.fromEntries(
			Object.keys(setup.credentials).map((type) => [
				type,
				{ id: `${type}-id`, name: `${type} (test)` },
			]),
		);
	}

	const types: Record<string, AnyNodeType> = { [typeName]: nodeType };
	const nodes: INode[] = [node];
	const connections: IWorkflowBase['connections'] = {};
	if (options.startItems) {
		types[START_NODE_TYPE] = startNodeType(options.startItems);
		nodes.unshift({
			id: 'start',
			name: 'Start',
			type: START_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		});
		connections.Start = { main: [[{ node: nodeName, type: 'main', index: 0 }]] };
	}

	const staticData = setup.staticData ?? {};
	const workflowData: IWorkflowBase = {
		id: 'harness-workflow',
		name: 'Harness workflow',
		active: mode !== 'manual',
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		staticData,
	};
	const thrown: unknown[] = [];
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes,
		connections,
		active: workflowData.active,
		nodeTypes: createNodeTypes(types, { captureErrorsOf: typeName, thrown }),
		staticData,
		settings: workflowData.settings,
	});
	const additionalData = createAdditionalData(
		credentialsHelper,
		mode,
		workflowData,
		setup.additionalData,
	);
	// The Workflow constructor filled in defaults and dropped hidden parameters: use its node.
	return {
		mode,
		workflow,
		node: workflow.getNode(nodeName)!,
		nodeType,
		additionalData,
		credentialsHelper,
		workflowData,
		staticData,
		thrown,
	};
}

/** Run `fn` holding an expression isolate, as n8n's services do (a no-op with the legacy engine). */
export async function withIsolate<T>(workflow: Workflow, fn: () => Promise<T>): Promise<T> {
	const acquired = await workflow.expression.acquireIsolate();
	try {
		return await fn();
	} finally {
		if (acquired) await workflow.expression.releaseIsolate();
	}
}
