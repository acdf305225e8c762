/**
 * What the media operations share: reading a media ID.
 */
import { readMediaId } from '../../../../nodes/WhatsAppCloud/actions/media/common';
import { problem, value } from '../../../support/result';

describe('media ID', () => {
	it('media IDs are digits', () => {
		expect(value(readMediaId(1234567))).toBe('1234567');
		expect(problem(readMediaId('wamid.X')).message).toBe('"wamid.X" is not a WhatsApp media ID');
		expect(problem(readMediaId(undefined)).message).toBe('Media ID is empty');
	});
});
