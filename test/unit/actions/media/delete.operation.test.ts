/**
 * Media > Delete (and Get URL, which asks Meta about the same /{media-id}): the request, and a
 * media ID refused before sending.
 */
import { buildDeleteMediaRequest } from '../../../../nodes/WhatsAppCloud/actions/media/delete.operation';
import { buildGetMediaRequest } from '../../../../nodes/WhatsAppCloud/actions/media/getUrl.operation';
import { problem, value } from '../../../support/result';

describe('Media > Delete', () => {
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
});
