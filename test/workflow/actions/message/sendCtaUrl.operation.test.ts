/**
 * Message > Send Link Button against the sandbox, which validates message bodies the way Meta does.
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

describe('Send Link Button against the sandbox', () => {
	it('CTA URL button', async () => {
		const { payload } = await accepted({
			operation: 'sendCtaUrl',
			body: 'Track your repair',
			displayText: 'Track',
			url: 'https://example.com/track/2041',
			options: { header: { header: { type: 'text', text: 'Repair 2041' } } },
		});
		expect(payload.interactive.action).toEqual({
			name: 'cta_url',
			parameters: { display_text: 'Track', url: 'https://example.com/track/2041' },
		});
	});
});
