/**
 * Media resource and the media helpers: the multipart upload body byte by byte (what Meta's
 * POST /{phone-number-id}/media expects: messaging_product, type, file), media references,
 * binary checks per kind with Meta's supported types and sizes, Get URL / Delete / Download
 * requests, the download file name and which hosts may receive the token.
 */
import { buildUploadRequest, readMediaId } from '../../nodes/WhatsAppCloud/actions/media/common';
import { buildDeleteMediaRequest } from '../../nodes/WhatsAppCloud/actions/media/delete.operation';
import {
	buildDownloadMediaRequest,
	downloadFileName,
} from '../../nodes/WhatsAppCloud/actions/media/download.operation';
import { isTrustedMediaUrl } from '../../nodes/WhatsAppCloud/transport/download';
import {
	buildGetMediaRequest,
	mediaInfoOutput,
} from '../../nodes/WhatsAppCloud/actions/media/getUrl.operation';
import { buildUploadMediaRequest } from '../../nodes/WhatsAppCloud/actions/media/upload.operation';
import {
	binaryFileInfo,
	checkUpload,
	extensionFor,
	fileNameFromDisposition,
	kindsOf,
	normalizeMimeType,
	readMediaReference,
} from '../../nodes/WhatsAppCloud/shared/media';
import { buildMultipart } from '../../nodes/WhatsAppCloud/shared/multipart';
import { problem, value } from '../support/result';

const PHONE_ID = '109876543210987';

describe('multipart body', () => {
	it('fields then file, CRLF framing, the closing boundary; binary bytes kept exactly', () => {
		const data = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]);
		const { body, contentType } = buildMultipart(
			[
				{ field: 'messaging_product', value: 'whatsapp' },
				{ field: 'type', value: 'image/png' },
			],
			[{ field: 'file', fileName: 'a "b".png', contentType: 'image/png', data }],
			'BOUNDARY42',
		);
		expect(contentType).toBe('multipart/form-data; boundary=BOUNDARY42');
		const expected = Buffer.concat([
			Buffer.from(
				'--BOUNDARY42\r\nContent-Disposition: form-data; name="messaging_product"\r\n\r\nwhatsapp\r\n' +
					'--BOUNDARY42\r\nContent-Disposition: form-data; name="type"\r\n\r\nimage/png\r\n' +
					'--BOUNDARY42\r\nContent-Disposition: form-data; name="file"; filename="a \\"b\\".png"\r\nContent-Type: image/png\r\n\r\n',
			),
			data,
			Buffer.from('\r\n--BOUNDARY42--\r\n'),
		]);
		expect(body.equals(expected)).toBe(true);
	});

	it("random boundaries differ and stay within RFC 2046's 70 characters", () => {
		const a = buildMultipart([], []).boundary;
		const b = buildMultipart([], []).boundary;
		expect(a).not.toBe(b);
		expect(a.length).toBeLessThanOrEqual(70);
	});

	it('file names cannot break the header (CR/LF removed)', () => {
		const { body } = buildMultipart(
			[],
			[
				{
					field: 'file',
					fileName: 'x\r\nInjected: 1',
					contentType: 'text/plain',
					data: Buffer.from('t'),
				},
			],
			'B',
		);
		expect(body.toString()).toContain('filename="x Injected: 1"');
	});
});

