/**
 * Message > Send Reaction against the sandbox, which validates message bodies the way Meta does.
 */
import type { INodeParameters } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../../../sandbox';
import type { RunNodeOptions } from '../../../support/n8n/runNode';
import { acceptedBySandbox } from '../../../support/sandboxNode';

let sb: SandboxHandle;
beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
});
afterAll(async () => sb.close());
const accepted = (parameters: INodeParameters, options: Partial<RunNodeOptions> = {}) =>
	acceptedBySandbox(sb, parameters, options);

describe('Send Reaction against the sandbox', () => {
	it('reaction, and removing it', async () => {
		const { payload } = await accepted({
			operation: 'sendReaction',
			messageId: 'wamid.HBgLinbound',
			emoji: '👍',
		});
		expect(payload.reaction).toEqual({ message_id: 'wamid.HBgLinbound', emoji: '👍' });
		const removed = await accepted({
			operation: 'sendReaction',
			messageId: 'wamid.HBgLinbound',
			emoji: '',
		});
		expect(removed.items[0].json).toMatchObject({ removed: true });
	});
});
