/**
 * Media > Upload: the file is checked against Meta's supported types and sizes, then POSTed as the
 * multipart body Meta's POST /{phone-number-id}/media expects (messaging_product, type, file).
 */
import { buildUploadRequest } from '../../../../nodes/WhatsAppCloud/actions/media/common';
import { buildUploadMediaRequest } from '../../../../nodes/WhatsAppCloud/actions/media/upload.operation';
import { problem, value } from '../../../support/result';

const PHONE_ID = '109876543210987';

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
