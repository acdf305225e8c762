/**
 * Media > Delete: DELETE /{media-id}, removing an uploaded file (or a received one) from
 * WhatsApp's servers.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ok, type Result } from '../../shared/problem';
import { defineOperation, type GraphRequest } from '../types';
import { mediaIdProperty, readMediaId } from './common';

/** Pure: DELETE /{media-id}. */
export function buildDeleteMediaRequest(mediaId: unknown): Result<GraphRequest> {
	const id = readMediaId(mediaId);
	if (!id.ok) return id;
	return ok({ method: 'DELETE', path: `/${id.value}`, meta: { mediaId: id.value } });
}

export const deleteMedia = defineOperation<{ mediaId: unknown }>({
	value: 'delete',
	name: 'Delete',
	action: 'Delete media',
	description: "Delete an uploaded or received media file from WhatsApp's servers by its media ID",
	properties: [mediaIdProperty],
	sendsMessage: false,
	readParameters(this: IExecuteFunctions, itemIndex: number) {
		return { mediaId: this.getNodeParameter('mediaId', itemIndex) };
	},
	buildRequest: (input) => buildDeleteMediaRequest(input.mediaId),
	toOutput(response, request) {
		const answer = (response ?? {}) as IDataObject;
		return [
			{ operation: 'delete', mediaId: request.meta?.mediaId, deleted: answer.success === true },
		];
	},
	adviseOnError(code) {
		if (code === 100) return 'The media ID is unknown or was already deleted.';
		return undefined;
	},
});
