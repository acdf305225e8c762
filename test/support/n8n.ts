/**
 * Workflow-level test harness: runs our nodes in-process with n8n-core's real engine.
 * =================================================================================
 * Nothing here is mocked on the n8n side: a real `Workflow` (n8n-workflow) executed by n8n-core's
 * `WorkflowExecute`, real node execution contexts (parameter + expression resolution per item,
 * getCredentials, httpRequestWithAuthentication over n8n's axios client, continueOnFail,
 * pairedItem assignment, NodeApiError handling). Only the CLI's database-backed pieces are
 * replaced: credentials come from memory (TestCredentialsHelper, which mirrors the CLI's
 * CredentialsHelper), and webhook requests are an express-like fake.
 *
 * API (all async; every function builds a fresh workflow, so tests are independent):
 *
 *   runNode({ nodeType, parameters, credentials?, credentialTypes?, inputItems?, continueOnFail?,
 *             onError?, nodeTypeVersion?, mode?, staticData?, typeName?, nodeName? })
 *     -> { items, outputs, error, nodeError, runData, executionStatus, run, credentialsHelper }
 *     Workflow = "Start" (emits inputItems) -> node under test. `items` = the node's first output,
 *     `outputs` = all its outputs. `error` = the run's error (the node's thrown error when the
 *     run failed), undefined on success.
 *
 *   runLoadOptions({ nodeType, parameters, credentials?, credentialTypes?, method, path? })
 *   runListSearch({ ..., method, filter?, paginationToken? })
 *   runResourceMapping({ ..., method })
 *     -> whatever the node's methods.loadOptions / listSearch / resourceMapping[method] returns,
 *     called on a real n8n-core LoadOptionsContext (as n8n's DynamicNodeParametersService does).
 *
 *   runWebhook({ nodeType, parameters, credentials?, credentialTypes?, request, webhookName?,
 *                staticData?, parseBody? })
 *     request = { method, headers?, query?, body?, rawBody?: Buffer | string, params? }
 *     -> { result (IWebhookResponseData), webhookResponse, workflowData, noWebhookResponse,
 *          response: { status, headers, body, sent, sentBy: 'node' | 'n8n' }, staticData }
 *     Calls nodeType.webhook() on a real n8n-core WebhookContext. `response` is what the node sent
 *     through getResponseObject(); if the node sent nothing, it is what n8n would answer itself.
 *
 *   runWebhookMethod('checkExists' | 'create' | 'delete', { nodeType, parameters, credentials?,
 *                    credentialTypes?, webhookName?, staticData?, activation? })
 *     -> { result, staticData, webhookUrl }   (real n8n-core HookContext)
 *     Pass the same `staticData` object to successive calls to keep webhook ids etc. between them.
 *
 *   runCredentialTest({ credentialType, credentials, nodeType?, testedBy? })
 *     -> { status: 'OK' | 'Error', message }
 *     Declarative `credentialType.test` request (as n8n's CredentialsTester runs it), or the
 *     node's methods.credentialTest[testedBy] function.
 *
 * Credentials: `credentials` is keyed by credential type name; `credentialTypes` are the credential
 * class instances (needed for `authenticate`, defaults and `test`). Example:
 *
 *   import { runNode } from '../support/n8n';
 *   import { startFakeGraph } from '../support/fakeGraph';
 *   import { WhatsAppCloud } from '../../nodes/WhatsAppCloud/WhatsAppCloud.node';
 *   import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
 *
 *   const graph = await startFakeGraph();
 *   graph.on('POST', '/v24.0/1111/messages', (req) => ({ json: { messages: [{ id: `wamid.${req.json.to}` }] } }));
 *   const { items, error } = await runNode({
 *     nodeType: WhatsAppCloud,
 *     credentialTypes: [new WhatsAppCloudApi()],
 *     credentials: { whatsAppCloudApi: { accessToken: 'TOKEN', phoneNumberId: '1111', baseUrl: graph.url } },
 *     parameters: { resource: 'message', operation: 'sendText', recipient: '={{ $json.phone }}', text: 'hi' },
 *     inputItems: [{ phone: '+15550001' }, { phone: '+15550002' }],
 *     continueOnFail: true,
 *   });
 *   expect(error).toBeUndefined();
 *   expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
 *   expect(graph.requests[0].headers.authorization).toBe('Bearer TOKEN');
 *
 * Pitfalls worth knowing (see test/workflow/harness.test.ts for each one demonstrated):
 * - Parameters hidden by displayOptions are dropped by n8n (Workflow fills defaults with
 *   returnDefaults=true), exactly as in the editor: set resource/operation first.
 * - httpRequestWithAuthentication already wraps HTTP failures in a NodeApiError (message like
 *   "Bad request - please check your parameters", description = the response body's message);
 *   the Graph body is in `error.cause.response.data` / the original error's `response.body`.
 * - A node that throws under continueOnFail gets ONE error item from n8n ({ json: { error } }),
 *   not one per input item; per-item error items must be built by the node itself.
 * - Not supported: sub-workflows (executeWorkflow), task runners (Code node), binary data in the
 *   filesystem mode beyond n8n-core's defaults.
 */
