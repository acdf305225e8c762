/**
 * The HTTP side of a webhook call without a server: an express-like request carrying the exact
 * raw bytes, a response that records what was sent, and n8n's body parsing of the raw bytes.
 */
import { EventEmitter } from 'node:events';

import { jsonParse, type IDataObject } from 'n8n-workflow';

export interface WebhookRequest {
	/** Default 'POST'. */
	method?: string;
	/** Header names are lower-cased (as Node's http does). */
	headers?: Record<string, string | string[] | undefined>;
	query?: Record<string, unknown>;
	params?: Record<string, unknown>;
	/**
	 * Parsed body. When omitted, the body is parsed from rawBody by content-type the way n8n's
	 * body parser does (JSON / form / text); a JSON parse failure is answered 422 by n8n itself.
	 */
	body?: unknown;
	/** The exact request bytes (what n8n exposes as req.rawBody). Default: JSON.stringify(body). */
	rawBody?: Buffer | string;
	/** Request path (informational; default the node's webhook path). */
	path?: string;
}

export interface RecordedResponse {
	status?: number;
	headers: Record<string, string>;
	/** What was passed to send/json/end/write (Buffers stay Buffers, objects stay objects). */
	body?: unknown;
	/** The body as text (objects JSON-encoded), for easy assertions. */
	text?: string;
	/** True once the response was finished (send/json/end/sendStatus). */
	sent: boolean;
	/** Who answered: the node through getResponseObject(), or n8n's own default response. */
	sentBy?: 'node' | 'n8n';
}

/** An express-like Response that records what the node sends. */
export class FakeExpressResponse extends EventEmitter {
	statusCode = 200;
	headersSent = false;
	finished = false;
	readonly recorded: RecordedResponse = { headers: {}, sent: false };
	private chunks: Array<string | Buffer> = [];

	status(code: number): this {
		this.statusCode = code;
		this.recorded.status = code;
		return this;
	}
	setHeader(name: string, value: string | number | readonly string[]): this {
		this.recorded.headers[name.toLowerCase()] = Array.isArray(value)
			? value.join(', ')
			: String(value);
		return this;
	}
	set(name: string | Record<string, string>, value?: string): this {
		if (typeof name === 'object') for (const [k, v] of Object.entries(name)) this.setHeader(k, v);
		else this.setHeader(name, value ?? '');
		return this;
	}
	header(name: string, value: string): this {
		return this.set(name, value);
	}
	getHeader(name: string): string | undefined {
		return this.recorded.headers[name.toLowerCase()];
	}
	getHeaders(): Record<string, string> {
		return { ...this.recorded.headers };
	}
	removeHeader(name: string): void {
		delete this.recorded.headers[name.toLowerCase()];
	}
	type(contentType: string): this {
		const ct = contentType.includes('/')
			? contentType
			: contentType === 'json'
				? 'application/json'
				: contentType === 'text'
					? 'text/plain'
					: contentType;
		return this.setHeader('content-type', ct);
	}
	contentType(contentType: string): this {
		return this.type(contentType);
	}
	writeHead(status: number, headers?: Record<string, string | number>): this {
		this.status(status);
		for (const [k, v] of Object.entries(headers ?? {})) this.setHeader(k, v);
		this.headersSent = true;
		return this;
	}
	write(chunk: string | Buffer): boolean {
		this.headersSent = true;
		this.chunks.push(chunk);
		return true;
	}
	send(body?: unknown): this {
		if (body !== undefined && body !== null && typeof body === 'object' && !Buffer.isBuffer(body))
			return this.json(body);
		if (typeof body === 'string' && !this.getHeader('content-type'))
			this.setHeader('content-type', 'text/html; charset=utf-8');
		return this.finish(body);
	}
	json(body: unknown): this {
		if (!this.getHeader('content-type'))
			this.setHeader('content-type', 'application/json; charset=utf-8');
		return this.finish(body);
	}
	sendStatus(code: number): this {
		this.status(code);
		return this.finish(String(code));
	}
	end(chunk?: string | Buffer): this {
		if (this.finished) return this; // express tolerates end() after send()
		if (chunk !== undefined) this.chunks.push(chunk);
		const body =
			this.chunks.length === 0
				? undefined
				: this.chunks.every((c) => typeof c === 'string')
					? this.chunks.join('')
					: Buffer.concat(this.chunks.map((c) => Buffer.from(c)));
		return this.finish(body);
	}
	private finish(body: unknown): this {
		if (this.finished)
			throw new Error(
				'harness: response already sent (a real server would throw ERR_HTTP_HEADERS_SENT)',
			);
		this.recorded.status ??= this.statusCode;
		this.recorded.body = body;
		this.recorded.text =
			body === undefined
				? undefined
				: Buffer.isBuffer(body)
					? body.toString('utf8')
					: typeof body === 'string'
						? body
						: JSON.stringify(body);
		this.recorded.sent = true;
		this.recorded.sentBy = 'node';
		this.headersSent = true;
		this.finished = true;
		this.emit('finish');
		return this;
	}
}

