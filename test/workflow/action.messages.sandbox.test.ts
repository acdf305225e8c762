/**
 * Every new message operation against the project's Cloud API sandbox, which validates message
 * bodies with zod the way Meta does (limits, shapes): if a builder produced a shape Meta rejects,
 * the sandbox answers code 100 and these tests fail. Also Send Media from a binary file (upload
 * then send by ID, one item, two requests) and Mark as Read with the typing indicator.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { SEED, startSandbox, type SandboxHandle } from '../../sandbox';
import { runNode, type RunNodeOptions } from '../support/n8n/runNode';

let sb: SandboxHandle;
beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
});
afterAll(async () => sb.close());

const recipient = SEED.users[0].waId;

const run = (parameters: INodeParameters, options: Partial<RunNodeOptions> = {}) =>
	runNode({
		nodeType: WhatsAppCloud,
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: { whatsAppCloudApi: { ...sb.credentials } },
		parameters: { resource: 'message', recipient, ...parameters },
		...options,
	});

/** Sends, expects Meta's (sandbox's) acceptance, returns the stored message payload. */
async function accepted(parameters: INodeParameters, options: Partial<RunNodeOptions> = {}) {
	const { items, error } = await run(parameters, { continueOnFail: true, ...options });
	expect(error).toBeUndefined();
	expect(items[0].json.error).toBeUndefined();
	expect(items[0].json.messageId).toMatch(/^wamid\./);
	const record = sb.sandbox.getMessage(String(items[0].json.messageId));
	expect(record?.outcome).toBe('accepted');
	return { items, payload: record?.payload as Record<string, any> };
}

const JPEG = Buffer.concat([
	Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
	Buffer.alloc(2048, 7),
	Buffer.from([0xff, 0xd9]),
]);
const fileItem = (data: Buffer, mimeType: string, fileName: string): INodeExecutionData => ({
	json: { name: fileName },
	binary: { data: { data: data.toString('base64'), mimeType, fileName } },
});

describe('Send Media', () => {
	it.each([
		['image', { source: 'link', link: 'https://example.com/bike.jpg', caption: 'Your bike' }],
		['video', { source: 'id', mediaId: SEED.media.video, caption: 'How to oil a chain' }],
		['audio', { source: 'id', mediaId: SEED.media.audio }],
		[
			'document',
			{
				source: 'link',
				link: 'https://example.com/invoice.pdf',
				caption: 'Invoice',
				fileName: 'invoice-2041.pdf',
			},
		],
		['sticker', { source: 'id', mediaId: SEED.media.sticker }],
	])('%s is accepted', async (mediaType, fields) => {
		const { payload, items } = await accepted({
			operation: 'sendMedia',
			mediaType,
			...fields,
			options: { replyToMessageId: 'wamid.earlier' },
		});
		expect(payload.type).toBe(mediaType);
		expect(payload.context).toEqual({ message_id: 'wamid.earlier' });
		expect(items[0].json).toMatchObject({ operation: 'sendMedia', mediaType });
	});

	it('from binary data: uploaded to /media, then sent by the new media ID, which the output names', async () => {
		const before = sb.sandbox.counters.media.uploaded;
		const { payload, items } = await accepted(
			{
				operation: 'sendMedia',
				mediaType: 'document',
				source: 'binary',
				binaryPropertyName: 'data',
				caption: 'Quote',
			},
			{
				inputItems: [
					fileItem(Buffer.from('%PDF-1.4\n%quote\n'), 'application/pdf', 'quote-77.pdf'),
				],
			},
		);
		expect(sb.sandbox.counters.media.uploaded).toBe(before + 1);
		expect(payload.document).toEqual({
			id: items[0].json.mediaId,
			caption: 'Quote',
			filename: 'quote-77.pdf',
		});
		expect(sb.sandbox.media.get(String(items[0].json.mediaId))?.bytes.toString()).toBe(
			'%PDF-1.4\n%quote\n',
		);
	});

	it('from binary data as an image', async () => {
		const { payload } = await accepted(
			{ operation: 'sendMedia', mediaType: 'image', source: 'binary' },
			{ inputItems: [fileItem(JPEG, 'image/jpeg', 'wheel.jpg')] },
		);
		expect(Object.keys(payload.image)).toEqual(['id']);
	});
});

describe('interactive messages', () => {
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

describe('location, contacts, reaction, mark as read', () => {
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

	it('reaction, and removing it', async () => {
		const { payload } = await accepted({
			operation: 'sendReaction',
			messageId: 'wamid.HBgLinbound',
			emoji: '👍',
		});
		expect(payload.reaction).toEqual({ message_id: 'wamid.HBgLinbound', emoji: '👍' });
		const removed = await accepted({
			operation: 'sendReaction',
			messageId: 'wamid.HBgLinbound',
			emoji: '',
		});
		expect(removed.items[0].json).toMatchObject({ removed: true });
	});

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