import './n8nEnv';

import {
	Credentials,
	ExecutionLifecycleHooks,
	getAdditionalKeys,
	LoadOptionsContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	Workflow,
	type ExecutionBaseError,
	type ExecutionStatus,
	type ICredentialDataDecryptedObject,
	type ICredentialsExpressionResolveValues,
	type ICredentialType,
	type IDataObject,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IRun,
	type IRunData,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type ResourceMapperFields,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

export { N8N_USER_FOLDER } from './n8nEnv';

// ---------------------------------------------------------------------------------------------
// Node types
// ---------------------------------------------------------------------------------------------

export type AnyNodeType = INodeType | IVersionedNodeType;
/** A node type instance, or its class (instantiated with `new`). */
export type NodeTypeInput = AnyNodeType | (new () => AnyNodeType);

/** Package prefix n8n gives our nodes when it loads the community package. */
export const PACKAGE_PREFIX = 'n8n-nodes-whatsapp-cloud';
const START_NODE_TYPE = 'harness.start';

export function instantiate(nodeType: NodeTypeInput): AnyNodeType {
	return typeof nodeType === 'function' ? new nodeType() : nodeType;
}

/** Latest version a node type declares (defaultVersion for versioned types). */
export function latestVersion(nodeType: AnyNodeType): number {
	const d = nodeType.description as { version?: number | number[]; defaultVersion?: number };
	if (d.defaultVersion !== undefined) return d.defaultVersion;
	if (Array.isArray(d.version)) return Math.max(...d.version);
	return d.version ?? 1;
}

/** Full type name as n8n stores it in a workflow, e.g. `n8n-nodes-whatsapp-cloud.whatsAppCloud`. */
export function typeNameOf(nodeType: AnyNodeType): string {
	const name = nodeType.description.name;
	return name.includes('.') ? name : `${PACKAGE_PREFIX}.${name}`;
}

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

/**
 * Wrap a node type so that errors thrown by its execute() are recorded before n8n sees them.
 * n8n keeps only a plain-object copy of a node's error ({ ...error, message, stack }), so
 * `instanceof NodeApiError` fails on what it records; this keeps the real instance for tests.
 */
function captureThrown(type: INodeType, sink: unknown[]): INodeType {
	return new Proxy(type, {
		get(target, prop, receiver) {
			const value: unknown = Reflect.get(target, prop, receiver);
			if (prop !== 'execute' || typeof value !== 'function') return value;
			return async function (this: unknown, ...args: unknown[]) {
				try {
					return await (value as (...a: unknown[]) => Promise<unknown>).apply(this === receiver ? target : this, args);
				} catch (error) {
					sink.push(error);
					throw error;
				}
			};
		},
	});
}

/** An in-memory INodeTypes registry (what n8n's NodeTypes service provides). */
export function createNodeTypes(
	types: Record<string, AnyNodeType>,
	options: { captureErrorsOf?: string; thrown?: unknown[] } = {},
): INodeTypes {
	const resolve = (name: string, version?: number) => {
		const type = types[name];
		if (!type) throw new Error(`harness: unknown node type "${name}"`);
		const versioned = NodeHelpers.getVersionedNodeType(type, version);
		return name === options.captureErrorsOf && options.thrown ? captureThrown(versioned, options.thrown) : versioned;
	};
	return {
		getByName: (name) => resolve(name),
		getByNameAndVersion: (name, version) => resolve(name, version),
		getKnownTypes: () => ({}),
	};
}

// ---------------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------------

const mockNodeTypes = createNodeTypes({
	mock: { description: { properties: [] } } as unknown as INodeType,
});
const mockNode: INode = { id: 'mock', name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };

/**
 * In-memory implementation of n8n-workflow's ICredentialsHelper, doing what n8n's CLI
 * CredentialsHelper (packages/cli/src/credentials-helper.ts) does minus the database:
 * - getDecrypted: the stored data with the credential type's defaults applied
 *   (NodeHelpers.getNodeParameters, as applyDefaultsAndOverwrites) and expressions resolved;
 * - authenticate: a function `authenticate` is called; a generic one has each key/value of
 *   headers/qs/body/auth resolved with `$credentials` and set on the request;
 * - preAuthentication: the CLI's expirable-property logic, persisting into memory.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly store = new Map<string, ICredentialDataDecryptedObject>();
	readonly types = new Map<string, ICredentialType>();
	/** Every updateCredentials / updateCredentialsOauthTokenData call, in order. */
	readonly updates: Array<{ type: string; data: ICredentialDataDecryptedObject }> = [];

	constructor(credentials: Record<string, ICredentialDataDecryptedObject> = {}, credentialTypes: ICredentialType[] = []) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
		for (const [type, data] of Object.entries(credentials)) this.store.set(type, structuredClone(data));
	}

	getCredentialType(typeName: string): ICredentialType {
		const type = this.types.get(typeName);
		if (!type) {
			throw new Error(
				`harness: credential type "${typeName}" is not registered: pass credentialTypes: [new YourCredential()] to the harness`,
			);
		}
		return type;
	}

	getParentTypes(typeName: string): string[] {
		const type = this.types.get(typeName);
		const parents: string[] = [];
		for (const parent of type?.extends ?? []) parents.push(parent, ...this.getParentTypes(parent));
		return parents;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions & Record<string, any>;
		const credentialType = this.getCredentialType(typeName);
		const { authenticate } = credentialType;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!workflow || !node) throw new Error('Workflow and node are required for declarative credential authentication');
		requestOptions.headers ??= {};
		if (authenticate.type === 'generic') {
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as IDataObject)) {
					const keyResolved = this.resolveValue(key, credentials, workflow, node);
					const valueResolved = this.resolveValue(value as string, credentials, workflow, node);
					requestOptions[outerKey] ??= {};
					requestOptions[outerKey][keyResolved] = valueResolved;
				}
			}
		}
		return requestOptions;
	}

	private resolveValue(value: string, credentials: ICredentialDataDecryptedObject, workflow: Workflow, node: INode): string {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
		return resolved ? String(resolved) : '';
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getCredentialType(typeName);
		const expirable = credentialType.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (expirable?.name === undefined || typeof credentialType.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const stored = this.store.get(typeName) ?? {};
		await this.updateCredentials({ id: null, name: typeName }, typeName, { ...stored, ...output } as ICredentialDataDecryptedObject);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getCredentialType(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		return ((await credentialType.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject) ?? undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const credentials = new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type);
		await credentials.setData(this.storedData(nodeCredentials, type));
		return credentials;
	}

	private storedData(nodeCredentials: INodeCredentialsDetails, type: string): ICredentialDataDecryptedObject {
		const data = this.store.get(type);
		if (!data) {
			throw new Error(`Credential with ID "${nodeCredentials.id ?? ''}" does not exist for type "${type}".`);
		}
		return structuredClone(data);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.storedData(nodeCredentials, type);
		if (raw === true) return data;
		return await this.applyDefaults(additionalData, data, type, mode, executeData, expressionResolveValues);
	}

	/** Defaults of the credential type + expression resolution (CLI: applyDefaultsAndOverwrites). */
	async applyDefaults(
		additionalData: IWorkflowExecuteAdditionalData,
		data: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		if (!this.types.has(type)) return data; // unknown type: no defaults to apply
		const properties = this.getCredentialsProperties(type);
		let decrypted = (NodeHelpers.getNodeParameters(properties, data as INodeParameters, true, false, null, null) ??
			{}) as ICredentialDataDecryptedObject;
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } = expressionResolveValues;
			decrypted = workflow.expression.getParameterValue(
				decrypted as INodeParameters,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				decrypted as IDataObject,
			) as ICredentialDataDecryptedObject;
		} else if (Object.values(decrypted).some((v) => isExpression(v))) {
			const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: mockNodeTypes });
			decrypted = workflow.expression.getComplexParameterValue(
				mockNode,
				decrypted as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				decrypted as IDataObject,
			) as ICredentialDataDecryptedObject;
		}
		return decrypted;
	}

	async updateCredentials(_nodeCredentials: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.store.set(type, structuredClone(data));
		this.updates.push({ type, data: structuredClone(data) });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.store.get(type) ?? {};
		await this.updateCredentials(nodeCredentials, type, { ...stored, oauthTokenData: data.oauthTokenData });
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.getCredentialType(type);
		if (!credentialType.extends) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}
}

