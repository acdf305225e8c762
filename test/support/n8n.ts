/**
 * Workflow-level test harness: runs our nodes in-process with n8n-core's real engine.
 * =================================================================================
 * Real on the n8n side: a `Workflow` (n8n-workflow) run by n8n-core's `WorkflowExecute`, n8n-core's
 * node contexts (ExecuteContext, LoadOptionsContext, WebhookContext, HookContext,
 * CredentialTestContext, RoutingNode), so parameters + expressions resolve per item, defaults
 * fill in, getCredentials / httpRequestWithAuthentication go through n8n's axios client, and
 * continueOnFail / pairedItem / NodeApiError behave as in n8n. Replaced: the CLI's database
 * (credentials live in memory in TestCredentialsHelper, a copy of the CLI CredentialsHelper's
 * logic) and express (an express-like fake request/response for webhooks).
 * HTTP: point the credential's baseUrl at startFakeGraph() (./fakeGraph.ts), or use nock:
 * both work with n8n-core's HTTP client (see test/workflow/harness*.test.ts).
 *
 * API (every call builds a fresh workflow; pass `staticData` to share state between calls):
 *
 *   runNode({ nodeType, parameters?, credentials?, credentialTypes?, inputItems?, continueOnFail?,
 *             onError?, nodeTypeVersion?, mode?, staticData?, typeName?, nodeName?, nodeOverrides? })
 *     -> { items, outputs, error?, nodeError?, thrownError?, runData, executionStatus, run,
 *          credentialsHelper, staticData }
 *     Workflow "Start" (emits inputItems; plain objects become { json }) -> node under test.
 *     items = the node's first output, outputs = all its outputs.
 *
 *   runLoadOptions({ ...setup, method, path? })        -> INodePropertyOptions[]
 *   runListSearch({ ...setup, method, filter?, paginationToken? }) -> INodeListSearchResult
 *   runResourceMapping({ ...setup, method })           -> ResourceMapperFields
 *     nodeType.methods.<kind>[method] called on a LoadOptionsContext for `parameters`, like
 *     n8n's DynamicNodeParametersService (getCurrentNodeParameter(s) see the parameters).
 *
 *   runWebhook({ ...setup, request: { method?, headers?, query?, body?, rawBody? }, webhookName?,
 *                mode?, parseBody? })
 *     -> { result, webhookResponse, workflowData, noWebhookResponse, response, error?, staticData }
 *     nodeType.webhook() on a WebhookContext. req.rawBody = the exact bytes; body is parsed from
 *     rawBody like n8n's body parser unless you pass `body`. `response` = { status, headers,
 *     body, text, sent, sentBy }: what the node sent through getResponseObject() (sentBy 'node'),
 *     else what n8n would answer itself (sentBy 'n8n': 200 "Workflow was started", the
 *     webhookResponse, 500 when webhook() threw, 422 for unparsable JSON).
 *
 *   runWebhookMethod('checkExists' | 'create' | 'delete', { ...setup, webhookName?, activation? })
 *     -> { result, staticData, webhookUrl }      (HookContext, mode 'trigger')
 *
 *   runCredentialTest({ credentialType, credentials, nodeType?, testedBy? })
 *     -> { status: 'OK' | 'Error', message }    (as n8n's CredentialsTester: the declarative
 *     `test` request through RoutingNode with its rules, or methods.credentialTest[testedBy])
 *
 *   setup = { nodeType (instance or class), parameters?, credentials? (decrypted data keyed by
 *   credential type name), credentialTypes? (credential class instances: required for
 *   `authenticate`, defaults and tests), nodeTypeVersion?, staticData?, webhookId?,
 *   additionalData? (overrides, e.g. webhookBaseUrl) }
 *
 * Example:
 *
 *   import { runNode } from '../support/n8n';
 *   import { startFakeGraph, graphError } from '../support/fakeGraph';
 *   import { WhatsAppCloud } from '../../nodes/WhatsAppCloud/WhatsAppCloud.node';
 *   import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
 *
 *   const graph = await startFakeGraph();                      // beforeAll; graph.close() in afterAll
 *   graph.on('POST', '/v24.0/1111/messages', (req) =>
 *     req.json.to === '+15550002' ? graphError(131030, 'Recipient not in allowed list')
 *                                 : { json: { messages: [{ id: `wamid.${req.json.to}` }] } });
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
 * Pitfalls (each one is demonstrated in test/workflow/harness.test.ts):
 * - `error` / `nodeError` are what n8n records: a PLAIN-OBJECT copy of the thrown error
 *   ({ ...error, message, stack }), so `instanceof NodeApiError` is false; check `name`,
 *   `message`, `description`, `httpCode`, `context`, or use `thrownError` (the real instance,
 *   captured from execute(); not available for declarative/routing nodes).
 * - httpRequestWithAuthentication already wraps HTTP failures in a NodeApiError: generic
 *   message ("Bad request - please check your parameters"), Graph's error.message as
 *   `description`, Graph's body in `context.data`, and in `cause` the AxiosError whose
 *   config.headers.Authorization holds the Bearer token: never copy `cause` anywhere.
 * - continueOnFail: error items are whatever the node builds itself. If execute() THROWS under
 *   continueOnFail, n8n passes the INPUT items through unchanged, records the error on the
 *   node's task (nodeError) and, because our node is the last one, the run ends 'error'.
 * - Parameters hidden by displayOptions are dropped (defaults are filled as in the editor):
 *   set resource/operation so the fields you pass are displayed.
 * - Webhook static data lives under `staticData['node:<node name>']`.
 * - Declarative nodes that also declare webhook() (n8n's built-in WhatsApp node) get no
 *   connection input data in n8n 2.41, so `$json` fails there ("Node ... hasn't been executed");
 *   `$('Start').item.json.x` works. Same in real n8n.
 * - Not supported: sub-workflows (executeWorkflow), task runners (Code node), waiting/resume.
 */
