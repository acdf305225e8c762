/**
 * The editor's dynamic parameters: a node's loadOptions, listSearch and resourceMapping methods
 * called on a real n8n-core LoadOptionsContext that sees the node's current parameters.
 */
import './env';

import { LoadOptionsContext } from 'n8n-core';
import {
	NodeHelpers,
	type INodeListSearchResult,
	type INodePropertyOptions,
	type INodeType,
	type ResourceMapperFields,
} from 'n8n-workflow';

import { buildWorkflow, withIsolate, type BuiltWorkflow, type NodeSetup } from './workflow';

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
