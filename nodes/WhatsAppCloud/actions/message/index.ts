/**
 * Message resource. To add a message operation: write actions/message/<operation>.ts exporting an
 * OperationDefinition (see ../types.ts and sendText.ts for the pattern) and add it to the list
 * below. The Operation dropdown is sorted by name.
 */
import type { ResourceDefinition } from '../types';
import { markAsRead } from './markAsRead';
import { sendButtons } from './sendButtons';
import { sendContacts } from './sendContacts';
import { sendCtaUrl } from './sendCtaUrl';
import { sendList } from './sendList';
import { sendLocation } from './sendLocation';
import { sendMedia } from './sendMedia';
import { sendReaction } from './sendReaction';
import { sendTemplate } from './sendTemplate';
import { sendText } from './sendText';

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
