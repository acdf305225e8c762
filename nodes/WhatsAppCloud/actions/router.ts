/**
 * The node's execute(): finds the operation chosen in the node and runs it over the input items
 * (run/runOperation.ts).
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { findOperation } from './registry';
import { runOperation } from './run/runOperation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`Unknown operation "${operationName}" for resource "${resource}"`,
			{
				description:
					'Open the node and choose the resource and operation again. The workflow may come from a newer version of this package.',
			},
		);
	}
	return await runOperation.call(this, operation);
}
