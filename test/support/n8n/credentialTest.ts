/**
 * runCredentialTest: tests a credential as n8n's credential tester does, through the credential's
 * declarative `test` request (run by n8n-core's RoutingNode) or a node's credentialTest method.
 */
import './env';

import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import {
	createRunExecutionData,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type ICredentialTestFunction,
	type ICredentialTestRequest,
	type ICredentialType,
	type IDataObject,
	type IExecuteData,
	type INode,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';
import { createNodeTypes, instantiate, type NodeTypeInput } from './nodeTypes';
import { createAdditionalData, withIsolate } from './workflow';

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
