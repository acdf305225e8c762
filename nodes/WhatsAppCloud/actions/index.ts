/**
 * Every resource and operation of the WhatsApp Cloud node, and the node's parameter list built
 * from them. Adding an operation: one file under actions/<resource>/ and one line in that
 * resource's index.ts. Adding a resource: a folder with an index.ts and one line below.
 */
import type { INodeProperties } from 'n8n-workflow';

import { sendingOptionsProperty } from './sendingOptions';
import { mediaResource } from './media';
import { messageResource } from './message';
import { templateResource } from './template';
import type { OperationDefinition, ResourceDefinition } from './types';

export const resources: ResourceDefinition[] = [messageResource, mediaResource, templateResource];

export function findOperation(
	resource: string,
	operation: string,
): OperationDefinition | undefined {
	return resources
		.find((entry) => entry.value === resource)
		?.operations.find((entry) => entry.value === operation);
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** Shows a property only for one resource/operation pair (keeping its own conditions). */
function scoped(
	property: INodeProperties,
	resource: string,
	operations: string[],
): INodeProperties {
	const show = property.displayOptions?.show ?? {};
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { resource: [resource], operation: operations, ...show },
		},
	};
}

/** Resource selector, one Operation selector per resource, then each operation's fields. */
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
			for (const property of operation.properties) {
				properties.push(scoped(property, resource.value, [operation.value]));
			}
		}
		const sending = resource.operations.filter((operation) => operation.sendsMessage);
		if (sending.length > 0) {
			properties.push(
				scoped(
					sendingOptionsProperty,
					resource.value,
					sending.map((operation) => operation.value),
				),
			);
		}
	}
	return properties;
}
