import { SEED, TEMPLATE } from '../../sandbox';
import { type Api, startApi } from './helpers';

const USER = SEED.users[0].waId;

function tpl(name: string, components?: unknown[], language = 'en_US') {
	return {
		to: USER,
		type: 'template',
		template: { name, language: { code: language }, ...(components ? { components } : {}) },
	};
}
const body = (...texts: string[]) => ({
	type: 'body',
	parameters: texts.map((t) => ({ type: 'text', text: t })),
});
const named = (pairs: Record<string, string>) => ({
	type: 'body',
	parameters: Object.entries(pairs).map(([parameter_name, text]) => ({
		type: 'text',
		parameter_name,
		text,
	})),
});

describe('sandbox templates', () => {
	let api: Api;
	beforeAll(async () => {
		api = await startApi({ statuses: [], pairRateSeconds: 0, tier: 1000 });
	});
	afterAll(async () => {
		await api.sb.close();
	});
	beforeEach(() => api.sb.sandbox.reset({ keepKnobs: true }));

	describe('GET /{waba-id}/message_templates', () => {
		it('pages at the default limit 25 and follows absolute paging.next URLs to the end', async () => {
			const seen: string[] = [];
			let url: string | undefined = `/${SEED.wabaId}/message_templates`;
			let pages = 0;
			while (url) {
				const r = await api.get(url);
				expect(r.status).toBe(200);
				pages++;
				if (pages === 1) expect(r.json.data).toHaveLength(25);
				for (const t of r.json.data) seen.push(`${t.name}/${t.language}`);
				url = r.json.paging?.next;
				if (url)
					expect(url).toMatch(
						new RegExp(`^${api.sb.url}/v24\\.0/${SEED.wabaId}/message_templates\\?`),
					);
			}
			expect(pages).toBe(2);
			expect(seen).toHaveLength(40);
			expect(new Set(seen).size).toBe(40);
		});

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

		it('limit, after and before cursors, previous link, fields and summary', async () => {
			const p1 = await api.get(`/${SEED.wabaId}/message_templates?limit=5&fields=name,status`);
			expect(p1.json.data).toHaveLength(5);
			expect(Object.keys(p1.json.data[0]).sort()).toEqual(['id', 'name', 'status']);
			expect(p1.json.paging.previous).toBeUndefined();
			const p2 = await api.get(
				`/${SEED.wabaId}/message_templates?limit=5&fields=name,status&after=${encodeURIComponent(p1.json.paging.cursors.after)}`,
			);
			expect(p2.json.data[0].id).not.toBe(p1.json.data[0].id);
			expect(p2.json.paging.previous).toBeDefined();
			const back = await api.get(p2.json.paging.previous);
			expect(back.json.data.map((t: { id: string }) => t.id)).toEqual(
				p1.json.data.map((t: { id: string }) => t.id),
			);
			const summary = await api.get(
				`/${SEED.wabaId}/message_templates?limit=1&summary=total_count`,
			);
			expect(summary.json.summary).toEqual({ total_count: 40 });
			expect(
				(await api.get(`/${SEED.wabaId}/message_templates?after=garbage`)).json.error.code,
			).toBe(100);
			expect((await api.get(`/${SEED.wabaId}/message_templates?limit=0`)).json.error.code).toBe(
				100,
			);
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
			expect(
				marketing.json.data.every((t: { category: string }) => t.category === 'MARKETING'),
			).toBe(true);
			const byName = await api.get(
				`/${SEED.wabaId}/message_templates?name=repair&fields=name,language`,
			);
			expect(byName.json.data).toHaveLength(4);
		});

		it('the phone number ID is not a WABA: 100 "nonexisting field (message_templates)" and a pitfall', async () => {
			const r = await api.get(`/${SEED.phoneNumberId}/message_templates`);
			expect(r.status).toBe(400);
			expect(r.json.error.message).toBe(
				'(#100) Tried accessing nonexisting field (message_templates) on node type (WhatsAppBusinessPhoneNumber)',
			);
			expect(api.sb.sandbox.pitfalls.last()?.kind).toBe('phone_number_id_as_waba_id');
		});

		it('GET /{template-id} with and without fields', async () => {
			const t = api.sb.sandbox.templates.find(TEMPLATE.copyCode, 'en_US');
			const r = await api.get(`/${t?.id}`);
			expect(r.json).toMatchObject({
				id: t?.id,
				name: TEMPLATE.copyCode,
				status: 'APPROVED',
				category: 'MARKETING',
			});
			expect((await api.get(`/${t?.id}?fields=name`)).json).toEqual({
				name: TEMPLATE.copyCode,
				id: t?.id,
			});
		});
	});

	describe('create and delete', () => {
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
				(await api.post(`/${SEED.wabaId}/message_templates`, { ...def, name: 'Bad Name' })).json
					.error.error_subcode,
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
			const missing = await api.del(
				`/${SEED.wabaId}/message_templates?name=${TEMPLATE.positional}`,
			);
			expect(missing.json.error).toMatchObject({ code: 100, error_subcode: 2593002 });
		});
	});

	describe('sending templates: checks against the definition', () => {
		const ok: Array<[string, unknown[] | undefined, string?]> = [
			[TEMPLATE.noVariables, undefined],
			[TEMPLATE.positional, [body('Ada', 'RB-1')]],
			[TEMPLATE.positional, [body('Ada', 'RB-1')], 'pt_BR'],
			[TEMPLATE.named, [named({ order_number: 'SB-1', customer_name: 'Ada' })]],
			[
				TEMPLATE.namedHeader,
				[
					{
						type: 'header',
						parameters: [{ type: 'text', parameter_name: 'shop_name', text: 'Downtown' }],
					},
					named({ first_name: 'Ada', pickup_time: 'Fri 17:30', ticket_id: 'RB-1' }),
				],
			],
			[
				TEMPLATE.imageHeader,
				[
					{
						type: 'header',
						parameters: [{ type: 'image', image: { link: 'https://example.com/b.jpg' } }],
					},
					body('Ada'),
					{
						type: 'button',
						sub_type: 'url',
						index: '0',
						parameters: [{ type: 'text', text: 'gravel-2025' }],
					},
					{
						type: 'button',
						sub_type: 'quick_reply',
						index: 1,
						parameters: [{ type: 'payload', payload: 'NO' }],
					},
				],
			],
			[
				TEMPLATE.videoHeader,
				[
					{ type: 'header', parameters: [{ type: 'video', video: { id: SEED.media.video } }] },
					body('Ada'),
				],
			],
			[
				TEMPLATE.documentHeader,
				[
					{
						type: 'header',
						parameters: [
							{
								type: 'document',
								document: { link: 'https://example.com/i.pdf', filename: 'i.pdf' },
							},
						],
					},
					body('Ada', 'INV-1'),
				],
			],
			[
				TEMPLATE.locationHeader,
				[
					{
						type: 'header',
						parameters: [
							{
								type: 'location',
								location: { latitude: 1, longitude: 2, name: 'Shop', address: 'Main 1' },
							},
						],
					},
					body('Ada'),
				],
			],
			[
				TEMPLATE.textHeader,
				[
					{ type: 'header', parameters: [{ type: 'text', text: 'Spring week' }] },
					body('May 1', 'TUNE15', '15%'),
				],
			],
			[
				TEMPLATE.copyCode,
				[
					body('Ada'),
					{
						type: 'button',
						sub_type: 'copy_code',
						index: 0,
						parameters: [{ type: 'coupon_code', coupon_code: 'RIDE20' }],
					},
					{
						type: 'button',
						sub_type: 'url',
						index: 1,
						parameters: [{ type: 'text', text: 'RIDE20' }],
					},
				],
			],
			[TEMPLATE.quickReplies, [body('Mon 9:00')]],
			[
				TEMPLATE.flow,
				[
					body('Ada'),
					{
						type: 'button',
						sub_type: 'flow',
						index: 0,
						parameters: [{ type: 'action', action: { flow_token: 'tok-1' } }],
					},
				],
			],
			[
				TEMPLATE.currencyDate,
				[
					{
						type: 'body',
						parameters: [
							{
								type: 'currency',
								currency: { fallback_value: '$49.90', code: 'USD', amount_1000: 49900 },
							},
							{ type: 'date_time', date_time: { fallback_value: 'May 3, 2025' } },
						],
					},
				],
			],
			[`${TEMPLATE.generatedPrefix}03`, [body('a')], 'pt_BR'],
		];
		// jest treats a missing trailing column as a `done` callback: pad every row
		const okRows = ok.map(
			([name, components, language]) => [name, components, language ?? 'en_US'] as const,
		);
		it.each(okRows)(
			'%s is accepted with correct components',
			async (name, components, language) => {
				const r = await api.send(tpl(name, components, language));
				expect({ status: r.status, error: r.json.error }).toEqual({
					status: 200,
					error: undefined,
				});
				expect(r.json.messages[0].message_status).toBe('accepted');
			},
		);

		it('records the hydrated body text', async () => {
			const r = await api.send(
				tpl(TEMPLATE.named, [named({ customer_name: 'Ada', order_number: 'SB-9' })]),
			);
			const rec = api.sb.sandbox.getMessage(r.json.messages[0].id);
			expect(rec?.text).toBe(
				'Thanks Ada! We received order SB-9 and will message you when it ships.',
			);
			expect(rec?.template).toEqual({
				name: TEMPLATE.named,
				language: 'en_US',
				category: 'UTILITY',
			});
		});

		it('a body-only template takes body text beyond 1024 characters (Meta: up to 32768)', async () => {
			const r = await api.send(tpl(TEMPLATE.positional, [body('a'.repeat(1500), 'RB-1')]));
			expect(r.status).toBe(200);
		});

		const bad: Array<[string, string, unknown[] | undefined, number, string, string?]> = [
			[
				'unknown name',
				'no_such_template',
				undefined,
				132001,
				'template name (no_such_template) does not exist in en_US',
			],
			[
				'wrong language',
				TEMPLATE.named,
				[named({ customer_name: 'a', order_number: 'b' })],
				132001,
				'does not exist in fr',
				'fr',
			],
			['pending', TEMPLATE.pending, [body('a')], 132001, 'does not exist'],
			['rejected', TEMPLATE.rejected, [body('a', 'b')], 132001, 'does not exist'],
			['paused', TEMPLATE.paused, [body('a')], 132015, 'paused'],
			[
				'too few positional',
				TEMPLATE.positional,
				[body('a')],
				132000,
				'body: number of localizable_params (1) does not match the expected number of params (2)',
			],
			[
				'too many positional',
				TEMPLATE.positional,
				[body('a', 'b', 'c')],
				132000,
				'(3) does not match the expected number of params (2)',
			],
			['no body at all', TEMPLATE.positional, undefined, 132000, '(0) does not match'],
			[
				'variables on a template without any',
				TEMPLATE.noVariables,
				[body('a')],
				132000,
				'(1) does not match the expected number of params (0)',
			],
			[
				'named: wrong name',
				TEMPLATE.named,
				[named({ customer_name: 'a', order_id: 'b' })],
				132000,
				'missing: order_number; unexpected: order_id',
			],
			[
				'named: missing parameter_name',
				TEMPLATE.named,
				[body('a', 'b')],
				132000,
				'needs a parameter_name',
			],
			[
				'named: one missing',
				TEMPLATE.named,
				[named({ customer_name: 'a' })],
				132000,
				'missing: order_number',
			],
			[
				'header text var missing',
				TEMPLATE.textHeader,
				[body('a', 'b', 'c')],
				132000,
				'header: number of localizable_params (0) does not match the expected number of params (1)',
			],
			[
				'media header missing',
				TEMPLATE.imageHeader,
				[
					body('a'),
					{ type: 'button', sub_type: 'url', index: 0, parameters: [{ type: 'text', text: 'x' }] },
				],
				132012,
				'header: Format mismatch, expected IMAGE, received UNKNOWN',
			],
			[
				'media header wrong type',
				TEMPLATE.documentHeader,
				[
					{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://x.y/z.jpg' } }] },
					body('a', 'b'),
				],
				132012,
				'expected DOCUMENT, received IMAGE',
			],
			[
				'location header missing',
				TEMPLATE.locationHeader,
				[body('a')],
				132012,
				'expected LOCATION',
			],
			[
				'dynamic URL parameter missing',
				TEMPLATE.imageHeader,
				[
					{ type: 'header', parameters: [{ type: 'image', image: { id: SEED.media.image } }] },
					body('a'),
				],
				132000,
				'Button at index 0 of type Url requires a parameter',
			],
			[
				'coupon code over 15 characters',
				TEMPLATE.copyCode,
				[
					body('a'),
					{
						type: 'button',
						sub_type: 'copy_code',
						index: 0,
						parameters: [{ type: 'coupon_code', coupon_code: 'X'.repeat(16) }],
					},
				],
				100,
				'at most 15',
			],
			[
				'copy code missing',
				TEMPLATE.copyCode,
				[
					body('a'),
					{ type: 'button', sub_type: 'url', index: 1, parameters: [{ type: 'text', text: 'x' }] },
				],
				132000,
				'Button at index 0 of type CopyCode requires a parameter',
			],
			[
				'button sub_type mismatch',
				TEMPLATE.quickReplies,
				[
					body('a'),
					{ type: 'button', sub_type: 'url', index: 0, parameters: [{ type: 'text', text: 'x' }] },
				],
				132012,
				'expected sub_type quick_reply',
			],
			[
				'button index that does not exist',
				TEMPLATE.quickReplies,
				[body('a'), { type: 'button', sub_type: 'quick_reply', index: 7, parameters: [] }],
				100,
				'does not exist',
			],
			[
				'parameter on a static button',
				TEMPLATE.documentHeader,
				[
					{
						type: 'header',
						parameters: [{ type: 'document', document: { id: SEED.media.document } }],
					},
					body('a', 'b'),
					{ type: 'button', sub_type: 'url', index: 1, parameters: [{ type: 'text', text: 'x' }] },
				],
				132000,
				'button at index 1',
			],
			['empty text parameter', TEMPLATE.positional, [body('a', ' ')], 131008, 'empty'],
			[
				'newline in a parameter',
				TEMPLATE.positional,
				[body('a', 'line\nbreak')],
				100,
				'new-line/tab',
			],
			[
				'hydrated body too long (template with a header)',
				TEMPLATE.textHeader,
				[
					{ type: 'header', parameters: [{ type: 'text', text: 'Spring week' }] },
					body('a'.repeat(600), 'b'.repeat(600), 'c'),
				],
				132005,
				'limit is 1024',
			],
			[
				'hydrated body too long (body-only template)',
				TEMPLATE.positional,
				[body('a'.repeat(20000), 'b'.repeat(13000))],
				132005,
				'limit is 32768',
			],
			[
				'currency in a header',
				TEMPLATE.textHeader,
				[
					{
						type: 'header',
						parameters: [
							{
								type: 'currency',
								currency: { fallback_value: '$1', code: 'USD', amount_1000: 1000 },
							},
						],
					},
					body('a', 'b', 'c'),
				],
				132012,
				'not allowed',
			],
			[
				'bad parameter shape',
				TEMPLATE.positional,
				[{ type: 'body', parameters: [{ type: 'text' }, { type: 'text', text: 'b' }] }],
				100,
				"template['components'][0]['parameters'][0]['text'] is required",
			],
			[
				'unknown parameter type',
				TEMPLATE.positional,
				[{ type: 'body', parameters: [{ type: 'emoji', emoji: 'x' }] }],
				100,
				'must be one of',
			],
		];
		const badRows = bad.map(
			([label, name, components, code, details, language]) =>
				[label, name, components, code, details, language ?? 'en_US'] as const,
		);
		it.each(badRows)('%s -> %s', async (_label, name, components, code, details, language) => {
			const r = await api.send(tpl(name, components, language));
			expect(r.json.error?.code).toBe(code);
			expect(r.json.error.error_data.details).toContain(details);
			expect(r.status).toBe(code === 132001 ? 404 : 400);
		});

		it('after approval through the control API a PENDING template can be sent', async () => {
			expect((await api.send(tpl(TEMPLATE.pending, [body('Ada')]))).json.error.code).toBe(132001);
			const r = await api.control('POST', `/templates/${TEMPLATE.pending}/approve`, {});
			expect(r.json.status).toBe('APPROVED');
			expect((await api.send(tpl(TEMPLATE.pending, [body('Ada')]))).status).toBe(200);
			expect((await api.control('POST', '/templates/nope/approve', {})).status).toBe(400);
		});
	});
});
