/**
 * Message > Mark as Read in-process: the read receipt with the typing indicator that reaches a fake
 * Graph and the output items, and the same accepted by the sandbox.
 */
import type { INodeParameters } from 'n8n-workflow';

import { SEED, startSandbox, type SandboxHandle } from '../../../../sandbox';
import { expectAuthorized, MESSAGES_PATH, run, sends } from '../../../support/actionNode';
import { startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';
import type { RunNodeOptions } from '../../../support/n8n/runNode';
import { runOnSandbox } from '../../../support/sandboxNode';

let graph: FakeGraph;
beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => graph.reset());
afterAll(async () => graph.close());

describe('Mark as Read', () => {
	it('mark as read: the read receipt with typing indicator; output success + messageId', async () => {
		graph.on('POST', MESSAGES_PATH, { json: { success: true } });
		const { items, error } = await run(
			graph,
			{
				resource: 'message',
				operation: 'markAsRead',
				messageId: '={{ $json.messageId }}',
				typingIndicator: true,
			},
			{ inputItems: [{ messageId: 'wamid.A' }, { messageId: 'wamid.B' }] },
		);
		expect(error).toBeUndefined();
		expectAuthorized(graph.requests);
		expect(
			sends(graph)
				.map((r) => r.json)
				.sort((a, b) => a.message_id.localeCompare(b.message_id)),
		).toEqual([
			{
				messaging_product: 'whatsapp',
				status: 'read',
				message_id: 'wamid.A',
				typing_indicator: { type: 'text' },
			},
			{
				messaging_product: 'whatsapp',
				status: 'read',
				message_id: 'wamid.B',
				typing_indicator: { type: 'text' },
			},
		]);
		expect(items.map((i) => [i.json, i.pairedItem])).toEqual([
			[
				{ operation: 'markAsRead', success: true, messageId: 'wamid.A', typingIndicator: true },
				{ item: 0 },
			],
			[
				{ operation: 'markAsRead', success: true, messageId: 'wamid.B', typingIndicator: true },
				{ item: 1 },
			],
		]);
	});
});

describe('Mark as Read against the sandbox', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox({ quiet: true });
	});
	afterAll(async () => sb.close());

	const recipient = SEED.users[0].waId;

	const run = (parameters: INodeParameters, options: Partial<RunNodeOptions> = {}) =>
		runOnSandbox(sb, { resource: 'message', recipient, ...parameters }, options);

	it('mark as read with the typing indicator', async () => {
		const typingBefore = sb.sandbox.counters.typing;
		const { items, error } = await run({
			operation: 'markAsRead',
			messageId: 'wamid.HBgLinbound',
			typingIndicator: true,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			operation: 'markAsRead',
			success: true,
			messageId: 'wamid.HBgLinbound',
			typingIndicator: true,
		});
		expect(sb.sandbox.counters.typing).toBe(typingBefore + 1);
	});
});
