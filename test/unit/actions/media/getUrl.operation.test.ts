/**
 * Media > Get URL: the media info output, with our field names.
 */
import { mediaInfoOutput } from '../../../../nodes/WhatsAppCloud/actions/media/getUrl.operation';

describe('Media > Get URL', () => {
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
});
