/**
 * The trigger's filters (Trigger On, Message Types, Phone Number IDs) read from its parameters
 * and applied to each event; a filter left empty lets everything through.
 */
import { EVENT_CATEGORIES, KNOWN_MESSAGE_TYPES, type EventCategory } from './description';
import type { WebhookEvent } from './event';

/** What the user chose to receive. Empty `messageTypes` / `phoneNumberIds` mean "all". */
export interface EventFilter {
	events: EventCategory[];
	messageTypes: string[];
	phoneNumberIds: string[];
}

const STATUS_CATEGORY: Record<string, EventCategory> = {
	sent: 'statusSent',
	delivered: 'statusDelivered',
	read: 'statusRead',
	failed: 'statusFailed',
	deleted: 'statusDeleted',
};

const KNOWN_TYPES = new Set<string>(KNOWN_MESSAGE_TYPES);

export function eventCategory(event: WebhookEvent): EventCategory {
	switch (event.kind) {
		case 'message':
			return 'messages';
		case 'status':
			return STATUS_CATEGORY[event.status ?? ''] ?? 'statusOther';
		case 'error':
			return 'errors';
		default:
			return 'otherFields';
	}
}

/** Splits "123, 456\n789" into IDs; tolerates an array from an expression. */
export function parseIdList(value: unknown): string[] {
	const parts = Array.isArray(value)
		? value.map((part) => String(part))
		: String(value ?? '').split(/[\s,;]+/);
	return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

/** A multi-option choice as a list: an array as is, or text from an expression split like an ID list. */
function choiceList(value: unknown): string[] | undefined {
	if (Array.isArray(value) || typeof value === 'string') return parseIdList(value);
	return undefined;
}

/** Builds a filter from raw node parameters, keeping only values this version knows. */
export function buildFilter(
	events: unknown,
	messageTypes: unknown,
	phoneNumberIds: unknown,
): EventFilter {
	const known = new Set<string>(EVENT_CATEGORIES);
	const chosenEvents = choiceList(events);
	const chosen = chosenEvents
		? chosenEvents.filter((event): event is EventCategory => known.has(event))
		: [...EVENT_CATEGORIES];
	return {
		events: chosen,
		messageTypes: choiceList(messageTypes) ?? [],
		phoneNumberIds: parseIdList(phoneNumberIds),
	};
}

export function passesFilter(event: WebhookEvent, filter: EventFilter): boolean {
	if (!filter.events.includes(eventCategory(event))) return false;
	if (event.kind === 'message' && filter.messageTypes.length > 0) {
		const type = event.messageType ?? 'unknown';
		// Meta documents type "unknown" as the same unsupported message as "unsupported".
		const typeKey = type === 'unknown' ? 'unsupported' : KNOWN_TYPES.has(type) ? type : 'other';
		if (!filter.messageTypes.includes(typeKey)) return false;
	}
	// Events with no phone number (template, account updates) concern the whole account: kept.
	if (filter.phoneNumberIds.length > 0 && event.phoneNumberId !== undefined) {
		if (!filter.phoneNumberIds.includes(event.phoneNumberId)) return false;
	}
	return true;
}

export function applyFilter<T extends WebhookEvent>(events: T[], filter: EventFilter): T[] {
	return events.filter((event) => passesFilter(event, filter));
}
