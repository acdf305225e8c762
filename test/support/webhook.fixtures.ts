/**
 * Webhook payloads in the shapes Meta documents (Cloud API webhooks, "messages" field and the
 * template/account fields), with our own made-up values. Shared by the unit and workflow tests.
 */

export const WABA_ID = '300000000000001';
export const PHONE_NUMBER_ID = '200000000000001';
export const OTHER_PHONE_NUMBER_ID = '200000000000002';
export const DISPLAY_PHONE_NUMBER = '15550009999';
export const USER_WA_ID = '4915112345678';
export const USER_NAME = 'Ada Lovelace';
export const USER_BSUID = 'DE.8837261554019283';
export const APP_SECRET = 'test-app-secret-3f9a';
export const VERIFY_TOKEN = 'test-verify-token-71c2';

/** 2025-01-15T10:00:00Z */
export const T0 = 1736935200;
export const T0_ISO = new Date(T0 * 1000).toISOString();
/** When the 24-hour customer service window opened by a message at T0 closes. */
export const WINDOW_ISO = new Date((T0 + 24 * 3600) * 1000).toISOString();

type Json = Record<string, any>;

export function metadata(phoneNumberId = PHONE_NUMBER_ID): Json {
	return { display_phone_number: DISPLAY_PHONE_NUMBER, phone_number_id: phoneNumberId };
}

export function contact(waId = USER_WA_ID, name = USER_NAME, extra: Json = {}): Json {
	return { profile: { name }, wa_id: waId, ...extra };
}

/** One inbound message of `type` with its content object. */
export function inbound(type: string, content?: unknown, extra: Json = {}): Json {
	const message: Json = {
		from: USER_WA_ID,
		id: `wamid.IN-${type}-${Math.abs(hashCode(JSON.stringify(content ?? type)))}`,
		timestamp: String(T0),
		type,
		...extra,
	};
	if (content !== undefined) message[type] = content;
	return message;
}

function hashCode(text: string): number {
	let h = 0;
	for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
	return h;
}

export function status(id: string, statusValue: string, extra: Json = {}): Json {
	return {
		id,
		status: statusValue,
		timestamp: String(T0 + 60),
		recipient_id: USER_WA_ID,
		...extra,
	};
}

export function metaError(code: number, title: string, details?: string): Json {
	return {
		code,
		title,
		message: title,
		...(details ? { error_data: { details } } : {}),
		href: '/documentation/business-messaging/whatsapp/support/error-codes',
	};
}

export function messagesValue(
	parts: { messages?: Json[]; statuses?: Json[]; errors?: Json[]; contacts?: Json[] },
	phoneNumberId = PHONE_NUMBER_ID,
): Json {
	const value: Json = { messaging_product: 'whatsapp', metadata: metadata(phoneNumberId) };
	if (parts.contacts) value.contacts = parts.contacts;
	if (parts.messages) value.messages = parts.messages;
	if (parts.statuses) value.statuses = parts.statuses;
	if (parts.errors) value.errors = parts.errors;
	return value;
}

export function change(field: string, value: Json): Json {
	return { field, value };
}

export function entry(changes: Json[], id = WABA_ID, time?: number): Json {
	return time === undefined ? { id, changes } : { id, time, changes };
}

export function delivery(...entries: Json[]): Json {
	return { object: 'whatsapp_business_account', entry: entries };
}

/** The common case: one entry, one messages change. */
export function messagesDelivery(
	parts: Parameters<typeof messagesValue>[0],
	phoneNumberId = PHONE_NUMBER_ID,
): Json {
	return delivery(entry([change('messages', messagesValue(parts, phoneNumberId))]));
}

/** An inbound message delivery with the sender in contacts[]. */
export function inboundDelivery(message: Json, contacts: Json[] = [contact()]): Json {
	return messagesDelivery({ contacts, messages: [message] });
}

export function templateStatusUpdate(event = 'APPROVED', extra: Json = {}): Json {
	return delivery(
		entry(
			[
				change('message_template_status_update', {
					event,
					message_template_id: 880000000000001,
					message_template_name: 'order_ready',
					message_template_language: 'en_US',
					reason: event === 'REJECTED' ? 'INVALID_FORMAT' : 'NONE',
					message_template_category: 'UTILITY',
					...extra,
				}),
			],
			WABA_ID,
			T0 + 120,
		),
	);
}
