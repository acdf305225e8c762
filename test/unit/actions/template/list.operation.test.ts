/**
 * Template > List: GET /{waba-id}/message_templates with every page, filters sent to Meta and applied
 * again locally.
 */
import {
	buildListTemplatesRequest,
	filterTemplates,
} from '../../../../nodes/WhatsAppCloud/actions/template/list.operation';
import { problem, value } from '../../../support/result';
import * as t from '../../../support/templates.fixtures';

describe('Template > List', () => {
	it('list request: all pages, filters sent to Meta and kept for checking', () => {
		expect(
			value(
				buildListTemplatesRequest(
					{ status: 'APPROVED', category: 'UTILITY', language: 'en_US', name: 'order' },
					'2223334445556667',
				),
			),
		).toEqual({
			method: 'GET',
			path: '/2223334445556667/message_templates',
			qs: {
				fields:
					'id,name,language,status,category,sub_category,parameter_format,components,rejected_reason',
				limit: 100,
				status: 'APPROVED',
				category: 'UTILITY',
				language: 'en_US',
			},
			allPages: true,
			meta: {
				filters: { status: 'APPROVED', category: 'UTILITY', language: 'en_US', name: 'order' },
			},
		});
	});

	it('list without a WhatsApp Business Account ID says where to find it', () => {
		expect(problem(buildListTemplatesRequest({}, '')).message).toBe(
			'The credential has no WhatsApp Business Account ID',
		);
	});

	it('filters are applied again locally (name contains, case-insensitive)', () => {
		expect(
			filterTemplates(t.allTemplates, { status: 'approved', name: 'PROMO' }).map(
				(x) => `${x.name}:${x.language}`,
			),
		).toEqual(['spring_promo_positional:en_US', 'spring_promo_positional:es']);
		expect(
			filterTemplates(t.allTemplates, { category: 'AUTHENTICATION' }).map((x) => x.name),
		).toEqual(['login_code_otp']);
		expect(filterTemplates(t.allTemplates, { language: 'pt-BR' }).map((x) => x.name)).toEqual([
			'pickup_point_location',
		]);
		expect(filterTemplates(t.allTemplates, {})).toHaveLength(t.allTemplates.length);
	});
});
