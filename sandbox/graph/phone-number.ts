/**
 * The business phone number: GET /{phone-number-id} (the credential test reads it), POST
 * /{phone-number-id} (its webhook override), and its edges /messages and /media. WABA-only edges
 * called on it are recorded as a pitfall.
 */
import { errors } from '../core/errors';
import type { AccountObjectHandler, GraphContext } from './context';
import { uploadMedia } from './media';
import { postMessage } from './messages';
import { fieldList, type IncomingGraphRequest, ok, params, pickFields } from './request';

export const phoneNumber: AccountObjectHandler = async (ctx, req, edge) => {
	const { method } = req;
	const id = ctx.identity.phoneNumberId;
	if (!edge) {
		if (method === 'GET') return ok(phoneInfo(ctx, req.query.get('fields')));
		if (method === 'POST') return ok(await updatePhone(ctx, req));
		throw errors.unsupported(method, id);
	}
	if (edge === 'messages' && method === 'POST') return postMessage(ctx, req);
	if (edge === 'media' && method === 'POST') return ok(uploadMedia(ctx, req));
	if (edge === 'message_templates' || edge === 'subscribed_apps') {
		ctx.pitfall(
			'phone_number_id_as_waba_id',
			`/${edge} was called on the phone number ID; it belongs to the WhatsApp Business Account ID`,
		);
	}
	if (method === 'GET') throw errors.nonexistingField(edge, 'WhatsAppBusinessPhoneNumber');
	throw errors.unsupported(method, id);
};

/** What GET /{phone-number-id} answers without `fields`. */
const DEFAULT_FIELDS = ['id', 'display_phone_number', 'verified_name', 'quality_rating'];

/** The phone number's fields, as GET /{phone-number-id}?fields=... answers them. */
export function phoneInfo(ctx: GraphContext, fields: string | null): Record<string, unknown> {
	const available: Record<string, () => unknown> = {
		id: () => ctx.identity.phoneNumberId,
		display_phone_number: () => ctx.identity.displayPhoneNumber,
		verified_name: () => ctx.identity.verifiedName,
		quality_rating: () => 'GREEN',
		code_verification_status: () => 'VERIFIED',
		name_status: () => 'APPROVED',
		platform_type: () => 'CLOUD_API',
		status: () => 'CONNECTED',
		account_mode: () => (ctx.knobs.testMode ? 'SANDBOX' : 'LIVE'),
		messaging_limit_tier: () => 'TIER_1K',
		is_official_business_account: () => false,
		throughput: () => ({ level: ctx.knobs.tier >= 1000 ? 'HIGH' : 'STANDARD' }),
		webhook_configuration: () => ctx.routing.configuration(),
		last_onboarded_time: () => '2025-01-15T09:30:00+0000',
	};
	const wanted = fieldList(fields) ?? DEFAULT_FIELDS;
	const out = pickFields(available, wanted, 'WhatsAppBusinessPhoneNumber');
	out.id = ctx.identity.phoneNumberId;
	return out;
}

/** POST /{phone-number-id} {webhook_configuration}: sets or ("") removes the number's override. */
async function updatePhone(
	ctx: GraphContext,
	req: IncomingGraphRequest,
): Promise<Record<string, unknown>> {
	const p = params(req);
	const cfg = p.webhook_configuration as
		| { override_callback_uri?: unknown; verify_token?: unknown }
		| undefined;
	if (cfg !== undefined) {
		if (!cfg || typeof cfg !== 'object' || typeof cfg.override_callback_uri !== 'string') {
			throw errors.invalidParameter(
				"Param webhook_configuration['override_callback_uri'] is required.",
			);
		}
		const uri = cfg.override_callback_uri;
		if (uri === '') {
			ctx.routing.phoneOverride = null;
			ctx.log('phone number webhook override removed');
			return { success: true };
		}
		const token = typeof cfg.verify_token === 'string' ? cfg.verify_token : '';
		if (!token)
			throw errors.invalidParameter("Param webhook_configuration['verify_token'] is required.");
		// Meta's reference for POST /{Phone-Number-ID}: "Webhook subscription must exist before
		// configuring callback URI overrides".
		if (!ctx.knobs.subscribed) {
			throw errors.invalidParameter(
				'The app is not subscribed to the WhatsApp Business Account: call POST /{waba-id}/subscribed_apps before setting a phone number webhook override.',
			);
		}
		await ctx.routing.verifyOrThrow(uri, token, 'phone_number');
		ctx.routing.phoneOverride = { url: uri, verifyToken: token };
		ctx.log(`phone number webhook override set to ${uri}`);
	}
	return { success: true };
}
