/**
 * Template send components from the mapped variables: the exact shapes Meta documents, currency and
 * date_time parameters, the checks before sending, and templates changed in Meta since the node
 * was set up (the 132000 trap).
 */
import {
	buildTemplateComponents,
	findStaleMapping,
} from '../../../nodes/WhatsAppCloud/templates/components';
import { formatCurrencyFallback } from '../../../nodes/WhatsAppCloud/templates/parameters';
import { problem, value } from '../../support/result';
import * as t from '../../support/templates.fixtures';

describe('components: the exact shapes Meta documents for template sends', () => {
	it('positional header + body; quick reply payload omitted when empty', () => {
		const components = value(
			buildTemplateComponents({
				definition: t.positionalPromo,
				values: { header_1: 'Ines', body_1: 'ROSES10', body_2: '10%', button_1_payload: '' },
			}),
		);
		expect(components).toEqual([
			{ type: 'header', parameters: [{ type: 'text', text: 'Ines' }] },
			{
				type: 'body',
				parameters: [
					{ type: 'text', text: 'ROSES10' },
					{ type: 'text', text: '10%' },
				],
			},
		]);
	});

	it('quick reply payload becomes a button component with its index', () => {
		const components = value(
			buildTemplateComponents({
				definition: t.positionalPromo,
				values: { header_1: 'Ines', body_1: 'ROSES10', body_2: '10%', button_1_payload: 'OPT_OUT' },
			}),
		);
		expect(components[2]).toEqual({
			type: 'button',
			sub_type: 'quick_reply',
			index: 1,
			parameters: [{ type: 'payload', payload: 'OPT_OUT' }],
		});
	});

	it('named: parameter_name on each parameter, image header by link', () => {
		const components = value(
			buildTemplateComponents({
				definition: t.namedBooking,
				values: {
					header_image: 'https://cdn.example.org/room.jpg',
					body_guest_name: 'Ola',
					body_party_size: 4,
					body_visit_date: 'Saturday',
				},
			}),
		);
		expect(components).toEqual([
			{
				type: 'header',
				parameters: [{ type: 'image', image: { link: 'https://cdn.example.org/room.jpg' } }],
			},
			{
				type: 'body',
				parameters: [
					{ type: 'text', parameter_name: 'guest_name', text: 'Ola' },
					{ type: 'text', parameter_name: 'party_size', text: '4' },
					{ type: 'text', parameter_name: 'visit_date', text: 'Saturday' },
				],
			},
		]);
	});

	it('named header text parameter', () => {
		expect(
			value(
				buildTemplateComponents({
					definition: t.namedHeader,
					values: { header_parcel_id: 'DE-1', body_arrival_day: 'Dienstag' },
				}),
			),
		).toEqual([
			{ type: 'header', parameters: [{ type: 'text', parameter_name: 'parcel_id', text: 'DE-1' }] },
			{
				type: 'body',
				parameters: [{ type: 'text', parameter_name: 'arrival_day', text: 'Dienstag' }],
			},
		]);
	});

	it('document header by media ID with a file name', () => {
		expect(
			value(
				buildTemplateComponents({
					definition: t.documentInvoice,
					values: {
						header_document: ' 1234567890 ',
						header_document_filename: 'factura.pdf',
						body_1: 'F-1',
					},
				}),
			),
		).toEqual([
			{
				type: 'header',
				parameters: [{ type: 'document', document: { id: '1234567890', filename: 'factura.pdf' } }],
			},
			{ type: 'body', parameters: [{ type: 'text', text: 'F-1' }] },
		]);
	});

	it('video header only', () => {
		expect(
			value(
				buildTemplateComponents({
					definition: t.videoTour,
					values: { header_video: 'https://cdn.example.org/tour.mp4' },
				}),
			),
		).toEqual([
			{
				type: 'header',
				parameters: [{ type: 'video', video: { link: 'https://cdn.example.org/tour.mp4' } }],
			},
		]);
	});

	it('location header (numbers given as text are read as numbers)', () => {
		expect(
			value(
				buildTemplateComponents({
					definition: t.locationPickup,
					values: {
						header_latitude: '-23.5614',
						header_longitude: -46.6559,
						header_location_name: 'Loja Paulista',
						header_location_address: 'Av. Paulista 1000',
						body_1: 'P-9',
					},
				}),
			),
		).toEqual([
			{
				type: 'header',
				parameters: [
					{
						type: 'location',
						location: {
							latitude: -23.5614,
							longitude: -46.6559,
							name: 'Loja Paulista',
							address: 'Av. Paulista 1000',
						},
					},
				],
			},
			{ type: 'body', parameters: [{ type: 'text', text: 'P-9' }] },
		]);
	});

	it('location header without the optional name and address', () => {
		const components = value(
			buildTemplateComponents({
				definition: t.locationPickup,
				values: { header_latitude: 1.5, header_longitude: 2.5, body_1: 'x' },
			}),
		);
		expect(components[0]).toEqual({
			type: 'header',
			parameters: [{ type: 'location', location: { latitude: 1.5, longitude: 2.5 } }],
		});
	});

	it('dynamic URL suffix button', () => {
		expect(
			value(
				buildTemplateComponents({
					definition: t.urlTracking,
					values: { body_1: 'A-1', button_1_url: 'QQ-7' },
				}),
			),
		).toEqual([
			{ type: 'body', parameters: [{ type: 'text', text: 'A-1' }] },
			{ type: 'button', sub_type: 'url', index: 1, parameters: [{ type: 'text', text: 'QQ-7' }] },
		]);
	});

	it('coupon code, limited-time offer and URL suffix (Meta order: header, body, offer, buttons)', () => {
		expect(
			value(
				buildTemplateComponents({
					definition: t.couponOffer,
					values: {
						header_image: '555000111',
						body_1: 'FREESHIP',
						offer_expiration_time_ms: 1767225600000,
						button_0_coupon_code: 'FREESHIP',
						button_1_url: 'wk30',
					},
				}),
			),
		).toEqual([
			{ type: 'header', parameters: [{ type: 'image', image: { id: '555000111' } }] },
			{ type: 'body', parameters: [{ type: 'text', text: 'FREESHIP' }] },
			{
				type: 'limited_time_offer',
				parameters: [
					{ type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: 1767225600000 } },
				],
			},
			{
				type: 'button',
				sub_type: 'copy_code',
				index: 0,
				parameters: [{ type: 'coupon_code', coupon_code: 'FREESHIP' }],
			},
			{ type: 'button', sub_type: 'url', index: 1, parameters: [{ type: 'text', text: 'wk30' }] },
		]);
	});

	it('several quick replies, only those with a payload are sent', () => {
		expect(
			value(
				buildTemplateComponents({
					definition: t.quickReplies,
					values: { button_0_payload: 'YES', button_2_payload: 'HUMAN' },
				}),
			),
		).toEqual([
			{
				type: 'button',
				sub_type: 'quick_reply',
				index: 0,
				parameters: [{ type: 'payload', payload: 'YES' }],
			},
			{
				type: 'button',
				sub_type: 'quick_reply',
				index: 2,
				parameters: [{ type: 'payload', payload: 'HUMAN' }],
			},
		]);
	});

	it('flow button with token and action data (JSON text or object)', () => {
		const expected = [
			{ type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Lea' }] },
			{
				type: 'button',
				sub_type: 'flow',
				index: 0,
				parameters: [
					{ type: 'action', action: { flow_token: 'tok-1', flow_action_data: { plan: 'gold' } } },
				],
			},
		];
		expect(
			value(
				buildTemplateComponents({
					definition: t.flowSignup,
					values: {
						body_first_name: 'Lea',
						button_0_flow_token: 'tok-1',
						button_0_flow_action_data: '{"plan":"gold"}',
					},
				}),
			),
		).toEqual(expected);
		expect(
			value(
				buildTemplateComponents({
					definition: t.flowSignup,
					values: {
						body_first_name: 'Lea',
						button_0_flow_token: 'tok-1',
						button_0_flow_action_data: { plan: 'gold' },
					},
				}),
			),
		).toEqual(expected);
	});

	it('flow button left empty sends no button component', () => {
		expect(
			value(
				buildTemplateComponents({ definition: t.flowSignup, values: { body_first_name: 'Lea' } }),
			),
		).toHaveLength(1);
	});

	it('authentication code: body and the OTP button as a url button', () => {
		expect(
			value(
				buildTemplateComponents({
					definition: t.otpLogin,
					values: { body_1: '771204', button_0_otp_code: '771204' },
				}),
			),
		).toEqual([
			{ type: 'body', parameters: [{ type: 'text', text: '771204' }] },
			{ type: 'button', sub_type: 'url', index: 0, parameters: [{ type: 'text', text: '771204' }] },
		]);
	});

	it('a template without variables gives no components', () => {
		expect(value(buildTemplateComponents({ definition: t.pendingTemplate, values: {} }))).toEqual(
			[],
		);
	});

	it('extra keys in the values are ignored', () => {
		expect(
			value(
				buildTemplateComponents({ definition: t.bodyOnly, values: { body_1: 'a', body_9: 'b' } }),
			),
		).toEqual([{ type: 'body', parameters: [{ type: 'text', text: 'a' }] }]);
	});
});

