import type { IDataObject } from 'n8n-workflow';

/**
 * Meta's webhook body -> one event per message, status, error or other change.
 *
 * A delivery is `{ object, entry: [{ id: <WABA id>, time?, changes: [{ field, value }] }] }` and
 * Meta batches freely: several entries, several changes, several messages or statuses per value.
 * Every event carries the change value it came from (`raw`), so nothing Meta sent is lost even when
 * a field is not flattened here. Identifiers are kept as Meta sends them (`from` is digits without
 * '+', usable directly as a recipient); business-scoped user IDs (user_id, from_user_id, ...) are
 * kept alongside, and a missing `from` / `wa_id` (username users) just leaves those fields out.
 */

export const WHATSAPP_OBJECT = 'whatsapp_business_account';

/** 24 hours: the customer service window opened by an inbound message. */
export const SERVICE_WINDOW_SECONDS = 24 * 60 * 60;

export type EventKind = 'message' | 'status' | 'error' | 'field';

export interface WebhookEvent {
	kind: EventKind;
	/** The change's field: `messages`, `message_template_status_update`, ... */
	field: string;
	phoneNumberId?: string;
	/** Messages only. */
	messageType?: string;
	/** Statuses only. */
	status?: string;
	/** Identity of the event for redelivery detection; absent when Meta gives no ID. */
	dedupKey?: string;
	json: IDataObject;
}

export interface ErrorDescription {
	title: string;
	fix: string;
	retryable: boolean;
}

/** The error catalog (transport/errors/catalog.ts), injected so this module stays pure. */
export type ErrorDescriber = (code?: number) => ErrorDescription;

export type Delivery =
	| { kind: 'events'; events: WebhookEvent[] }
	| { kind: 'ignored'; object: string | undefined };

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function objOf(value: unknown): Obj | undefined {
	return isObj(value) ? value : undefined;
}

