/**
 * Template > Get: a template described with the variables a user has to map, and whether it can be
 * sent.
 */
import { describeTemplate } from '../../../../nodes/WhatsAppCloud/actions/template/get.operation';
import * as t from '../../../support/templates.fixtures';

describe('Template > Get', () => {
	it('get lists the variables a user has to map', () => {
		const described = describeTemplate(t.urlTracking);
		expect(described.variables).toEqual([
			{
				key: 'body_1',
				label: 'Body {{1}} (e.g. A-1009)',
				component: 'body',
				required: true,
				type: 'string',
				example: 'A-1009',
				position: 1,
				maxLength: 1024,
			},
			{
				key: 'button_1_url',
				label: 'Button "Track": URL Suffix (e.g. ZX81-2)',
				component: 'button',
				required: true,
				type: 'string',
				example: 'ZX81-2',
				buttonIndex: 1,
				buttonText: 'Track',
			},
		]);
		expect(described).toMatchObject({
			name: 'track_order_url',
			parameter_format: 'POSITIONAL',
			sendable: true,
		});
		expect(describeTemplate(t.pendingTemplate)).toMatchObject({ sendable: false });
		expect(String(describeTemplate(t.pendingTemplate).notSendableReason)).toContain(
			'status PENDING',
		);
	});
});
