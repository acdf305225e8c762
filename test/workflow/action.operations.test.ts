/**
 * The new operations run by n8n-core's WorkflowExecute against a fake Graph: what reaches Meta
 * (method, path, exact body, Bearer header, no token in the URL, multipart for uploads), the
 * output items (order, pairedItem, binary data), Continue On Fail batches mixing bad input and
 * Graph errors, the upload-then-send path under a sender retry (one upload only), and a download
 * URL on a foreign host (refused without sending the token).
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { parseMultipart } from '../../sandbox/graph/multipart';
import {
	graphError,
	startFakeGraph,
	type FakeGraph,
	type RecordedRequest,
} from '../support/fakeGraph';
import {
	accepted,
	credentials,
	MESSAGES_PATH,
	PHONE_ID,
	run,
	sends,
	TEMPLATES_PATH,
	TOKEN,
} from './action.support';

let graph: FakeGraph;
let foreign: FakeGraph;
beforeAll(async () => {
	graph = await startFakeGraph();
	foreign = await startFakeGraph();
});
beforeEach(() => {
	graph.reset();
	foreign.reset();
});
afterAll(async () => {
	await graph.close();
	await foreign.close();
});

const MEDIA_PATH = `/v24.0/${PHONE_ID}/media`;

function expectAuthorized(requests: RecordedRequest[]) {
	expect(requests.length).toBeGreaterThan(0);
	for (const req of requests) {
		expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(req.url).not.toContain(TOKEN);
		expect(req.url).not.toContain('access_token');
	}
}

const fileItem = (
	data: Buffer,
	mimeType: string,
	fileName: string,
	json: IDataObject = {},
): INodeExecutionData => ({
	json,
	binary: { data: { data: data.toString('base64'), mimeType, fileName } },
});

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

	it('Continue On Fail: bad input is never sent, a Graph error becomes an error item, the rest goes out, in order', async () => {
		graph.on('POST', MESSAGES_PATH, (req) =>
			req.json.to === '+14155550199'
				? graphError(131047, 'Re-engagement message', {
						details: 'More than 24 hours have passed',
						fbtraceId: 'AtraceWin',
					})
				: accepted(req),
		);
		const { items, error } = await run(
			graph,
			{
				resource: 'message',
				operation: 'sendButtons',
				recipient: '={{ $json.phone }}',
				body: 'Choose',
				inputMode: 'json',
				buttonsJson: '={{ JSON.stringify($json.buttons) }}',
			},
			{
				continueOnFail: true,
				inputItems: [
					{ phone: '+14155550101', buttons: ['A', 'B'] },
					{ phone: '+14155550102', buttons: ['A', 'B', 'C', 'D'] },
					{ phone: '+14155550199', buttons: ['A'] },
					{
						phone: '+14155550103',
						buttons: [
							{ id: 'x', title: 'Same' },
							{ id: 'y', title: 'Same' },
						],
					},
					{ phone: '+14155550104', buttons: ['Z'] },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(
			sends(graph)
				.map((r) => r.json.to)
				.sort(),
		).toEqual(['+14155550101', '+14155550104', '+14155550199']);
		expect(items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(items[0].json.messageId).toMatch(/^wamid\./);
		expect(items[1].json).toMatchObject({
			operation: 'sendButtons',
			recipient: '+14155550102',
			error: '4 buttons; WhatsApp allows at most 3 reply buttons',
			title: 'Not sent: the input is not valid',
			field: 'buttonsJson',
		});
		expect(items[2].json).toMatchObject({
			operation: 'sendButtons',
			recipient: '+14155550199',
			code: 131047,
			fbtraceId: 'AtraceWin',
		});
		expect(String(items[2].json.fix)).toContain(
			'Interactive messages reach users only within 24 hours',
		);
		expect(items[3].json).toMatchObject({ error: 'Two buttons have the title "Same"' });
		expect(items[4].json.messageId).toMatch(/^wamid\./);
	});

	it('without Continue On Fail a bad item stops the node before anything is sent', async () => {
		graph.on('POST', MESSAGES_PATH, (req) => accepted(req));
		const { error } = await run(
			graph,
			{
				resource: 'message',
				operation: 'sendList',
				recipient: '+14155550101',
				body: 'x',
				buttonText: '={{ $json.label }}',
				rows: { row: [{ title: 'A' }] },
			},
			{ inputItems: [{ label: 'Open' }, { label: 'A label that is far too long' }] },
		);
		expect(error?.message).toBe('Button Text is 28 characters; WhatsApp allows at most 20');
		expect(sends(graph)).toHaveLength(0);
	});
});

describe('binary data: upload, send from a file, download', () => {
	const PDF = Buffer.from('%PDF-1.7\n\x00\x01\xfe\xff binary tail');

	it('Media > Upload posts multipart (messaging_product, type, file bytes) and outputs the media ID', async () => {
		graph.on('POST', MEDIA_PATH, { json: { id: '7700112233' } });
		const { items, error } = await run(
			graph,
			{ resource: 'media', operation: 'upload', options: { fileName: 'offer-7.pdf' } },
			{ inputItems: [fileItem(PDF, 'application/pdf', 'x.pdf')] },
		);
		expect(error).toBeUndefined();
		expectAuthorized(graph.requests);
		const [req] = graph.find('POST', MEDIA_PATH);
		expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const parts = parseMultipart(req.rawBody, String(req.headers['content-type']));
		expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
			['messaging_product', undefined, undefined],
			['type', undefined, undefined],
			['file', 'offer-7.pdf', 'application/pdf'],
		]);
		expect(parts[0].data.toString()).toBe('whatsapp');
		expect(parts[1].data.toString()).toBe('application/pdf');
		expect(parts[2].data.equals(PDF)).toBe(true);
		expect(items[0]).toEqual({
			json: {
				operation: 'upload',
				mediaId: '7700112233',
				mimeType: 'application/pdf',
				fileName: 'offer-7.pdf',
				fileSize: PDF.length,
			},
			pairedItem: { item: 0 },
		});
	});

	it('Send Media from a file: upload then send; a retried send (130429) does not upload again', async () => {
		graph.on('POST', MEDIA_PATH, { json: { id: '9911' } });
		graph.once(
			'POST',
			MESSAGES_PATH,
			graphError(130429, 'Rate limit hit', { headers: { 'Retry-After': '0.05' } }),
		);
		graph.on('POST', MESSAGES_PATH, (req) => accepted(req));
		const { items, error } = await run(
			graph,
			{
				resource: 'message',
				operation: 'sendMedia',
				recipient: '+14155550101',
				mediaType: 'document',
				source: 'binary',
				caption: 'Your offer',
			},
			{ inputItems: [fileItem(PDF, 'application/pdf', 'offer.pdf')] },
		);
		expect(error).toBeUndefined();
		expectAuthorized(graph.requests);
		expect(graph.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`POST ${MEDIA_PATH}`,
			`POST ${MESSAGES_PATH}`,
			`POST ${MESSAGES_PATH}`,
		]);
		expect(sends(graph)[1].json.document).toEqual({
			id: '9911',
			caption: 'Your offer',
			filename: 'offer.pdf',
		});
		expect(items[0].json).toMatchObject({
			operation: 'sendMedia',
			mediaType: 'document',
			mediaId: '9911',
			messageId: expect.stringMatching(/^wamid\./),
		});
	});

	it('Send Media from a file under Continue On Fail: a missing file and a refused upload become error items', async () => {
		graph.on(
			'POST',
			MEDIA_PATH,
			graphError(131053, 'Media upload error', { details: 'Unsupported file' }),
		);
		const { items, error } = await run(
			graph,
			{
				resource: 'message',
				operation: 'sendMedia',
				recipient: '+14155550101',
				mediaType: 'image',
				source: 'binary',
				binaryPropertyName: '={{ $json.field }}',
			},
			{
				continueOnFail: true,
				inputItems: [
					{ json: { field: 'photo' } },
					fileItem(PDF.subarray(0, 4), 'image/png', 'p.png', { field: 'data' }),
				],
			},
		);
		expect(error).toBeUndefined();
		expect(sends(graph)).toHaveLength(0);
		expect(items[0].json).toMatchObject({
			error: 'This item has no binary data in "photo"',
			field: 'binaryPropertyName',
		});
		expect(items[1].json).toMatchObject({ code: 131053, details: 'Unsupported file' });
		expect(String(items[1].json.fix)).toContain('WhatsApp could not get or use the file');
	});

	it('Media > Download: GET /{media-id}, then the file URL with the Bearer header, bytes into binary data', async () => {
		graph.on('GET', '/v24.0/5566', () => ({
			json: {
				messaging_product: 'whatsapp',
				id: '5566',
				url: `${graph.url}/whatsapp_business/attachments/?mid=5566&ext=1&hash=h`,
				mime_type: 'application/pdf',
				sha256: 'abc',
				file_size: String(PDF.length),
			},
		}));
		graph.on('GET', '/whatsapp_business/attachments/', () => ({
			headers: { 'content-type': 'application/pdf' },
			body: PDF,
		}));
		const { items, error } = await run(
			graph,
			{
				resource: 'media',
				operation: 'download',
				mediaId: '={{ $json.mediaId }}',
				options: { fileName: '={{ $json.filename }}' },
			},
			{ inputItems: [{ mediaId: '5566', filename: 'contract.pdf' }] },
		);
		expect(error).toBeUndefined();
		expectAuthorized(graph.requests);
		expect(graph.requests.map((r) => r.path)).toEqual([
			'/v24.0/5566',
			'/whatsapp_business/attachments/',
		]);
		expect(items[0].json).toEqual({
			operation: 'download',
			mediaId: '5566',
			mimeType: 'application/pdf',
			sha256: 'abc',
			fileSize: PDF.length,
			fileName: 'contract.pdf',
			binaryPropertyName: 'data',
		});
		expect(items[0].binary?.data).toMatchObject({
			mimeType: 'application/pdf',
			fileName: 'contract.pdf',
		});
		expect(Buffer.from(items[0].binary!.data.data, 'base64').equals(PDF)).toBe(true);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('Media > Download refuses a file URL on a foreign host and never sends it the token', async () => {
		graph.on('GET', '/v24.0/5567', () => ({
			json: { id: '5567', url: `${foreign.url}/steal?mid=5567`, mime_type: 'image/jpeg' },
		}));
		const { items, error } = await run(
			graph,
			{ resource: 'media', operation: 'download', mediaId: '5567' },
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(foreign.requests).toHaveLength(0);
		expect(items[0].json).toMatchObject({
			operation: 'download',
			error: 'Meta returned a media URL on an unexpected host; not sending the access token there',
		});
		expect(JSON.stringify(items[0].json)).not.toContain(TOKEN);
	});

	it("Media > Download: an expired URL (Graph error on the file request) is an error item with Meta's code", async () => {
		graph.on('GET', '/v24.0/5568', () => ({
			json: {
				id: '5568',
				url: `${graph.url}/whatsapp_business/attachments/?mid=5568`,
				mime_type: 'image/jpeg',
			},
		}));
		graph.on(
			'GET',
			'/whatsapp_business/attachments/',
			graphError(100, 'Media URL expired', { status: 404 }),
		);
		const { items } = await run(
			graph,
			{ resource: 'media', operation: 'download', mediaId: '5568' },
			{ continueOnFail: true },
		);
		expect(items[0].json).toMatchObject({
			code: 100,
			httpStatus: 404,
			metaMessage: 'Media URL expired',
		});
		expect(items[0].binary).toBeUndefined();
		expect(JSON.stringify(items[0].json)).not.toContain(TOKEN);
	});

	it('Get URL and Delete', async () => {
		graph.on('GET', '/v24.0/8800', {
			json: {
				messaging_product: 'whatsapp',
				id: '8800',
				url: 'https://lookaside.fbsbx.com/x',
				mime_type: 'image/png',
				sha256: 'ff',
				file_size: '10',
			},
		});
		graph.on('DELETE', '/v24.0/8800', { json: { success: true } });
		const info = await run(graph, { resource: 'media', operation: 'getUrl', mediaId: '8800' });
		expect(info.items[0].json).toEqual({
			operation: 'getUrl',
			mediaId: '8800',
			url: 'https://lookaside.fbsbx.com/x',
			mimeType: 'image/png',
			sha256: 'ff',
			fileSize: 10,
		});
		const deleted = await run(graph, { resource: 'media', operation: 'delete', mediaId: '8800' });
		expect(deleted.items[0].json).toEqual({ operation: 'delete', mediaId: '8800', deleted: true });
		expectAuthorized(graph.requests);
	});
});

describe('template management requests', () => {
	it('Create posts the checked definition to /{waba-id}/message_templates', async () => {
		graph.on('POST', TEMPLATES_PATH, {
			json: { id: '1689556908129832', status: 'PENDING', category: 'UTILITY' },
		});
		const { items, error } = await run(graph, {
			resource: 'template',
			operation: 'create',
			name: 'order_shipped',
			language: 'en_US',
			category: 'UTILITY',
			body: 'Hi {{1}}, your order {{2}} has shipped. Thank you!',
			examples: {
				example: [
					{ variable: '1', example: 'Ada' },
					{ variable: '2', example: '77' },
				],
			},
		});
		expect(error).toBeUndefined();
		expectAuthorized(graph.requests);
		expect(graph.requests[0].json).toEqual({
			name: 'order_shipped',
			language: 'en_US',
			category: 'UTILITY',
			parameter_format: 'positional',
			components: [
				{
					type: 'BODY',
					text: 'Hi {{1}}, your order {{2}} has shipped. Thank you!',
					example: { body_text: [['Ada', '77']] },
				},
			],
		});
		expect(items[0].json).toEqual({
			operation: 'create',
			id: '1689556908129832',
			status: 'PENDING',
			category: 'UTILITY',
			name: 'order_shipped',
			language: 'en_US',
		});
	});

	it("Create: Meta's refusal is explained; Delete sends name and hsm_id as query", async () => {
		graph.on(
			'POST',
			TEMPLATES_PATH,
			graphError(100, 'Invalid parameter', {
				subcode: 2388024,
				details: 'Content in this language already exists',
			}),
		);
		graph.on('DELETE', TEMPLATES_PATH, { json: { success: true } });
		const created = await run(
			graph,
			{
				resource: 'template',
				operation: 'create',
				name: 'dup',
				language: 'en',
				category: 'MARKETING',
				body: 'Hello and welcome to our shop.',
			},
			{ continueOnFail: true },
		);
		expect(created.items[0].json).toMatchObject({
			code: 100,
			subcode: 2388024,
			details: 'Content in this language already exists',
		});
		expect(String(created.items[0].json.fix)).toContain('a name already used in this language');
		const deleted = await run(graph, {
			resource: 'template',
			operation: 'delete',
			name: 'dup',
			templateId: '123',
		});
		expect(graph.find('DELETE', TEMPLATES_PATH)[0].query).toEqual({ name: 'dup', hsm_id: '123' });
		expect(deleted.items[0].json).toEqual({
			operation: 'delete',
			name: 'dup',
			templateId: '123',
			deleted: true,
		});
	});

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