describe('Media > Upload', () => {
	it('checks the file, then POSTs multipart to /{phone-number-id}/media', () => {
		const request = value(
			buildUploadMediaRequest(
				{
					binaryPropertyName: 'data',
					file: { mimeType: 'audio/ogg; codecs=opus', fileName: 'note.ogg', bytes: 1000 },
					available: ['data'],
				},
				PHONE_ID,
			),
		);
		expect(request).toEqual({
			method: 'POST',
			path: `/${PHONE_ID}/media`,
			upload: {
				binaryProperty: 'data',
				mimeType: 'audio/ogg',
				fileName: 'note.ogg',
				path: `/${PHONE_ID}/media`,
			},
		});
		const upload = buildUploadRequest(request.path, request.upload!, Buffer.from('OggS'), 'XB');
		expect(upload.headers).toEqual({ 'Content-Type': 'multipart/form-data; boundary=XB' });
		expect(upload.rawBody?.toString()).toContain('name="messaging_product"\r\n\r\nwhatsapp\r\n');
		expect(upload.rawBody?.toString()).toContain('name="type"\r\n\r\naudio/ogg\r\n');
		expect(upload.rawBody?.toString()).toContain(
			'name="file"; filename="note.ogg"\r\nContent-Type: audio/ogg\r\n\r\nOggS\r\n',
		);
	});

	it('overrides, default file name from the MIME type, and refusals', () => {
		expect(
			value(
				buildUploadMediaRequest(
					{
						binaryPropertyName: 'data',
						file: { mimeType: 'application/pdf' },
						available: ['data'],
						fileName: 'Q1.pdf',
					},
					PHONE_ID,
				),
			).upload?.fileName,
		).toBe('Q1.pdf');
		expect(
			value(
				buildUploadMediaRequest(
					{ binaryPropertyName: 'data', file: { mimeType: 'image/jpeg' }, available: ['data'] },
					PHONE_ID,
				),
			).upload?.fileName,
		).toBe('file.jpg');
		expect(
			problem(buildUploadMediaRequest({ binaryPropertyName: '', available: [] }, PHONE_ID)),
		).toMatchObject({ message: 'Input Binary Field is empty' });
		expect(
			problem(buildUploadMediaRequest({ binaryPropertyName: 'data', available: [] }, PHONE_ID))
				.description,
		).toContain('This item has no binary data at all');
		expect(
			problem(
				buildUploadMediaRequest(
					{ binaryPropertyName: 'data', file: { mimeType: 'image/gif' }, available: ['data'] },
					PHONE_ID,
				),
			).message,
		).toBe('WhatsApp does not accept image/gif files');
		expect(
			problem(
				buildUploadMediaRequest(
					{
						binaryPropertyName: 'data',
						file: { mimeType: 'application/pdf', bytes: 100 * 1024 * 1024 + 1 },
						available: ['data'],
					},
					PHONE_ID,
				),
			).message,
		).toBe('The file in "data" is 100 MB; WhatsApp accepts at most 100 MB for document files');
	});
});

describe('media helpers', () => {
	it('a media reference is a numeric ID or an http(s) link', () => {
		expect(value(readMediaReference(' 123 ', 'Media', 'm'))).toEqual({ id: '123' });
		expect(value(readMediaReference('https://x.example/a.jpg', 'Media', 'm'))).toEqual({
			link: 'https://x.example/a.jpg',
		});
		expect(problem(readMediaReference('a.jpg', 'Media', 'm')).message).toBe(
			'"a.jpg" in Media is neither a link nor a media ID',
		);
		expect(problem(readMediaReference('', 'Media', 'm')).message).toBe('Media is empty');
	});

	it('media IDs are digits', () => {
		expect(value(readMediaId(1234567))).toBe('1234567');
		expect(problem(readMediaId('wamid.X')).message).toBe('"wamid.X" is not a WhatsApp media ID');
		expect(problem(readMediaId(undefined)).message).toBe('Media ID is empty');
	});

	it("MIME types: aliases, parameters dropped, kinds per Meta's table", () => {
		expect(normalizeMimeType('IMAGE/JPG')).toBe('image/jpeg');
		expect(normalizeMimeType('video/3gp')).toBe('video/3gpp');
		expect(normalizeMimeType('audio/ogg; codecs=opus')).toBe('audio/ogg');
		expect(kindsOf('image/webp')).toEqual(['sticker']);
		expect(kindsOf('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toEqual([
			'document',
		]);
		expect(kindsOf('image/gif')).toEqual([]);
		expect(extensionFor('audio/mpeg')).toBe('mp3');
		expect(extensionFor('application/x-unknown')).toBe('bin');
	});

	it("binary metadata: size from n8n's bytes or from inline base64", () => {
		expect(
			binaryFileInfo({ data: Buffer.from('hello').toString('base64'), mimeType: 'text/plain' })
				?.bytes,
		).toBe(5);
		expect(
			binaryFileInfo({
				data: 'filesystem-v2',
				id: 'filesystem-v2:abc',
				mimeType: 'image/png',
				bytes: 42,
			})?.bytes,
		).toBe(42);
		expect(
			binaryFileInfo({ data: 'filesystem-v2', id: 'filesystem-v2:abc', mimeType: 'image/png' })
				?.bytes,
		).toBeUndefined();
		expect(binaryFileInfo(undefined)).toBeUndefined();
	});

	it('a kind-less upload accepts any supported type, within the largest limit of its kinds', () => {
		expect(
			checkUpload({
				binaryProperty: 'data',
				field: 'f',
				file: { mimeType: 'image/webp', bytes: 400 * 1024 },
				available: ['data'],
			}).ok,
		).toBe(true);
		expect(
			problem(
				checkUpload({
					binaryProperty: 'data',
					field: 'f',
					file: { mimeType: 'video/mp4', bytes: 17 * 1024 * 1024 },
					available: ['data'],
				}),
			).message,
		).toBe('The file in "data" is 17 MB; WhatsApp accepts at most 16 MB for video files');
	});
});

