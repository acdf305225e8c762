/**
 * Message > Send Buttons against the sandbox, which validates message bodies with zod the way Meta
 * does (limits, shapes): a shape Meta rejects would be answered with code 100.
 */
import type { INodeParameters } from 'n8n-workflow';

import { SEED, startSandbox, type SandboxHandle } from '../../../../sandbox';
import type { RunNodeOptions } from '../../../support/n8n/runNode';
import { acceptedBySandbox } from '../../../support/sandboxNode';

let sb: SandboxHandle;
beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
});
afterAll(async () => sb.close());
const accepted = (parameters: INodeParameters, options: Partial<RunNodeOptions> = {}) =>
	acceptedBySandbox(sb, parameters, options);

describe('Send Buttons against the sandbox', () => {
	it('reply buttons with an image header and footer', async () => {
		const { payload } = await accepted({
			operation: 'sendButtons',
			body: 'Pick-up on Friday?',
			buttons: { button: [{ title: 'Yes', id: 'yes' }, { title: 'Another day' }] },
			options: {
				footer: 'Spoke & Chain',
				header: { header: { type: 'image', media: SEED.media.image } },
			},
		});
		expect(payload.interactive.action.buttons).toHaveLength(2);
	});

	it('reply buttons from JSON', async () => {
		await accepted({
			operation: 'sendButtons',
			body: 'Rate us',
			inputMode: 'json',
			buttonsJson: '["Great", "OK", "Bad"]',
		});
	});
});
