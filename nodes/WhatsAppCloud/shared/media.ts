/**
 * Media facts the operations share: a media reference given as a link or as a media ID, the
 * checks of a binary file before it is uploaded (MIME type, size, per kind of media message),
 * and file names for downloads. Pure: no n8n context, no HTTP.
 */
import type { IBinaryData } from 'n8n-workflow';

import { isHttpUrl, textOf } from './fields';
import { MEDIA_TYPES, type MediaKind } from './limits';
import { fail, ok, type Result } from './problem';

export type MediaReference = { id: string } | { link: string };

/** Which binary file of an item to upload, checked before anything is sent. */
export interface BinaryUpload {
	/** Name of the item's binary property, e.g. 'data'. */
	binaryProperty: string;
	/** MIME type sent to Meta as the upload's `type` (the file's own, or the user's override). */
	mimeType: string;
	/** File name given to Meta (documents show it to the recipient). */
	fileName: string;
}

/** A media ID (digits, from Media > Upload or the trigger's mediaId) or an http(s) link. */
export function readMediaReference(
	value: unknown,
	label: string,
	field: string,
): Result<MediaReference> {
	const text = textOf(value)?.trim() ?? '';
	if (text === '') {
		return fail(
			`${label} is empty`,
			'Give a public https link to the file, or the media ID that Media > Upload returned (or the mediaId of a message the WhatsApp Cloud Trigger received).',
			field,
		);
	}
	if (/^\d+$/.test(text)) return ok({ id: text });
	if (isHttpUrl(text)) return ok({ link: text });
	return fail(
		`"${text.length > 80 ? `${text.slice(0, 80)}…` : text}" in ${label} is neither a link nor a media ID`,
		'Use a full public link starting with https:// (WhatsApp downloads the file from there), or a numeric media ID from Media > Upload.',
		field,
	);
}

/** The MIME type as Meta names it: lowercase, parameters dropped, common aliases mapped. */
export function normalizeMimeType(value: string | undefined): string | undefined {
	if (!value) return undefined;
	const base = value.split(';')[0].trim().toLowerCase();
	if (base === '') return undefined;
	const aliases: Record<string, string> = {
		'image/jpg': 'image/jpeg',
		'image/pjpeg': 'image/jpeg',
		'video/3gp': 'video/3gpp',
		'audio/mp3': 'audio/mpeg',
		'audio/x-m4a': 'audio/mp4',
		'audio/m4a': 'audio/mp4',
		'audio/opus': 'audio/ogg',
		'audio/x-aac': 'audio/aac',
	};
	return aliases[base] ?? base;
}

/** The kinds of media message a MIME type can be sent as. */
export function kindsOf(mimeType: string): MediaKind[] {
	return (Object.keys(MEDIA_TYPES) as MediaKind[]).filter((kind) =>
		(MEDIA_TYPES[kind].mimeTypes as readonly string[]).includes(mimeType),
	);
}

export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
	if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
	return `${bytes} bytes`;
}

/** What the node knows of an item's binary file without reading it. */
export interface BinaryFileInfo {
	mimeType?: string;
	fileName?: string;
	fileExtension?: string;
	/** Size in bytes when n8n recorded it (or the inline data tells it). */
	bytes?: number;
}

/** n8n's binary metadata -> BinaryFileInfo (size from `bytes`, or from inline base64 data). */
export function binaryFileInfo(binary: IBinaryData | undefined): BinaryFileInfo | undefined {
	if (!binary || typeof binary !== 'object') return undefined;
	let bytes = typeof binary.bytes === 'number' ? binary.bytes : undefined;
	if (bytes === undefined && !binary.id && typeof binary.data === 'string') {
		const data = binary.data.replace(/\s+/g, '');
		const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
		bytes = Math.max(0, Math.floor((data.length * 3) / 4) - padding);
	}
	return {
		mimeType: binary.mimeType,
		fileName: binary.fileName,
		fileExtension: binary.fileExtension,
		bytes,
	};
}

