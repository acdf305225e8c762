/**
 * Graph's template endpoints: GET, POST and DELETE /{waba-id}/message_templates (list with
 * Meta's paging and filters, create for review, delete by name or ID) and GET and DELETE
 * /{template-id}.
 */
import { errors } from '../core/errors';
import { projectTemplate } from '../templates/store';
import type { StoredTemplate } from '../templates/types';
import type { GraphContext, ObjectHandler } from './context';
import { fieldList, type GraphResult, type IncomingGraphRequest, ok, params } from './request';

/** /{waba-id}/message_templates; undefined for a method Graph does not serve there. */
export function messageTemplates(
	ctx: GraphContext,
	req: IncomingGraphRequest,
): GraphResult | undefined {
	if (req.method === 'GET') return ok(listTemplates(ctx, req));
	if (req.method === 'POST') return ok(createTemplate(ctx, req));
	if (req.method === 'DELETE') return ok(deleteTemplates(ctx, req));
	return undefined;
}

/** GET and DELETE /{template-id}. */
export const templateObject: ObjectHandler = (ctx, req, id, edge) => {
	const template = ctx.templates.get(id);
	if (!template || edge) return undefined;
	if (req.method === 'GET')
		return ok(projectTemplate(template, fieldList(req.query.get('fields'))));
	if (req.method === 'DELETE') {
		ctx.templates.delete(template.name, template.id);
		ctx.counters.templates.deleted++;
		return ok({ success: true });
	}
	return undefined;
};

function listTemplates(ctx: GraphContext, req: IncomingGraphRequest): Record<string, unknown> {
	const q = req.query;
	const limit = q.get('limit') ? Number(q.get('limit')) : undefined;
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
		throw errors.invalidParameter('Param limit must be a positive integer.');
	const fields = fieldList(q.get('fields'));
	const result = ctx.templates.query(
		{
			status: q.get('status') ?? undefined,
			category: q.get('category') ?? undefined,
			language: q.get('language') ?? undefined,
			name: q.get('name') ?? undefined,
			limit,
			after: q.get('after') ?? undefined,
			before: q.get('before') ?? undefined,
		},
		(pageParams) => {
			const next = new URLSearchParams();
			for (const [k, v] of q)
				if (!['after', 'before', 'limit', 'access_token'].includes(k)) next.set(k, v);
			for (const [k, v] of Object.entries(pageParams)) next.set(k, v);
			return `${req.baseUrl}/${req.version}/${ctx.identity.wabaId}/message_templates?${next.toString()}`;
		},
	);
	const total = (result as { total: number }).total;
	delete (result as { total?: number }).total;
	result.data = (result.data as StoredTemplate[]).map((t) => projectTemplate(t, fields));
	if (q.get('summary')) result.summary = { total_count: total };
	return result;
}

function createTemplate(ctx: GraphContext, req: IncomingGraphRequest): Record<string, unknown> {
	const t = ctx.templates.create(params(req));
	ctx.counters.templates.created++;
	const review = ctx.knobs.templateReviewMs;
	if (review > 0) ctx.review.approveLater(t.id, review);
	ctx.log(
		`template ${t.name} (${t.language}) created: PENDING review (${review > 0 ? `auto-approved in ${review} ms` : `approve with POST /_sandbox/templates/${t.id}/approve`})`,
	);
	return { id: t.id, status: t.status, category: t.category };
}

function deleteTemplates(ctx: GraphContext, req: IncomingGraphRequest): Record<string, unknown> {
	const p = params(req);
	const deleted = ctx.templates.delete(
		typeof p.name === 'string' ? p.name : undefined,
		typeof p.hsm_id === 'string' ? p.hsm_id : undefined,
	);
	ctx.counters.templates.deleted += deleted.length;
	return { success: true };
}
