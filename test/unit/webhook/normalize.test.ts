/**
 * A webhook delivery -> one item per event: group messages, value.errors, fields other than
 * messages, batches across entries and changes, and malformed pieces skipped.
 */
import { describeGraphError } from '../../../nodes/WhatsAppCloud/transport/errors/catalog';
import { dedupe } from '../../../nodes/WhatsAppCloud/webhook/dedup';
import { normalizeDelivery } from '../../../nodes/WhatsAppCloud/webhook/normalize';
import {
	change,
	contact,
	delivery,
	DISPLAY_PHONE_NUMBER,
	entry,
	inbound,
	inboundDelivery,
	messagesDelivery,
	messagesValue,
	metadata as metadataOf,
	metaError,
	OTHER_PHONE_NUMBER_ID,
	PHONE_NUMBER_ID,
	status,
	T0,
	T0_ISO,
	templateStatusUpdate,
	USER_WA_ID,
	WABA_ID,
} from '../../support/webhook.fixtures';
import { events, only } from '../../support/webhookEvents';

describe('group messages (Groups API)', () => {
	const GROUP_ID = 'Z3JvdXAtMDAwMDAwMDAwMDAx';

	it('per-participant statuses of one group message are separate events with their own dedup keys', () => {
		const body = messagesDelivery({
			statuses: [
				status('wamid.GRP-OUT-1', 'read', { recipient_id: '4915100000001', group_id: GROUP_ID }),
				status('wamid.GRP-OUT-1', 'read', { recipient_id: '4915100000002', group_id: GROUP_ID }),
			],
		});
		const all = events(body);
		expect(all).toHaveLength(2);
		expect(all.map((e) => e.json.groupId)).toEqual([GROUP_ID, GROUP_ID]);
		expect(all.map((e) => e.json.recipientId)).toEqual(['4915100000001', '4915100000002']);
		expect(new Set(all.map((e) => e.dedupKey)).size).toBe(2);
		// ...and dedup does not take the second reader for a redelivery of the first.
		expect(
			dedupe(all, undefined, { windowSeconds: 600, maxEntries: 100, nowSeconds: T0 }).kept,
		).toHaveLength(2);
	});

	it('the shape with recipient_type "group" and a participant ID is told apart per participant too', () => {
		const st = (participant: string) => ({
			id: 'wamid.GRP-OUT-2',
			status: 'delivered',
			timestamp: String(T0),
			recipient_id: GROUP_ID,
			recipient_type: 'group',
			recipient_participant_id: participant,
		});
		const all = events(messagesDelivery({ statuses: [st('4915100000001'), st('4915100000002')] }));
		expect(all.map((e) => e.json)).toEqual([
			expect.objectContaining({
				groupId: GROUP_ID,
				recipientType: 'group',
				recipientParticipantId: '4915100000001',
			}),
			expect.objectContaining({
				groupId: GROUP_ID,
				recipientType: 'group',
				recipientParticipantId: '4915100000002',
			}),
		]);
		expect(new Set(all.map((e) => e.dedupKey)).size).toBe(2);
	});

	it('a one-to-one status keeps its dedup key (message ID + status), so memory saved before stays valid', () => {
		expect(only(messagesDelivery({ statuses: [status('wamid.OUT-1to1', 'read')] })).dedupKey).toBe(
			'status:wamid.OUT-1to1:read',
		);
	});

	it('an inbound group message says which group it came from', () => {
		const event = only(
			inboundDelivery(inbound('text', { body: 'hi all' }, { group_id: GROUP_ID })),
		);
		expect(event.json).toMatchObject({ groupId: GROUP_ID, from: USER_WA_ID, text: 'hi all' });
	});
});

describe('value.errors', () => {
	it('each error becomes an error item with code, title, details and fix', () => {
		const body = messagesDelivery({
			errors: [
				metaError(
					130429,
					'Rate limit hit',
					'Too many messages sent from this phone number in a short period',
				),
			],
		});
		const event = only(body);
		expect(event.kind).toBe('error');
		expect(event.json).toMatchObject({
			event: 'error',
			field: 'messages',
			phoneNumberId: PHONE_NUMBER_ID,
			code: 130429,
			title: 'Rate limit hit',
			details: 'Too many messages sent from this phone number in a short period',
			fix: describeGraphError(130429).fix,
			retryable: true,
			raw: body.entry[0].changes[0].value,
		});
	});
});

