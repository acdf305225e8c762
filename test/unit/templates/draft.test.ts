/**
 * A new template's identity, checked before submitting as Meta's review would: name, language,
 * category.
 */
import { readTemplateIdentity } from '../../../nodes/WhatsAppCloud/templates/draft';
import { problem, value } from '../../support/result';

describe("Template > Create: Meta's review rules for the name, language and category", () => {
	it.each([
		['', 'Template name is empty'],
		['Repair Ready', '"Repair Ready" is not a valid template name'],
		['a'.repeat(513), `"${'a'.repeat(60)}…" is not a valid template name`],
	])('name %j', (name, message) => {
		expect(
			problem(readTemplateIdentity({ name, language: 'en', category: 'UTILITY' })),
		).toMatchObject({ message, field: 'name' });
	});

	it('name suggestions, language codes, categories', () => {
		expect(
			problem(readTemplateIdentity({ name: 'Repair Ready!', language: 'en', category: 'UTILITY' }))
				.description,
		).toContain('"repair_ready"');
		expect(
			value(readTemplateIdentity({ name: 'ok', language: 'pt-BR', category: 'marketing' })),
		).toEqual({ name: 'ok', language: 'pt_BR', category: 'MARKETING' });
		expect(
			problem(readTemplateIdentity({ name: 'ok', language: 'English', category: 'UTILITY' })),
		).toMatchObject({ field: 'language' });
		expect(
			problem(readTemplateIdentity({ name: 'ok', language: 'en', category: 'SERVICE' })),
		).toMatchObject({ field: 'category' });
	});
});
