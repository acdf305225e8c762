/**
 * The trigger's filters: event categories, message types and phone number IDs.
 */
import { EVENT_CATEGORIES } from '../../../nodes/WhatsAppCloud/webhook/description';
import type { WebhookEvent } from '../../../nodes/WhatsAppCloud/webhook/event';
import {
	applyFilter,
	buildFilter,
	eventCategory,
	parseIdList,
} from '../../../nodes/WhatsAppCloud/webhook/filters';
import { normalizeDelivery } from '../../../nodes/WhatsAppCloud/webhook/normalize';
import {
	change,
	contact,
	delivery,
	entry,
	inbound,
	messagesValue,
	metaError,
	OTHER_PHONE_NUMBER_ID,
	PHONE_NUMBER_ID,
	status,
} from '../../support/webhook.fixtures';

/** One of each kind: text, image, reaction, hologram (unknown), 6 statuses, an error, a template update. */
function mixedEvents(): WebhookEvent[] {
	const body = delivery(
		entry([
			change(
				'messages',
				messagesValue({
					contacts: [contact()],
					messages: [
						inbound('text', { body: 'a' }),
						inbound('image', { id: '1', mime_type: 'image/png', sha256: 'x' }),
						inbound('reaction', { message_id: 'wamid.X', emoji: '👍' }),
						inbound('hologram', { id: 'h' }),
					],
				}),
			),
			change(
				'messages',
				messagesValue({
					statuses: ['sent', 'delivered', 'read', 'failed', 'deleted', 'played'].map((s) =>
						status('wamid.OUT-9', s),
					),
				}),
			),
			change(
				'messages',
				messagesValue({ errors: [metaError(130429, 'Rate limit hit')] }, OTHER_PHONE_NUMBER_ID),
			),
			change('message_template_status_update', { event: 'APPROVED', message_template_id: 1 }),
		]),
	);
	const result = normalizeDelivery(body);
	if (result.kind !== 'events') throw new Error('expected events');
	return result.events;
}

const label = (e: WebhookEvent) =>
	e.kind === 'message'
		? `message:${e.messageType}`
		: e.kind === 'status'
			? `status:${e.status}`
			: `${e.kind}:${e.field}`;

describe('filters', () => {
	it('every event maps to one category', () => {
		expect(mixedEvents().map(eventCategory)).toEqual([
			'messages',
			'messages',
			'messages',
			'messages',
			'statusSent',
			'statusDelivered',
			'statusRead',
			'statusFailed',
			'statusDeleted',
			'statusOther',
			'errors',
			'otherFields',
		]);
	});

	it('default (all categories, no type or number filter) keeps everything', () => {
		const all = mixedEvents();
		expect(applyFilter(all, buildFilter([...EVENT_CATEGORIES], [], ''))).toEqual(all);
	});

	it('only messages', () => {
		expect(applyFilter(mixedEvents(), buildFilter(['messages'], [], '')).map(label)).toEqual([
			'message:text',
			'message:image',
			'message:reaction',
			'message:hologram',
		]);
	});

	it('each status kind on its own', () => {
		const filter = buildFilter(['statusFailed', 'statusRead'], [], '');
		expect(applyFilter(mixedEvents(), filter).map(label)).toEqual(['status:read', 'status:failed']);
		expect(applyFilter(mixedEvents(), buildFilter(['statusOther'], [], '')).map(label)).toEqual([
			'status:played',
		]);
	});

	it('errors and other fields', () => {
		expect(
			applyFilter(mixedEvents(), buildFilter(['errors', 'otherFields'], [], '')).map(label),
		).toEqual(['error:messages', 'field:message_template_status_update']);
	});

	it('message types narrow messages only; "other" catches unknown types', () => {
		expect(
			applyFilter(
				mixedEvents(),
				buildFilter(['messages', 'statusRead'], ['text', 'image'], ''),
			).map(label),
		).toEqual(['message:text', 'message:image', 'status:read']);
		expect(applyFilter(mixedEvents(), buildFilter(['messages'], ['other'], '')).map(label)).toEqual(
			['message:hologram'],
		);
	});

	it('"Unsupported" also catches type "unknown", which Meta documents as the same unsupported message', () => {
		const body = delivery(
			entry([
				change(
					'messages',
					messagesValue({
						contacts: [contact()],
						messages: [
							inbound('unknown', undefined, {
								errors: [metaError(131051, 'Message type unknown')],
							}),
							inbound('unsupported', undefined, {
								errors: [metaError(131051, 'Message type unknown')],
							}),
						],
					}),
				),
			]),
		);
		const all = (normalizeDelivery(body) as { events: WebhookEvent[] }).events;
		expect(applyFilter(all, buildFilter(['messages'], ['unsupported'], '')).map(label)).toEqual([
			'message:unknown',
			'message:unsupported',
		]);
		expect(applyFilter(all, buildFilter(['messages'], ['other'], ''))).toEqual([]);
	});

	it('choices given as text by an expression ("statusRead, statusFailed") filter as the same list would', () => {
		expect(buildFilter('statusRead, statusFailed', 'text,image', '').events).toEqual([
			'statusRead',
			'statusFailed',
		]);
		expect(buildFilter('statusRead', 'text, image', '').messageTypes).toEqual(['text', 'image']);
		expect(applyFilter(mixedEvents(), buildFilter('statusRead', undefined, '')).map(label)).toEqual(
			['status:read'],
		);
		// An empty text means no choice at all, like an empty list.
		expect(buildFilter('', '', '').events).toEqual([]);
		expect(buildFilter('', '', '').messageTypes).toEqual([]);
	});

	it('phone number IDs narrow events that have one; account-level events pass', () => {
		const kept = applyFilter(
			mixedEvents(),
			buildFilter([...EVENT_CATEGORIES], [], ` ${OTHER_PHONE_NUMBER_ID} ,999`),
		);
		expect(kept.map(label)).toEqual(['error:messages', 'field:message_template_status_update']);
		const ours = applyFilter(
			mixedEvents(),
			buildFilter([...EVENT_CATEGORIES], [], PHONE_NUMBER_ID),
		);
		expect(ours).toHaveLength(11);
	});

	it('no categories selected: nothing passes', () => {
		expect(applyFilter(mixedEvents(), buildFilter([], [], ''))).toEqual([]);
	});

	it('unknown category values are ignored; a non-array means all', () => {
		expect(buildFilter(['messages', 'bogus'], undefined, undefined).events).toEqual(['messages']);
		expect(buildFilter(undefined, undefined, undefined).events).toEqual([...EVENT_CATEGORIES]);
	});

	it('parseIdList accepts commas, spaces, newlines and arrays', () => {
		expect(parseIdList('1, 2\n3;4  5')).toEqual(['1', '2', '3', '4', '5']);
		expect(parseIdList(['7', 8])).toEqual(['7', '8']);
		expect(parseIdList('')).toEqual([]);
		expect(parseIdList(undefined)).toEqual([]);
	});
});
