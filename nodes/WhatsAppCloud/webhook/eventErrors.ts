/**
 * Errors in a webhook (a failed status, an inbound message Meta could not deliver, a change's own
 * errors) as flat fields with the catalogue's title and fix.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ErrorDescriber } from './event';
import { compact, num, objOf, str } from './payloadValues';

/** Meta's error object -> flat fields plus our catalog's fix. */
export function normalizeError(error: unknown, describe?: ErrorDescriber): IDataObject {
	const source = objOf(error) ?? {};
	const code = num(source.code);
	const catalog = describe ? describe(code) : undefined;
	return compact({
		code,
		title: str(source.title) ?? catalog?.title,
		message: str(source.message),
		details: str(objOf(source.error_data)?.details),
		href: str(source.href),
		fix: catalog?.fix,
		retryable: catalog?.retryable,
	});
}

/**
 * The catalog explains errors of messages the business sends. An error on an inbound message
 * means something else: these codes get a fix from the receiving side.
 */
const INBOUND_MESSAGE_FIXES: Record<number, string> = {
	131051:
		'The user sent a kind of message the Cloud API does not deliver to businesses (for example a poll, an edited or view-once message): its content is not in the webhook. Ask the user to send it again as text or media if you need it; raw holds everything Meta sent.',
};

/** The catalog's description, with the inbound fix for the codes that have one. */
export function inboundDescriber(describe?: ErrorDescriber): ErrorDescriber | undefined {
	if (!describe) return undefined;
	return (code) => {
		const described = describe(code);
		const fix = code === undefined ? undefined : INBOUND_MESSAGE_FIXES[code];
		return fix ? { ...described, fix } : described;
	};
}
