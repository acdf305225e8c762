/**
 * Message > Send Location against the sandbox, which validates message bodies the way Meta does.
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

describe('Send Location against the sandbox', () => {
	it('location', async () => {
		const { payload } = await accepted({
			operation: 'sendLocation',
			latitude: 52.520008,
			longitude: 13.404954,
			name: 'Workshop',
			address: 'Torstr. 12',
		});
		expect(payload.location).toEqual({
			latitude: 52.520008,
			longitude: 13.404954,
			name: 'Workshop',
			address: 'Torstr. 12',
		});
	});
});
