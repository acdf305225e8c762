/**
 * Media > Download: GET /{media-id} for the file's temporary URL, then GET that URL with the
 * access token (Meta: "you must include an access token"; the URL lives 5 minutes) and put the
 * bytes on the output item as n8n binary data, with MIME type and file name. With the trigger's
 * `mediaId` this is Trigger -> Media Download for inbound images, voice notes, documents...
 *
 * The file URL is absolute (lookaside.fbsbx.com at Meta); the transport's graphDownload fetches
 * it, sending the token only to Meta's own hosts or to the credential's API Base URL host
 * (sandbox, proxy), and never along cross-origin redirects.
 */
import {
	NodeOperationError,
	type IBinaryData,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { textOf } from '../../shared/fields';
import { extensionFor, fileNameFromDisposition, normalizeMimeType } from '../../shared/media';
import { ok, type Result } from '../../shared/problem';
import { graphDownload } from '../../transport/download';
import { defineOperation, type GraphRequest } from '../types';
import { mediaIdProperty, readMediaId } from './common';
import { mediaInfoOutput, type MediaInfoResponse } from './getUrl.operation';

export interface DownloadMediaInput {
	mediaId: unknown;
	binaryPropertyName: string;
	fileName?: string;
}

const properties: INodeProperties[] = [
	mediaIdProperty,
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		description: 'Name of the binary property of the output item that receives the file',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $json.filename }}',
				description:
					"Name for the downloaded file. Default: the name the server gives, else the media ID with an extension from its MIME type. For documents the trigger's filename field holds the sender's name for it.",
			},
		],
	},
];

/** Pure: GET /{media-id}, remembering where to put the file. */
export function buildDownloadMediaRequest(input: DownloadMediaInput): Result<GraphRequest> {
	const id = readMediaId(input.mediaId);
	if (!id.ok) return id;
	const binaryPropertyName = textOf(input.binaryPropertyName)?.trim() || 'data';
	const meta: IDataObject = { mediaId: id.value, binaryPropertyName };
	const fileName = textOf(input.fileName)?.trim();
	if (fileName) meta.fileName = fileName;
	return ok({ method: 'GET', path: `/${id.value}`, meta });
}

function headerOf(headers: Record<string, unknown> | undefined, name: string): unknown {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	return key ? headers[key] : undefined;
}

/** Pure: the output file's name: the user's, else the server's, else `<media id>.<extension>`. */
export function downloadFileName(
	userFileName: unknown,
	disposition: unknown,
	mediaId: string,
	mimeType: string | undefined,
): string {
	const own = textOf(userFileName)?.trim();
	if (own) return own;
	const served = fileNameFromDisposition(disposition);
	if (served && served !== mediaId) return served;
	return `${mediaId}.${extensionFor(mimeType)}`;
}

export interface DownloadResult {
	info: MediaInfoResponse;
	binary: IBinaryData;
	fileName: string;
	bytes: number;
}

export const downloadMedia = defineOperation<DownloadMediaInput>({
	value: 'download',
	name: 'Download',
	action: 'Download media',
	description:
		"Download a media file by its media ID (e.g. the mediaId of a received image, voice note or document) into the item's binary data",
	properties,
	sendsMessage: false,
	readParameters(this: IExecuteFunctions, itemIndex: number): DownloadMediaInput {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			mediaId: this.getNodeParameter('mediaId', itemIndex),
			binaryPropertyName: String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')),
			fileName: options.fileName as string | undefined,
		};
	},
	buildRequest: (input) => buildDownloadMediaRequest(input),
	async perform(this: IExecuteFunctions, request, context): Promise<DownloadResult> {
		const info = ((await context.call(request)) ?? {}) as MediaInfoResponse;
		const mediaId = String(request.meta?.mediaId);
		if (typeof info.url !== 'string' || info.url === '') {
			throw new NodeOperationError(
				this.getNode(),
				`Meta returned no download URL for media ${mediaId}`,
				{
					itemIndex: context.itemIndex,
					description:
						'The media may have expired or been deleted. Check the media ID with Get URL.',
				},
			);
		}
		const file = await graphDownload.call(this, info.url, { itemIndex: context.itemIndex });
		const mimeType =
			normalizeMimeType(info.mime_type) ??
			normalizeMimeType(textOf(headerOf(file.headers, 'content-type'))) ??
			'application/octet-stream';
		const fileName = downloadFileName(
			request.meta?.fileName,
			headerOf(file.headers, 'content-disposition'),
			mediaId,
			mimeType,
		);
		const binary = await this.helpers.prepareBinaryData(file.data, fileName, mimeType);
		return { info, binary, fileName, bytes: file.data.length };
	},
	toOutput(response, request) {
		const result = response as DownloadResult;
		const output: IDataObject = {
			operation: 'download',
			...mediaInfoOutput(result.info, request.meta?.mediaId),
		};
		delete output.url; // expires in minutes and needs the token: useless downstream
		output.fileName = result.fileName;
		output.fileSize = result.bytes;
		if (!output.mimeType) output.mimeType = result.binary.mimeType;
		output.binaryPropertyName = request.meta?.binaryPropertyName;
		return [output];
	},
	binaryOf(response, request) {
		const result = response as DownloadResult;
		return { [String(request.meta?.binaryPropertyName ?? 'data')]: result.binary };
	},
	adviseOnError(code) {
		if (code === 100) {
			return 'The media ID is unknown, was deleted, or expired (media received by webhook can be downloaded for 7 days, uploaded media for 30; an expired download URL needs a new Get URL).';
		}
		return undefined;
	},
});
