/**
 * Pieces the Media operations and Message > Send Media share: the Media ID and binary field
 * parameters, reading an item's binary metadata (n8n edge, no file read), the multipart upload
 * request (pure) and the upload itself inside an operation's `perform`.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { textOf } from '../../shared/fields';
import { binaryFileInfo, type BinaryFileInfo, type BinaryUpload } from '../../shared/media';
import { buildMultipart } from '../../shared/multipart';
import { fail, ok, type Result } from '../../shared/problem';
import type { GraphRequest, PerformContext } from '../types';

export const mediaIdProperty: INodeProperties = {
	displayName: 'Media ID',
	name: 'mediaId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1037543291543636',
	description:
		"ID of the media on WhatsApp's servers: what Media > Upload returned, or the mediaId of an image, video, audio, document or sticker the WhatsApp Cloud Trigger received",
};

export const inputBinaryProperty: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	placeholder: 'e.g. data',
	hint: 'The name of the input binary field containing the file to upload',
	description:
		'Name of the binary property of the incoming item that holds the file, usually "data" (what HTTP Request, Read/Write Files from Disk or a trigger put there)',
};

/** A media ID: digits only, as Meta issues them. */
export function readMediaId(value: unknown, field = 'mediaId'): Result<string> {
	const text = textOf(value)?.trim() ?? '';
	if (text === '') {
		return fail(
			'Media ID is empty',
			'Give the media ID that Media > Upload returned, or map {{ $json.mediaId }} from the WhatsApp Cloud Trigger (messages with an image, video, audio, document or sticker carry one).',
			field,
		);
	}
	if (!/^\d+$/.test(text)) {
		return fail(
			`"${text.length > 60 ? `${text.slice(0, 60)}…` : text}" is not a WhatsApp media ID`,
			'Media IDs are numbers, e.g. 1037543291543636. A link (https://...) is not a media ID: to send a file by link, use Message > Send Media with Source "Link".',
			field,
		);
	}
	return ok(text);
}

/** The n8n edge: what the item has under a binary property, without reading the file. */
export function readBinaryFile(
	this: IExecuteFunctions,
	itemIndex: number,
	binaryProperty: unknown,
): { file?: BinaryFileInfo; available: string[] } {
	const binary = this.getInputData()[itemIndex]?.binary ?? {};
	const name = textOf(binaryProperty)?.trim() ?? '';
	return { file: name ? binaryFileInfo(binary[name]) : undefined, available: Object.keys(binary) };
}

/** Pure: POST /{phone-number-id}/media as multipart/form-data (messaging_product, type, file). */
export function buildUploadRequest(
	path: string,
	upload: BinaryUpload,
	data: Buffer,
	boundary?: string,
): GraphRequest {
	const multipart = buildMultipart(
		[
			{ field: 'messaging_product', value: 'whatsapp' },
			{ field: 'type', value: upload.mimeType },
		],
		[{ field: 'file', fileName: upload.fileName, contentType: upload.mimeType, data }],
		boundary,
	);
	return {
		method: 'POST',
		path,
		rawBody: multipart.body,
		headers: { 'Content-Type': multipart.contentType },
	};
}

/**
 * Uploads the item's file once per item and execution (a retried send reuses the media ID kept
 * in `context.state`). Reads the file through n8n's binary helpers, so it works with n8n's
 * filesystem and database binary modes too.
 */
export async function uploadItemFile(
	this: IExecuteFunctions,
	upload: NonNullable<GraphRequest['upload']>,
	context: PerformContext,
): Promise<IDataObject> {
	if (typeof context.state.uploaded === 'object' && context.state.uploaded !== null) {
		return context.state.uploaded as IDataObject;
	}
	this.helpers.assertBinaryData(context.itemIndex, upload.binaryProperty);
	const data = await this.helpers.getBinaryDataBuffer(context.itemIndex, upload.binaryProperty);
	const answer = (await context.call(buildUploadRequest(upload.path, upload, data))) as IDataObject;
	const mediaId = textOf(answer?.id);
	if (!mediaId) {
		throw new NodeOperationError(
			this.getNode(),
			'Meta accepted the upload but returned no media ID',
			{
				itemIndex: context.itemIndex,
				description: `Answer: ${JSON.stringify(answer).slice(0, 200)}. Retry; if it persists, check the API Base URL of the credential.`,
			},
		);
	}
	const uploaded: IDataObject = {
		mediaId,
		mimeType: upload.mimeType,
		fileName: upload.fileName,
		fileSize: data.length,
	};
	context.state.uploaded = uploaded;
	return uploaded;
}
