/**
 * The {{...}} placeholders of a template text, positional and named.
 */
import { placeholdersIn } from '../../../nodes/WhatsAppCloud/templates/placeholders';

describe('placeholders', () => {
	it('orders positional placeholders by number and drops repeats', () => {
		expect(placeholdersIn('{{2}} then {{1}} and {{2}} again, {{10}}', 'POSITIONAL')).toEqual([
			'1',
			'2',
			'10',
		]);
	});
	it('keeps named placeholders in order of first appearance', () => {
		expect(placeholdersIn('{{b}} {{ a }} {{b}}', 'NAMED')).toEqual(['b', 'a']);
	});
});
