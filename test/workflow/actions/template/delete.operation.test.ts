/**
 * Template > Delete in-process: refused without a WhatsApp Business Account ID before anything is
 * sent (fake Graph); against the sandbox, by name every language goes, with the ID only that one.
 */
import type { INodeParameters } from 'n8n-workflow';

import { startSandbox, type SandboxHandle } from '../../../../sandbox';
import { credentials, run } from '../../../support/actionNode';
import { startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';
import type { RunNodeOptions } from '../../../support/n8n/runNode';
import { runOnSandbox } from '../../../support/sandboxNode';

let graph: FakeGraph;
beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => graph.reset());
afterAll(async () => graph.close());

describe('Template > Delete', () => {
	it('template operations need the WhatsApp Business Account ID', async () => {
		const { items } = await run(
			graph,
			{ resource: 'template', operation: 'delete', name: 'x' },
			{ continueOnFail: true, credentials: credentials(graph, { businessAccountId: '' }) },
		);
		expect(items[0].json).toMatchObject({
			error: 'The credential has no WhatsApp Business Account ID',
			field: 'businessAccountId',
		});
		expect(graph.requests).toHaveLength(0);
	});
});

describe('Template > Delete against the sandbox', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox({ quiet: true });
	});
	afterAll(async () => sb.close());

	const run = (parameters: INodeParameters, options: Partial<RunNodeOptions> = {}) =>
		runOnSandbox(sb, { resource: 'template', ...parameters }, options);

	it('Delete by name removes every language; with the ID only that one', async () => {
		for (const language of ['en_US', 'de']) {
			await run({
				operation: 'create',
				name: 'two_langs',
				language,
				category: 'UTILITY',
				body: 'Your order is on its way.',
			});
		}
		const list = async () =>
			(await run({ operation: 'list', filters: { name: 'two_langs' } })).items.map((i) => i.json);
		const both = await list();
		expect(both).toHaveLength(2);
		const de = both.find((t) => t.language === 'de')!;
		const one = await run({ operation: 'delete', name: 'two_langs', templateId: String(de.id) });
		expect(one.items[0].json).toEqual({
			operation: 'delete',
			name: 'two_langs',
			templateId: String(de.id),
			deleted: true,
		});
		expect((await list()).map((t) => t.language)).toEqual(['en_US']);
		const all = await run({ operation: 'delete', name: 'two_langs' });
		expect(all.items[0].json).toEqual({ operation: 'delete', name: 'two_langs', deleted: true });
		expect(await list()).toEqual([]);
	});
});
