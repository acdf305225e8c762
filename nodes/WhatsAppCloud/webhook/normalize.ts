/**
 * Meta's webhook body -> one event per message, status, error or other change (messageEvent.ts,
 * statusEvent.ts; other fields here).
 *
 * A delivery is `{ object, entry: [{ id: <WABA id>, time?, changes: [{ field, value }] }] }` and
 * Meta batches freely: several entries, several changes, several messages or statuses per value.
 * Every event carries the change value it came from (`raw`), so nothing Meta sent is lost even when
 * a field is not flattened here. Identifiers are kept as Meta sends them (`from` is digits without
 * '+', usable directly as a recipient); business-scoped user IDs (user_id, from_user_id, ...) are
 * kept alongside, and a missing `from` / `wa_id` (username users) just leaves those fields out.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	baseFields,
	WHATSAPP_OBJECT,
	type ChangeContext,
	type Delivery,
	type ErrorDescriber,
	type WebhookEvent,
} from './event';
import { normalizeError } from './eventErrors';
import { normalizeMessage } from './messageEvent';
import {
	arr,
	camel,
	compact,
	isObj,
	isoFromSeconds,
	objOf,
	str,
	unixSeconds,
	type Obj,
} from './payloadValues';
import { normalizeStatus } from './statusEvent';

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