/** An express-like Request: what n8n's webhook server hands to WebhookContext. */
export function createFakeRequest(
	request: WebhookRequest,
	defaultPath: string,
): IDataObject & { rawBody: Buffer } {
	const headers: Record<string, string | string[]> = {};
	for (const [k, v] of Object.entries(request.headers ?? {}))
		if (v !== undefined) headers[k.toLowerCase()] = v;
	let rawBody: Buffer;
	if (request.rawBody !== undefined)
		rawBody = Buffer.isBuffer(request.rawBody)
			? request.rawBody
			: Buffer.from(request.rawBody, 'utf8');
	else if (request.body !== undefined)
		rawBody = Buffer.from(
			typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
			'utf8',
		);
	else rawBody = Buffer.alloc(0);
	if (
		request.body !== undefined &&
		request.rawBody === undefined &&
		headers['content-type'] === undefined &&
		typeof request.body === 'object'
	) {
		headers['content-type'] = 'application/json';
	}
	if (rawBody.length > 0) headers['content-length'] ??= String(rawBody.length);
	const contentTypeHeader = String(headers['content-type'] ?? '');
	const contentType = contentTypeHeader.split(';')[0].trim().toLowerCase() || undefined;
	const charset = /charset=([^;]+)/i.exec(contentTypeHeader)?.[1]?.trim().toLowerCase();
	const path = request.path ?? `/webhook/${defaultPath}`;
	const query = request.query ?? {};
	const search = new URLSearchParams(
		Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
	).toString();
	return {
		method: (request.method ?? 'POST').toUpperCase(),
		url: search ? `${path}?${search}` : path,
		originalUrl: search ? `${path}?${search}` : path,
		path,
		headers,
		query,
		params: request.params ?? {},
		body: request.body as IDataObject,
		rawBody,
		contentType,
		encoding: (charset ?? 'utf-8') as BufferEncoding,
		get: (name: string) => headers[name.toLowerCase()],
		header: (name: string) => headers[name.toLowerCase()],
		readRawBody: async () => {},
	};
}

/** What n8n's body-parser middleware makes of the raw bytes, for the common content types. */
export function parseBodyLikeN8n(
	req: IDataObject & { rawBody: Buffer },
): { ok: true } | { ok: false; message: string } {
	const { rawBody } = req;
	const contentType = req.contentType as string | undefined;
	const encoding = req.encoding as BufferEncoding;
	const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	if (rawBody.length > 0) {
		try {
			if (contentType === 'application/json')
				req.body = jsonParse(stripBom(rawBody.toString(encoding)));
			else if (contentType === 'application/x-www-form-urlencoded')
				req.body = Object.fromEntries(new URLSearchParams(stripBom(rawBody.toString(encoding))));
			else if (contentType === 'text/plain') req.body = rawBody.toString(encoding);
		} catch (error) {
			return { ok: false, message: (error as Error).message };
		}
	}
	req.body ??= {};
	return { ok: true };
}
