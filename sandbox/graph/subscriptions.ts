/**
 * GET, POST and DELETE /{waba-id}/subscribed_apps: whether the app gets the WABA's webhooks at
 * all, and the WABA-level callback override (after its handshake).
 */
import { errors } from '../core/errors';
import { appInfo } from './app';
import type { GraphContext } from './context';
import { type GraphResult, type IncomingGraphRequest, ok, params } from './request';

/** undefined for a method Graph does not serve there. */
export async function subscribedApps(
	ctx: GraphContext,
	req: IncomingGraphRequest,
): Promise<GraphResult | undefined> {
	if (req.method === 'GET') return ok(getSubscribedApps(ctx));
	if (req.method === 'POST') return ok(await subscribeApp(ctx, req));
	if (req.method === 'DELETE') return ok(unsubscribeApp(ctx));
	return undefined;
}

function getSubscribedApps(ctx: GraphContext): Record<string, unknown> {
	if (!ctx.knobs.subscribed) return { data: [] };
	const override = ctx.routing.wabaOverride;
	return {
		data: [
			{
				whatsapp_business_api_data: appInfo(),
				...(override ? { override_callback_uri: override.url } : {}),
			},
		],
	};
}

async function subscribeApp(
	ctx: GraphContext,
	req: IncomingGraphRequest,
): Promise<Record<string, unknown>> {
	const p = params(req);
	const { routing } = ctx;
	if (typeof p.override_callback_uri === 'string' && p.override_callback_uri !== '') {
		const token = typeof p.verify_token === 'string' ? p.verify_token : '';
		if (!token)
			throw errors.invalidParameter('Param verify_token is required with override_callback_uri.');
		await routing.verifyOrThrow(p.override_callback_uri, token, 'whatsapp_business_account');
		routing.wabaOverride = { url: p.override_callback_uri, verifyToken: token };
	} else if (p.override_callback_uri === '') {
		routing.wabaOverride = null;
	}
	ctx.knobs.subscribed = true;
	ctx.log(
		`app subscribed to WABA${routing.wabaOverride ? ` with override ${routing.wabaOverride.url}` : ''}`,
	);
	return { success: true };
}

function unsubscribeApp(ctx: GraphContext): Record<string, unknown> {
	ctx.knobs.subscribed = false;
	ctx.routing.wabaOverride = null;
	ctx.log('app unsubscribed from WABA: webhooks stop');
	return { success: true };
}
