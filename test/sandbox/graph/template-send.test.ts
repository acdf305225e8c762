import { SEED, TEMPLATE } from '../../../sandbox';
import { useSandbox } from '../../support/sandbox/api';
import { body, named, tpl } from '../../support/sandbox/messages';

describe('sending templates: checks against the definition', () => {
	const api = useSandbox({ statuses: [], pairRateSeconds: 0, tier: 1000 }, { keepKnobs: true });

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

	it.each(okRows)('%s is accepted with correct components', async (name, components, language) => {
		const r = await api.send(tpl(name, components, language));
		expect({ status: r.status, error: r.json.error }).toEqual({
			status: 200,
			error: undefined,
		});
		expect(r.json.messages[0].message_status).toBe('accepted');
	});

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
		['location header missing', TEMPLATE.locationHeader, [body('a')], 132012, 'expected LOCATION'],
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
});
