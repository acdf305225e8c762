/**
 * Node types for the harness: what a test may pass as `nodeType`, the type name n8n gives our
 * nodes, and an in-memory INodeTypes registry that keeps the real errors a node's execute() throws.
 */
import {
	NodeHelpers,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';

export type AnyNodeType = INodeType | IVersionedNodeType;
/** A node type instance, or its class (instantiated with `new`). */
export type NodeTypeInput = AnyNodeType | (new () => AnyNodeType);

/** Package prefix n8n gives our nodes when it loads the community package. */
export const PACKAGE_PREFIX = 'n8n-nodes-whatsapp-cloud';

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
