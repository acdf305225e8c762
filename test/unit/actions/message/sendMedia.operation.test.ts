/**
 * Message > Send Media: image/video/audio/document/sticker by ID and by link, in the shapes of
 * Meta's send examples (written with our own values), a binary source (upload first, then send by
 * the new ID), and every check with Meta's limit, the field it names and the fix it gives.
 */
import {
	buildSendMediaRequest,
	withMediaId,
	type SendMediaInput,
} from '../../../../nodes/WhatsAppCloud/actions/message/sendMedia.operation';
import { problem, value } from '../../../support/result';

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