describe('currency and date_time parameters', () => {
	it('currency: amount_1000 and a localized fallback, from Variable Formats', () => {
		const components = value(
			buildTemplateComponents({
				definition: t.positionalPromo,
				values: { header_1: 'Ines', body_1: 'ROSES10', body_2: '12.5' },
				formats: { body_2: { format: 'currency', currencyCode: 'usd' } },
			}),
		);
		expect(components[1]).toEqual({
			type: 'body',
			parameters: [
				{ type: 'text', text: 'ROSES10' },
				{
					type: 'currency',
					currency: { fallback_value: '$12.50', code: 'USD', amount_1000: 12500 },
				},
			],
		});
	});

	it('currency in a named template keeps parameter_name; fallback follows the template language', () => {
		const components = value(
			buildTemplateComponents({
				definition: t.namedHeader,
				values: { header_parcel_id: 'X', body_arrival_day: 1234.5 },
				formats: { body_arrival_day: { format: 'currency', currencyCode: 'EUR' } },
			}),
		);
		expect(components[1].parameters).toEqual([
			{
				type: 'currency',
				parameter_name: 'arrival_day',
				currency: {
					fallback_value: formatCurrencyFallback(1234.5, 'EUR', 'de'),
					code: 'EUR',
					amount_1000: 1234500,
				},
			},
		]);
		expect(formatCurrencyFallback(1234.5, 'EUR', 'de')).toMatch(/1\.234,50\s€/);
	});

	it('date_time: fallback_value is the text given', () => {
		const components = value(
			buildTemplateComponents({
				definition: t.bodyOnly,
				values: { body_1: 'March 3, 2026' },
				formats: { body_1: { format: 'date_time' } },
			}),
		);
		expect(components).toEqual([
			{
				type: 'body',
				parameters: [{ type: 'date_time', date_time: { fallback_value: 'March 3, 2026' } }],
			},
		]);
	});

	it('a parameter object from an expression is sent as is', () => {
		const currency = {
			type: 'currency',
			currency: { fallback_value: '€5', code: 'EUR', amount_1000: 5000 },
		};
		expect(
			value(buildTemplateComponents({ definition: t.bodyOnly, values: { body_1: currency } }))[0]
				.parameters,
		).toEqual([currency]);
		expect(
			value(
				buildTemplateComponents({
					definition: t.bodyOnly,
					values: { body_1: { date_time: { fallback_value: 'today' } } },
				}),
			)[0].parameters,
		).toEqual([{ type: 'date_time', date_time: { fallback_value: 'today' } }]);
	});

	it('bad amount and bad currency code are reported with the variable', () => {
		expect(
			problem(
				buildTemplateComponents({
					definition: t.bodyOnly,
					values: { body_1: '12,50 €' },
					formats: { body_1: { format: 'currency', currencyCode: 'EUR' } },
				}),
			),
		).toMatchObject({
			message:
				'Body {{1}} (e.g. Water off 9-11am) of template "plain_notice" (en_US) is a currency amount, got 12,50 €',
			field: 'body_1',
		});
		expect(
			problem(
				buildTemplateComponents({
					definition: t.bodyOnly,
					values: { body_1: '5' },
					formats: { body_1: { format: 'currency', currencyCode: 'EURO' } },
				}),
			).message,
		).toContain('currency code "EURO" is not a 3-letter ISO 4217 code');
	});
});

