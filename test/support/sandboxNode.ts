/**
 * The action node run by n8n-core against a Cloud API sandbox the test file started (its
 * credentials point at the sandbox), and a send the sandbox must accept, with the payload it stored.
 */
import type { INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { SEED, type SandboxHandle } from '../../sandbox';
import { runNode, type RunNodeOptions } from './n8n/runNode';

export function runOnSandbox(
	sb: SandboxHandle,
	parameters: INodeParameters,
	options: Partial<RunNodeOptions> = {},
) {
	return runNode({
		nodeType: WhatsAppCloud,
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: { whatsAppCloudApi: { ...sb.credentials } },
		parameters,
		...options,
	});
}

/** Sends a message to the first seeded user, expects the sandbox's acceptance (as Meta's), and
 *  returns the output items and the message payload the sandbox stored. */
export async function acceptedBySandbox(
	sb: SandboxHandle,
	parameters: INodeParameters,
	options: Partial<RunNodeOptions> = {},
) {
	const { items, error } = await runOnSandbox(
		sb,
		{ resource: 'message', recipient: SEED.users[0].waId, ...parameters },
		{ continueOnFail: true, ...options },
	);
	expect(error).toBeUndefined();
	expect(items[0].json.error).toBeUndefined();
	expect(items[0].json.messageId).toMatch(/^wamid\./);
	const record = sb.sandbox.getMessage(String(items[0].json.messageId));
	expect(record?.outcome).toBe('accepted');
	return { items, payload: record?.payload as Record<string, any> };
}
