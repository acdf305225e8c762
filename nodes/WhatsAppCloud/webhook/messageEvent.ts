/**
 * An inbound message -> one event: sender, time, the 24-hour window it opens, and its content
 * flattened per message type (text, media, location, contacts, replies, reactions, orders...).
 */
import type { IDataObject } from 'n8n-workflow';

import { baseFields, SERVICE_WINDOW_SECONDS, type ChangeContext, type WebhookEvent } from './event';
import { inboundDescriber, normalizeError } from './eventErrors';
import {
	arr,
	bool,
	camelShallow,
	compact,
	isObj,
	isoFromSeconds,
	num,
	objOf,
	str,
	unixSeconds,
	type Obj,
} from './payloadValues';

/** The contacts[] entry describing the sender of `message`, matched by wa_id or user ID. */
export function findContact(contacts: unknown[], message: Obj): Obj | undefined {
	const from = str(message.from);
	const fromUserId = str(message.from_user_id);
	const candidates = contacts.filter(isObj);
	const match = candidates.find(
		(contact) =>
			(from !== undefined && str(contact.wa_id) === from) ||
			(fromUserId !== undefined && str(contact.user_id) === fromUserId),
	);
	if (match) return match;
	return candidates.length === 1 ? candidates[0] : undefined;
}

const MEDIA_TYPES = new Set(['image', 'audio', 'video', 'document', 'sticker']);

/** The message type's own content, flattened. */
function typeFields(type: string, message: Obj): IDataObject {
	const content = objOf(message[type]);
	if (type === 'text') return { text: str(content?.body) };
	if (MEDIA_TYPES.has(type)) {
		return {
			mediaId: str(content?.id),
			mimeType: str(content?.mime_type),
			sha256: str(content?.sha256),
			caption: str(content?.caption),
			filename: str(content?.filename),
			mediaUrl: str(content?.url),
			voice: bool(content?.voice),
			animated: bool(content?.animated),
		};
	}
	if (type === 'location') {
		return {
			latitude: num(content?.latitude),
			longitude: num(content?.longitude),
			locationName: str(content?.name),
			locationAddress: str(content?.address),
			locationUrl: str(content?.url),
		};
	}
	if (type === 'contacts') {
		return { sharedContacts: arr(message.contacts) as IDataObject[] };
	}
	if (type === 'interactive') {
		const interactiveType = str(content?.type);
		const reply = interactiveType ? objOf(content?.[interactiveType]) : undefined;
		const fields: IDataObject = {
			interactiveType,
			replyId: str(reply?.id),
			replyTitle: str(reply?.title),
			replyDescription: str(reply?.description),
		};
		if (interactiveType === 'nfm_reply' && reply) {
			const responseJson = str(reply.response_json);
			let flowResponse: unknown = responseJson;
			if (responseJson !== undefined) {
				try {
					flowResponse = JSON.parse(responseJson);
				} catch {
					flowResponse = responseJson; // Meta documents JSON; keep the text when it is not
				}
			}
			fields.flowName = str(reply.name);
			fields.flowBody = str(reply.body);
			fields.flowResponse = flowResponse as IDataObject;
		}
		return fields;
	}
	if (type === 'button') {
		// Quick-reply button of a template: the payload is what the business set, text what the user saw.
		const payload = str(content?.payload);
		const text = str(content?.text);
		return { buttonPayload: payload, buttonText: text, replyId: payload, replyTitle: text };
	}
	if (type === 'reaction') {
		const emoji = str(content?.emoji);
		return {
			reactionMessageId: str(content?.message_id),
			reactionEmoji: emoji === '' ? undefined : emoji,
			// Meta signals a removed reaction by leaving the emoji out (or empty).
			reactionRemoved: emoji === undefined || emoji === '',
		};
	}
	if (type === 'order') {
		return {
			orderCatalogId: str(content?.catalog_id),
			orderText: str(content?.text),
			orderItems: arr(content?.product_items)
				.filter(isObj)
				.map((item) =>
					compact({
						productRetailerId: str(item.product_retailer_id),
						quantity: num(item.quantity),
						itemPrice: num(item.item_price),
						currency: str(item.currency),
					}),
				),
		};
	}
	if (type === 'system') {
		return {
			systemType: str(content?.type),
			systemBody: str(content?.body),
			systemWaId: str(content?.wa_id),
			systemUserId: str(content?.user_id),
		};
	}
	if (type === 'unsupported' || content === undefined) return {};
	// A type Meta added after this node was written: its content as is, camelCased one level.
	return { content: camelShallow(content) };
}

function contextFields(message: Obj): IDataObject {
	const context = objOf(message.context);
	if (!context) return {};
	const product = objOf(context.referred_product);
	return {
		contextMessageId: str(context.id),
		contextFrom: str(context.from),
		forwarded: bool(context.forwarded),
		frequentlyForwarded: bool(context.frequently_forwarded),
		referredProductCatalogId: str(product?.catalog_id),
		referredProductRetailerId: str(product?.product_retailer_id),
	};
}

export function normalizeMessage(
	message: Obj,
	ctx: ChangeContext,
	contacts: unknown[],
): WebhookEvent {
	const type = str(message.type) ?? 'unknown';
	const contact = findContact(contacts, message);
	const profile = objOf(contact?.profile);
	const seconds = unixSeconds(message.timestamp);
	const messageId = str(message.id);
	const referral = objOf(message.referral);
	const errors = arr(message.errors);

	const json = compact({
		...baseFields('message', ctx),
		messageId,
		from: str(message.from),
		// Groups API: a message written in a group names the group (reply to it with this ID).
		groupId: str(message.group_id),
		fromUserId: str(message.from_user_id) ?? str(contact?.user_id),
		fromParentUserId: str(message.from_parent_user_id) ?? str(contact?.parent_user_id),
		contactName: str(profile?.name),
		contactUsername: str(profile?.username) ?? str(contact?.username),
		contactWaId: str(contact?.wa_id),
		timestamp: isoFromSeconds(seconds),
		timestampUnix: seconds,
		// System notices (e.g. "user changed number") are not the user writing to the business.
		windowExpiresAt:
			type === 'system' || seconds === undefined
				? undefined
				: isoFromSeconds(seconds + SERVICE_WINDOW_SECONDS),
		type,
		...compact(typeFields(type, message)),
		...compact(contextFields(message)),
		referral: referral ? camelShallow(referral) : undefined,
		errors: errors.length
			? errors.map((error) => normalizeError(error, inboundDescriber(ctx.describe)))
			: undefined,
		raw: ctx.value as IDataObject,
	});
	return {
		kind: 'message',
		field: ctx.field,
		phoneNumberId: ctx.phoneNumberId,
		messageType: type,
		dedupKey: messageId ? `message:${messageId}` : undefined,
		json,
	};
}
