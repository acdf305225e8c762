/**
 * Message resource. To add a message operation: write actions/message/<operation>.ts exporting an
 * OperationDefinition (see ../types.ts and sendText.ts for the pattern) and add it to the list
 * below. The Operation dropdown is sorted by name.
 */
import type { ResourceDefinition } from '../types';
import { markAsRead } from './markAsRead.operation';
import { sendButtons } from './sendButtons.operation';
import { sendContacts } from './sendContacts.operation';
import { sendCtaUrl } from './sendCtaUrl.operation';
import { sendList } from './sendList.operation';
import { sendLocation } from './sendLocation.operation';
import { sendMedia } from './sendMedia.operation';
import { sendReaction } from './sendReaction.operation';
import { sendTemplate } from './sendTemplate.operation';
import { sendText } from './sendText.operation';

export const messageResource: ResourceDefinition = {
	value: 'message',
	name: 'Message',
	defaultOperation: 'sendText',
	operations: [
		sendText,
		sendTemplate,
		sendMedia,
		sendButtons,
		sendList,
		sendCtaUrl,
		sendLocation,
		sendContacts,
		sendReaction,
		markAsRead,
	],
};
