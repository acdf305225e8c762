/**
 * Template variables as n8n's resource mapper fields.
 */
import { toResourceMapperFields } from '../../../nodes/WhatsAppCloud/methods/resourceMapping';
import { discoverTemplateVariables } from '../../../nodes/WhatsAppCloud/templates/variables';
import * as t from '../../support/templates.fixtures';

describe('resource mapper fields', () => {
	it('one field per variable with id = key, required flags and types; hidden optional fields removed', () => {
		expect(toResourceMapperFields(discoverTemplateVariables(t.flowSignup))).toEqual([
			{
				id: 'body_first_name',
				displayName: 'Body {{first_name}} (e.g. Ana)',
				required: true,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: 'string',
			},
			{
				id: 'button_0_flow_token',
				displayName: 'Button "Sign up": Flow Token (optional)',
				required: false,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: 'string',
			},
			{
				id: 'button_0_flow_action_data',
				displayName: 'Button "Sign up": Flow Action Data (optional JSON object)',
				required: false,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: 'string',
				removed: true,
			},
		]);
	});
});
