/**
 * Pure builders of the new message operations: one item's parameters -> the exact Graph request,
 * compared with the request shapes Meta documents for POST /{phone-number-id}/messages
 * (../shared/meta/send-examples: image/video/audio/document/sticker by id and by link, replies
 * with context, reply buttons, list, location, contacts, reaction, read receipt with typing
 * indicator; the spec's cta_url action), written here with our own values; and every pre-send
 * check with Meta's limit, the field it names and the fix it gives.
 */
import { buildMarkAsReadRequest } from '../../nodes/WhatsAppCloud/actions/message/markAsRead.operation';
import {
	buildSendButtonsRequest,
	type SendButtonsInput,
} from '../../nodes/WhatsAppCloud/actions/message/sendButtons.operation';
import {
	buildContactFromFields,
	parseContactsJson,
} from '../../nodes/WhatsAppCloud/actions/message/contactCards';
import { buildSendContactsRequest } from '../../nodes/WhatsAppCloud/actions/message/sendContacts.operation';
import {
	buildSendCtaUrlRequest,
	type SendCtaUrlInput,
} from '../../nodes/WhatsAppCloud/actions/message/sendCtaUrl.operation';
import {
	buildSendListRequest,
	type SendListInput,
} from '../../nodes/WhatsAppCloud/actions/message/sendList.operation';
import { buildSendLocationRequest } from '../../nodes/WhatsAppCloud/actions/message/sendLocation.operation';
import {
	buildSendMediaRequest,
	withMediaId,
	type SendMediaInput,
} from '../../nodes/WhatsAppCloud/actions/message/sendMedia.operation';
import {
	buildSendReactionRequest,
	readEmoji,
} from '../../nodes/WhatsAppCloud/actions/message/sendReaction.operation';
import { buildTemplateJsonRequest } from '../../nodes/WhatsAppCloud/actions/message/sendTemplate.operation';
import { buildSendTextRequest } from '../../nodes/WhatsAppCloud/actions/message/sendText.operation';
import { buildHeader } from '../../nodes/WhatsAppCloud/actions/message/interactive/envelope';
import {
	buildListSections,
	parseSectionsJson,
	sectionsFromRows,
} from '../../nodes/WhatsAppCloud/actions/message/interactive/listSections';
import {
	buildReplyButtons,
	parseButtonsJson,
} from '../../nodes/WhatsAppCloud/actions/message/interactive/replyButtons';
import type { Result } from '../../nodes/WhatsAppCloud/shared/problem';
import { problem, value } from '../support/result';

const PHONE_ID = '109876543210987';
const TO = '+4915123456789';
const ENVELOPE = { messaging_product: 'whatsapp', recipient_type: 'individual', to: TO };

