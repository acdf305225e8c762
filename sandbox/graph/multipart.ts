/** Minimal multipart/form-data parser (RFC 7578) for media uploads: enough for curl, undici and n8n. */
import { errors } from '../core/errors';

export interface MultipartPart {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

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
