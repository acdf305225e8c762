/**
 * Message > Send Text run by n8n-core's WorkflowExecute: against a fake Graph (request bodies,
 * headers, output items in order with pairedItem, the mixed batch under Continue On Fail, a
 * rate-limited send retried), and a reply accepted by the sandbox.
 */
import type { INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { SEED, startSandbox, type SandboxHandle } from '../../../../sandbox';
import { accepted, MESSAGES_PATH, run, sends, TOKEN } from '../../../support/actionNode';
import { graphError, startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';
import { runNode } from '../../../support/n8n/runNode';

let graph: FakeGraph;
beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => graph.reset());
afterAll(async () => graph.close());

const sendText = {
	resource: 'message',
	operation: 'sendText',
	recipient: '={{ $json.phone }}',
	text: '={{ $json.text }}',
};

describe('Send Text', () => {
	it("one request per item: Bearer header, no token in the URL, Meta's text body; outputs in order with pairedItem", async () => {
		// Answers arrive in reverse order (first item slowest): output order must still follow input order.
		let delay = 120;
		graph.on('POST', MESSAGES_PATH, (req) => ({
			...accepted(req, 'accepted'),
			delayMs: (delay -= 40),
		}));
		const { items, error } = await run(graph, sendText, {
			inputItems: [
				{ phone: '+1 415 555 0101', text: 'first' },
				{ phone: '14155550102', text: 'second' },
				{ phone: '0044 20 7946 0103', text: 'third' },
			],
		});
		expect(error).toBeUndefined();
		expect(sends(graph)).toHaveLength(3);
		for (const req of sends(graph)) {
			expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
			expect(req.url).not.toContain(TOKEN);
			expect(req.url).not.toContain('access_token');
			expect(req.headers['content-type']).toMatch(/application\/json/);
		}
		expect(
			sends(graph)
				.map((r) => r.json)
				.sort((a, b) => a.text.body.localeCompare(b.text.body)),
		).toEqual([
			{
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '+14155550101',
				type: 'text',
				text: { body: 'first', preview_url: false },
			},
			{
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '+14155550102',
				type: 'text',
				text: { body: 'second', preview_url: false },
			},
			{
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '+442079460103',
				type: 'text',
				text: { body: 'third', preview_url: false },
			},
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.map((i) => i.json.recipient)).toEqual([
			'+14155550101',
			'+14155550102',
			'+442079460103',
		]);
		expect(items[0].json).toEqual({
			operation: 'sendText',
			messageId: expect.stringMatching(/^wamid\.14155550101\./),
			waId: '14155550101',
			recipient: '+14155550101',
			messageStatus: 'accepted',
		});
	});

	it('link preview and reply-to (context.message_id) reach Meta', async () => {
		graph.on('POST', MESSAGES_PATH, (req) => accepted(req));
		const { error } = await run(
			graph,
			{
				...sendText,
				previewUrl: true,
				options: { replyToMessageId: '={{ $json.inReplyTo }}' },
			},
			{
				inputItems: [
					{ phone: '+14155550101', text: 'See https://example.org', inReplyTo: 'wamid.INBOUND42' },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(sends(graph)[0].json).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '+14155550101',
			type: 'text',
			text: { body: 'See https://example.org', preview_url: true },
			context: { message_id: 'wamid.INBOUND42' },
		});
	});

	it('mixed batch under Continue On Fail: every item gets one output, bad input is never sent', async () => {
		graph.on('POST', MESSAGES_PATH, (req) =>
			req.json.to === '+14155550199'
				? graphError(131030, '(#131030) Recipient phone number not in allowed list', {
						details:
							'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.',
						fbtraceId: 'AtraceAllowList',
					})
				: accepted(req),
		);
		const { items, error } = await run(graph, sendText, {
			continueOnFail: true,
			inputItems: [
				{ phone: '+14155550101', text: 'ok one' },
				{ phone: 'call me', text: 'bad recipient' },
				{ phone: '+14155550102', text: '' },
				{ phone: '+14155550103', text: 'x'.repeat(4097) },
				{ phone: '+14155550199', text: 'not on the test list' },
				{ phone: '+14155550104', text: 'ok two' },
			],
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
		expect(
			sends(graph)
				.map((r) => r.json.to)
				.sort(),
		).toEqual(['+14155550101', '+14155550104', '+14155550199']);

		expect(items[0].json.messageId).toMatch(/^wamid\./);
		expect(items[5].json.messageId).toMatch(/^wamid\./);
		expect(items[1].json).toMatchObject({
			operation: 'sendText',
			error: expect.stringContaining(
				'Invalid phone number "call me" in "Recipient Phone Number": it contains letters',
			),
			title: 'Not sent: the input is not valid',
			field: 'recipient',
		});
		expect(items[2].json).toMatchObject({ error: 'The text to send is empty', field: 'text' });
		expect(items[3].json).toMatchObject({
			error: 'The text is 4097 characters; WhatsApp allows at most 4096',
			field: 'text',
		});
		expect(items[4].json).toEqual({
			operation: 'sendText',
			recipient: '+14155550199',
			error: 'WhatsApp error 131030: Recipient not in the allowed list',
			code: 131030,
			title: 'Recipient not in the allowed list',
			metaMessage: '(#131030) Recipient phone number not in allowed list',
			details:
				'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.',
			fix: expect.stringContaining('add the recipient under WhatsApp > API Setup'),
			fbtraceId: 'AtraceAllowList',
			httpStatus: 400,
			retryable: false,
		});
		expect(JSON.stringify(items)).not.toContain(TOKEN);
	});

	it('without Continue On Fail an invalid item stops the node before anything is sent', async () => {
		graph.on('POST', MESSAGES_PATH, (req) => accepted(req));
		const { error, items } = await run(graph, sendText, {
			inputItems: [
				{ phone: '+14155550101', text: 'fine' },
				{ phone: '+14155550102', text: '   ' },
			],
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe('The text to send is empty');
		expect(error?.description).toContain('Type the message under Text');
		expect(sends(graph)).toHaveLength(0);
	});

	it("without Continue On Fail a Graph error stops the node with Meta's code, fix and fbtrace_id", async () => {
		graph.on('POST', MESSAGES_PATH, () =>
			graphError(131047, 'Re-engagement message', {
				details:
					'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
				fbtraceId: 'AtraceWindow',
			}),
		);
		const { error, thrownError } = await run(graph, sendText, {
			inputItems: [{ phone: '+14155550101', text: 'late reply' }],
		});
		expect(error?.message).toBe('WhatsApp error 131047: Customer service window closed (24 hours)');
		expect(error?.description).toContain(
			'Fix: More than 24 hours passed since the recipient last wrote to you',
		);
		expect(error?.description).toContain('fbtrace_id AtraceWindow');
		expect((thrownError as unknown as { graph: { code: number } }).graph.code).toBe(131047);
	});

	it('a rate-limited send (130429) is retried by the sender and succeeds once', async () => {
		graph.once('POST', MESSAGES_PATH, () =>
			graphError(130429, 'Rate limit hit', { headers: { 'retry-after': '0' } }),
		);
		graph.on('POST', MESSAGES_PATH, (req) => accepted(req));
		const { items, error } = await run(
			graph,
			{ ...sendText, sending: { retries: 2 } },
			{ inputItems: [{ phone: '+14155550101', text: 'hi' }] },
		);
		expect(error).toBeUndefined();
		expect(sends(graph)).toHaveLength(2);
		expect(items).toHaveLength(1);
		expect(items[0].json.messageId).toMatch(/^wamid\./);
	});
});

describe('Send Text against the sandbox', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox({ quiet: true });
	});
	afterAll(async () => sb.close());

	const setup = (parameters: INodeParameters) => ({
		nodeType: WhatsAppCloud,
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: { whatsAppCloudApi: { ...sb.credentials } },
		parameters,
	});
	const recipient = SEED.users[0].waId;

	it('a text reply with reply-to is accepted', async () => {
		const { items } = await runNode(
			setup({
				resource: 'message',
				operation: 'sendText',
				recipient,
				text: 'Your bike is ready',
				options: { replyToMessageId: 'wamid.previous' },
			}),
		);
		expect(items[0].json.messageId).toMatch(/^wamid\./);
	});
});
