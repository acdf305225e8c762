/**
 * Media resource: files on WhatsApp's servers. Upload (binary data -> media ID), Get URL,
 * Download (media ID -> binary data) and Delete. Sending a file is Message > Send Media.
 */
import type { ResourceDefinition } from '../types';
import { deleteMedia } from './delete.operation';
import { downloadMedia } from './download.operation';
import { getMediaUrl } from './getUrl.operation';
import { uploadMedia } from './upload.operation';

export const mediaResource: ResourceDefinition = {
	value: 'media',
	name: 'Media',
	defaultOperation: 'upload',
	operations: [uploadMedia, getMediaUrl, downloadMedia, deleteMedia],
};
