/**
 * What the webhook pipeline hands on: one event per message, status, error or other change, with
 * the facts of the change it came from; and the error catalogue it is given to explain codes.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Obj } from './payloadValues';

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

export interface ChangeContext {
	field: string;
	businessAccountId?: string;
	entryTime?: number;
	phoneNumberId?: string;
	displayPhoneNumber?: string;
	value: Obj;
	describe?: ErrorDescriber;
}

export function baseFields(event: string, ctx: ChangeContext): IDataObject {
	return {
		event,
		field: ctx.field,
		businessAccountId: ctx.businessAccountId,
		phoneNumberId: ctx.phoneNumberId,
		displayPhoneNumber: ctx.displayPhoneNumber,
	};
}
