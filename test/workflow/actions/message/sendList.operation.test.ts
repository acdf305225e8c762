/**
 * Message > Send List against the sandbox, which validates message bodies the way Meta does.
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

describe('Send List against the sandbox', () => {
	it('list with two sections', async () => {
		const { payload } = await accepted({
			operation: 'sendList',
			body: 'Which service?',
			buttonText: 'Services',
			rows: {
				row: [
					{ section: 'Repairs', title: 'Tune-up', description: '45 min' },
					{ section: 'Repairs', title: 'Brakes' },
					{ section: 'Rentals', title: 'City bike', id: 'rent_city' },
				],
			},
			options: { headerText: 'Spoke & Chain', footer: 'Open 9-18' },
		});
		expect(payload.interactive.action.sections.map((s: { title: string }) => s.title)).toEqual([
			'Repairs',
			'Rentals',
		]);
	});

	it('list of 10 rows from JSON', async () => {
		const rows = Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` }));
		await accepted({
			operation: 'sendList',
			body: 'Pick one',
			buttonText: 'Open',
			inputMode: 'json',
			sectionsJson: JSON.stringify([{ rows }]),
		});
	});
});
