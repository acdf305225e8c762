/**
 * Every resource of the WhatsApp Cloud node and its operations. Adding an operation: one
 * `<name>.operation.ts` under actions/<resource>/ and one line in that resource's index.ts.
 * Adding a resource: a folder with an index.ts and one line below.
 */
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
