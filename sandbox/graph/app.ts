/**
 * GET /app (the Meta app the access token belongs to; the trigger compares it with
 * subscribed_apps) and GET /me (the system user behind the token).
 */
import { SEED } from '../core/seed';
import type { ObjectHandler } from './context';
import { fieldList, ok } from './request';

/** The seeded app as Graph describes it, here and in subscribed_apps. */
export function appInfo(): Record<string, unknown> {
	return {
		id: SEED.appId,
		name: SEED.appName,
		link: `https://www.facebook.com/games/?app_id=${SEED.appId}`,
	};
}

/** GET /app and GET /me. */
export const appObject: ObjectHandler = (_ctx, req, id, edge) => {
	if (edge || req.method !== 'GET') return undefined;
	if (id === 'app') {
		const app = appInfo();
		const fields = fieldList(req.query.get('fields'));
		return ok(
			fields
				? Object.fromEntries(Object.entries(app).filter(([k]) => k === 'id' || fields.includes(k)))
				: app,
		);
	}
	if (id === 'me') return ok({ id: '6120458893301177', name: 'Sandbox System User' });
	return undefined;
};