export interface UploadCheck {
	/** The item's binary property name, as the user gave it. */
	binaryProperty: string;
	/** Parameter name of the binary property field (for the error's `field`). */
	field: string;
	/** What n8n has under that name (undefined: nothing). */
	file: BinaryFileInfo | undefined;
	/** The item's binary property names, to suggest one. */
	available: string[];
	/** Send as this kind of media message (Send Media), or any supported kind (Media > Upload). */
	kind?: MediaKind;
	/** User's MIME type override. */
	mimeType?: string;
	/** User's file name override. */
	fileName?: string;
}

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'video/mp4': 'mp4',
	'video/3gpp': '3gp',
	'audio/aac': 'aac',
	'audio/amr': 'amr',
	'audio/mpeg': 'mp3',
	'audio/mp4': 'm4a',
	'audio/ogg': 'ogg',
	'text/plain': 'txt',
	'application/pdf': 'pdf',
	'application/msword': 'doc',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'application/vnd.ms-excel': 'xls',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
	'application/vnd.ms-powerpoint': 'ppt',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
};

/** File extension for a MIME type Meta handles ('bin' otherwise). */
export function extensionFor(mimeType: string | undefined): string {
	return EXTENSIONS[normalizeMimeType(mimeType) ?? ''] ?? 'bin';
}

function supportedList(kind?: MediaKind): string {
	const kinds = kind ? [kind] : (Object.keys(MEDIA_TYPES) as MediaKind[]);
	return kinds.map((k) => `${k}: ${MEDIA_TYPES[k].mimeTypes.join(', ')}`).join('; ');
}

/**
 * Checks an item's binary file before anything is sent: present, a MIME type Meta accepts (for
 * the chosen kind of message), within Meta's size limit. Returns what to upload.
 */
export function checkUpload(check: UploadCheck): Result<BinaryUpload> {
	const property = check.binaryProperty.trim();
	if (property === '') {
		return fail(
			'Input Binary Field is empty',
			'Give the name of the binary property that holds the file, usually "data" (what Read/Write Files from Disk or HTTP Request put there).',
			check.field,
		);
	}
	if (!check.file) {
		const hint = check.available.length
			? `This item has binary data in: ${check.available.map((name) => `"${name}"`).join(', ')}.`
			: 'This item has no binary data at all: add a node before this one that reads or downloads the file (e.g. HTTP Request with Response Format "File", or Read/Write Files from Disk).';
		return fail(
			`This item has no binary data in "${property}"`,
			`${hint} Set Input Binary Field to the property that holds the file.`,
			check.field,
		);
	}
	const mimeType = normalizeMimeType(check.mimeType) ?? normalizeMimeType(check.file.mimeType);
	if (!mimeType || mimeType === 'application/octet-stream') {
		return fail(
			`The file in "${property}" has no usable MIME type${mimeType ? ` (${mimeType})` : ''}`,
			`Set the MIME Type option to the file's real type. WhatsApp accepts ${supportedList(check.kind)}.`,
			'mimeType',
		);
	}
	const kinds = kindsOf(mimeType);
	if (check.kind ? !kinds.includes(check.kind) : kinds.length === 0) {
		const other = kinds.length ? ` It can be sent as ${kinds.join(' or ')} instead.` : '';
		return fail(
			`WhatsApp does not accept ${mimeType} files${check.kind ? ` as ${check.kind}` : ''}`,
			`Supported: ${supportedList(check.kind)}.${other} Convert the file first, or set the MIME Type option if n8n guessed it wrong.`,
			check.field,
		);
	}
	const limit = Math.max(
		...(check.kind ? [check.kind] : kinds).map((kind) => MEDIA_TYPES[kind].maxBytes),
	);
	if (check.file.bytes !== undefined && check.file.bytes > limit) {
		return fail(
			`The file in "${property}" is ${formatBytes(check.file.bytes)}; WhatsApp accepts at most ${formatBytes(limit)} for ${check.kind ?? kinds.join('/')} files`,
			'Compress or shrink the file, or send a link to it in a text message instead.',
			check.field,
		);
	}
	const fileName =
		textOf(check.fileName)?.trim() ||
		check.file.fileName?.trim() ||
		`file.${check.file.fileExtension?.trim() || extensionFor(mimeType)}`;
	return ok({ binaryProperty: property, mimeType, fileName });
}

/** The file name in a Content-Disposition header, if any. */
export function fileNameFromDisposition(header: unknown): string | undefined {
	const value = Array.isArray(header)
		? String(header[0] ?? '')
		: typeof header === 'string'
			? header
			: '';
	const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(value);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
		} catch {
			// Not percent-encoded after all: fall back to the plain parameter.
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(value);
	const name = plain ? (plain[2] ?? plain[1]).trim() : '';
	return name !== '' ? name : undefined;
}