describe('Get URL, Delete, Download', () => {
	it('GET and DELETE /{media-id}', () => {
		expect(value(buildGetMediaRequest('8800'))).toEqual({
			method: 'GET',
			path: '/8800',
			meta: { mediaId: '8800' },
		});
		expect(value(buildDeleteMediaRequest(8800))).toEqual({
			method: 'DELETE',
			path: '/8800',
			meta: { mediaId: '8800' },
		});
		expect(problem(buildDeleteMediaRequest('abc'))).toMatchObject({ field: 'mediaId' });
	});

	it('media info output uses our names, file size as a number', () => {
		expect(
			mediaInfoOutput(
				{
					messaging_product: 'whatsapp',
					id: '8800',
					url: 'https://lookaside.fbsbx.com/x',
					mime_type: 'image/jpeg',
					sha256: 'ab',
					file_size: '303833',
				},
				'8800',
			),
		).toEqual({
			mediaId: '8800',
			url: 'https://lookaside.fbsbx.com/x',
			mimeType: 'image/jpeg',
			sha256: 'ab',
			fileSize: 303833,
		});
	});

	it('download request remembers the output field and file name', () => {
		expect(
			value(
				buildDownloadMediaRequest({
					mediaId: '8800',
					binaryPropertyName: ' photo ',
					fileName: 'in.jpg',
				}),
			),
		).toEqual({
			method: 'GET',
			path: '/8800',
			meta: { mediaId: '8800', binaryPropertyName: 'photo', fileName: 'in.jpg' },
		});
		expect(
			value(buildDownloadMediaRequest({ mediaId: '8800', binaryPropertyName: '' })).meta,
		).toEqual({ mediaId: '8800', binaryPropertyName: 'data' });
	});

	it("file name: the user's, else the server's, else media ID + extension", () => {
		expect(
			downloadFileName('mine.pdf', 'attachment; filename="theirs.pdf"', '1', 'application/pdf'),
		).toBe('mine.pdf');
		expect(downloadFileName('', 'attachment; filename="theirs.pdf"', '1', 'application/pdf')).toBe(
			'theirs.pdf',
		);
		expect(
			downloadFileName(
				'',
				"attachment; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf",
				'1',
				'application/pdf',
			),
		).toBe('Rechnung März.pdf');
		expect(downloadFileName(undefined, 'attachment; filename="55"', '55', 'image/jpeg')).toBe(
			'55.jpg',
		);
		expect(downloadFileName(undefined, undefined, '55', 'audio/ogg')).toBe('55.ogg');
		expect(fileNameFromDisposition(['inline; filename=plain.txt'])).toBe('plain.txt');
	});

	it("the token goes only to Meta's hosts over https, or to the credential's own API host", () => {
		const base = 'https://graph.facebook.com';
		expect(
			isTrustedMediaUrl('https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1', base),
		).toBe(true);
		expect(isTrustedMediaUrl('https://scontent.whatsapp.net/v/t61/x', base)).toBe(true);
		expect(isTrustedMediaUrl('http://lookaside.fbsbx.com/x', base)).toBe(false);
		expect(isTrustedMediaUrl('https://fbsbx.com.evil.example/x', base)).toBe(false);
		expect(isTrustedMediaUrl('https://evil.example/x', base)).toBe(false);
		expect(
			isTrustedMediaUrl(
				'http://127.0.0.1:4010/whatsapp_business/attachments/?mid=1',
				'http://127.0.0.1:4010',
			),
		).toBe(true);
		expect(isTrustedMediaUrl('http://127.0.0.1:4011/x', 'http://127.0.0.1:4010')).toBe(false);
		expect(isTrustedMediaUrl('not a url', base)).toBe(false);
	});
});