function arr(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

/** Strings stay strings; numbers (Meta sends some IDs as numbers) become their decimal text. */
function str(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

function num(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
		return Number(value);
	}
	return undefined;
}

function bool(value: unknown): boolean | undefined {
	return typeof value === 'boolean' ? value : undefined;
}

/** Unix seconds (string or number) -> seconds, or undefined. */
function unixSeconds(value: unknown): number | undefined {
	const seconds = num(value);
	return seconds === undefined || seconds < 0 ? undefined : seconds;
}

function isoFromSeconds(seconds: number | undefined): string | undefined {
	if (seconds === undefined) return undefined;
	const date = new Date(seconds * 1000);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function camel(key: string): string {
	return key.replace(/_([a-z0-9])/g, (_match, char: string) => char.toUpperCase());
}

/** Shallow camelCase copy (nested values stay as Meta sent them). */
function camelShallow(value: Obj): IDataObject {
	const out: IDataObject = {};
	for (const [key, inner] of Object.entries(value)) out[camel(key)] = inner as IDataObject[string];
	return out;
}

/** Drops undefined fields so items only show what Meta sent. */
function compact(value: IDataObject): IDataObject {
	for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
	return value;
}

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
function inboundDescriber(describe?: ErrorDescriber): ErrorDescriber | undefined {
	if (!describe) return undefined;
	return (code) => {
		const described = describe(code);
		const fix = code === undefined ? undefined : INBOUND_MESSAGE_FIXES[code];
		return fix ? { ...described, fix } : described;
	};
}

interface ChangeContext {
	field: string;
	businessAccountId?: string;
	entryTime?: number;
	phoneNumberId?: string;
	displayPhoneNumber?: string;
	value: Obj;
	describe?: ErrorDescriber;
}

function baseFields(event: string, ctx: ChangeContext): IDataObject {
	return {
		event,
		field: ctx.field,
		businessAccountId: ctx.businessAccountId,
		phoneNumberId: ctx.phoneNumberId,
		displayPhoneNumber: ctx.displayPhoneNumber,
	};
}

/** The contacts[] entry describing the sender of `message`, matched by wa_id or user ID. */
function findContact(contacts: unknown[], message: Obj): Obj | undefined {
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

function normalizeMessage(message: Obj, ctx: ChangeContext, contacts: unknown[]): WebhookEvent {
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

function normalizeStatus(status: Obj, ctx: ChangeContext, contacts: unknown[]): WebhookEvent {
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

function normalizeValueError(error: unknown, ctx: ChangeContext): WebhookEvent {
	const json = compact({
		...baseFields('error', ctx),
		...normalizeError(error, ctx.describe),
		timestamp: isoFromSeconds(ctx.entryTime),
		raw: ctx.value as IDataObject,
	});
	return { kind: 'error', field: ctx.field, phoneNumberId: ctx.phoneNumberId, json };
}

const RESERVED_KEYS = new Set([
	'event',
	'field',
	'businessAccountId',
	'phoneNumberId',
	'displayPhoneNumber',
	'timestamp',
	'raw',
]);

/**
 * Any other field (template status/quality/category updates, account updates, phone number
 * quality, groups...): `event` is the field name; the value's top-level keys are copied in
 * camelCase, a key that clashes with ours gets a `change` prefix (value.event -> changeEvent).
 */
function normalizeField(ctx: ChangeContext): WebhookEvent {
	const own: IDataObject = compact({
		...baseFields(ctx.field, ctx),
		timestamp: isoFromSeconds(ctx.entryTime),
	});
	const copied: IDataObject = {};
	for (const [key, inner] of Object.entries(ctx.value)) {
		if (key === 'metadata' || key === 'messaging_product') continue;
		let name = camel(key);
		// Only a clash with a field the item has gets the prefix: a phone number quality update
		// (no metadata) keeps its display_phone_number as displayPhoneNumber.
		if (RESERVED_KEYS.has(name) && (own[name] !== undefined || name === 'raw'))
			name = camel(`change_${key}`);
		copied[name] = inner as IDataObject[string];
	}
	const extra: IDataObject = {};
	if (ctx.field === 'message_template_status_update') extra.templateStatus = str(ctx.value.event);
	const json = compact({
		...own,
		...extra,
		...copied,
		raw: ctx.value as IDataObject,
	});
	return { kind: 'field', field: ctx.field, phoneNumberId: ctx.phoneNumberId, json };
}

function normalizeChange(change: unknown, entry: Obj, describe?: ErrorDescriber): WebhookEvent[] {
	const changeObj = objOf(change) ?? {};
	const field = str(changeObj.field) ?? 'unknown';
	const value = objOf(changeObj.value) ?? {};
	const metadata = objOf(value.metadata);
	const ctx: ChangeContext = {
		field,
		businessAccountId: str(entry.id),
		entryTime: unixSeconds(entry.time),
		phoneNumberId: str(metadata?.phone_number_id),
		displayPhoneNumber: str(metadata?.display_phone_number),
		value,
		describe,
	};
	if (field !== 'messages') return [normalizeField(ctx)];

	const contacts = arr(value.contacts);
	const events: WebhookEvent[] = [
		...arr(value.messages)
			.filter(isObj)
			.map((message) => normalizeMessage(message, ctx, contacts)),
		...arr(value.statuses)
			.filter(isObj)
			.map((status) => normalizeStatus(status, ctx, contacts)),
		...arr(value.errors).map((error) => normalizeValueError(error, ctx)),
	];
	// A messages change with none of the three (a shape Meta added later): pass it on whole.
	return events.length ? events : [normalizeField(ctx)];
}

/** Turns a parsed webhook body into events, in delivery order. Never throws. */
export function normalizeDelivery(body: unknown, describe?: ErrorDescriber): Delivery {
	const root = objOf(body);
	const object = str(root?.object);
	if (!root || object !== WHATSAPP_OBJECT) return { kind: 'ignored', object };
	const events: WebhookEvent[] = [];
	for (const entry of arr(root.entry)) {
		const entryObj = objOf(entry);
		if (!entryObj) continue;
		for (const change of arr(entryObj.changes))
			events.push(...normalizeChange(change, entryObj, describe));
	}
	return { kind: 'events', events };
}
