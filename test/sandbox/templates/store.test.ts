import { SEED, TEMPLATE } from '../../../sandbox';
import { useSandbox } from '../../support/sandbox/api';

describe('template store: filters, fields, create and delete', () => {
	const api = useSandbox({ statuses: [], pairRateSeconds: 0, tier: 1000 }, { keepKnobs: true });

	it("default fields are Meta's: name, parameter_format, components, language, status, category, id", async () => {
		const r = await api.get(
			`/${SEED.wabaId}/message_templates?name=${TEMPLATE.named}&language=en_US`,
		);
		expect(r.json.data).toHaveLength(1);
		expect(Object.keys(r.json.data[0]).sort()).toEqual([
			'category',
			'components',
			'id',
			'language',
			'name',
			'parameter_format',
			'status',
		]);
		expect(r.json.data[0].parameter_format).toBe('NAMED');
		expect(
			r.json.data[0].components[0].example.body_text_named_params.map(
				(p: { param_name: string }) => p.param_name,
			),
		).toEqual(['customer_name', 'order_number']);
	});

	it('filters: status (comma list), category, language, name substring', async () => {
		const pending = await api.get(
			`/${SEED.wabaId}/message_templates?status=PENDING,REJECTED&fields=name,status`,
		);
		expect(pending.json.data.map((t: { name: string }) => t.name).sort()).toEqual(
			[TEMPLATE.rejected, TEMPLATE.pending].sort(),
		);
		const es = await api.get(
			`/${SEED.wabaId}/message_templates?language=es&fields=name,language&limit=100`,
		);
		expect(es.json.data.every((t: { language: string }) => t.language === 'es')).toBe(true);
		expect(es.json.data.map((t: { name: string }) => t.name)).toEqual(
			expect.arrayContaining([TEMPLATE.positional, TEMPLATE.named]),
		);
		const marketing = await api.get(
			`/${SEED.wabaId}/message_templates?category=marketing&fields=category&limit=100`,
		);
		expect(marketing.json.data.every((t: { category: string }) => t.category === 'MARKETING')).toBe(
			true,
		);
		const byName = await api.get(
			`/${SEED.wabaId}/message_templates?name=repair&fields=name,language`,
		);
		expect(byName.json.data).toHaveLength(4);
	});

	it('creates PENDING, refuses duplicates, bad names and missing examples', async () => {
		const def = {
			name: 'chain_lube_reminder',
			language: 'en_US',
			category: 'UTILITY',
			parameter_format: 'named',
			components: [
				{
					type: 'body',
					text: 'Hi {{first_name}}, time to lube the chain.',
					example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ada' }] },
				},
			],
		};
		const r = await api.post(`/${SEED.wabaId}/message_templates`, def);
		expect(r.json).toMatchObject({ status: 'PENDING', category: 'UTILITY' });
		const got = await api.get(`/${r.json.id}`);
		expect(got.json).toMatchObject({
			name: 'chain_lube_reminder',
			parameter_format: 'NAMED',
			status: 'PENDING',
		});
		expect(got.json.components[0].type).toBe('BODY');
		const dupe = await api.post(`/${SEED.wabaId}/message_templates`, def);
		expect(dupe.json.error).toMatchObject({ code: 100, error_subcode: 2388024 });
		const es = await api.post(`/${SEED.wabaId}/message_templates`, { ...def, language: 'es' });
		expect(es.status).toBe(200);
		expect(
			(await api.post(`/${SEED.wabaId}/message_templates`, { ...def, name: 'Bad Name' })).json.error
				.error_subcode,
		).toBe(2388042);
		const noExample = await api.post(`/${SEED.wabaId}/message_templates`, {
			...def,
			name: 'no_example',
			components: [{ type: 'BODY', text: 'Hi {{first_name}}' }],
		});
		expect(noExample.json.error.error_subcode).toBe(2388043);
		expect(
			(
				await api.post(`/${SEED.wabaId}/message_templates`, {
					...def,
					name: 'x',
					category: 'SPAM',
				})
			).json.error.code,
		).toBe(100);
		expect(api.sb.sandbox.counters.templates.created).toBe(2);
	});

	it('deletes by name (all languages) or by name + hsm_id', async () => {
		const es = api.sb.sandbox.templates.find(TEMPLATE.positional, 'es');
		expect(
			(
				await api.del(
					`/${SEED.wabaId}/message_templates?name=${TEMPLATE.positional}&hsm_id=${es?.id}`,
				)
			).json,
		).toEqual({ success: true });
		expect(
			api.sb.sandbox.templates.all().filter((t) => t.name === TEMPLATE.positional),
		).toHaveLength(3);
		expect(
			(await api.del(`/${SEED.wabaId}/message_templates?name=${TEMPLATE.positional}`)).json,
		).toEqual({ success: true });
		expect(
			api.sb.sandbox.templates.all().filter((t) => t.name === TEMPLATE.positional),
		).toHaveLength(0);
		const missing = await api.del(`/${SEED.wabaId}/message_templates?name=${TEMPLATE.positional}`);
		expect(missing.json.error).toMatchObject({ code: 100, error_subcode: 2593002 });
	});
});
