/**
 * Message > Send Contacts against the sandbox, which validates message bodies the way Meta does.
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

describe('Send Contacts against the sandbox', () => {
	it('contacts from fields and from JSON', async () => {
		await accepted({
			operation: 'sendContacts',
			formattedName: 'Ada Byrne',
			phones: { phone: [{ phone: '+1 555 010 9001', type: 'CELL', waId: '15550109001' }] },
			emails: { email: [{ email: 'ada@example.com', type: 'WORK' }] },
			additionalFields: { company: 'Spoke & Chain' },
		});
		await accepted({
			operation: 'sendContacts',
			inputMode: 'json',
			contactsJson: JSON.stringify([
				{
					name: { formatted_name: 'Bo Lind', last_name: 'Lind' },
					phones: [{ phone: '+46 70 123 45 67' }],
				},
			]),
		});
	});
});
