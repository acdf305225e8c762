/**
 * The template reference a user picks or types (name:language or an ID), read and explained.
 */
import {
	describeReference,
	formatTemplateValue,
	parseTemplateReference,
} from '../../../nodes/WhatsAppCloud/templates/reference';

describe('template reference (resource locator value)', () => {
	it.each([
		[
			{ mode: 'list', value: 'order_update:en_US' },
			{ by: 'name', name: 'order_update', language: 'en_US' },
		],
		[
			{ mode: 'name', value: 'order_update:en_US' },
			{ by: 'name', name: 'order_update', language: 'en_US' },
		],
		[
			{ mode: 'name', value: ' order_update : pt_BR ' },
			{ by: 'name', name: 'order_update', language: 'pt_BR' },
		],
		[
			{ mode: 'name', value: 'order_update|es' },
			{ by: 'name', name: 'order_update', language: 'es' },
		],
		[
			{ mode: 'name', value: 'order_update (en-GB)' },
			{ by: 'name', name: 'order_update', language: 'en_GB' },
		],
		[
			{ mode: 'name', value: 'order_update' },
			{ by: 'name', name: 'order_update' },
		],
		[
			{ mode: 'id', value: ' 1387372356726668 ' },
			{ by: 'id', id: '1387372356726668' },
		],
		[
			{ mode: 'id', value: 1387372356726668 },
			{ by: 'id', id: '1387372356726668' },
		],
		['order_update:fil', { by: 'name', name: 'order_update', language: 'fil' }],
	])('%j -> %j', (locator, expected) => {
		expect(parseTemplateReference(locator)).toEqual({ ok: true, value: expected });
	});

	it('the list value and the By Name text share one format', () => {
		expect(formatTemplateValue('a_b', 'en_US')).toBe('a_b:en_US');
	});

	it('empty value says how to choose a template', () => {
		const result = parseTemplateReference({ mode: 'list', value: '' });
		expect(result).toMatchObject({
			ok: false,
			problem: { message: 'No template chosen', field: 'template' },
		});
	});

	it('a display name instead of the template name suggests the real one', () => {
		const result = parseTemplateReference({ mode: 'name', value: 'Order Update' });
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.problem.message).toBe('"Order Update" is not a WhatsApp template name');
			expect(result.problem.description).toContain('(did you mean "order_update"?)');
		}
	});

	it('a bad language code and a non-numeric ID are refused', () => {
		expect(parseTemplateReference({ mode: 'name', value: 'x:english' })).toMatchObject({
			ok: false,
			problem: { message: '"english" is not a template language code' },
		});
		expect(parseTemplateReference({ mode: 'id', value: 'order_update' })).toMatchObject({
			ok: false,
			problem: { message: '"order_update" is not a template ID' },
		});
	});

	it('describes references for messages', () => {
		expect(describeReference({ by: 'id', id: '12' })).toBe('with ID 12');
		expect(describeReference({ by: 'name', name: 'a', language: 'en' })).toBe('"a" (en)');
		expect(describeReference({ by: 'name', name: 'a' })).toBe('"a"');
	});
});
