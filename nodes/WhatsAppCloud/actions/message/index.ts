/**
 * Message resource. To add a message operation (media, interactive, reaction, read receipt...):
 * write actions/message/<operation>.ts exporting an OperationDefinition (see ../types.ts and
 * sendText.ts for the pattern) and add it to the list below.
 */
import type { ResourceDefinition } from '../types';
import { sendTemplate } from './sendTemplate';
import { sendText } from './sendText';

export const messageResource: ResourceDefinition = {
	value: 'message',
	name: 'Message',
	defaultOperation: 'sendText',
	operations: [sendText, sendTemplate],
};