describe('checks before sending', () => {
	it('missing required variable names the variable, the template and what to do', () => {
		const result = problem(
			buildTemplateComponents({
				definition: t.positionalPromo,
				values: { header_1: 'Ines', body_1: 'X' },
			}),
		);
		expect(result).toEqual({
			message: 'Template "spring_promo_positional" (en_US) needs a value for Body {{2}} (e.g. 15%)',
			description:
				'Type or map a value for this variable under Template Variables. Meta rejects a template message when any of its variables is left empty (error 132000).',
			field: 'body_2',
		});
	});

	it('blank and whitespace-only values count as missing', () => {
		expect(
			problem(buildTemplateComponents({ definition: t.bodyOnly, values: { body_1: '   ' } })).field,
		).toBe('body_1');
		expect(
			problem(buildTemplateComponents({ definition: t.bodyOnly, values: { body_1: null } })).field,
		).toBe('body_1');
	});

	it('header variable over 60 characters', () => {
		const result = problem(
			buildTemplateComponents({
				definition: t.positionalPromo,
				values: { header_1: 'h'.repeat(61), body_1: 'a', body_2: 'b' },
			}),
		);
		expect(result.message).toBe(
			'Header {{1}} (e.g. Maria) of template "spring_promo_positional" (en_US) is 61 characters; Meta allows at most 60',
		);
		expect(result.description).toContain('Shorten the value to 60 characters or fewer');
	});

	it('the header limit counts the rendered header (template text + value), as Meta does (132005)', () => {
		// "Hello {{1}}!": the template's own text is 7 characters, so the value has room for 53.
		expect(
			value(
				buildTemplateComponents({
					definition: t.positionalPromo,
					values: { header_1: 'h'.repeat(53), body_1: 'a', body_2: 'b' },
				}),
			)[0],
		).toEqual({
			type: 'header',
			parameters: [{ type: 'text', text: 'h'.repeat(53) }],
		});
		const result = problem(
			buildTemplateComponents({
				definition: t.positionalPromo,
				values: { header_1: 'h'.repeat(54), body_1: 'a', body_2: 'b' },
			}),
		);
		expect(result).toEqual({
			message:
				'The header of template "spring_promo_positional" (en_US) would be 61 characters with {{1}} filled in; Meta allows at most 60',
			description:
				"The header's own text takes 7 characters, so Header {{1}} (e.g. Maria) has room for 53. Shorten the value (Meta refuses a longer header with error 132005), for example with an expression such as {{ $json.value.slice(0, 53) }}.",
			field: 'header_1',
		});
		// A 60-character value alone is within the parameter limit, but not with the template's text around it.
		expect(
			problem(
				buildTemplateComponents({
					definition: t.positionalPromo,
					values: { header_1: 'h'.repeat(60), body_1: 'a', body_2: 'b' },
				}),
			).message,
		).toContain('would be 67 characters');
	});

	it('named header: rendered with the named placeholder', () => {
		const header = t.namedHeader.components?.find((c) => c.type === 'HEADER')?.text ?? '';
		const room = 60 - header.replace(/\{\{\s*\w+\s*\}\}/g, '').length;
		expect(
			buildTemplateComponents({
				definition: t.namedHeader,
				values: { header_parcel_id: 'P'.repeat(room), body_arrival_day: 'x' },
			}).ok,
		).toBe(true);
		const result = problem(
			buildTemplateComponents({
				definition: t.namedHeader,
				values: { header_parcel_id: 'P'.repeat(room + 1), body_arrival_day: 'x' },
			}),
		);
		expect(result.message).toContain('would be 61 characters with {{parcel_id}} filled in');
		expect(result.field).toBe('header_parcel_id');
	});

	it('lengths are counted in code points (charCount): an emoji is one character, not two UTF-16 units', () => {
		// 53 emoji: 106 UTF-16 units, 53 characters; "Hello {{1}}!" renders to 60.
		const emoji = '🌷'.repeat(53);
		expect(emoji.length).toBe(106);
		expect(
			buildTemplateComponents({
				definition: t.positionalPromo,
				values: { header_1: emoji, body_1: 'a', body_2: 'b' },
			}).ok,
		).toBe(true);
		expect(
			problem(
				buildTemplateComponents({
					definition: t.positionalPromo,
					values: { header_1: `${emoji}🌷`, body_1: 'a', body_2: 'b' },
				}),
			).message,
		).toContain('would be 61 characters');
		// Body parameter limit (1024 with other components) counted the same way.
		expect(
			buildTemplateComponents({
				definition: t.positionalPromo,
				values: { header_1: 'h', body_1: '🌷'.repeat(1024), body_2: 'c' },
			}).ok,
		).toBe(true);
		expect(
			problem(
				buildTemplateComponents({
					definition: t.positionalPromo,
					values: { header_1: 'h', body_1: '🌷'.repeat(1025), body_2: 'c' },
				}),
			).message,
		).toContain('is 1025 characters; Meta allows at most 1024');
		// Coupon code: 15 characters.
		expect(
			buildTemplateComponents({
				definition: t.couponOffer,
				values: {
					header_image: '1',
					body_1: 'x',
					offer_expiration_time_ms: 1,
					button_0_coupon_code: '🎁'.repeat(15),
					button_1_url: 'u',
				},
			}).ok,
		).toBe(true);
	});

	it('no check on the rendered body: Meta documents body limits per parameter only', () => {
		// A 1024-character parameter inside body text that adds more: Meta's parameter limit is met.
		expect(
			buildTemplateComponents({
				definition: t.positionalPromo,
				values: { header_1: 'h', body_1: 'b'.repeat(1024), body_2: 'c'.repeat(1024) },
			}).ok,
		).toBe(true);
	});

	it('body variable over 1024 characters when the template has other components', () => {
		expect(
			buildTemplateComponents({
				definition: t.positionalPromo,
				values: { header_1: 'h'.repeat(53), body_1: 'b'.repeat(1024), body_2: 'c' },
			}).ok,
		).toBe(true);
		expect(
			problem(
				buildTemplateComponents({
					definition: t.positionalPromo,
					values: { header_1: 'h', body_1: 'b'.repeat(1025), body_2: 'c' },
				}),
			).message,
		).toContain('is 1025 characters; Meta allows at most 1024');
	});

	it('body-only template allows long body parameters up to 32768', () => {
		expect(
			buildTemplateComponents({ definition: t.bodyOnly, values: { body_1: 'b'.repeat(5000) } }).ok,
		).toBe(true);
		expect(
			problem(
				buildTemplateComponents({ definition: t.bodyOnly, values: { body_1: 'b'.repeat(32769) } }),
			).message,
		).toContain('Meta allows at most 32768');
	});

	it('coupon code over 15 characters', () => {
		expect(
			problem(
				buildTemplateComponents({
					definition: t.couponOffer,
					values: {
						header_image: '1',
						body_1: 'x',
						offer_expiration_time_ms: 1,
						button_0_coupon_code: 'C'.repeat(16),
						button_1_url: 'u',
					},
				}),
			).message,
		).toBe(
			'Button 1: Coupon Code (e.g. SHIPFREE) of template "weekend_coupon_offer" (en_US) is 16 characters; Meta allows at most 15',
		);
	});

	it('media must be a https link or a media ID', () => {
		const result = problem(
			buildTemplateComponents({ definition: t.videoTour, values: { header_video: 'tour.mp4' } }),
		);
		expect(result.message).toBe(
			'Header Video (https link or media ID) of template "studio_tour_video" (en) must be a https:// link or a media ID, got tour.mp4',
		);
		expect(result.field).toBe('header_video');
	});

	it('coordinates must be numbers in range', () => {
		expect(
			problem(
				buildTemplateComponents({
					definition: t.locationPickup,
					values: { header_latitude: 95, header_longitude: 0, body_1: 'x' },
				}),
			).message,
		).toContain('must be a number between -90 and 90, got 95');
		expect(
			problem(
				buildTemplateComponents({
					definition: t.locationPickup,
					values: { header_latitude: 1, header_longitude: 'east', body_1: 'x' },
				}),
			).field,
		).toBe('header_longitude');
	});

	it('objects where text is expected are refused', () => {
		expect(
			problem(
				buildTemplateComponents({
					definition: t.urlTracking,
					values: { body_1: 'x', button_1_url: { a: 1 } },
				}),
			).message,
		).toContain('must be text, got {"a":1}');
	});

	it('offer expiration must be a positive whole number of ms', () => {
		expect(
			problem(
				buildTemplateComponents({
					definition: t.couponOffer,
					values: {
						header_image: '1',
						body_1: 'x',
						offer_expiration_time_ms: 'next week',
						button_0_coupon_code: 'C',
						button_1_url: 'u',
					},
				}),
			).field,
		).toBe('offer_expiration_time_ms');
	});

	it('flow action data must be a JSON object', () => {
		expect(
			problem(
				buildTemplateComponents({
					definition: t.flowSignup,
					values: { body_first_name: 'a', button_0_flow_action_data: '[1,2]' },
				}),
			).message,
		).toContain('must be a JSON object');
	});
});

