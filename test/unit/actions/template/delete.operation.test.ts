/**
 * Template > Delete: by name (every language) or one version by ID, and what is refused.
 */
import { buildDeleteTemplateRequest } from '../../../../nodes/WhatsAppCloud/actions/template/delete.operation';
import { problem, value } from '../../../support/result';

const WABA = '2223334445556667';

describe('Template > Delete', () => {
	it('by name (every language), or one version with hsm_id', () => {
		expect(value(buildDeleteTemplateRequest({ name: 'repair_ready' }, WABA))).toEqual({
			method: 'DELETE',
			path: `/${WABA}/message_templates`,
			qs: { name: 'repair_ready' },
			meta: { name: 'repair_ready' },
		});
		expect(
			value(
				buildDeleteTemplateRequest(
					{ name: ' repair_ready ', templateId: '1387372356726668' },
					WABA,
				),
			).qs,
		).toEqual({
			name: 'repair_ready',
			hsm_id: '1387372356726668',
		});
	});

	it('refuses a name with a language or a non-numeric ID', () => {
		expect(problem(buildDeleteTemplateRequest({ name: 'repair_ready:en_US' }, WABA))).toMatchObject(
			{ field: 'name' },
		);
		expect(
			problem(buildDeleteTemplateRequest({ name: 'repair_ready', templateId: 'abc' }, WABA)),
		).toMatchObject({ field: 'templateId' });
		expect(problem(buildDeleteTemplateRequest({ name: 'x' }, undefined))).toMatchObject({
			field: 'businessAccountId',
		});
	});
});
