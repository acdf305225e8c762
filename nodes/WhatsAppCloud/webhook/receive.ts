/**
 * One webhook POST, start to finish, without n8n: signature -> JSON -> events -> filters -> dedup.
 * The node only feeds it the request and the stored dedup state, then answers with `status` and
 * runs the workflow with `events` when there are any.
 */
import { dedupe, type DedupState } from './dedup';
import { applyFilter, type EventFilter } from './filters';
import type { ErrorDescriber, WebhookEvent } from './event';
import { normalizeDelivery } from './normalize';
import { verifySignature, type SignatureFailure } from './signature';

export interface DeliveryInput {
	/** The exact request bytes. */
	rawBody: unknown;
	/** The body n8n already parsed from those bytes, if any (saves a second parse). */
	parsedBody?: unknown;
	signatureHeader: unknown;
	appSecret: unknown;
	filter: EventFilter;
	dedup: { windowSeconds: number; maxEntries: number; nowSeconds: number; state: unknown };
	describeError?: ErrorDescriber;
}

export type DeliveryOutcome =
	| { action: 'reject'; status: 403; reason: SignatureFailure }
	| { action: 'badRequest'; status: 400; reason: 'invalid-json' }
	| { action: 'ignore'; status: 200; reason: 'not-whatsapp'; object: string | undefined }
	| {
			action: 'accept';
			status: 200;
			/** Events to run the workflow with (may be empty: all filtered or redelivered). */
			events: WebhookEvent[];
			received: number;
			filtered: number;
			duplicates: number;
			dedupState?: DedupState;
	  };

function isUsableParsedBody(body: unknown): boolean {
	return (
		body !== null &&
		typeof body === 'object' &&
		!Array.isArray(body) &&
		!Buffer.isBuffer(body) &&
		Object.keys(body).length > 0
	);
}

/** Parses the request bytes as JSON (BOM tolerated); undefined when they are not JSON. */
export function parseJsonBody(rawBody: unknown): unknown {
	let text: string;
	if (Buffer.isBuffer(rawBody)) text = rawBody.toString('utf8');
	else if (typeof rawBody === 'string') text = rawBody;
	else return undefined;
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

export function processDelivery(input: DeliveryInput): DeliveryOutcome {
	const signature = verifySignature(input.rawBody, input.signatureHeader, input.appSecret);
	if (!signature.valid) return { action: 'reject', status: 403, reason: signature.reason };

	const body = isUsableParsedBody(input.parsedBody)
		? input.parsedBody
		: parseJsonBody(input.rawBody);
	if (body === undefined) return { action: 'badRequest', status: 400, reason: 'invalid-json' };

	const delivery = normalizeDelivery(body, input.describeError);
	if (delivery.kind === 'ignored') {
		return { action: 'ignore', status: 200, reason: 'not-whatsapp', object: delivery.object };
	}
	const wanted = applyFilter(delivery.events, input.filter);
	const { kept, duplicates, state, changed } = dedupe(wanted, input.dedup.state, input.dedup);
	return {
		action: 'accept',
		status: 200,
		events: kept,
		received: delivery.events.length,
		filtered: delivery.events.length - wanted.length,
		duplicates: duplicates.length,
		dedupState: changed ? state : undefined,
	};
}
