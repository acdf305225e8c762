import { templateVariables } from '../../../sandbox/templates/variables';

describe('template variables', () => {
	it('template variables in order of first appearance', () => {
		expect(templateVariables('Hi {{1}}, {{2}} and {{1}} again', 'POSITIONAL')).toEqual(['1', '2']);
		expect(templateVariables('Hi {{ first_name }}, order {{order_id}}', 'NAMED')).toEqual([
			'first_name',
			'order_id',
		]);
		expect(templateVariables(undefined, 'NAMED')).toEqual([]);
	});
});