describe('Send Media', () => {
	const media = (input: Partial<SendMediaInput>) =>
		buildSendMediaRequest(
			{ recipient: TO, mediaType: 'image', source: 'link', ...input },
			PHONE_ID,
		);

	it("image by link with caption: Meta's image-by-url shape", () => {
		expect(
			value(media({ link: 'https://cdn.example.org/wheel.jpg', caption: 'Your new wheel' })),
		).toEqual({
			method: 'POST',
			path: `/${PHONE_ID}/messages`,
			recipient: TO,
			meta: { mediaType: 'image' },
			body: {
				...ENVELOPE,
				type: 'image',
				image: { link: 'https://cdn.example.org/wheel.jpg', caption: 'Your new wheel' },
			},
		});
	});

	it("document by ID with caption, filename and reply context: Meta's reply-to-document-by-id shape", () => {
		expect(
			value(
				media({
					mediaType: 'document',
					source: 'id',
					mediaId: ' 7301928374650012 ',
					caption: 'Quote 77',
					fileName: 'quote-77.pdf',
					replyToMessageId: 'wamid.QUOTEASK',
				}),
			).body,
		).toEqual({
			...ENVELOPE,
			type: 'document',
			document: { id: '7301928374650012', caption: 'Quote 77', filename: 'quote-77.pdf' },
			context: { message_id: 'wamid.QUOTEASK' },
		});
	});

	it.each([
		[
			'audio',
			'link',
			{ link: 'https://cdn.example.org/voice.ogg' },
			{ link: 'https://cdn.example.org/voice.ogg' },
		],
		['sticker', 'id', { mediaId: '5550001112223334' }, { id: '5550001112223334' }],
		[
			'video',
			'link',
			{ link: 'http://cdn.example.org/tip.mp4' },
			{ link: 'http://cdn.example.org/tip.mp4' },
		],
	])('%s by %s', (mediaType, source, fields, expected) => {
		expect(value(media({ mediaType, source, ...fields })).body).toEqual({
			...ENVELOPE,
			type: mediaType,
			[mediaType]: expected,
		});
	});

	it('audio and sticker never carry a caption (Meta has none for them)', () => {
		expect(
			value(media({ mediaType: 'audio', link: 'https://x.example/a.mp3', caption: 'ignored' })).body
				?.audio,
		).toEqual({ link: 'https://x.example/a.mp3' });
		expect(
			value(media({ mediaType: 'sticker', source: 'id', mediaId: '1', caption: 'ignored' })).body
				?.sticker,
		).toEqual({ id: '1' });
	});

	it('binary source: the upload to make first, the send body without an id yet', () => {
		const request = value(
			media({
				mediaType: 'document',
				source: 'binary',
				binaryPropertyName: 'data',
				file: { mimeType: 'application/pdf', fileName: 'offer.pdf', bytes: 2048 },
				available: ['data'],
				caption: 'Offer',
			}),
		);
		expect(request.upload).toEqual({
			binaryProperty: 'data',
			mimeType: 'application/pdf',
			fileName: 'offer.pdf',
			path: `/${PHONE_ID}/media`,
		});
		expect(request.body?.document).toEqual({ caption: 'Offer', filename: 'offer.pdf' });
		expect(withMediaId(request.body, '991').document).toEqual({
			id: '991',
			caption: 'Offer',
			filename: 'offer.pdf',
		});
	});

	it('binary source checks the file before anything is sent', () => {
		const missing = problem(
			media({ source: 'binary', binaryPropertyName: 'photo', available: ['data', 'attachment_0'] }),
		);
		expect(missing.message).toBe('This item has no binary data in "photo"');
		expect(missing.description).toContain('"data", "attachment_0"');
		expect(missing.field).toBe('binaryPropertyName');
		const wrongKind = problem(
			media({
				source: 'binary',
				binaryPropertyName: 'data',
				file: { mimeType: 'video/mp4' },
				available: ['data'],
			}),
		);
		expect(wrongKind.message).toBe('WhatsApp does not accept video/mp4 files as image');
		expect(wrongKind.description).toContain('It can be sent as video instead.');
		const tooBig = problem(
			media({
				source: 'binary',
				binaryPropertyName: 'data',
				file: { mimeType: 'image/png', bytes: 5 * 1024 * 1024 + 1 },
				available: ['data'],
			}),
		);
		expect(tooBig.message).toBe(
			'The file in "data" is 5 MB; WhatsApp accepts at most 5 MB for image files',
		);
		const sticker = problem(
			media({
				mediaType: 'sticker',
				source: 'binary',
				binaryPropertyName: 'data',
				file: { mimeType: 'image/webp', bytes: 600 * 1024 },
				available: ['data'],
			}),
		);
		expect(sticker.message).toContain('at most 500 KB for sticker files');
		const unknownType = problem(
			media({
				source: 'binary',
				binaryPropertyName: 'data',
				file: { mimeType: 'application/octet-stream' },
				available: ['data'],
			}),
		);
		expect(unknownType.field).toBe('mimeType');
		expect(unknownType.description).toContain('Set the MIME Type option');
	});

	it('a MIME type override fixes a wrong guess', () => {
		const request = value(
			media({
				source: 'binary',
				binaryPropertyName: 'data',
				file: { mimeType: 'application/octet-stream', fileName: 'x' },
				available: ['data'],
				mimeType: 'image/jpg',
			}),
		);
		expect(request.upload?.mimeType).toBe('image/jpeg');
	});

	it('caption over 1024 characters, bad link, bad media ID, bad type are refused', () => {
		const caption = problem(media({ link: 'https://x.example/a.jpg', caption: 'c'.repeat(1025) }));
		expect(caption).toMatchObject({
			message: 'Caption is 1025 characters; WhatsApp allows at most 1024',
			field: 'caption',
		});
		expect(
			buildSendMediaRequest(
				{
					recipient: TO,
					mediaType: 'image',
					source: 'link',
					link: 'https://x.example/a.jpg',
					caption: 'c'.repeat(1024),
				},
				PHONE_ID,
			).ok,
		).toBe(true);
		expect(problem(media({ link: 'ftp://x.example/a.jpg' }))).toMatchObject({
			message: '"ftp://x.example/a.jpg" is not a link',
			field: 'link',
		});
		expect(problem(media({ link: '' }))).toMatchObject({ message: 'Link is empty', field: 'link' });
		expect(problem(media({ source: 'id', mediaId: 'https://x.example/a.jpg' }))).toMatchObject({
			field: 'mediaId',
		});
		expect(problem(media({ mediaType: 'gif' }))).toMatchObject({ field: 'mediaType' });
		expect(problem(media({ recipient: 'abc' }))).toMatchObject({ field: 'recipient' });
	});
});

