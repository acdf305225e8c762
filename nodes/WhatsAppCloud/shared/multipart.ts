/**
 * multipart/form-data bodies (RFC 7578) built as one Buffer, for Meta's media upload
 * (POST /{phone-number-id}/media with the fields messaging_product, type and file).
 *
 * Why our own: node code may not import `form-data`, and n8n's request helpers recognise multipart
 * bodies only as form-data instances (docs/n8n-internals.md, 7); a Buffer body with an explicit
 * Content-Type header is passed on unchanged, so the request is byte-exact and testable.
 * Pure apart from the random boundary (node:crypto).
 */
import { randomBytes } from 'node:crypto';

export interface MultipartField {
	/** The form field's name. */
	field: string;
	value: string;
}

export interface MultipartFile {
	/** The form field's name. */
	field: string;
	fileName: string;
	contentType: string;
	data: Buffer;
}

export interface MultipartBody {
	body: Buffer;
	/** The Content-Type header to send, with the boundary. */
	contentType: string;
	boundary: string;
}

/** A boundary that does not occur in the data (RFC 2046 allows up to 70 characters). */
export function newBoundary(): string {
	return `----n8nWhatsAppCloud${randomBytes(16).toString('hex')}`;
}

/** Quoted-string for Content-Disposition parameters: no CR/LF, quotes and backslashes escaped
 *  (RFC 7578 section 4.2 lets receivers take the file name as given). */
function quoted(value: string): string {
	return `"${value.replace(/[\r\n]+/g, ' ').replace(/(["\\])/g, '\\$1')}"`;
}

/** The fields first, then the files, each as its own part. */
export function buildMultipart(
	fields: MultipartField[],
	files: MultipartFile[],
	boundary: string = newBoundary(),
): MultipartBody {
	const parts: Buffer[] = [];
	const dash = `--${boundary}`;
	for (const field of fields) {
		parts.push(
			Buffer.from(
				`${dash}\r\nContent-Disposition: form-data; name=${quoted(field.field)}\r\n\r\n${field.value}\r\n`,
				'utf8',
			),
		);
	}
	for (const file of files) {
		parts.push(
			Buffer.from(
				`${dash}\r\nContent-Disposition: form-data; name=${quoted(file.field)}; filename=${quoted(file.fileName)}\r\nContent-Type: ${file.contentType}\r\n\r\n`,
				'utf8',
			),
			file.data,
			Buffer.from('\r\n', 'utf8'),
		);
	}
	parts.push(Buffer.from(`${dash}--\r\n`, 'utf8'));
	return {
		body: Buffer.concat(parts),
		contentType: `multipart/form-data; boundary=${boundary}`,
		boundary,
	};
}