describe('other fields', () => {
	it('template status update: event = field name, value copied in camelCase', () => {
		const body = templateStatusUpdate('REJECTED', {
			rejection_info: {
				reason: 'Adjacent parameters',
				recommendation: 'Put text between parameters',
			},
		});
		const event = only(body);
		expect(event.kind).toBe('field');
		expect(event.json).toEqual({
			event: 'message_template_status_update',
			field: 'message_template_status_update',
			businessAccountId: WABA_ID,
			timestamp: new Date((T0 + 120) * 1000).toISOString(),
			templateStatus: 'REJECTED',
			changeEvent: 'REJECTED',
			messageTemplateId: 880000000000001,
			messageTemplateName: 'order_ready',
			messageTemplateLanguage: 'en_US',
			reason: 'INVALID_FORMAT',
			messageTemplateCategory: 'UTILITY',
			rejectionInfo: {
				reason: 'Adjacent parameters',
				recommendation: 'Put text between parameters',
			},
			raw: body.entry[0].changes[0].value,
		});
	});

	it.each([
		[
			'phone_number_quality_update',
			{ display_phone_number: DISPLAY_PHONE_NUMBER, event: 'DOWNGRADE', current_limit: 'TIER_1K' },
		],
		['account_update', { phone_number: DISPLAY_PHONE_NUMBER, event: 'VERIFIED_ACCOUNT' }],
		[
			'message_template_quality_update',
			{
				previous_quality_score: 'GREEN',
				new_quality_score: 'YELLOW',
				message_template_id: 1,
				message_template_name: 'x',
				message_template_language: 'en',
			},
		],
	])('%s passes through as its own event', (field, value) => {
		const event = only(delivery(entry([change(field, value)])));
		expect(event.json.event).toBe(field);
		expect(event.json.raw).toEqual(value);
	});

	it("a value key named like one of the item's own fields keeps its plain name when the item has none (no metadata)", () => {
		const value = {
			display_phone_number: DISPLAY_PHONE_NUMBER,
			event: 'FLAGGED',
			current_limit: 'TIER_1K',
		};
		const event = only(
			delivery(entry([change('phone_number_quality_update', value)], WABA_ID, T0)),
		);
		expect(event.json).toMatchObject({
			event: 'phone_number_quality_update',
			displayPhoneNumber: DISPLAY_PHONE_NUMBER,
			changeEvent: 'FLAGGED',
			currentLimit: 'TIER_1K',
			timestamp: T0_ISO,
		});
		expect(event.json).not.toHaveProperty('changeDisplayPhoneNumber');
	});

	it('...and still gets the change prefix when the item has its own value there', () => {
		const value = {
			messaging_product: 'whatsapp',
			metadata: metadataOf(PHONE_NUMBER_ID),
			display_phone_number: '15550000000',
			groups: [],
		};
		const event = only(delivery(entry([change('group_lifecycle_update', value)])));
		expect(event.json).toMatchObject({
			displayPhoneNumber: DISPLAY_PHONE_NUMBER,
			changeDisplayPhoneNumber: '15550000000',
			groups: [],
		});
	});

	it('a messages change with nothing known in it still reaches the workflow', () => {
		const value = {
			messaging_product: 'whatsapp',
			metadata: { phone_number_id: PHONE_NUMBER_ID },
			user_preferences: [{ value: 'stop' }],
		};
		const event = only(delivery(entry([change('messages', value)])));
		expect(event.kind).toBe('field');
		expect(event.json).toMatchObject({
			event: 'messages',
			phoneNumberId: PHONE_NUMBER_ID,
			userPreferences: [{ value: 'stop' }],
		});
	});
});

describe('batches and envelopes', () => {
	it('one item per event across entries, changes, messages and statuses, in delivery order', () => {
		const m1 = inbound('text', { body: 'one' });
		const m2 = inbound('text', { body: 'two' });
		const body = delivery(
			entry([
				change('messages', messagesValue({ contacts: [contact()], messages: [m1, m2] })),
				change(
					'messages',
					messagesValue({
						statuses: [status('wamid.OUT-1', 'sent'), status('wamid.OUT-1', 'delivered')],
					}),
				),
			]),
			entry(
				[
					change(
						'messages',
						messagesValue(
							{ messages: [inbound('text', { body: 'three' }, { from: '15550001111' })] },
							OTHER_PHONE_NUMBER_ID,
						),
					),
					change('message_template_status_update', {
						event: 'APPROVED',
						message_template_id: 1,
						message_template_name: 't',
						message_template_language: 'en',
					}),
				],
				'300000000000002',
			),
		);
		const all = events(body);
		expect(all.map((e) => [e.kind, e.json.text ?? e.json.status ?? e.json.event])).toEqual([
			['message', 'one'],
			['message', 'two'],
			['status', 'sent'],
			['status', 'delivered'],
			['message', 'three'],
			['field', 'message_template_status_update'],
		]);
		expect(all[4].json).toMatchObject({
			businessAccountId: '300000000000002',
			phoneNumberId: OTHER_PHONE_NUMBER_ID,
			from: '15550001111',
		});
		// Each item carries the value of its own change.
		expect(all[0].json.raw).toBe(body.entry[0].changes[0].value);
		expect(all[2].json.raw).toBe(body.entry[0].changes[1].value);
	});

	it('non-WhatsApp objects are ignored', () => {
		expect(normalizeDelivery({ object: 'page', entry: [] })).toEqual({
			kind: 'ignored',
			object: 'page',
		});
		expect(normalizeDelivery([1, 2])).toEqual({ kind: 'ignored', object: undefined });
		expect(normalizeDelivery('text')).toEqual({ kind: 'ignored', object: undefined });
	});

	it('malformed pieces are skipped, never thrown on', () => {
		const body = {
			object: 'whatsapp_business_account',
			entry: [
				null,
				5,
				{ id: WABA_ID, changes: 'nope' },
				{ id: WABA_ID, changes: [null, { field: 'messages', value: { messages: [null, 'x'] } }] },
			],
		};
		expect(() => normalizeDelivery(body)).not.toThrow();
		const all = events(body);
		expect(all.map((e) => e.json.event)).toEqual(['unknown', 'messages']);
	});
});
