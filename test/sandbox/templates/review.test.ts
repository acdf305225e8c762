import { SEED, TEMPLATE } from '../../../sandbox';
import { useSandbox } from '../../support/sandbox/api';
import { body, tpl } from '../../support/sandbox/messages';
import { parse, useWebhookPair } from '../../support/sandbox/webhooks';

describe('template review', () => {
	const api = useSandbox({ statuses: [], pairRateSeconds: 0, tier: 1000 }, { keepKnobs: true });

	it('templateReviewMs auto-approves created templates', async () => {
		api.sb.sandbox.configure({ templateReviewMs: 30 });
		try {
			const r = await api.post(`/${SEED.wabaId}/message_templates`, {
				name: 'auto_ok',
				language: 'en_US',
				category: 'UTILITY',
				components: [{ type: 'BODY', text: 'Done.' }],
			});
			expect(r.json.status).toBe('PENDING');
			await new Promise((res) => setTimeout(res, 80));
			expect((await api.get(`/${r.json.id}?fields=status`)).json.status).toBe('APPROVED');
		} finally {
			api.sb.sandbox.configure({ templateReviewMs: 0 });
		}
	});

	it('after approval through the control API a PENDING template can be sent', async () => {
		expect((await api.send(tpl(TEMPLATE.pending, [body('Ada')]))).json.error.code).toBe(132001);
		const r = await api.control('POST', `/templates/${TEMPLATE.pending}/approve`, {});
		expect(r.json.status).toBe('APPROVED');
		expect((await api.send(tpl(TEMPLATE.pending, [body('Ada')]))).status).toBe(200);
		expect((await api.control('POST', '/templates/nope/approve', {})).status).toBe(400);
	});
});

describe('template review webhooks', () => {
	const { api, rx } = useWebhookPair();

	it('template approval emits message_template_status_update', async () => {
		const created = await api.post(`/${SEED.wabaId}/message_templates`, {
			name: 'brake_check_offer',
			language: 'en_US',
			category: 'marketing',
			components: [
				{ type: 'BODY', text: 'Hi {{1}}, brakes squeaking?', example: { body_text: [['Ada']] } },
			],
		});
		expect(created.json).toEqual({
			id: expect.stringMatching(/^\d{16}$/),
			status: 'PENDING',
			category: 'MARKETING',
		});
		const adaBody = { type: 'body', parameters: [{ type: 'text', text: 'Ada' }] };
		const send = await api.send(tpl('brake_check_offer', [adaBody]));
		expect(send.json.error.code).toBe(132001);
		await api.control('POST', `/templates/${created.json.id}/approve`, {});
		const [post] = await rx.waitForPosts(1);
		const body = parse(post.raw);
		expect(body.entry[0].time).toEqual(expect.any(Number));
		expect(body.entry[0].changes[0]).toEqual({
			field: 'message_template_status_update',
			value: {
				event: 'APPROVED',
				message_template_id: Number(created.json.id),
				message_template_name: 'brake_check_offer',
				message_template_language: 'en_US',
				reason: 'NONE',
				message_template_category: 'MARKETING',
			},
		});
		const again = await api.send(tpl('brake_check_offer', [adaBody]));
		expect(again.status).toBe(200);
		await api.control('POST', `/templates/brake_check_offer/reject`, { reason: 'PROMOTIONAL' });
		await api.sb.sandbox.idle();
		const changes = rx.posts().map((p) => parse(p.raw).entry[0].changes[0]);
		const rejected = changes
			.filter((c) => c.field === 'message_template_status_update')
			.at(-1).value;
		expect(rejected).toMatchObject({
			event: 'REJECTED',
			reason: 'PROMOTIONAL',
			rejection_info: expect.any(Object),
		});
	});
});
