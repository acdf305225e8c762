/**
 * Media > Upload: a file from the item's binary data -> POST /{phone-number-id}/media
 * (multipart: messaging_product=whatsapp, type=<MIME type>, file) -> its media ID, to send later
 * by ID (Send Media, template media headers). Meta keeps uploaded media for 30 days.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { checkUpload, type BinaryFileInfo } from '../../shared/media';
import { ok, type Result } from '../../shared/problem';
import { defineOperation, type GraphRequest } from '../types';
import { inputBinaryProperty, readBinaryFile, uploadItemFile } from './common';

export interface UploadMediaInput {
	binaryPropertyName: string;
	file?: BinaryFileInfo;
	available: string[];
	mimeType?: string;
	fileName?: string;
}

export const mimeTypeOption: INodeProperties = {
	displayName: 'MIME Type',
	name: 'mimeType',
	type: 'string',
	default: '',
	placeholder: 'e.g. image/jpeg',
	description:
		"The file's type, when n8n's guess (from the file name) is missing or wrong. WhatsApp accepts image/jpeg, image/png, image/webp (stickers), video/mp4, video/3gpp, audio/aac, audio/amr, audio/mpeg, audio/mp4, audio/ogg (OPUS), text/plain, application/pdf and Office documents.",
};

export const fileNameOption: INodeProperties = {
	displayName: 'File Name',
	name: 'fileName',
	type: 'string',
	default: '',
	placeholder: 'e.g. invoice-2041.pdf',
	description:
		"Name given to the file instead of the binary data's own (documents show it to the recipient)",
};

const properties: INodeProperties[] = [
	inputBinaryProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [fileNameOption, mimeTypeOption],
	},
];

/** Pure: the checked upload request (its multipart body is built in perform, from the file). */
export function buildUploadMediaRequest(
	input: UploadMediaInput,
	phoneNumberId: string,
): Result<GraphRequest> {
	const checked = checkUpload({
		binaryProperty: input.binaryPropertyName,
		field: 'binaryPropertyName',
		file: input.file,
		available: input.available,
		mimeType: input.mimeType,
		fileName: input.fileName,
	});
	if (!checked.ok) return checked;
	const path = `/${phoneNumberId}/media`;
	return ok({ method: 'POST', path, upload: { ...checked.value, path } });
}

export const uploadMedia = defineOperation<UploadMediaInput>({
	value: 'upload',
	name: 'Upload',
	action: 'Upload media',
	description:
		"Upload a file from the item's binary data to WhatsApp and get its media ID, to send it later by ID (kept by Meta for 30 days)",
	properties,
	sendsMessage: false,
	readParameters(this: IExecuteFunctions, itemIndex: number): UploadMediaInput {
		const binaryPropertyName = String(
			this.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
		);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			binaryPropertyName,
			...readBinaryFile.call(this, itemIndex, binaryPropertyName),
			mimeType: options.mimeType as string | undefined,
			fileName: options.fileName as string | undefined,
		};
	},
	buildRequest: (input, env) => buildUploadMediaRequest(input, env.account.phoneNumberId),
	async perform(this: IExecuteFunctions, request, context) {
		if (!request.upload)
			throw new NodeOperationError(
				this.getNode(),
				'Internal error: the upload request has no file',
				{ itemIndex: context.itemIndex },
			);
		return await uploadItemFile.call(this, request.upload, context);
	},
	toOutput(response) {
		return [{ operation: 'upload', ...(response as IDataObject) }];
	},
	adviseOnError(code) {
		if (code === 100 || code === 131053) {
			return 'Meta refused the file: check that its MIME type matches its content and that WhatsApp supports it (see the MIME Type option).';
		}
		return undefined;
	},
});
