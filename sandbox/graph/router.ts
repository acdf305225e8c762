/**
 * Graph API entry: checks the token, then hands the call to the handler of the object its path
 * names (phone number, business account, the app, a template, a media object).
 */
import { errors, GraphError } from '../core/errors';
import { appObject } from './app';
import { authenticate } from './auth';
import { businessAccount } from './business-account';
import type { GraphContext, ObjectHandler } from './context';
import { mediaObject } from './media';
import { phoneNumber } from './phone-number';
import { errorResult, type GraphResult, type IncomingGraphRequest } from './request';
import { templateObject } from './templates';

/** Objects found by their ID, tried in this order. */
const OBJECT_HANDLERS: ObjectHandler[] = [appObject, templateObject, mediaObject];

export async function handleGraph(
	ctx: GraphContext,
	req: IncomingGraphRequest,
): Promise<GraphResult> {
	try {
		authenticate(ctx, req.headers, req.query);
		return await route(ctx, req);
	} catch (err) {
		if (err instanceof GraphError) return errorResult(err);
		throw err;
	}
}

async function route(ctx: GraphContext, req: IncomingGraphRequest): Promise<GraphResult> {
	const [id, edge, ...rest] = req.segments;
	if (!id) throw errors.unknownPath('/');
	if (rest.length) throw errors.unknownPath(`/${req.segments.join('/')}`);
	if (id === ctx.identity.phoneNumberId) return phoneNumber(ctx, req, edge);
	if (id === ctx.identity.wabaId) return businessAccount(ctx, req, edge);
	for (const objectHandler of OBJECT_HANDLERS) {
		const answer = objectHandler(ctx, req, id, edge);
		if (answer) return answer;
	}
	throw errors.unsupported(req.method, id);
}
