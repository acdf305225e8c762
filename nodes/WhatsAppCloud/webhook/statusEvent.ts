/**
 * A message status (sent, delivered, read, failed...) -> one event, with conversation and
 * pricing facts, errors explained, and per-participant identity for group messages.
 */
import type { IDataObject } from 'n8n-workflow';

import { baseFields, type ChangeContext, type WebhookEvent } from './event';
import { normalizeError } from './eventErrors';
import {
	arr,
	bool,
	compact,
	isObj,
	isoFromSeconds,
	objOf,
	str,
	unixSeconds,
	type Obj,
} from './payloadValues';

/**
 * Message ID + status identifies a status event; for a group message also the participant, or the
 * second reader's "read" would be dropped as a redelivery of the first one's. One-to-one keys stay
 * as they were, so dedup memory saved by earlier versions keeps matching.
 */
function statusDedupKey(
	messageId: string | undefined,
	statusValue: string,
	groupId: string | undefined,
	participant: string | undefined,
): string | undefined {
	if (!messageId) return undefined;
	const key = `status:${messageId}:${statusValue}`;
	return groupId === undefined ? key : `${key}:group:${groupId}:${participant ?? ''}`;
}

export function normalizeStatus(
	status: Obj,
	ctx: ChangeContext,
	contacts: unknown[],
): WebhookEvent {
	const statusValue = str(status.status) ?? 'unknown';
	const messageId = str(status.id);
	const seconds = unixSeconds(status.timestamp);
	const conversation = objOf(status.conversation);
	const pricing = objOf(status.pricing);
	const errors = arr(status.errors).map((error) => normalizeError(error, ctx.describe));
	const recipientId = str(status.recipient_id);
	const recipientUserId = str(status.recipient_user_id);
	const contact = contacts
		.filter(isObj)
		.find(
			(candidate) =>
				(recipientId !== undefined && str(candidate.wa_id) === recipientId) ||
				(recipientUserId !== undefined && str(candidate.user_id) === recipientUserId),
		);
	const firstError = errors[0];
	// Groups API: a message sent to a group gets a status per participant (same message ID and
	// status). Meta names the group in group_id, or as recipient_id with recipient_type "group";
	// the participant in recipient_participant_id, or as recipient_id beside a group_id.
	const recipientType = str(status.recipient_type);
	const groupId = str(status.group_id) ?? (recipientType === 'group' ? recipientId : undefined);
	const recipientParticipantId = str(status.recipient_participant_id);
	const participant =
		recipientParticipantId ??
		(groupId !== undefined && recipientId !== groupId ? recipientId : undefined) ??
		recipientUserId;

	const json = compact({
		...baseFields('status', ctx),
		messageId,
		status: statusValue,
		recipientId,
		recipientType,
		groupId,
		recipientParticipantId,
		recipientUserId: recipientUserId ?? str(contact?.user_id),
		recipientParentUserId: str(status.recipient_parent_user_id) ?? str(contact?.parent_user_id),
		recipientUsername: str(objOf(contact?.profile)?.username) ?? str(contact?.username),
		timestamp: isoFromSeconds(seconds),
		timestampUnix: seconds,
		conversationId: str(conversation?.id),
		conversationOrigin: str(objOf(conversation?.origin)?.type),
		conversationExpiresAt: isoFromSeconds(unixSeconds(conversation?.expiration_timestamp)),
		pricingBillable: bool(pricing?.billable),
		pricingModel: str(pricing?.pricing_model),
		pricingCategory: str(pricing?.category),
		pricingType: str(pricing?.type),
		bizOpaqueCallbackData: str(status.biz_opaque_callback_data),
		errors: errors.length ? errors : undefined,
		errorCode: firstError?.code,
		errorTitle: firstError?.title,
		errorDetails: firstError?.details,
		errorFix: firstError?.fix,
		raw: ctx.value as IDataObject,
	});
	return {
		kind: 'status',
		field: ctx.field,
		phoneNumberId: ctx.phoneNumberId,
		status: statusValue,
		dedupKey: statusDedupKey(messageId, statusValue, groupId, participant),
		json,
	};
}
