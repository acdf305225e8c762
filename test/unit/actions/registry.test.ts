/**
 * The operation registry: every operation the node offers is found by its resource and name.
 */
import { findOperation, resources } from '../../../nodes/WhatsAppCloud/actions/registry';

describe('operation registry', () => {
	it('every operation is reachable through findOperation', () => {
		for (const resource of resources) {
			for (const operation of resource.operations) {
				expect(findOperation(resource.value, operation.value)).toBe(operation);
			}
		}
		expect(findOperation('message', 'nope')).toBeUndefined();
	});
});