import './n8nEnv';

import { EventEmitter } from 'node:events';

import {
	CredentialTestContext,
	Credentials,
	ExecuteContext,
	ExecutionLifecycleHooks,
	getAdditionalKeys,
	HookContext,
	LoadOptionsContext,
	RoutingNode,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialsHelper,
	isExpression,
	isNodeClassInstance,
	jsonParse,
	NodeHelpers,
	Workflow,
	type ExecutionBaseError,
	type ExecutionStatus,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type ICredentialsExpressionResolveValues,
	type ICredentialTestFunction,
	type ICredentialTestRequest,
	type ICredentialType,
	type IDataObject,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialTestResult,
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
	type IWebhookData,
	type IWebhookDescription,
	type IWebhookResponseData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type ResourceMapperFields,
	type WorkflowActivateMode,
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
					return await (value as (...a: unknown[]) => Promise<unknown>).apply(
						this === receiver ? target : this,
						args,
					);
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
		return name === options.captureErrorsOf && options.thrown
			? captureThrown(versioned, options.thrown)
			: versioned;
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
const mockNode: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

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

	constructor(
		credentials: Record<string, ICredentialDataDecryptedObject> = {},
		credentialTypes: ICredentialType[] = [],
	) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
		for (const [type, data] of Object.entries(credentials))
			this.store.set(type, structuredClone(data));
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
		if (!workflow || !node)
			throw new Error('Workflow and node are required for declarative credential authentication');
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

	private resolveValue(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
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
		const expirable = credentialType.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (expirable?.name === undefined || typeof credentialType.preAuthentication !== 'function')
			return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const stored = this.store.get(typeName) ?? {};
		await this.updateCredentials({ id: null, name: typeName }, typeName, {
			...stored,
			...output,
		} as ICredentialDataDecryptedObject);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getCredentialType(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		return (
			((await credentialType.preAuthentication.call(
				helpers,
				credentials,
			)) as ICredentialDataDecryptedObject) ?? undefined
		);
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<Credentials> {
		const credentials = new Credentials(
			{ id: nodeCredentials.id, name: nodeCredentials.name },
			type,
		);
		await credentials.setData(this.storedData(nodeCredentials, type));
		return credentials;
	}

	private storedData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): ICredentialDataDecryptedObject {
		const data = this.store.get(type);
		if (!data) {
			throw new Error(
				`Credential with ID "${nodeCredentials.id ?? ''}" does not exist for type "${type}".`,
			);
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
		return await this.applyDefaults(
			additionalData,
			data,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
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
		let decrypted = (NodeHelpers.getNodeParameters(
			properties,
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) ?? {}) as ICredentialDataDecryptedObject;
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
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
			const workflow = new Workflow({
				nodes: [mockNode],
				connections: {},
				active: false,
				nodeTypes: mockNodeTypes,
			});
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

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.set(type, structuredClone(data));
		this.updates.push({ type, data: structuredClone(data) });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.store.get(type) ?? {};
		await this.updateCredentials(nodeCredentials, type, {
			...stored,
			oauthTokenData: data.oauthTokenData,
		});
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.getCredentialType(type);
		if (!credentialType.extends) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends)
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
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
		item &&
		typeof item === 'object' &&
		'json' in item &&
		typeof item.json === 'object' &&
		item.json !== null
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
	built: BuiltWorkflow;
} {
	const built = buildWorkflow(setup, 'internal');
	// The editor sends the node's current parameters (defaults filled in) along with the request.
	built.additionalData.currentNodeParameters = built.node.parameters;
	const context = new LoadOptionsContext(
		built.workflow,
		built.node,
		built.additionalData,
		setup.path ?? 'parameters',
	);
	const nodeType = NodeHelpers.getVersionedNodeType(built.nodeType, built.node.typeVersion);
	return { context, nodeType, built };
}

function getMethod(
	nodeType: INodeType,
	kind: MethodKind,
	name: string,
): (...args: unknown[]) => Promise<unknown> {
	const methods = (nodeType.methods as Record<string, Record<string, unknown>> | undefined)?.[kind];
	const method = methods?.[name];
	if (typeof method !== 'function') {
		const available = methods ? Object.keys(methods).join(', ') : 'none';
		throw new Error(
			`harness: node "${nodeType.description.name}" has no ${kind} method "${name}" (available: ${available})`,
		);
	}
	return method as (...args: unknown[]) => Promise<unknown>;
}

async function callMethod<T>(
	kind: MethodKind,
	options: MethodOptions,
	args: unknown[] = [],
): Promise<T> {
	const { context, nodeType, built } = createLoadOptionsContext({
		...options,
		path: options.path ?? `parameters.${options.method}`,
	});
	const method = getMethod(nodeType, kind, options.method);
	return await withIsolate(built.workflow, async () => (await method.call(context, ...args)) as T);
}

export async function runLoadOptions(options: MethodOptions): Promise<INodePropertyOptions[]> {
	return await callMethod<INodePropertyOptions[]>('loadOptions', options);
}

export async function runListSearch(
	options: MethodOptions & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	return await callMethod<INodeListSearchResult>('listSearch', options, [
		options.filter,
		options.paginationToken,
	]);
}

export async function runResourceMapping(options: MethodOptions): Promise<ResourceMapperFields> {
	return await callMethod<ResourceMapperFields>('resourceMapping', options);
}

// ---------------------------------------------------------------------------------------------
// Webhooks
// ---------------------------------------------------------------------------------------------

export interface WebhookRequest {
	/** Default 'POST'. */
	method?: string;
	/** Header names are lower-cased (as Node's http does). */
	headers?: Record<string, string | string[] | undefined>;
	query?: Record<string, unknown>;
	params?: Record<string, unknown>;
	/**
	 * Parsed body. When omitted, the body is parsed from rawBody by content-type the way n8n's
	 * body parser does (JSON / form / text); a JSON parse failure is answered 422 by n8n itself.
	 */
	body?: unknown;
	/** The exact request bytes (what n8n exposes as req.rawBody). Default: JSON.stringify(body). */
	rawBody?: Buffer | string;
	/** Request path (informational; default the node's webhook path). */
	path?: string;
}

export interface RecordedResponse {
	status?: number;
	headers: Record<string, string>;
	/** What was passed to send/json/end/write (Buffers stay Buffers, objects stay objects). */
	body?: unknown;
	/** The body as text (objects JSON-encoded), for easy assertions. */
	text?: string;
	/** True once the response was finished (send/json/end/sendStatus). */
	sent: boolean;
	/** Who answered: the node through getResponseObject(), or n8n's own default response. */
	sentBy?: 'node' | 'n8n';
}

/** An express-like Response that records what the node sends. */
export class FakeExpressResponse extends EventEmitter {
	statusCode = 200;
	headersSent = false;
	finished = false;
	readonly recorded: RecordedResponse = { headers: {}, sent: false };
	private chunks: Array<string | Buffer> = [];

	status(code: number): this {
		this.statusCode = code;
		this.recorded.status = code;
		return this;
	}
	setHeader(name: string, value: string | number | readonly string[]): this {
		this.recorded.headers[name.toLowerCase()] = Array.isArray(value)
			? value.join(', ')
			: String(value);
		return this;
	}
	set(name: string | Record<string, string>, value?: string): this {
		if (typeof name === 'object') for (const [k, v] of Object.entries(name)) this.setHeader(k, v);
		else this.setHeader(name, value ?? '');
		return this;
	}
	header(name: string, value: string): this {
		return this.set(name, value);
	}
	getHeader(name: string): string | undefined {
		return this.recorded.headers[name.toLowerCase()];
	}
	getHeaders(): Record<string, string> {
		return { ...this.recorded.headers };
	}
	removeHeader(name: string): void {
		delete this.recorded.headers[name.toLowerCase()];
	}
	type(contentType: string): this {
		const ct = contentType.includes('/')
			? contentType
			: contentType === 'json'
				? 'application/json'
				: contentType === 'text'
					? 'text/plain'
					: contentType;
		return this.setHeader('content-type', ct);
	}
	contentType(contentType: string): this {
		return this.type(contentType);
	}
	writeHead(status: number, headers?: Record<string, string | number>): this {
		this.status(status);
		for (const [k, v] of Object.entries(headers ?? {})) this.setHeader(k, v);
		this.headersSent = true;
		return this;
	}
	write(chunk: string | Buffer): boolean {
		this.headersSent = true;
		this.chunks.push(chunk);
		return true;
	}
	send(body?: unknown): this {
		if (body !== undefined && body !== null && typeof body === 'object' && !Buffer.isBuffer(body))
			return this.json(body);
		if (typeof body === 'string' && !this.getHeader('content-type'))
			this.setHeader('content-type', 'text/html; charset=utf-8');
		return this.finish(body);
	}
	json(body: unknown): this {
		if (!this.getHeader('content-type'))
			this.setHeader('content-type', 'application/json; charset=utf-8');
		return this.finish(body);
	}
	sendStatus(code: number): this {
		this.status(code);
		return this.finish(String(code));
	}
	end(chunk?: string | Buffer): this {
		if (this.finished) return this; // express tolerates end() after send()
		if (chunk !== undefined) this.chunks.push(chunk);
		const body =
			this.chunks.length === 0
				? undefined
				: this.chunks.every((c) => typeof c === 'string')
					? this.chunks.join('')
					: Buffer.concat(this.chunks.map((c) => Buffer.from(c)));
		return this.finish(body);
	}
	private finish(body: unknown): this {
		if (this.finished)
			throw new Error(
				'harness: response already sent (a real server would throw ERR_HTTP_HEADERS_SENT)',
			);
		this.recorded.status ??= this.statusCode;
		this.recorded.body = body;
		this.recorded.text =
			body === undefined
				? undefined
				: Buffer.isBuffer(body)
					? body.toString('utf8')
					: typeof body === 'string'
						? body
						: JSON.stringify(body);
		this.recorded.sent = true;
		this.recorded.sentBy = 'node';
		this.headersSent = true;
		this.finished = true;
		this.emit('finish');
		return this;
	}
}

/** An express-like Request: what n8n's webhook server hands to WebhookContext. */
export function createFakeRequest(
	request: WebhookRequest,
	defaultPath: string,
): IDataObject & { rawBody: Buffer } {
	const headers: Record<string, string | string[]> = {};
	for (const [k, v] of Object.entries(request.headers ?? {}))
		if (v !== undefined) headers[k.toLowerCase()] = v;
	let rawBody: Buffer;
	if (request.rawBody !== undefined)
		rawBody = Buffer.isBuffer(request.rawBody)
			? request.rawBody
			: Buffer.from(request.rawBody, 'utf8');
	else if (request.body !== undefined)
		rawBody = Buffer.from(
			typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
			'utf8',
		);
	else rawBody = Buffer.alloc(0);
	if (
		request.body !== undefined &&
		request.rawBody === undefined &&
		headers['content-type'] === undefined &&
		typeof request.body === 'object'
	) {
		headers['content-type'] = 'application/json';
	}
	if (rawBody.length > 0) headers['content-length'] ??= String(rawBody.length);
	const contentTypeHeader = String(headers['content-type'] ?? '');
	const contentType = contentTypeHeader.split(';')[0].trim().toLowerCase() || undefined;
	const charset = /charset=([^;]+)/i.exec(contentTypeHeader)?.[1]?.trim().toLowerCase();
	const path = request.path ?? `/webhook/${defaultPath}`;
	const query = request.query ?? {};
	const search = new URLSearchParams(
		Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
	).toString();
	return {
		method: (request.method ?? 'POST').toUpperCase(),
		url: search ? `${path}?${search}` : path,
		originalUrl: search ? `${path}?${search}` : path,
		path,
		headers,
		query,
		params: request.params ?? {},
		body: request.body as IDataObject,
		rawBody,
		contentType,
		encoding: (charset ?? 'utf-8') as BufferEncoding,
		get: (name: string) => headers[name.toLowerCase()],
		header: (name: string) => headers[name.toLowerCase()],
		readRawBody: async () => {},
	};
}

/** n8n's body parser (packages/cli/src/middlewares/body-parser.ts) for the common types. */
function parseBodyLikeN8n(
	req: IDataObject & { rawBody: Buffer },
): { ok: true } | { ok: false; message: string } {
	const { rawBody } = req;
	const contentType = req.contentType as string | undefined;
	const encoding = req.encoding as BufferEncoding;
	const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	if (rawBody.length > 0) {
		try {
			if (contentType === 'application/json')
				req.body = jsonParse(stripBom(rawBody.toString(encoding)));
			else if (contentType === 'application/x-www-form-urlencoded')
				req.body = Object.fromEntries(new URLSearchParams(stripBom(rawBody.toString(encoding))));
			else if (contentType === 'text/plain') req.body = rawBody.toString(encoding);
		} catch (error) {
			return { ok: false, message: (error as Error).message };
		}
	}
	req.body ??= {};
	return { ok: true };
}

export interface WebhookSetup extends NodeSetup {
	/** Webhook description name (nodeType.description.webhooks[].name); default 'default'. */
	webhookName?: string;
	/** Execution mode; 'webhook' = production URL (default), 'manual' = test URL. */
	mode?: WorkflowExecuteMode;
}

function resolveDescriptionField<T>(
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

export interface RunWebhookOptions extends WebhookSetup {
	request: WebhookRequest;
	/** Parse rawBody into body like n8n when `request.body` is not given (default true). */
	parseBody?: boolean;
}

export interface RunWebhookResult {
	/** What webhook() returned (undefined when it threw or n8n rejected the body). */
	result?: IWebhookResponseData;
	webhookResponse?: unknown;
	/** The items that would start the workflow: workflowData[0] is the first output. */
	workflowData?: INodeExecutionData[][];
	noWebhookResponse?: boolean;
	/** What the caller (Meta) receives: the node's own response, or n8n's default answer. */
	response: RecordedResponse;
	/** Error thrown by webhook() (n8n answers 500 "Workflow could not be started!"). */
	error?: Error;
	staticData: IDataObject;
	credentialsHelper: TestCredentialsHelper;
}

/** Call the node's webhook() for one HTTP request, on a real n8n-core WebhookContext. */
export async function runWebhook(options: RunWebhookOptions): Promise<RunWebhookResult> {
	const mode = options.mode ?? 'webhook';
	const built = buildWorkflow(options, mode);
	const method = (options.request.method ?? 'POST').toUpperCase();
	const webhookData = getWebhookData(built, options.webhookName, method);
	const req = createFakeRequest({ ...options.request, method }, webhookData.path);
	const res = new FakeExpressResponse();
	const base = { staticData: built.staticData, credentialsHelper: built.credentialsHelper };

	if (options.request.body === undefined && options.parseBody !== false) {
		const parsed = parseBodyLikeN8n(req);
		if (!parsed.ok) {
			// n8n rejects the request before the node runs (UnprocessableRequestError).
			const body = { code: 422, message: 'Failed to parse request body', hint: parsed.message };
			return {
				...base,
				response: {
					status: 422,
					headers: { 'content-type': 'application/json' },
					body,
					text: JSON.stringify(body),
					sent: true,
					sentBy: 'n8n',
				},
			};
		}
	}
	req.body ??= {};

	built.additionalData.httpRequest =
		req as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	built.additionalData.httpResponse =
		res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	const closeFunctions: Array<() => Promise<void>> = [];
	const context = new WebhookContext(
		built.workflow,
		built.node,
		built.additionalData,
		mode,
		webhookData,
		closeFunctions,
		null,
	);
	const nodeType = built.workflow.nodeTypes.getByNameAndVersion(
		built.node.type,
		built.node.typeVersion,
	);
	if (!nodeType.webhook)
		throw new Error(`harness: node "${nodeType.description.name}" has no webhook() method`);

	let result: IWebhookResponseData | undefined;
	let error: Error | undefined;
	try {
		result = await withIsolate(built.workflow, async () =>
			isNodeClassInstance(nodeType)
				? await nodeType.webhook!(context as never)
				: await nodeType.webhook!.call(context),
		);
	} catch (e) {
		error = e as Error;
	} finally {
		await Promise.allSettled(closeFunctions.map(async (fn) => await fn()));
	}

	const response = res.recorded.sent
		? res.recorded
		: defaultWebhookResponse(built, webhookData, result, error);
	return {
		...base,
		result,
		webhookResponse: result?.webhookResponse,
		workflowData: result?.workflowData,
		noWebhookResponse: result?.noWebhookResponse,
		response,
		error,
	};
}

/** What n8n's webhook helpers answer when the node did not answer itself (responseMode onReceived). */
function defaultWebhookResponse(
	built: BuiltWorkflow,
	webhookData: IWebhookData,
	result: IWebhookResponseData | undefined,
	error: Error | undefined,
): RecordedResponse {
	const answer = (status: number, body: unknown): RecordedResponse => ({
		status,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		body,
		text: JSON.stringify(body),
		sent: true,
		sentBy: 'n8n',
	});
	if (error)
		return answer(500, {
			code: 0,
			message: 'Workflow Webhook Error: Workflow could not be started!',
		});
	if (!result || result.noWebhookResponse) return { headers: {}, sent: false };
	const responseCode =
		Number(resolveDescriptionField(built, webhookData.webhookDescription, 'responseCode', 200)) ||
		200;
	if (result.workflowData === undefined) {
		return answer(
			responseCode,
			result.webhookResponse !== undefined
				? result.webhookResponse
				: { message: 'Webhook call received' },
		);
	}
	const responseMode = resolveDescriptionField(
		built,
		webhookData.webhookDescription,
		'responseMode',
		'onReceived',
	);
	if (responseMode !== 'onReceived') return { headers: {}, sent: false }; // answered after the run: out of scope here
	return answer(responseCode, { message: 'Workflow was started' });
}

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

// ---------------------------------------------------------------------------------------------
// Credential test
// ---------------------------------------------------------------------------------------------

export interface RunCredentialTestOptions {
	credentialType: ICredentialType;
	/** The credential's data as the user filled it in (defaults are applied like n8n does). */
	credentials: ICredentialDataDecryptedObject;
	/** Node whose description.credentials[].testedBy / methods.credentialTest should be used. */
	nodeType?: NodeTypeInput;
	/** Name in methods.credentialTest to use (overrides what the node declares). */
	testedBy?: string;
	/** Parent credential types, if credentialType extends any. */
	credentialTypes?: ICredentialType[];
}

const NO_OP_DESCRIPTION = {
	displayName: 'No Operation, do nothing',
	name: 'n8n-nodes-base.noOp',
	group: ['organization'],
	version: 1,
	description: 'No Operation',
	defaults: { name: 'No Operation, do nothing' },
	inputs: ['main'],
	outputs: ['main'],
	properties: [],
} as unknown as INodeType['description'];

/**
 * Test a credential the way n8n's CredentialsTester does: the credential type's declarative
 * `test` request (run through n8n-core's RoutingNode), or a node's methods.credentialTest function.
 */
export async function runCredentialTest(
	options: RunCredentialTestOptions,
): Promise<INodeCredentialTestResult> {
	const { credentialType } = options;
	const typeName = credentialType.name;
	const nodeType = options.nodeType
		? NodeHelpers.getVersionedNodeType(instantiate(options.nodeType))
		: undefined;

	let testFunction: ICredentialTestFunction | undefined;
	let testRequest: ICredentialTestRequest | undefined;
	let requestNodeType: INodeType | undefined;
	if (options.testedBy) {
		testFunction = nodeType?.methods?.credentialTest?.[options.testedBy];
		if (!testFunction)
			throw new Error(`harness: node has no methods.credentialTest.${options.testedBy}`);
	} else if (credentialType.test) {
		testRequest = credentialType.test;
	} else if (nodeType) {
		const testedBy = nodeType.description.credentials?.find((c) => c.name === typeName)?.testedBy;
		if (typeof testedBy === 'string') testFunction = nodeType.methods?.credentialTest?.[testedBy];
		else if (testedBy) {
			testRequest = testedBy;
			requestNodeType = nodeType;
		}
	}
	if (!testFunction && !testRequest)
		return { status: 'Error', message: 'No testing function found for this credential.' };

	const credentialsHelper = new TestCredentialsHelper({ [typeName]: options.credentials }, [
		credentialType,
		...(options.credentialTypes ?? []),
	]);
	const workflowData: IWorkflowBase = {
		id: 'harness-credential-test',
		name: 'Credential test',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [],
		connections: {},
	};
	const additionalData = createAdditionalData(credentialsHelper, 'internal', workflowData);
	const data = await credentialsHelper.applyDefaults(
		additionalData,
		structuredClone(options.credentials),
		typeName,
		'internal',
	);
	credentialsHelper.store.set(typeName, data);
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: `${typeName}-id`,
		name: `${typeName} (test)`,
		type: typeName,
		data,
	};

	if (testFunction) {
		const context = new CredentialTestContext(additionalData);
		return await testFunction.call(context, credentialsDecrypted);
	}
	return await runRequestTest(testRequest!, requestNodeType, credentialsDecrypted, additionalData);
}

async function runRequestTest(
	testRequest: ICredentialTestRequest,
	nodeType: INodeType | undefined,
	credentialsDecrypted: ICredentialsDecrypted,
	additionalData: IWorkflowExecuteAdditionalData,
): Promise<INodeCredentialTestResult> {
	const baseDescription = nodeType?.description ?? NO_OP_DESCRIPTION;
	const typeName = credentialsDecrypted.type;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: baseDescription.name,
		typeVersion: Array.isArray(baseDescription.version)
			? baseDescription.version.slice(-1)[0]
			: baseDescription.version,
		position: [0, 0],
		credentials: { [typeName]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const nodeTypeCopy: INodeType = {
		description: {
			...baseDescription,
			credentials: [{ name: typeName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: createNodeTypes({ [baseDescription.name]: nodeTypeCopy }),
	});
	additionalData.currentNodeParameters = node.parameters;
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const routingNode = new RoutingNode(context, nodeTypeCopy, credentialsDecrypted);
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = (await withIsolate(workflow, async () => await routingNode.runNode())) as
			| INodeExecutionData[][]
			| null
			| undefined;
	} catch (e) {
		const error = e as Error & {
			cause?: { response?: { status: number; statusText?: string }; code?: string };
		};
		if (error.cause?.response) {
			const { status, statusText } = error.cause.response;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && status === rule.properties.value)
					return { status: 'Error', message: rule.properties.message };
			}
			if (status < 199 || status > 299)
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message.toString() };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const json = response?.[0]?.[0]?.json ?? {};
			const value = rule.properties.key
				.split('.')
				.reduce<unknown>((acc, key) => (acc as IDataObject | undefined)?.[key], json);
			if (value === rule.properties.value)
				return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
