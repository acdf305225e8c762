/**
 * A new template's header, body and footer: the components we submit, and Meta's review rules
 * checked before submitting (examples for every variable, numbering, placement, lengths).
 */
import {
	buildCreateTemplateRequest,
	type CreateTemplateInput,
} from '../../../nodes/WhatsAppCloud/actions/template/create.operation';
import {
	buildBodyComponent,
	buildHeaderComponent,
	templateVariablesOf,
} from '../../../nodes/WhatsAppCloud/templates/draftText';
import { problem, value } from '../../support/result';

const WABA = '2223334445556667';

const create = (input: Partial<CreateTemplateInput>) =>
	buildCreateTemplateRequest(
		{ name: 'repair_ready', language: 'en_US', category: 'UTILITY', inputMode: 'fields', ...input },
		WABA,
	);

describe('Template > Create: header definitions', () => {
	it('media and location headers; named header variable', () => {
		expect(
			value(
				buildHeaderComponent({ format: 'IMAGE', mediaHandle: '4::aW1hZ2U=:ARb' }, 'POSITIONAL'),
			),
		).toEqual({
			type: 'HEADER',
			format: 'IMAGE',
			example: { header_handle: ['4::aW1hZ2U=:ARb'] },
		});
		expect(value(buildHeaderComponent({ format: 'LOCATION' }, 'POSITIONAL'))).toEqual({
			type: 'HEADER',
			format: 'LOCATION',
		});
		expect(
			value(
				buildHeaderComponent({ format: 'TEXT', text: 'Hello {{name}}', example: 'Cy' }, 'NAMED'),
			),
		).toEqual({
			type: 'HEADER',
			format: 'TEXT',
			text: 'Hello {{name}}',
			example: { header_text_named_params: [{ param_name: 'name', example: 'Cy' }] },
		});
	});
});

describe("Template > Create: Meta's review rules for header, body and footer", () => {
	it('every body variable needs an example, and examples must name existing variables', () => {
		const missing = problem(
			buildBodyComponent(
				'Hi {{1}}, your order {{2}} has shipped today.',
				[{ variable: '1', example: 'Ada' }],
				'POSITIONAL',
			),
		);
		expect(missing).toMatchObject({ message: 'No example for {{2}}', field: 'examples' });
		expect(missing.description).toContain('Meta requires an example value for every variable');
		expect(
			problem(
				buildBodyComponent(
					'Hi {{1}}, thanks for your order.',
					[{ variable: '3', example: 'x' }],
					'POSITIONAL',
				),
			).message,
		).toBe('Example for {{3}}, which the body does not have');
		expect(
			problem(
				buildBodyComponent(
					'Hi {{1}}, thanks for your order.',
					[{ variable: '1', example: '  ' }],
					'POSITIONAL',
				),
			).message,
		).toBe('No example for {{1}}');
	});

	it('positional variables numbered from 1 without gaps; formats not mixed; no spaces in braces; balanced braces', () => {
		expect(
			problem(buildBodyComponent('Hi {{1}}, gate {{3}} opens soon, thanks.', [], 'POSITIONAL'))
				.message,
		).toBe('Body Text skips or misnumbers variables: it has {{1}}, {{3}}');
		expect(
			problem(buildBodyComponent('Hi {{name}}, welcome back to us.', [], 'POSITIONAL')).message,
		).toBe('Body Text uses the named variable {{name}} but Parameter Format is Positional');
		expect(problem(buildBodyComponent('Hi {{1}}, welcome back to us.', [], 'NAMED')).message).toBe(
			'Body Text uses the positional variable {{1}} but Parameter Format is Named',
		);
		const spaced = problem(
			templateVariablesOf('Hi {{ 1 }} there', 'POSITIONAL', 'Body Text', 'body'),
		);
		expect(spaced).toMatchObject({
			message: 'Body Text has a malformed variable "{{ 1 }}"',
			description: 'Write it as {{1}}, without spaces.',
		});
		expect(
			problem(templateVariablesOf('Hi {{First Name}} there', 'NAMED', 'Body Text', 'body'))
				.description,
		).toContain('lowercase letters');
		expect(
			problem(templateVariablesOf('Hi {{1} there', 'POSITIONAL', 'Body Text', 'body')).message,
		).toBe('Body Text has unbalanced braces');
	});

	it('the body may not start or end with a variable (trailing punctuation still counts as the end)', () => {
		expect(
			problem(
				buildBodyComponent(
					'{{1}}, your bike is ready.',
					[{ variable: '1', example: 'Ada' }],
					'POSITIONAL',
				),
			).message,
		).toBe('Body Text starts with a variable');
		expect(
			problem(
				buildBodyComponent(
					'Your bike is ready, {{1}}.',
					[{ variable: '1', example: 'Ada' }],
					'POSITIONAL',
				),
			).message,
		).toBe('Body Text ends with a variable');
		expect(
			buildBodyComponent(
				'Your bike is ready, {{1}}. See you soon!',
				[{ variable: '1', example: 'Ada' }],
				'POSITIONAL',
			).ok,
		).toBe(true);
	});

	it('lengths: body 1024, header 60 with one variable, footer 60 without variables', () => {
		expect(buildBodyComponent('b'.repeat(1024), [], 'POSITIONAL').ok).toBe(true);
		expect(problem(buildBodyComponent('b'.repeat(1025), [], 'POSITIONAL')).message).toBe(
			'Body Text is 1025 characters; Meta allows at most 1024',
		);
		expect(problem(buildBodyComponent('  ', [], 'POSITIONAL')).message).toBe('Body Text is empty');
		expect(
			problem(buildHeaderComponent({ format: 'TEXT', text: 'h'.repeat(61) }, 'POSITIONAL')).message,
		).toBe('Header Text is 61 characters; Meta allows at most 60');
		expect(
			problem(
				buildHeaderComponent(
					{ format: 'TEXT', text: '{{1}} and {{2}}', example: 'x' },
					'POSITIONAL',
				),
			).message,
		).toBe('Header Text has 2 variables; Meta allows one');
		expect(
			problem(
				buildHeaderComponent({ format: 'TEXT', text: 'Order {{2}}', example: 'x' }, 'POSITIONAL'),
			).message,
		).toBe('The header variable must be {{1}}, not {{2}}');
		expect(
			problem(buildHeaderComponent({ format: 'TEXT', text: 'Order {{1}}' }, 'POSITIONAL')),
		).toMatchObject({ field: 'header.example' });
		expect(problem(buildHeaderComponent({ format: 'VIDEO' }, 'POSITIONAL'))).toMatchObject({
			field: 'header.mediaHandle',
		});
		expect(
			problem(create({ body: 'Hello there, all good.', footer: 'f'.repeat(61) })).message,
		).toBe('Footer Text is 61 characters; Meta allows at most 60');
		expect(problem(create({ body: 'Hello there, all good.', footer: 'Bye {{1}}' })).message).toBe(
			'Footer Text has a variable',
		);
	});
});
