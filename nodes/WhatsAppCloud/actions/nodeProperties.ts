/**
 * The WhatsApp Cloud node's parameter list, built from the operations of registry.ts: Resource,
 * one Operation selector per resource, then each operation's fields shown only for it, then the
 * Sending options of the message operations.
 */
import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { resources } from './registry';
import { sendingOptionsProperty } from './sendingOptions';
import type { ResourceDefinition } from './types';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** Shows properties only for one resource and the given operations (keeping their own conditions). */
function only(resource: string, operations: string[], properties: INodeProperties[]) {
	return updateDisplayOptions(
		{ show: { resource: [resource], operation: operations } },
		properties,
	);
}

export function buildNodeProperties(list: ResourceDefinition[] = resources): INodeProperties[] {
	const defaultResource = list[0].value;
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [...list].sort(byName).map(({ name, value }) => ({ name, value })),
			default: defaultResource,
		},
	];
	for (const resource of list) {
		const defaultOperation = resource.defaultOperation;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: [...resource.operations]
				.sort(byName)
				.map(({ name, value, action, description }) => ({ name, value, action, description })),
			default: defaultOperation,
		});
	}
	for (const resource of list) {
		for (const operation of resource.operations) {
			properties.push(...only(resource.value, [operation.value], operation.properties));
		}
		const sending = resource.operations.filter((operation) => operation.sendsMessage);
		if (sending.length > 0) {
			const names = sending.map((operation) => operation.value);
			properties.push(...only(resource.value, names, [sendingOptionsProperty]));
		}
	}
	return properties;
}
