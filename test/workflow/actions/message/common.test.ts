/**
 * Every message operation run by n8n-core's WorkflowExecute against a fake Graph: the exact body
 * that reaches Meta (envelope, Bearer header, no token in the URL), the output item, and the reply-to
 * option sent as context.message_id by each of them.
 */
import type { INodeParameters } from 'n8n-workflow';

import { accepted, expectAuthorized, MESSAGES_PATH, run, sends } from '../../../support/actionNode';
import { startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';

let graph: FakeGraph;
beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => graph.reset());
afterAll(async () => graph.close());

describe('message operations: exact bodies through n8n-core', () => {
	const cases: Array<[string, INodeParameters, Record<string, unknown>]> = [
		[
			'sendMedia (link)',
			{
				operation: 'sendMedia',
				mediaType: 'video',
				source: 'link',
				link: 'https://cdn.example.org/tip.mp4',
				caption: 'Chain care',
			},
			{ type: 'video', video: { link: 'https://cdn.example.org/tip.mp4', caption: 'Chain care' } },
		],
		[
			'sendButtons',
			{
				operation: 'sendButtons',
				body: 'Friday?',
				buttons: {
					button: [
						{ title: 'Yes', id: 'y' },
						{ title: 'No', id: 'n' },
					],
				},
			},
			{
				type: 'interactive',
				interactive: {
					type: 'button',
					body: { text: 'Friday?' },
					action: {
						buttons: [
							{ type: 'reply', reply: { id: 'y', title: 'Yes' } },
							{ type: 'reply', reply: { id: 'n', title: 'No' } },
						],
					},
				},
			},
		],
		[
			'sendList',
			{
				operation: 'sendList',
				body: 'Pick',
				buttonText: 'Menu',
				rows: { row: [{ title: 'Tea', id: 'tea', description: 'Hot' }] },
			},
			{
				type: 'interactive',
				interactive: {
					type: 'list',
					body: { text: 'Pick' },
					action: {
						button: 'Menu',
						sections: [{ rows: [{ id: 'tea', title: 'Tea', description: 'Hot' }] }],
					},
				},
			},
		],
		[
			'sendCtaUrl',
			{
				operation: 'sendCtaUrl',
				body: 'Track it',
				displayText: 'Track',
				url: 'https://example.org/t',
			},
			{
				type: 'interactive',
				interactive: {
					type: 'cta_url',
					body: { text: 'Track it' },
					action: {
						name: 'cta_url',
						parameters: { display_text: 'Track', url: 'https://example.org/t' },
					},
				},
			},
		],
		[
			'sendLocation',
			{ operation: 'sendLocation', latitude: -33.8568, longitude: 151.2153, name: 'Opera House' },
			{
				type: 'location',
				location: { latitude: -33.8568, longitude: 151.2153, name: 'Opera House' },
			},
		],
		[
			'sendContacts',
			{
				operation: 'sendContacts',
				formattedName: 'Ada Byrne',
				emails: { email: [{ email: 'ada@example.org', type: 'HOME' }] },
			},
			{
				type: 'contacts',
				contacts: [
					{
						name: { formatted_name: 'Ada Byrne', first_name: 'Ada Byrne' },
						emails: [{ email: 'ada@example.org', type: 'HOME' }],
					},
				],
			},
		],
		[
			'sendReaction',
			{ operation: 'sendReaction', messageId: 'wamid.IN9', emoji: '🎉' },
			{ type: 'reaction', reaction: { message_id: 'wamid.IN9', emoji: '🎉' } },
		],
	];

	it.each(cases)('%s', async (_, parameters, expected) => {
		graph.on('POST', MESSAGES_PATH, (req) => accepted(req));
		const { items, error } = await run(graph, {
			resource: 'message',
			recipient: '+14155550101',
			...parameters,
		});
		expect(error).toBeUndefined();
		expectAuthorized(graph.requests);
		expect(sends(graph).map((r) => r.json)).toEqual([
			{
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '+14155550101',
				...expected,
			},
		]);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({
			operation: parameters.operation,
			messageId: expect.stringMatching(/^wamid\./),
			waId: '14155550101',
			recipient: '+14155550101',
		});
	});

	it('every message operation sends the reply-to option as context.message_id', async () => {
		graph.on('POST', MESSAGES_PATH, (req) => accepted(req));
		for (const [, parameters] of cases.filter(([name]) => name !== 'sendReaction')) {
			graph.reset();
			graph.on('POST', MESSAGES_PATH, (req) => accepted(req));
			const { error } = await run(graph, {
				resource: 'message',
				recipient: '+14155550101',
				...parameters,
				options: { replyToMessageId: 'wamid.ASKED' },
			});
			expect(error).toBeUndefined();
			expect(sends(graph)[0].json.context).toEqual({ message_id: 'wamid.ASKED' });
		}
	});
});
