/**
 * Media > Download: the request remembers the output field and file name; the file name comes from
 * the user, else the server, else the media ID and the MIME type's extension.
 */
import {
	buildDownloadMediaRequest,
	downloadFileName,
} from '../../../../nodes/WhatsAppCloud/actions/media/download.operation';
import { fileNameFromDisposition } from '../../../../nodes/WhatsAppCloud/shared/media';
import { value } from '../../../support/result';

describe('Media > Download', () => {
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
});