describe('changed templates (the 132000 trap) are caught before sending', () => {
	it('a required variable the user never saw', () => {
		const stale = findStaleMapping(t.positionalPromo, ['header_1', 'body_1'], {
			header_1: 'a',
			body_1: 'b',
		});
		expect(stale).toEqual({
			message:
				'The variables of template "spring_promo_positional" (en_US) changed in Meta: it now also needs Body {{2}} (e.g. 15%)',
			description:
				"The template's variables changed in Meta; reopen the node to refresh the variable fields, then map the new ones (otherwise Meta answers 132000).",
			field: 'variables',
		});
	});

	it('a mapped variable the template no longer has', () => {
		expect(
			findStaleMapping(t.bodyOnly, ['body_1', 'body_2'], { body_1: 'a', body_2: 'b' })?.message,
		).toBe(
			'The variables of template "plain_notice" (en_US) changed in Meta: it no longer has body_2',
		);
	});

	it('nothing to say when the schema matches, is empty, or only optional fields are new', () => {
		expect(findStaleMapping(t.bodyOnly, ['body_1'], { body_1: 'a' })).toBeUndefined();
		expect(findStaleMapping(t.bodyOnly, undefined, { body_1: 'a' })).toBeUndefined();
		expect(
			findStaleMapping(t.flowSignup, ['body_first_name'], { body_first_name: 'a' }),
		).toBeUndefined();
	});
});