// ---------------------------------------------------------------------------------------------
// Workflow + additional data
// ---------------------------------------------------------------------------------------------

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

interface Built {
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

function buildWorkflow(
	setup: NodeSetup,
	mode: WorkflowExecuteMode,
	options: { startItems?: INodeExecutionData[]; nodeExtras?: Partial<INode> } = {},
): Built {
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
			Object.keys(setup.credentials).map((type) => [type, { id: `${type}-id`, name: `${type} (test)` }]),
		);
	}

	const types: Record<string, AnyNodeType> = { [typeName]: nodeType };
	const nodes: INode[] = [node];
	const connections: IWorkflowBase['connections'] = {};
	if (options.startItems) {
		types[START_NODE_TYPE] = startNodeType(options.startItems);
		nodes.unshift({ id: 'start', name: 'Start', type: START_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} });
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
	const additionalData = createAdditionalData(credentialsHelper, mode, workflowData, setup.additionalData);
	// The Workflow constructor filled in defaults and dropped hidden parameters: use its node.
	return { workflow, node: workflow.getNode(nodeName)!, nodeType, additionalData, credentialsHelper, workflowData, staticData, thrown };
}

/** Run `fn` holding an expression isolate, as n8n's services do (a no-op with the legacy engine). */
async function withIsolate<T>(workflow: Workflow, fn: () => Promise<T>): Promise<T> {
	const acquired = await workflow.expression.acquireIsolate();
	try {
		return await fn();
	} finally {
		if (acquired) await workflow.expression.releaseIsolate();
	}
}

