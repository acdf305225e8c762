/**
 * Message > Send Media: an image, video, audio, document or sticker (Meta: type image | video |
 * audio | document | sticker, each `{ link }` or `{ id }` plus caption / filename), from
 *  - a public link (WhatsApp downloads it),
 *  - a media ID (Media > Upload, or a file a user sent: the trigger's mediaId),
 *  - the item's binary data: uploaded first to POST /{phone-number-id}/media, then sent by ID
 *    (one item, two requests; a retried send reuses the upload).
 * Captions exist for image, video and document only (spec: MediaObject caption; Meta's audio and
 * sticker examples have none). Like text, media reach the user only inside the 24-hour window.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isHttpUrl, optionalText, textOf } from '../../shared/fields';
import { LIMITS, type MediaKind } from '../../shared/limits';
import { checkUpload, type BinaryFileInfo } from '../../shared/media';
import { fail, ok, type Result } from '../../shared/problem';
import {
	inputBinaryProperty,
	mediaIdProperty,
	readBinaryFile,
	readMediaId,
	uploadItemFile,
} from '../media/common';
import { mimeTypeOption } from '../media/upload.operation';
import { defineOperation, type GraphRequest } from '../types';
import {
	messageEnvelope,
	messageOptionsProperty,
	messageOutput,
	messageRequest,
	readRecipient,
	readReplyTo,
	recipientProperty,
} from './common';

const MEDIA_KINDS: MediaKind[] = ['audio', 'document', 'image', 'sticker', 'video'];
const CAPTIONED: MediaKind[] = ['document', 'image', 'video'];

export type MediaSource = 'link' | 'id' | 'binary';

export interface SendMediaInput {
	recipient: unknown;
	mediaType: string;
	source: string;
	link?: unknown;
	mediaId?: unknown;
	/** Binary source: the property name and what the item has there. */
	binaryPropertyName?: string;
	file?: BinaryFileInfo;
	available?: string[];
	mimeType?: string;
	caption?: unknown;
	fileName?: unknown;
	replyToMessageId?: unknown;
}

const properties: INodeProperties[] = [
	recipientProperty,
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{
				name: 'Audio',
				value: 'audio',
				description: 'AAC, AMR, MP3, M4A or OGG (OPUS) up to 16 MB; no caption',
			},
			{
				name: 'Document',
				value: 'document',
				description: 'PDF, TXT or Office file up to 100 MB, with a file name',
			},
			{ name: 'Image', value: 'image', description: 'JPEG or PNG up to 5 MB' },
			{
				name: 'Sticker',
				value: 'sticker',
				description: 'WebP, 512x512, up to 100 KB (animated 500 KB); no caption',
			},
			{ name: 'Video', value: 'video', description: 'MP4 or 3GPP (H.264 + AAC) up to 16 MB' },
		],
		default: 'image',
		description: 'Kind of media message to send',
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description:
					"A file in the incoming item's binary data: uploaded to WhatsApp first, then sent",
			},
			{
				name: 'Link',
				value: 'link',
				description: 'A public https link WhatsApp downloads the file from',
			},
			{
				name: 'Media ID',
				value: 'id',
				description:
					"A file already on WhatsApp's servers (from Media > Upload, or a received message's mediaId)",
			},
		],
		default: 'link',
		description: 'Where the file comes from',
	},
	{
		displayName: 'Link',
		name: 'link',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/brochure.pdf',
		description:
			'Public http(s) link to the file. It must be reachable without login; WhatsApp fetches it when sending.',
		displayOptions: { show: { source: ['link'] } },
	},
	{ ...inputBinaryProperty, displayOptions: { show: { source: ['binary'] } } },
	{ ...mediaIdProperty, displayOptions: { show: { source: ['id'] } } },
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		placeholder: 'e.g. Your invoice for March',
		description: 'Text shown under the image, video or document, up to 1,024 characters',
		displayOptions: { show: { mediaType: CAPTIONED } },
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. invoice-2041.pdf',
		description:
			"Name the recipient sees for the document, with its extension. For a binary file, empty means the file's own name.",
		displayOptions: { show: { mediaType: ['document'] } },
	},
	messageOptionsProperty({
		...mimeTypeOption,
		description: `${mimeTypeOption.description} Binary File source only.`,
		displayOptions: { show: { '/source': ['binary'] } },
	}),
];

