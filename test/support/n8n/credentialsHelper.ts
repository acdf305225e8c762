/**
 * TestCredentialsHelper: n8n's credentials helper without the database. Credentials live in memory;
 * defaults, expressions, `authenticate` and preAuthentication behave as in n8n.
 */
import './env';

import { Credentials, getAdditionalKeys } from 'n8n-core';
import {
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialsExpressionResolveValues,
	type ICredentialType,
	type IDataObject,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { createNodeTypes } from './nodeTypes';

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
 * In-memory implementation of n8n-workflow's ICredentialsHelper, doing what the
 * CredentialsHelper of n8n's CLI does minus the database:
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