function toItems(input: INodeExecutionData[] | IDataObject[] | undefined): INodeExecutionData[] {
	if (!input) return [{ json: {} }];
	return input.map((item) =>
		item && typeof item === 'object' && 'json' in item && typeof item.json === 'object' && item.json !== null
			? (item as INodeExecutionData)
			: { json: item as IDataObject },
	);
}

// ---------------------------------------------------------------------------------------------
// runNode
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// loadOptions / listSearch / resourceMapping
// ---------------------------------------------------------------------------------------------

export interface MethodOptions extends NodeSetup {
	/** Method name in nodeType.methods.<kind>. */
	method: string;
	/** Parameter path the editor asks for, e.g. 'parameters.template' (default 'parameters.<method>'). */
	path?: string;
}

type MethodKind = 'loadOptions' | 'listSearch' | 'resourceMapping';

/** A real n8n-core LoadOptionsContext for the node set up with these parameters/credentials. */
export function createLoadOptionsContext(setup: NodeSetup & { path?: string }): {
	context: LoadOptionsContext;
	nodeType: INodeType;
	built: Built;
} {
	const built = buildWorkflow(setup, 'internal');
	// The editor sends the node's current parameters (defaults filled in) along with the request.
	built.additionalData.currentNodeParameters = built.node.parameters;
	const context = new LoadOptionsContext(built.workflow, built.node, built.additionalData, setup.path ?? 'parameters');
	const nodeType = NodeHelpers.getVersionedNodeType(built.nodeType, built.node.typeVersion);
	return { context, nodeType, built };
}

function getMethod(nodeType: INodeType, kind: MethodKind, name: string): (...args: unknown[]) => Promise<unknown> {
	const methods = (nodeType.methods as Record<string, Record<string, unknown>> | undefined)?.[kind];
	const method = methods?.[name];
	if (typeof method !== 'function') {
		const available = methods ? Object.keys(methods).join(', ') : 'none';
		throw new Error(`harness: node "${nodeType.description.name}" has no ${kind} method "${name}" (available: ${available})`);
	}
	return method as (...args: unknown[]) => Promise<unknown>;
}

async function callMethod<T>(kind: MethodKind, options: MethodOptions, args: unknown[] = []): Promise<T> {
	const { context, nodeType, built } = createLoadOptionsContext({ ...options, path: options.path ?? `parameters.${options.method}` });
	const method = getMethod(nodeType, kind, options.method);
	return await withIsolate(built.workflow, async () => (await method.call(context, ...args)) as T);
}

export async function runLoadOptions(options: MethodOptions): Promise<INodePropertyOptions[]> {
	return await callMethod<INodePropertyOptions[]>('loadOptions', options);
}

export async function runListSearch(
	options: MethodOptions & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	return await callMethod<INodeListSearchResult>('listSearch', options, [options.filter, options.paginationToken]);
}

export async function runResourceMapping(options: MethodOptions): Promise<ResourceMapperFields> {
	return await callMethod<ResourceMapperFields>('resourceMapping', options);
}