/** Pure: one item's parameters -> the send request (binary source: with the upload to make first). */
export function buildSendMediaRequest(
	input: SendMediaInput,
	phoneNumberId: string,
): Result<GraphRequest> {
	const recipient = readRecipient(input.recipient);
	if (!recipient.ok) return recipient;
	const replyTo = readReplyTo(input.replyToMessageId);
	if (!replyTo.ok) return replyTo;
	const kind = input.mediaType as MediaKind;
	if (!MEDIA_KINDS.includes(kind)) {
		return fail(
			`"${String(input.mediaType)}" is not a media type`,
			`Choose one of: ${MEDIA_KINDS.join(', ')}.`,
			'mediaType',
		);
	}
	const media: IDataObject = {};
	let upload: GraphRequest['upload'];
	if (input.source === 'link') {
		const link = textOf(input.link)?.trim() ?? '';
		if (!isHttpUrl(link)) {
			return fail(
				link === ''
					? 'Link is empty'
					: `"${link.length > 80 ? `${link.slice(0, 80)}…` : link}" is not a link`,
				'Give the full public address of the file, starting with https://. To send a file from this workflow, choose Source "Binary File"; for an uploaded file, "Media ID".',
				'link',
			);
		}
		media.link = link;
	} else if (input.source === 'id') {
		const id = readMediaId(input.mediaId);
		if (!id.ok) return id;
		media.id = id.value;
	} else if (input.source === 'binary') {
		const checked = checkUpload({
			binaryProperty: input.binaryPropertyName ?? '',
			field: 'binaryPropertyName',
			file: input.file,
			available: input.available ?? [],
			kind,
			mimeType: input.mimeType,
		});
		if (!checked.ok) return checked;
		upload = { ...checked.value, path: `/${phoneNumberId}/media` };
	} else {
		return fail(
			`"${String(input.source)}" is not a media source`,
			'Choose Link, Media ID or Binary File.',
			'source',
		);
	}
	if (CAPTIONED.includes(kind)) {
		const caption = optionalText(input.caption, {
			label: 'Caption',
			field: 'caption',
			max: LIMITS.mediaCaption,
		});
		if (!caption.ok) return caption;
		if (caption.value !== undefined) media.caption = caption.value;
	}
	if (kind === 'document') {
		const fileName = textOf(input.fileName)?.trim() || upload?.fileName;
		if (fileName) media.filename = fileName;
	}
	const body: IDataObject = {
		...messageEnvelope(recipient.value, kind, replyTo.value),
		[kind]: media,
	};
	const request = messageRequest(phoneNumberId, body, { mediaType: kind });
	return ok(upload ? { ...request, upload } : request);
}

/** Pure: the send body with the uploaded media ID in place. */
export function withMediaId(body: IDataObject | undefined, mediaId: string): IDataObject {
	const type = String(body?.type);
	return { ...body, [type]: { id: mediaId, ...((body?.[type] as IDataObject | undefined) ?? {}) } };
}

const output = messageOutput('sendMedia');

export const sendMedia = defineOperation<SendMediaInput>({
	value: 'sendMedia',
	name: 'Send Media',
	action: 'Send an image, video, audio, document or sticker',
	description:
		'Send an image, video, audio file, document or sticker by public link, media ID or from binary data (uploaded first) to a WhatsApp user who wrote in the last 24 hours',
	properties,
	sendsMessage: true,
	readParameters(this: IExecuteFunctions, itemIndex: number): SendMediaInput {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const mediaType = this.getNodeParameter('mediaType', itemIndex, 'image') as string;
		const source = this.getNodeParameter('source', itemIndex, 'link') as string;
		const input: SendMediaInput = {
			recipient: this.getNodeParameter('recipient', itemIndex),
			mediaType,
			source,
			replyToMessageId: options.replyToMessageId,
		};
		if (source === 'link') input.link = this.getNodeParameter('link', itemIndex, '');
		if (source === 'id') input.mediaId = this.getNodeParameter('mediaId', itemIndex, '');
		if (source === 'binary') {
			input.binaryPropertyName = String(
				this.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
			);
			Object.assign(input, readBinaryFile.call(this, itemIndex, input.binaryPropertyName));
			input.mimeType = options.mimeType as string | undefined;
		}
		if (CAPTIONED.includes(mediaType as MediaKind))
			input.caption = this.getNodeParameter('caption', itemIndex, '');
		if (mediaType === 'document') input.fileName = this.getNodeParameter('fileName', itemIndex, '');
		return input;
	},
	buildRequest: (input, env) => buildSendMediaRequest(input, env.account.phoneNumberId),
	recipientOf: (input) => input.recipient,
	async perform(this: IExecuteFunctions, request, context) {
		if (!request.upload) return await context.call(request);
		const uploaded = await uploadItemFile.call(this, request.upload, context);
		const answer = (await context.call({
			...request,
			body: withMediaId(request.body, String(uploaded.mediaId)),
		})) as IDataObject;
		return { ...answer, uploaded };
	},
	toOutput(response, request) {
		const items = output(response, request);
		const uploaded = (response as { uploaded?: IDataObject } | undefined)?.uploaded;
		if (uploaded) items[0].mediaId = uploaded.mediaId;
		return items;
	},
	adviseOnError(code) {
		switch (code) {
			case 131053:
				return 'WhatsApp could not get or use the file: a link must be public (no login, no redirect to a login page) and serve a supported type and size; a media ID must exist and belong to this account.';
			case 131047:
				return 'Media messages, like text, reach users only within 24 hours of their last message: send a template with a media header instead.';
			default:
				return undefined;
		}
	},
});
