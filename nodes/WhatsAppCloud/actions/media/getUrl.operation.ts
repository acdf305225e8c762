/**
 * Media > Get URL: GET /{media-id} -> the file's temporary download URL, MIME type, SHA-256 and
 * size. The URL works for 5 minutes and only with the access token (spec: "Retrieve Media URL");
 * Media > Download fetches the file itself.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { textOf } from '../../shared/fields';
import { ok, type Result } from '../../shared/problem';
import { defineOperation, type GraphRequest } from '../types';
import { mediaIdProperty, readMediaId } from './common';

export interface MediaInfoResponse {
	id?: string;
	url?: string;
	mime_type?: string;
	sha256?: string;
	file_size?: string | number;
	messaging_product?: string;
}

/** Pure: GET /{media-id}. */
export function buildGetMediaRequest(mediaId: unknown): Result<GraphRequest> {
	const id = readMediaId(mediaId);
	if (!id.ok) return id;
	return ok({ method: 'GET', path: `/${id.value}`, meta: { mediaId: id.value } });
}

/** Meta's media info -> our field names (file size as a number). */
export function mediaInfoOutput(info: MediaInfoResponse, mediaId: unknown): IDataObject {
	const size = Number(info.file_size);
	const output: IDataObject = { mediaId: info.id ?? textOf(mediaId) };
	if (info.url !== undefined) output.url = info.url;
	if (info.mime_type !== undefined) output.mimeType = info.mime_type;
	if (info.sha256 !== undefined) output.sha256 = info.sha256;
	if (info.file_size !== undefined) output.fileSize = Number.isFinite(size) ? size : info.file_size;
	return output;
}

export const getMediaUrl = defineOperation<{ mediaId: unknown }>({
	value: 'getUrl',
	name: 'Get URL',
	action: 'Get a media URL',
	description:
		"Get a media file's temporary download URL (valid 5 minutes, needs the access token), MIME type, SHA-256 and size; use Download to get the file itself",
	properties: [mediaIdProperty],
	sendsMessage: false,
	readParameters(this: IExecuteFunctions, itemIndex: number) {
		return { mediaId: this.getNodeParameter('mediaId', itemIndex) };
	},
	buildRequest: (input) => buildGetMediaRequest(input.mediaId),
	toOutput(response, request) {
		return [
			{
				operation: 'getUrl',
				...mediaInfoOutput((response ?? {}) as MediaInfoResponse, request.meta?.mediaId),
			},
		];
	},
	adviseOnError(code) {
		if (code === 100) {
			return 'The media ID is unknown, was deleted, or belongs to another WhatsApp Business Account (media received by webhook expire after 7 days, uploaded media after 30).';
		}
		return undefined;
	},
});
