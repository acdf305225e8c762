import { SEED, TEMPLATE } from '../../../sandbox';
import { text } from '../../support/sandbox/messages';
import { parse, statusesOf, useWebhookPair, verifySignature } from '../../support/sandbox/webhooks';

const USER = SEED.users[0].waId;

describe('status webhooks', () => {
	const { api, rx } = useWebhookPair();

	it('sends sent, delivered, read statuses, signed over the exact bytes', async () => {
		api.sb.sandbox.setUserWindow(USER, Date.now());
		const r = await api.send(text(USER));
		const id = r.json.messages[0].id;
		await api.sb.sandbox.idle();
		const posts = rx.posts();
		const events = posts.flatMap((p) => statusesOf(p.raw));
		expect(events.map((e) => e.status)).toEqual(['sent', 'delivered', 'read']);
		for (const p of posts) {
			expect(p.headers['content-type']).toBe('application/json');
			expect(verifySignature(p.raw, p.headers['x-hub-signature-256'])).toBe(true);
			expect(verifySignature(p.raw, p.headers['x-hub-signature-256'], 'wrong')).toBe(false);
			const body = parse(p.raw);
			expect(body.object).toBe('whatsapp_business_account');
			expect(body.entry[0].id).toBe(SEED.wabaId);
			expect(body.entry[0].changes[0].field).toBe('messages');
			expect(body.entry[0].changes[0].value.metadata).toEqual({
				display_phone_number: SEED.displayPhoneDigits,
				phone_number_id: SEED.phoneNumberId,
			});
		}
		const sent = events[0];
		expect(sent).toMatchObject({
			id,
			recipient_id: USER,
			timestamp: expect.stringMatching(/^\d{10}$/),
		});
		expect(sent.pricing).toEqual({
			billable: false,
			pricing_model: 'PMP',
			type: 'free_customer_service',
			category: 'service',
		});
		expect(events[2].pricing).toBeUndefined();
		const rec = await api.control('GET', `/messages/${encodeURIComponent(id)}`);
		expect(rec.json.status).toBe('read');
	});

	it('template statuses are billed in the template category', async () => {
		const r = await api.send({
			to: USER,
			type: 'template',
			template: { name: TEMPLATE.noVariables, language: { code: 'en_US' } },
		});
		expect(r.json.messages[0].message_status).toBe('accepted');
		await api.sb.sandbox.idle();
		const sent = rx
			.posts()
			.flatMap((p) => statusesOf(p.raw))
			.find((e) => e.status === 'sent');
		expect(sent?.pricing).toEqual({
			billable: true,
			pricing_model: 'PMP',
			type: 'regular',
			category: 'utility',
		});
		expect(sent?.conversation.origin.type).toBe('utility');
	});

	it('batches statuses that are due together into one POST', async () => {
		api.sb.sandbox.configure({ webhookBatchMs: 40, statuses: ['sent'] });
		try {
			for (let i = 0; i < 10; i++)
				await api.send({
					to: `1555010${9100 + i}`,
					type: 'template',
					template: { name: TEMPLATE.noVariables, language: { code: 'en_US' } },
				});
			await api.sb.sandbox.idle();
			const posts = rx.posts();
			const events = posts.flatMap((p) => statusesOf(p.raw));
			expect(events).toHaveLength(10);
			expect(posts.length).toBeLessThan(10);
			expect(Math.max(...posts.map((p) => statusesOf(p.raw).length))).toBeGreaterThan(1);
		} finally {
			api.sb.sandbox.configure({ webhookBatchMs: 5, statuses: ['sent', 'delivered', 'read'] });
		}
	});
});
