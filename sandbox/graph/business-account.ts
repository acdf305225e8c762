/**
 * The WhatsApp Business Account: GET /{waba-id}, its phone numbers, and the edges
 * /message_templates and /subscribed_apps. Phone-number edges called on it (/messages, /media)
 * and phone-number fields asked of it are recorded as the pitfall they are.
 */
import { errors } from '../core/errors';
import { countRejection } from '../core/records';
import { SEED } from '../core/seed';
import type { AccountObjectHandler, GraphContext } from './context';
import { phoneInfo } from './phone-number';
import { fieldList, ok, pickFields } from './request';
import { subscribedApps } from './subscriptions';
import { messageTemplates } from './templates';

export const businessAccount: AccountObjectHandler = async (ctx, req, edge) => {
	const { method } = req;
	const id = ctx.identity.wabaId;
	if (!edge) {
		if (method === 'GET') return ok(wabaInfo(ctx, req.query.get('fields')));
		throw errors.unsupported(method, id);
	}
	if (edge === 'message_templates') {
		const answer = messageTemplates(ctx, req);
		if (answer) return answer;
	}
	if (edge === 'subscribed_apps') {
		const answer = await subscribedApps(ctx, req);
		if (answer) return answer;
	}
	if (edge === 'phone_numbers' && method === 'GET') {
		return ok({
			data: [phoneInfo(ctx, req.query.get('fields'))],
			paging: { cursors: { before: 'QVFIUw', after: 'QVFIUw' } },
		});
	}
	if (edge === 'messages' || edge === 'media') {
		ctx.pitfall(
			'waba_id_as_phone_number_id',
			`/${edge} was called on the WhatsApp Business Account ID; use the phone number ID`,
		);
		countRejection(ctx.counters, 100);
	}
	if (method === 'GET') throw errors.nonexistingField(edge, 'WhatsAppBusinessAccount');
	throw errors.unsupported(method, id);
};

/** What GET /{waba-id} answers without `fields`. */
const DEFAULT_FIELDS = ['id', 'name', 'currency', 'timezone_id', 'message_template_namespace'];

function wabaInfo(ctx: GraphContext, fields: string | null): Record<string, unknown> {
	const available: Record<string, () => unknown> = {
		id: () => ctx.identity.wabaId,
		name: () => SEED.businessName,
		currency: () => 'USD',
		timezone_id: () => '1',
		message_template_namespace: () => SEED.messageTemplateNamespace,
		account_review_status: () => 'APPROVED',
		business_verification_status: () => 'verified',
	};
	const wanted = fieldList(fields) ?? DEFAULT_FIELDS;
	const out = pickFields(available, wanted, 'WhatsAppBusinessAccount', (f) => {
		if (['display_phone_number', 'verified_name', 'quality_rating'].includes(f)) {
			ctx.pitfall(
				'waba_id_as_phone_number_id',
				`GET /${ctx.identity.wabaId}?fields=${f}: the WABA ID was used where the phone number ID belongs`,
			);
		}
	});
	out.id = ctx.identity.wabaId;
	return out;
}