describe('Send Buttons', () => {
	const buttons = (input: Partial<SendButtonsInput>) =>
		buildSendButtonsRequest(
			{ recipient: TO, body: 'Pick-up Friday?', inputMode: 'fields', ...input },
			PHONE_ID,
		);

	it("Meta's reply-button shape; an empty ID takes the title", () => {
		expect(
			value(
				buttons({
					buttons: [
						{ title: 'Yes', id: 'pickup_yes' },
						{ title: 'Other day', id: '' },
					],
				}),
			).body,
		).toEqual({
			...ENVELOPE,
			type: 'interactive',
			interactive: {
				type: 'button',
				body: { text: 'Pick-up Friday?' },
				action: {
					buttons: [
						{ type: 'reply', reply: { id: 'pickup_yes', title: 'Yes' } },
						{ type: 'reply', reply: { id: 'Other day', title: 'Other day' } },
					],
				},
			},
		});
	});

	it('header (text, image by ID, document by link with file name), footer and reply context', () => {
		const body = value(
			buttons({
				buttons: [{ title: 'OK' }],
				header: { type: 'document', media: 'https://x.example/terms.pdf', fileName: 'terms.pdf' },
				footer: 'Spoke & Chain',
				replyToMessageId: 'wamid.ASK',
			}),
		).body;
		expect(body?.interactive).toEqual({
			type: 'button',
			header: {
				type: 'document',
				document: { link: 'https://x.example/terms.pdf', filename: 'terms.pdf' },
			},
			body: { text: 'Pick-up Friday?' },
			footer: { text: 'Spoke & Chain' },
			action: { buttons: [{ type: 'reply', reply: { id: 'OK', title: 'OK' } }] },
		});
		expect(body?.context).toEqual({ message_id: 'wamid.ASK' });
		expect(value(buildHeader({ type: 'image', media: '4440001' }, true))).toEqual({
			type: 'image',
			image: { id: '4440001' },
		});
		expect(value(buildHeader({ type: 'text', text: ' Order 77 ' }, true))).toEqual({
			type: 'text',
			text: 'Order 77',
		});
		expect(value(buildHeader(undefined, true))).toBeUndefined();
	});

	it("JSON: plain titles, {id,title} and Meta's reply objects", () => {
		expect(value(parseButtonsJson('["Yes", "No"]'))).toEqual([{ title: 'Yes' }, { title: 'No' }]);
		expect(
			value(
				parseButtonsJson([
					{ type: 'reply', reply: { id: 'a', title: 'A' } },
					{ id: 'b', title: 'B' },
				]),
			),
		).toEqual([
			{ id: 'a', title: 'A' },
			{ id: 'b', title: 'B' },
		]);
		expect(
			value(buttons({ inputMode: 'json', buttonsJson: '{"buttons": ["One"]}' })).body?.interactive,
		).toMatchObject({
			action: { buttons: [{ type: 'reply', reply: { id: 'One', title: 'One' } }] },
		});
		expect(problem(parseButtonsJson('not json'))).toMatchObject({ field: 'buttonsJson' });
		expect(problem(parseButtonsJson('{"a": 1}'))).toMatchObject({
			message: 'Buttons (JSON) must be an array of buttons',
		});
	});

	it('limits: 1-3 buttons, title <= 20, id <= 256, unique ids and titles, body <= 1024, header text <= 60, footer <= 60', () => {
		expect(problem(buildReplyButtons([], 'buttons')).message).toBe('No buttons');
		expect(
			problem(
				buildReplyButtons(
					[{ title: 'a' }, { title: 'b' }, { title: 'c' }, { title: 'd' }],
					'buttons',
				),
			).message,
		).toBe('4 buttons; WhatsApp allows at most 3 reply buttons');
		expect(buildReplyButtons([{ title: 't'.repeat(20) }], 'buttons').ok).toBe(true);
		expect(problem(buildReplyButtons([{ title: 't'.repeat(21) }], 'buttons')).message).toBe(
			'Button 1 title is 21 characters; WhatsApp allows at most 20',
		);
		expect(buildReplyButtons([{ title: 'ok', id: 'i'.repeat(256) }], 'buttons').ok).toBe(true);
		expect(
			problem(buildReplyButtons([{ title: 'ok', id: 'i'.repeat(257) }], 'buttons')).message,
		).toBe('Button 1 ID is 257 characters; WhatsApp allows at most 256');
		expect(
			problem(
				buildReplyButtons(
					[
						{ title: 'A', id: 'x' },
						{ title: 'B', id: 'x' },
					],
					'buttons',
				),
			).message,
		).toBe('Two buttons have the ID "x"');
		expect(
			problem(
				buildReplyButtons(
					[
						{ title: 'A', id: '1' },
						{ title: 'A', id: '2' },
					],
					'buttons',
				),
			).message,
		).toBe('Two buttons have the title "A"');
		expect(problem(buildReplyButtons([{ title: '' }], 'buttons')).message).toBe(
			'Button 1 title is empty',
		);
		expect(problem(buttons({ body: '', buttons: [{ title: 'A' }] }))).toMatchObject({
			message: 'Body Text is empty',
			field: 'body',
		});
		expect(problem(buttons({ body: 'b'.repeat(1025), buttons: [{ title: 'A' }] })).message).toBe(
			'Body Text is 1025 characters; WhatsApp allows at most 1024',
		);
		expect(
			problem(
				buttons({ buttons: [{ title: 'A' }], header: { type: 'text', text: 'h'.repeat(61) } }),
			).message,
		).toBe('Header Text is 61 characters; WhatsApp allows at most 60');
		expect(problem(buttons({ buttons: [{ title: 'A' }], footer: 'f'.repeat(61) }))).toMatchObject({
			field: 'options.footer',
		});
		expect(
			problem(buttons({ buttons: [{ title: 'A' }], header: { type: 'image', media: 'nope' } })),
		).toMatchObject({
			field: 'options.header.media',
		});
	});
});

