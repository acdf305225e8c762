import { createHash, createHmac } from 'node:crypto';

import { errors, GraphError } from './core/errors';
import { numericId } from './core/ids';

/**
 * Media objects: POST /{phone-number-id}/media (multipart upload -> { id }), GET /{media-id}
 * (-> url, mime_type, sha256, file_size, id), a download URL that needs the Bearer token and
 * expires after 5 minutes (spec: "The URL is only valid for 5 minutes"), DELETE /{media-id}.
 * Bounded: oldest objects are evicted past a byte budget.
 */

export interface MediaObject {
	id: string;
	mime: string;
	bytes: Buffer;
	sha256Hex: string;
	sha256Base64: string;
	filename?: string;
	createdAt: number;
	/** seeded objects are never evicted */
	pinned?: boolean;
}

/** Supported types and size limits from Meta's media reference. */
const LIMITS: Array<[RegExp, number]> = [
	[/^image\/(jpeg|png)$/, 5 * 1024 * 1024],
	[/^image\/webp$/, 500 * 1024],
	[/^video\/(mp4|3gpp)$/, 16 * 1024 * 1024],
	[/^audio\/(aac|amr|mpeg|mp4|ogg)(;.*)?$/, 16 * 1024 * 1024],
	[
		/^(text\/plain|application\/pdf|application\/msword|application\/vnd\.ms-excel|application\/vnd\.ms-powerpoint|application\/vnd\.openxmlformats-officedocument\.(wordprocessingml\.document|spreadsheetml\.sheet|presentationml\.presentation))$/,
		100 * 1024 * 1024,
	],
];

export function mediaLimit(mime: string): number | undefined {
	const m = mime.toLowerCase().replace(/\s+/g, '');
	return LIMITS.find(([re]) => re.test(m))?.[1];
}

export class MediaStore {
	private items = new Map<string, MediaObject>();
	private bytesUsed = 0;
	private readonly urlKey = createHash('sha256').update(`${Date.now()}-${Math.random()}`).digest();

	constructor(
		private readonly maxBytes: number,
		private readonly urlTtlMs: number,
	) {}

	get size(): number {
		return this.items.size;
	}

	add(
		bytes: Buffer,
		mime: string,
		opts: { id?: string; filename?: string; pinned?: boolean } = {},
	): MediaObject {
		const obj: MediaObject = {
			id: opts.id ?? numericId(16),
			mime,
			bytes,
			sha256Hex: createHash('sha256').update(bytes).digest('hex'),
			sha256Base64: createHash('sha256').update(bytes).digest('base64'),
			filename: opts.filename,
			createdAt: Date.now(),
			pinned: opts.pinned,
		};
		this.items.set(obj.id, obj);
		this.bytesUsed += bytes.length;
		for (const [id, item] of this.items) {
			if (this.bytesUsed <= this.maxBytes) break;
			if (item.pinned || id === obj.id) continue;
			this.items.delete(id);
			this.bytesUsed -= item.bytes.length;
		}
		return obj;
	}

	get(id: string): MediaObject | undefined {
		return this.items.get(id);
	}

	delete(id: string): boolean {
		const item = this.items.get(id);
		if (!item) return false;
		this.items.delete(id);
		this.bytesUsed -= item.bytes.length;
		return true;
	}

	clear(keepPinned = true): void {
		for (const [id, item] of this.items) {
			if (keepPinned && item.pinned) continue;
			this.items.delete(id);
			this.bytesUsed -= item.bytes.length;
		}
	}

	/** Download URL shaped like Meta's lookaside URL: ?mid=&ext=&hash=. */
	url(baseUrl: string, id: string, now = Date.now()): string {
		const ext = Math.floor((now + this.urlTtlMs) / 1000);
		return `${baseUrl}/whatsapp_business/attachments/?mid=${id}&ext=${ext}&hash=${this.hash(id, ext)}`;
	}

	/** Checks a download URL's query; returns the object or throws a GraphError. */
	resolveDownload(query: URLSearchParams, now = Date.now()): MediaObject {
		const id = query.get('mid') ?? '';
		const ext = Number(query.get('ext'));
		const hash = query.get('hash') ?? '';
		if (!id || !Number.isFinite(ext) || hash !== this.hash(id, ext)) {
			throw new GraphError(404, 100, 'Invalid media URL', { type: 'GraphMethodException' });
		}
		if (ext * 1000 < now) {
			throw new GraphError(
				404,
				100,
				'Media URL expired: media URLs are valid for 5 minutes. Call GET /{media-id} again for a fresh URL.',
				{
					type: 'GraphMethodException',
				},
			);
		}
		const obj = this.items.get(id);
		if (!obj) throw errors.mediaNotFound(id);
		return obj;
	}

	private hash(id: string, ext: number): string {
		return createHmac('sha256', this.urlKey)
			.update(`${id}:${ext}`)
			.digest('base64url')
			.slice(0, 22);
	}
}

export interface MultipartPart {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

/** Minimal multipart/form-data parser (RFC 7578), enough for curl, undici FormData and n8n. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!m) throw errors.invalidParameter('multipart/form-data body without a boundary');
	const boundary = Buffer.from(`--${(m[1] ?? m[2]).trim()}`);
	const parts: MultipartPart[] = [];
	let pos = body.indexOf(boundary);
	while (pos !== -1) {
		let start = pos + boundary.length;
		if (body.subarray(start, start + 2).toString() === '--') break;
		if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
		const headerEnd = body.indexOf('\r\n\r\n', start);
		if (headerEnd === -1) break;
		const headerText = body.subarray(start, headerEnd).toString('utf8');
		const next = body.indexOf(boundary, headerEnd + 4);
		if (next === -1) break;
		let end = next;
		if (body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2;
		const headers = new Map<string, string>();
		for (const line of headerText.split('\r\n')) {
			const i = line.indexOf(':');
			if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
		}
		const disposition = headers.get('content-disposition') ?? '';
		// quoted-strings may carry \" and \\ escapes (RFC 7578 4.2)
		const unquote = (v: string | undefined) => v?.replace(/\\(.)/g, '$1');
		const name = unquote(/(?:^|;)\s*name="((?:[^"\\]|\\.)*)"/i.exec(disposition)?.[1]) ?? '';
		const filename = unquote(/\bfilename="((?:[^"\\]|\\.)*)"/i.exec(disposition)?.[1]);
		parts.push({
			name,
			filename,
			contentType: headers.get('content-type'),
			data: body.subarray(headerEnd + 4, end),
		});
		pos = next;
	}
	return parts;
}
