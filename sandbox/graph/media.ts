/**
 * Graph's media endpoints: POST /{phone-number-id}/media (multipart upload, Meta's types and size
 * limits), GET and DELETE /{media-id}, and the download URL that GET hands out.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { errors, GraphError } from '../core/errors';
import { authenticate } from './auth';
import type { GraphContext, ObjectHandler } from './context';
import { parseMultipart } from './multipart';
import { errorResult, type GraphResult, type IncomingGraphRequest, ok } from './request';

/** Supported types and size limits from Meta's media reference. */
const MEDIA_LIMITS: Array<[RegExp, number]> = [
	[/^image\/(jpeg|png)$/, 5 * 1024 * 1024],
	[/^image\/webp$/, 500 * 1024],
	[/^video\/(mp4|3gpp)$/, 16 * 1024 * 1024],
	[/^audio\/(aac|amr|mpeg|mp4|ogg)(;.*)?$/, 16 * 1024 * 1024],
	[
		/^(text\/plain|application\/pdf|application\/msword|application\/vnd\.ms-excel|application\/vnd\.ms-powerpoint|application\/vnd\.openxmlformats-officedocument\.(wordprocessingml\.document|spreadsheetml\.sheet|presentationml\.presentation))$/,
		100 * 1024 * 1024,
	],
];

function mediaLimit(mime: string): number | undefined {
	const m = mime.toLowerCase().replace(/\s+/g, '');
	return MEDIA_LIMITS.find(([re]) => re.test(m))?.[1];
}

/** POST /{phone-number-id}/media: multipart with messaging_product, file and type; answers {id}. */
export function uploadMedia(ctx: GraphContext, req: IncomingGraphRequest): Record<string, unknown> {
	const type = String(req.headers['content-type'] ?? '');
	if (!type.includes('multipart/form-data')) {
		throw errors.invalidParameter(
			'Upload media as multipart/form-data with the fields messaging_product, file and type.',
		);
	}
	const parts = parseMultipart(req.body, type);
	const field = (name: string) => parts.find((p) => p.name === name);
	const product = field('messaging_product')?.data.toString('utf8');
	if (product !== 'whatsapp') throw errors.requiredParameter('messaging_product');
	const file = field('file');
	if (!file || !file.data.length) throw errors.requiredParameter('file');
	const mime = (field('type')?.data.toString('utf8') || file.contentType || '').trim();
	const limit = mediaLimit(mime);
	if (limit === undefined) {
		throw errors.invalidParameter(
			`Param file must be a file with one of the supported media types (image/jpeg, image/png, image/webp, video/mp4, video/3gpp, audio/aac, audio/amr, audio/mpeg, audio/mp4, audio/ogg, text/plain, application/pdf, Office documents); got '${mime || 'none'}'.`,
		);
	}
	if (file.data.length > limit)
		throw errors.invalidParameter(
			`Param file is ${file.data.length} bytes; the limit for ${mime} is ${limit} bytes.`,
		);
	const obj = ctx.media.add(Buffer.from(file.data), mime, { filename: file.filename });
	ctx.counters.media.uploaded++;
	return { id: obj.id };
}

/** GET and DELETE /{media-id}. */
export const mediaObject: ObjectHandler = (ctx, req, id, edge) => {
	const media = ctx.media.get(id);
	if (!media || edge) return undefined;
	const owner = req.query.get('phone_number_id');
	if (owner && owner !== ctx.identity.phoneNumberId)
		throw errors.invalidParameter(`Media ${id} does not belong to phone number ${owner}`);
	if (req.method === 'GET') {
		return ok({
			messaging_product: 'whatsapp',
			url: ctx.media.url(req.baseUrl, id),
			mime_type: media.mime,
			sha256: media.sha256Hex,
			file_size: String(media.bytes.length),
			id,
		});
	}
	if (req.method === 'DELETE') {
		ctx.media.delete(id);
		ctx.counters.media.deleted++;
		return ok({ success: true });
	}
	return undefined;
};

/**
 * GET of a media download URL: the bytes, for the Bearer token only (like Meta's; the query
 * string of this URL is the signed link, so an access_token there is not looked at).
 */
export function downloadMedia(
	ctx: GraphContext,
	headers: IncomingHttpHeaders,
	query: URLSearchParams,
): GraphResult {
	try {
		authenticate(ctx, headers, new URLSearchParams());
		const obj = ctx.media.resolveDownload(query);
		ctx.counters.media.downloaded++;
		return {
			status: 200,
			bytes: obj.bytes,
			contentType: obj.mime,
			headers: { 'content-disposition': `attachment; filename="${obj.filename ?? obj.id}"` },
		};
	} catch (err) {
		if (err instanceof GraphError) return errorResult(err);
		throw err;
	}
}
