/**
 * Message statuses as trigger items: sent, delivered, read, failed (with the catalogue's fix),
 * deleted, and recipients known only by a business-scoped user ID.
 */
import {
	DISPLAY_PHONE_NUMBER,
	messagesDelivery,
	metaError,
	PHONE_NUMBER_ID,
	status,
	T0,
	USER_BSUID,
	USER_WA_ID,
	WABA_ID,
} from '../../support/webhook.fixtures';
import { events, only } from '../../support/webhookEvents';

describe('statuses', () => {
	it.each(['sent', 'delivered', 'read'])(
		'%s: message id, recipient, timestamp, conversation and pricing',
		(statusValue) => {
			const st = status('wamid.OUT-0100', statusValue, {
				conversation: {
					id: 'conv-0001',
					expiration_timestamp: String(T0 + 86400),
					origin: { type: 'utility' },
				},
				pricing: { billable: true, pricing_model: 'PMP', category: 'utility', type: 'regular' },
				biz_opaque_callback_data: 'order-42',
			});
			const body = messagesDelivery({ statuses: [st] });
			const event = only(body);
			expect(event.kind).toBe('status');
			expect(event.status).toBe(statusValue);
			expect(event.dedupKey).toBe(`status:wamid.OUT-0100:${statusValue}`);
			expect(event.json).toEqual({
				event: 'status',
				field: 'messages',
				businessAccountId: WABA_ID,
				phoneNumberId: PHONE_NUMBER_ID,
				displayPhoneNumber: DISPLAY_PHONE_NUMBER,
				messageId: 'wamid.OUT-0100',
				status: statusValue,
				recipientId: USER_WA_ID,
				timestamp: new Date((T0 + 60) * 1000).toISOString(),
				timestampUnix: T0 + 60,
				conversationId: 'conv-0001',
				conversationOrigin: 'utility',
				conversationExpiresAt: new Date((T0 + 86400) * 1000).toISOString(),
				pricingBillable: true,
				pricingModel: 'PMP',
				pricingCategory: 'utility',
				pricingType: 'regular',
				bizOpaqueCallbackData: 'order-42',
				raw: body.entry[0].changes[0].value,
			});
		},
	);

	it('failed with 131047: the fix says the 24-hour window closed and a template is needed', () => {
		const st = status('wamid.OUT-0101', 'failed', {
			errors: [
				metaError(
					131047,
					'Re-engagement message',
					'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
				),
			],
		});
		const event = only(messagesDelivery({ statuses: [st] }));
		expect(event.status).toBe('failed');
		expect(event.json.errorCode).toBe(131047);
		expect(event.json.errorTitle).toBe('Re-engagement message');
		expect(event.json.errorDetails).toContain('24 hours');
		const fix = String(event.json.errorFix);
		expect(fix).toMatch(/24 hours/);
		expect(fix).toMatch(/template/i);
		expect(event.json.errors).toEqual([
			expect.objectContaining({ code: 131047, fix, retryable: false, href: expect.any(String) }),
		]);
	});

	it('failed with several errors keeps each one with its fix', () => {
		const st = status('wamid.OUT-0102', 'failed', {
			errors: [
				metaError(131049, 'Not delivered for ecosystem engagement'),
				metaError(131026, 'Message undeliverable'),
			],
		});
		const event = only(messagesDelivery({ statuses: [st] }));
		const errors = event.json.errors as Array<Record<string, unknown>>;
		expect(errors.map((e) => e.code)).toEqual([131049, 131026]);
		for (const error of errors) expect(typeof error.fix).toBe('string');
	});

	it('deleted and unknown statuses', () => {
		const all = events(
			messagesDelivery({
				statuses: [status('wamid.OUT-0103', 'deleted'), status('wamid.OUT-0104', 'played')],
			}),
		);
		expect(all.map((e) => e.status)).toEqual(['deleted', 'played']);
	});

	it('BSUID recipient without recipient_id', () => {
		const st = {
			id: 'wamid.OUT-0105',
			status: 'delivered',
			timestamp: String(T0),
			recipient_user_id: USER_BSUID,
		};
		const event = only(
			messagesDelivery({
				statuses: [st],
				contacts: [{ profile: { username: '@ada' }, user_id: USER_BSUID }],
			}),
		);
		expect(event.json).toMatchObject({
			recipientUserId: USER_BSUID,
			recipientUsername: '@ada',
			status: 'delivered',
		});
		expect(event.json).not.toHaveProperty('recipientId');
	});
});
