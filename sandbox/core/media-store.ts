/**
 * The media objects the sandbox holds (uploaded, seeded, or created for inbound messages), and
 * their download URLs: signed, needing the Bearer token, valid for 5 minutes like Meta's.
 * Bounded: oldest objects are evicted past a byte budget.
 */
import { createHash, createHmac } from 'node:crypto';

import { errors, GraphError } from './errors';
import { numericId } from './ids';

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
