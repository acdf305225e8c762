/**
 * A template definition's parameter format, inferred when Meta leaves it out.
 */
import { parameterFormatOf } from '../../../nodes/WhatsAppCloud/templates/definition';

describe('parameter format', () => {
	it('infers the format when parameter_format is missing', () => {
		expect(
			parameterFormatOf({
				name: 'x',
				language: 'en',
				components: [{ type: 'BODY', text: 'Hi {{who}}' }],
			}),
		).toBe('NAMED');
		expect(
			parameterFormatOf({
				name: 'x',
				language: 'en',
				components: [{ type: 'BODY', text: 'Hi {{1}}' }],
			}),
		).toBe('POSITIONAL');
		expect(parameterFormatOf({ name: 'x', language: 'en', parameter_format: 'named' })).toBe(
			'NAMED',
		);
	});
});
