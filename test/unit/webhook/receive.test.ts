/**
 * processDelivery: one POST from Meta, from the raw bytes and their signature to the events that
 * run, the ones filtered or redelivered, and the dedup state to save.
 */
import { createHmac } from 'node:crypto';

import { EVENT_CATEGORIES } from '../../../nodes/WhatsAppCloud/webhook/description';
import { buildFilter } from '../../../nodes/WhatsAppCloud/webhook/filters';
import { processDelivery, type DeliveryInput } from '../../../nodes/WhatsAppCloud/webhook/receive';
import {
	APP_SECRET,
	inbound,
	inboundDelivery,
	messagesDelivery,
	status,
} from '../../support/webhook.fixtures';

const sign = (body: Buffer) =>
	`sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`;

function input(rawBody: Buffer, overrides: Partial<DeliveryInput> = {}): DeliveryInput {
	return {
		rawBody,
		signatureHeader: sign(rawBody),
		appSecret: APP_SECRET,
		filter: buildFilter([...EVENT_CATEGORIES], [], ''),
		dedup: { windowSeconds: 3600, maxEntries: 100, nowSeconds: 1_000_000, state: undefined },
		...overrides,
	};
}

const bytes = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

describe('processDelivery', () => {
	it('valid delivery: accepted with one event per message/status, and new dedup state', () => {
		const body = messagesDelivery({
			messages: [inbound('text', { body: 'a' })],
			statuses: [status('wamid.O', 'sent')],
		});
		const outcome = processDelivery(input(bytes(body)));
		expect(outcome).toMatchObject({
			action: 'accept',
			status: 200,
			received: 2,
			filtered: 0,
			duplicates: 0,
		});
		if (outcome.action !== 'accept') throw new Error();
		expect(outcome.events.map((e) => e.kind)).toEqual(['message', 'status']);
		expect(outcome.dedupState?.entries).toHaveLength(2);
	});

	it('bad signature: rejected before the body is even parsed', () => {
		const raw = Buffer.from('not json at all');
		expect(processDelivery(input(raw, { signatureHeader: 'sha256=' + '0'.repeat(64) }))).toEqual({
			action: 'reject',
			status: 403,
			reason: 'mismatch',
		});
		expect(processDelivery(input(raw, { signatureHeader: undefined }))).toMatchObject({
			status: 403,
			reason: 'missing-header',
		});
	});

	it('signed but not JSON: 400', () => {
		expect(processDelivery(input(Buffer.from('{"object": "whatsapp_business_account", ')))).toEqual(
			{
				action: 'badRequest',
				status: 400,
				reason: 'invalid-json',
			},
		);
		expect(processDelivery(input(Buffer.alloc(0)))).toMatchObject({ status: 400 });
	});

	it('another object: acknowledged and ignored', () => {
		expect(processDelivery(input(bytes({ object: 'instagram', entry: [] })))).toEqual({
			action: 'ignore',
			status: 200,
			reason: 'not-whatsapp',
			object: 'instagram',
		});
	});

	it('the parsed body is used only as a stand-in for the same bytes; the signature still covers the bytes', () => {
		const body = inboundDelivery(inbound('text', { body: 'x' }));
		const raw = bytes(body);
		const outcome = processDelivery(input(raw, { parsedBody: body }));
		expect(outcome.action).toBe('accept');
		const forged = processDelivery(
			input(raw, { parsedBody: body, signatureHeader: sign(Buffer.from('other')) }),
		);
		expect(forged.action).toBe('reject');
	});

	it('a BOM before the JSON is tolerated', () => {
		const raw = Buffer.concat([
			Buffer.from([0xef, 0xbb, 0xbf]),
			bytes(inboundDelivery(inbound('text', { body: 'x' }))),
		]);
		expect(processDelivery(input(raw)).action).toBe('accept');
	});

	it('filtered and redelivered events are counted, not run', () => {
		const body = messagesDelivery({
			messages: [inbound('text', { body: 'a' })],
			statuses: [status('wamid.O', 'read')],
		});
		const first = processDelivery(
			input(bytes(body), { filter: buildFilter(['messages'], [], '') }),
		);
		expect(first).toMatchObject({ action: 'accept', received: 2, filtered: 1, duplicates: 0 });
		if (first.action !== 'accept') throw new Error();
		const again = processDelivery(
			input(bytes(body), {
				filter: buildFilter(['messages'], [], ''),
				dedup: {
					windowSeconds: 3600,
					maxEntries: 100,
					nowSeconds: 1_000_100,
					state: first.dedupState,
				},
			}),
		);
		expect(again).toMatchObject({ action: 'accept', events: [], filtered: 1, duplicates: 1 });
		if (again.action !== 'accept') throw new Error();
		expect(again.dedupState).toBeUndefined(); // nothing new to save
	});
});