describe('Send List', () => {
	const list = (input: Partial<SendListInput>) =>
		buildSendListRequest(
			{
				recipient: TO,
				body: 'Which service?',
				buttonText: 'Services',
				inputMode: 'fields',
				...input,
			},
			PHONE_ID,
		);

	it("Meta's list shape: rows grouped into sections by their Section title, header and footer", () => {
		expect(
			value(
				list({
					rows: [
						{ section: 'Repairs', title: 'Tune-up', id: 'tune', description: '45 min' },
						{ section: 'Rentals', title: 'City bike', id: 'city' },
						{ section: 'Repairs', title: 'Brakes', id: '' },
					],
					headerText: 'Spoke & Chain',
					footer: 'Open 9-18',
				}),
			).body,
		).toEqual({
			...ENVELOPE,
			type: 'interactive',
			interactive: {
				type: 'list',
				header: { type: 'text', text: 'Spoke & Chain' },
				body: { text: 'Which service?' },
				footer: { text: 'Open 9-18' },
				action: {
					button: 'Services',
					sections: [
						{
							title: 'Repairs',
							rows: [
								{ id: 'tune', title: 'Tune-up', description: '45 min' },
								{ id: 'Brakes', title: 'Brakes' },
							],
						},
						{ title: 'Rentals', rows: [{ id: 'city', title: 'City bike' }] },
					],
				},
			},
		});
	});

	it('one untitled section is allowed; JSON sections, { sections } and plain row arrays are read', () => {
		expect(value(list({ rows: [{ title: 'Only' }] })).body?.interactive).toMatchObject({
			action: { sections: [{ rows: [{ id: 'Only', title: 'Only' }] }] },
		});
		expect(
			value(parseSectionsJson('[{"title": "A", "rows": [{"id": "1", "title": "One"}]}]')),
		).toEqual([{ title: 'A', rows: [{ id: '1', title: 'One' }] }]);
		expect(value(parseSectionsJson({ sections: [{ rows: [{ title: 'x' }] }] }))).toEqual([
			{ title: undefined, rows: [{ title: 'x' }] },
		]);
		expect(
			value(
				parseSectionsJson([
					{ id: 'a', title: 'A' },
					{ id: 'b', title: 'B' },
				]),
			),
		).toEqual([
			{
				rows: [
					{ id: 'a', title: 'A' },
					{ id: 'b', title: 'B' },
				],
			},
		]);
		expect(problem(parseSectionsJson('[{"title": "A"}, 3]'))).toMatchObject({
			field: 'sectionsJson',
		});
	});

	it('limits: 10 rows in all, 10 sections, titles 24, descriptions 72, ids 200 and unique, button 20, body 4096', () => {
		const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Row ${i}` }));
		expect(buildListSections([{ rows: rows(10) }], 'rows').ok).toBe(true);
		expect(
			problem(
				buildListSections(
					[
						{ title: 'a', rows: rows(6) },
						{ title: 'b', rows: rows(5) },
					],
					'rows',
				),
			).message,
		).toBe('The list has 11 rows; WhatsApp allows at most 10 across all sections');
		expect(problem(buildListSections([], 'rows')).message).toBe('The list has no rows');
		expect(
			problem(
				buildListSections(
					[{ title: 'a', rows: [{ title: 'x' }] }, { rows: [{ title: 'y' }] }],
					'rows',
				),
			).message,
		).toBe('Section 2 has no title');
		expect(
			problem(buildListSections([{ title: 's'.repeat(25), rows: [{ title: 'x' }] }], 'rows'))
				.message,
		).toBe('Section 1 title is 25 characters; WhatsApp allows at most 24');
		expect(
			problem(buildListSections([{ rows: [{ title: 'r'.repeat(25) }] }], 'rows')).message,
		).toBe('Row 1 title is 25 characters; WhatsApp allows at most 24');
		expect(
			problem(buildListSections([{ rows: [{ title: 'r', description: 'd'.repeat(73) }] }], 'rows'))
				.message,
		).toBe('Row 1 description is 73 characters; WhatsApp allows at most 72');
		expect(buildListSections([{ rows: [{ title: 'r', id: 'i'.repeat(200) }] }], 'rows').ok).toBe(
			true,
		);
		expect(
			problem(buildListSections([{ rows: [{ title: 'r', id: 'i'.repeat(201) }] }], 'rows')).message,
		).toBe('Row 1 ID is 201 characters; WhatsApp allows at most 200');
		expect(
			problem(
				buildListSections(
					[
						{ title: 'a', rows: [{ title: 'x', id: 'same' }] },
						{ title: 'b', rows: [{ title: 'y', id: 'same' }] },
					],
					'rows',
				),
			).message,
		).toBe('Two rows have the ID "same"');
		expect(
			problem(
				buildListSections(
					[
						{ title: 'a', rows: [{ title: 'x' }] },
						{ title: 'b', rows: [] },
					],
					'rows',
				),
			).message,
		).toBe('Section 2 has no rows');
		expect(problem(list({ rows: [{ title: 'x' }], buttonText: 'b'.repeat(21) }))).toMatchObject({
			message: 'Button Text is 21 characters; WhatsApp allows at most 20',
			field: 'buttonText',
		});
		expect(problem(list({ rows: [{ title: 'x' }], buttonText: '' }))).toMatchObject({
			field: 'buttonText',
		});
		expect(list({ rows: [{ title: 'x' }], body: 'b'.repeat(4096) }).ok).toBe(true);
		expect(problem(list({ rows: [{ title: 'x' }], body: 'b'.repeat(4097) })).message).toBe(
			'Body Text is 4097 characters; WhatsApp allows at most 4096',
		);
		expect(problem(list({ rows: [{ title: 'x' }], headerText: 'h'.repeat(61) }))).toMatchObject({
			field: 'options.headerText',
		});
	});

	it('rows are grouped into sections by Section title, in first-appearance order (with 10 rows at most, 10 sections is the most possible)', () => {
		expect(
			sectionsFromRows([
				{ section: 'a', title: '1' },
				{ section: 'b', title: '2' },
				{ section: 'a', title: '3' },
			]),
		).toEqual([
			{
				title: 'a',
				rows: [
					{ id: undefined, title: '1', description: undefined },
					{ id: undefined, title: '3', description: undefined },
				],
			},
			{ title: 'b', rows: [{ id: undefined, title: '2', description: undefined }] },
		]);
	});
});

describe('Send Link Button (CTA URL)', () => {
	const cta = (input: Partial<SendCtaUrlInput>) =>
		buildSendCtaUrlRequest(
			{
				recipient: TO,
				body: 'Track your repair',
				displayText: 'Track',
				url: 'https://example.org/t/77',
				...input,
			},
			PHONE_ID,
		);

	it("Meta's cta_url shape", () => {
		expect(
			value(
				cta({ header: { type: 'image', media: 'https://example.org/bike.png' }, footer: 'Thanks' }),
			).body,
		).toEqual({
			...ENVELOPE,
			type: 'interactive',
			interactive: {
				type: 'cta_url',
				header: { type: 'image', image: { link: 'https://example.org/bike.png' } },
				body: { text: 'Track your repair' },
				footer: { text: 'Thanks' },
				action: {
					name: 'cta_url',
					parameters: { display_text: 'Track', url: 'https://example.org/t/77' },
				},
			},
		});
	});

	it('button text <= 20, a real http(s) URL', () => {
		expect(problem(cta({ displayText: 'd'.repeat(21) }))).toMatchObject({
			message: 'Button Text is 21 characters; WhatsApp allows at most 20',
			field: 'displayText',
		});
		expect(problem(cta({ url: 'example.org/t' }))).toMatchObject({
			message: '"example.org/t" is not a web address',
			field: 'url',
		});
		expect(problem(cta({ url: '' }))).toMatchObject({ message: 'URL is empty' });
	});
});

describe('Send Location', () => {
	it("Meta's location shape; numeric text and comma decimals are read", () => {
		expect(
			value(
				buildSendLocationRequest(
					{
						recipient: TO,
						latitude: '52,520008',
						longitude: 13.404954,
						name: 'Workshop',
						address: 'Torstr. 12',
						replyToMessageId: 'wamid.WHERE',
					},
					PHONE_ID,
				),
			).body,
		).toEqual({
			...ENVELOPE,
			type: 'location',
			location: {
				latitude: 52.520008,
				longitude: 13.404954,
				name: 'Workshop',
				address: 'Torstr. 12',
			},
			context: { message_id: 'wamid.WHERE' },
		});
	});

	it('out-of-range or missing coordinates are refused', () => {
		expect(
			problem(buildSendLocationRequest({ recipient: TO, latitude: 91, longitude: 0 }, PHONE_ID)),
		).toMatchObject({
			message: 'Latitude 91 is out of range',
			field: 'latitude',
		});
		expect(
			problem(
				buildSendLocationRequest({ recipient: TO, latitude: 10, longitude: -180.5 }, PHONE_ID),
			).description,
		).toContain('swapped');
		expect(
			problem(
				buildSendLocationRequest({ recipient: TO, latitude: 'north', longitude: 1 }, PHONE_ID),
			).message,
		).toBe('Latitude "north" is not a number');
		expect(
			problem(buildSendLocationRequest({ recipient: TO, latitude: 1, longitude: '' }, PHONE_ID))
				.message,
		).toBe('Longitude is empty');
	});

	it("latitude and longitude both exactly 0 (the fields' defaults, left unfilled) are refused, naming both fields and the fix", () => {
		for (const [latitude, longitude] of [
			[0, 0],
			['0', '0.0'],
			[-0, 0],
		]) {
			const refused = problem(
				buildSendLocationRequest({ recipient: TO, latitude, longitude }, PHONE_ID),
			);
			expect(refused.message).toBe('Latitude and Longitude are both 0');
			expect(refused.field).toBe('latitude');
			expect(refused.description).toContain('Set Latitude and Longitude');
			expect(refused.description).toMatch(/decimal degrees/);
		}
	});

	it('one coordinate at 0 is a real place (equator, prime meridian) and is sent', () => {
		expect(
			value(buildSendLocationRequest({ recipient: TO, latitude: 0, longitude: 32.58 }, PHONE_ID))
				.body?.location,
		).toEqual({ latitude: 0, longitude: 32.58 });
		expect(
			value(buildSendLocationRequest({ recipient: TO, latitude: 51.4779, longitude: 0 }, PHONE_ID))
				.body?.location,
		).toEqual({ latitude: 51.4779, longitude: 0 });
	});
});

describe('Send Contacts', () => {
	it('fields -> one card: name (full name doubles as first name), phones with wa_id, emails, org, website, birthday', () => {
		expect(
			value(
				buildContactFromFields({
					formattedName: 'Ada Byrne',
					phones: [
						{ phone: '+1 555 010 9001', type: 'CELL', waId: '+15550109001' },
						{ phone: '+1 555 010 0000', type: 'WORK' },
					],
					emails: [{ email: 'ada@example.org', type: 'WORK' }],
					company: 'Spoke & Chain',
					jobTitle: 'Mechanic',
					website: 'https://example.org',
					birthday: '1990-04-21',
				}),
			),
		).toEqual({
			name: { formatted_name: 'Ada Byrne', first_name: 'Ada Byrne' },
			phones: [
				{ phone: '+1 555 010 9001', type: 'CELL', wa_id: '15550109001' },
				{ phone: '+1 555 010 0000', type: 'WORK' },
			],
			emails: [{ email: 'ada@example.org', type: 'WORK' }],
			org: { company: 'Spoke & Chain', title: 'Mechanic' },
			urls: [{ url: 'https://example.org', type: 'WORK' }],
			birthday: '1990-04-21',
		});
		expect(
			value(buildContactFromFields({ formattedName: 'Bo Lind', firstName: 'Bo', lastName: 'Lind' }))
				.name,
		).toEqual({
			formatted_name: 'Bo Lind',
			first_name: 'Bo',
			last_name: 'Lind',
		});
	});

	it("the request: Meta's contacts shape with reply context", () => {
		expect(
			value(
				buildSendContactsRequest(
					{
						recipient: TO,
						inputMode: 'fields',
						contact: { formattedName: 'Ada' },
						replyToMessageId: 'wamid.WHO',
					},
					PHONE_ID,
				),
			).body,
		).toEqual({
			...ENVELOPE,
			type: 'contacts',
			contacts: [{ name: { formatted_name: 'Ada', first_name: 'Ada' } }],
			context: { message_id: 'wamid.WHO' },
		});
	});

	it("JSON: up to 257 full cards in Meta's shape (contacts docs), checked", () => {
		const card = {
			name: { formatted_name: 'Cy Ode', last_name: 'Ode' },
			addresses: [{ city: 'Lagos', type: 'HOME' }],
			phones: [{ phone: '+234 801 000 0000' }],
		};
		expect(value(parseContactsJson(JSON.stringify([card])))).toEqual([card]);
		expect(value(parseContactsJson(card))).toEqual([card]);
		expect(value(parseContactsJson(Array(257).fill(card)))).toHaveLength(257);
		expect(problem(parseContactsJson(Array(258).fill(card))).message).toBe(
			'Contacts (JSON) has 258 contacts; WhatsApp takes 1 to 257 per message',
		);
		// Meta's current contacts page asks only for formatted_name: not refused before sending.
		expect(parseContactsJson([{ name: { formatted_name: 'Only' } }]).ok).toBe(true);
		expect(problem(parseContactsJson([{ phones: [] }])).message).toBe(
			'Contact 1 has no name object',
		);
		expect(problem(parseContactsJson([{ name: { first_name: 'A' } }])).message).toBe(
			'Contact 1 has no name.formatted_name',
		);
		expect(problem(parseContactsJson([{ ...card, phones: [{ type: 'HOME' }] }])).message).toBe(
			'Contact 1 has a phone entry without "phone"',
		);
		expect(problem(parseContactsJson([{ ...card, emails: [{ email: 'nope' }] }])).message).toBe(
			'Contact 1 has an email entry without a valid "email"',
		);
		expect(problem(parseContactsJson([{ ...card, urls: 'x' }])).message).toBe(
			'Contact 1: "urls" must be an array',
		);
	});

	it('bad fields are refused with the field to fix', () => {
		expect(problem(buildContactFromFields({ formattedName: ' ' }))).toMatchObject({
			message: 'Full Name is empty',
			field: 'formattedName',
		});
		expect(
			problem(buildContactFromFields({ formattedName: 'A', phones: [{ phone: '' }] })),
		).toMatchObject({ field: 'phones' });
		expect(
			problem(buildContactFromFields({ formattedName: 'A', phones: [{ phone: '1', waId: 'abc' }] }))
				.message,
		).toContain('is not a WhatsApp ID');
		expect(
			problem(buildContactFromFields({ formattedName: 'A', emails: [{ email: 'a@b' }] })).message,
		).toBe('"a@b" is not an email address');
		expect(
			problem(buildContactFromFields({ formattedName: 'A', birthday: '21.04.1990' })),
		).toMatchObject({ field: 'additionalFields.birthday' });
	});
});

describe('Send Reaction', () => {
	it("Meta's reaction shape; an empty emoji removes the reaction", () => {
		expect(
			value(
				buildSendReactionRequest(
					{ recipient: TO, messageId: 'wamid.HBgLNzc', emoji: '😀' },
					PHONE_ID,
				),
			),
		).toEqual({
			method: 'POST',
			path: `/${PHONE_ID}/messages`,
			recipient: TO,
			meta: { reactedTo: 'wamid.HBgLNzc', emoji: '😀', removed: false },
			body: {
				...ENVELOPE,
				type: 'reaction',
				reaction: { message_id: 'wamid.HBgLNzc', emoji: '😀' },
			},
		});
		expect(
			value(
				buildSendReactionRequest(
					{ recipient: TO, messageId: 'wamid.HBgLNzc', emoji: '' },
					PHONE_ID,
				),
			).body?.reaction,
		).toEqual({
			message_id: 'wamid.HBgLNzc',
			emoji: '',
		});
	});

	it.each(['👍', '❤️', '👍🏽', '👨‍👩‍👧', '🇧🇷', '1️⃣'])('%s is one emoji', (emoji) => {
		expect(value(readEmoji(emoji))).toBe(emoji);
	});

	it("escapes typed as text (as Meta's docs show them) are decoded", () => {
		expect(value(readEmoji('\\uD83D\\uDE00'))).toBe('😀');
		expect(value(readEmoji('\\u{1F600}'))).toBe('😀');
	});

	it.each([['👍👍'], ['ok'], ['thumbs up'], ['a👍']])('%j is refused', (emoji) => {
		expect(problem(readEmoji(emoji))).toMatchObject({ field: 'emoji' });
	});

	it('the message ID must be a wamid', () => {
		expect(
			problem(buildSendReactionRequest({ recipient: TO, messageId: '', emoji: '👍' }, PHONE_ID)),
		).toMatchObject({
			message: 'Message ID is empty',
			field: 'messageId',
		});
		expect(
			problem(
				buildSendReactionRequest(
					{ recipient: TO, messageId: '4915123456789', emoji: '👍' },
					PHONE_ID,
				),
			).message,
		).toBe('"4915123456789" in Message ID is not a WhatsApp message ID');
	});
});

describe('Mark as Read', () => {
	it("Meta's read receipt, and with the typing indicator", () => {
		expect(value(buildMarkAsReadRequest({ messageId: ' wamid.IN1 ' }, PHONE_ID))).toEqual({
			method: 'POST',
			path: `/${PHONE_ID}/messages`,
			body: { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN1' },
			meta: { messageId: 'wamid.IN1', typingIndicator: false },
		});
		expect(
			value(buildMarkAsReadRequest({ messageId: 'wamid.IN1', typingIndicator: true }, PHONE_ID))
				.body,
		).toEqual({
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: 'wamid.IN1',
			typing_indicator: { type: 'text' },
		});
	});

	it('no recipient is involved and a bad ID is refused', () => {
		expect(
			value(buildMarkAsReadRequest({ messageId: 'wamid.IN1' }, PHONE_ID)).recipient,
		).toBeUndefined();
		expect(problem(buildMarkAsReadRequest({ messageId: 'IN1' }, PHONE_ID))).toMatchObject({
			field: 'messageId',
		});
	});
});

describe('labels are measured as sent: blanks around a title are trimmed before its length is checked', () => {
	// A mapped value often carries a trailing newline or space; the node sends it trimmed, so a
	// 20-character title with a trailing newline fits Meta's 20 and must not be refused.
	const twenty = 'Yes, Friday works ok';

	it('reply button titles', () => {
		expect(
			value(buildReplyButtons([{ title: `${twenty}\n` }, { title: ` No ` }], 'buttons')),
		).toEqual([
			{ type: 'reply', reply: { id: twenty, title: twenty } },
			{ type: 'reply', reply: { id: 'No', title: 'No' } },
		]);
		expect(problem(buildReplyButtons([{ title: `${twenty}!\n` }], 'buttons')).message).toBe(
			'Button 1 title is 21 characters; WhatsApp allows at most 20',
		);
	});

	it('list rows, the list button and the link button text', () => {
		const row = 'Tune-up and brake chk'.padEnd(24, 's');
		expect(value(buildListSections([{ rows: [{ title: ` ${row} ` }] }], 'rows'))).toEqual([
			{ rows: [{ id: row, title: row }] },
		]);
		const list = value(
			buildSendListRequest(
				{
					recipient: TO,
					body: 'Pick one',
					buttonText: ' See services\n'.padEnd(22, ' '),
					inputMode: 'fields',
					rows: [{ title: 'A' }],
				},
				PHONE_ID,
			),
		);
		expect((list.body?.interactive as { action: { button: string } }).action.button).toBe(
			'See services',
		);
		const cta = value(
			buildSendCtaUrlRequest(
				{
					recipient: TO,
					body: 'Track it',
					displayText: ` ${'Track your repair ok'} `,
					url: 'https://example.org/t',
				},
				PHONE_ID,
			),
		);
		expect(
			(cta.body?.interactive as { action: { parameters: { display_text: string } } }).action
				.parameters.display_text,
		).toBe('Track your repair ok');
	});
});

describe('Reply To Message ID is checked like every other message ID', () => {
	// A phone number or media ID mapped into Reply To by mistake is refused before sending,
	// naming the option, instead of reaching Meta as context.message_id.
	const builders: Array<
		[string, (replyToMessageId: unknown) => Result<{ body?: Record<string, unknown> }>]
	> = [
		[
			'text',
			(r) => buildSendTextRequest({ recipient: TO, text: 'Hi', replyToMessageId: r }, PHONE_ID),
		],
		[
			'template',
			(r) =>
				buildTemplateJsonRequest(
					{ recipient: TO, name: 'hello', language: 'en_US', components: [], replyToMessageId: r },
					PHONE_ID,
				),
		],
		[
			'media',
			(r) =>
				buildSendMediaRequest(
					{ recipient: TO, mediaType: 'image', source: 'id', mediaId: '123', replyToMessageId: r },
					PHONE_ID,
				),
		],
		[
			'buttons',
			(r) =>
				buildSendButtonsRequest(
					{
						recipient: TO,
						body: 'Ok?',
						inputMode: 'fields',
						buttons: [{ title: 'Yes' }],
						replyToMessageId: r,
					},
					PHONE_ID,
				),
		],
		[
			'list',
			(r) =>
				buildSendListRequest(
					{
						recipient: TO,
						body: 'Pick',
						buttonText: 'Open',
						inputMode: 'fields',
						rows: [{ title: 'A' }],
						replyToMessageId: r,
					},
					PHONE_ID,
				),
		],
		[
			'link button',
			(r) =>
				buildSendCtaUrlRequest(
					{
						recipient: TO,
						body: 'Track',
						displayText: 'Go',
						url: 'https://example.org',
						replyToMessageId: r,
					},
					PHONE_ID,
				),
		],
		[
			'location',
			(r) =>
				buildSendLocationRequest(
					{ recipient: TO, latitude: 52.5, longitude: 13.4, replyToMessageId: r },
					PHONE_ID,
				),
		],
		[
			'contacts',
			(r) =>
				buildSendContactsRequest(
					{
						recipient: TO,
						inputMode: 'fields',
						contact: { formattedName: 'Ada' },
						replyToMessageId: r,
					},
					PHONE_ID,
				),
		],
	];

	it.each(builders)(
		'%s: a wamid becomes context.message_id, blank means no context, anything else is refused',
		(_, build) => {
			expect(value(build(' wamid.HBgLQUOTED ')).body?.context).toEqual({
				message_id: 'wamid.HBgLQUOTED',
			});
			expect(value(build('')).body?.context).toBeUndefined();
			expect(value(build(undefined)).body?.context).toBeUndefined();
			expect(problem(build('+14155550101'))).toMatchObject({
				message: '"+14155550101" in Reply To Message ID is not a WhatsApp message ID',
				field: 'options.replyToMessageId',
			});
		},
	);
});
