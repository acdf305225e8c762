/**
 * A webhook body through normalizeDelivery with the error catalogue, as the trigger runs it:
 * `events` gives the events it becomes, `only` the one event a test expects.
 */
import { describeGraphError } from '../../nodes/WhatsAppCloud/transport/errors/catalog';
import type { WebhookEvent } from '../../nodes/WhatsAppCloud/webhook/event';
import { normalizeDelivery } from '../../nodes/WhatsAppCloud/webhook/normalize';

const describe_ = (code?: number) => describeGraphError(code);

export function events(body: unknown): WebhookEvent[] {
	const result = normalizeDelivery(body, describe_);
	if (result.kind !== 'events') throw new Error(`expected events, got ${JSON.stringify(result)}`);
	return result.events;
}

export function only(body: unknown): WebhookEvent {
	const all = events(body);
	expect(all).toHaveLength(1);
	return all[0];
}
