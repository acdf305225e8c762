import { SEED, TEMPLATE } from '../../sandbox';
import { type Api, startApi, text } from './helpers';

const USER = SEED.users[0].waId;

describe('sandbox Graph API: auth, phone number, pitfalls, message checks', () => {
	let api: Api;
	beforeAll(async () => {
		api = await startApi({ pairRateSeconds: 0 });
	});
	afterAll(async () => {
		await api.sb.close();
	});
	beforeEach(() => {
		api.sb.sandbox.reset();
		api.sb.sandbox.configure({ pairRateSeconds: 0 });
	});

	describe('credential test GET /{phone-number-id}', () => {
		it('answers the fields the credential test asks for', async () => {
			const r = await api.get(
				`/v24.0/${SEED.phoneNumberId}?fields=display_phone_number,verified_name,quality_rating`,
			);
			expect(r.status).toBe(200);
			expect(r.json).toEqual({
				display_phone_number: SEED.displayPhoneNumber,
				verified_name: SEED.verifiedName,
				quality_rating: 'GREEN',
				id: SEED.phoneNumberId,
			});
			expect(r.headers.get('facebook-api-version')).toBe('v24.0');
		});

		it('accepts any vN.N version and rejects a malformed one', async () => {
			expect((await api.get(`/v19.0/${SEED.phoneNumberId}`)).status).toBe(200);
			const bad = await api.get(`/v24/${SEED.phoneNumberId}`);
			expect(bad.status).toBe(400);
			expect(bad.json.error.code).toBe(100);
		});

		it('wrong token: 190 with HTTP 401 and a WWW-Authenticate header', async () => {
			const r = await api.get(`/${SEED.phoneNumberId}`, { token: 'EAAG-wrong' });
			expect(r.status).toBe(401);
			expect(r.json.error).toMatchObject({ code: 190, type: 'OAuthException' });
			expect(r.json.error.fbtrace_id).toMatch(/^A[\w-]{22}$/);
			expect(r.headers.get('www-authenticate')).toContain('invalid_token');
		});

		it('no token at all: 104 (spec: missing_token) with HTTP 401', async () => {
			const r = await api.get(`/${SEED.phoneNumberId}`, { token: null });
			expect(r.status).toBe(401);
			expect(r.json.error.code).toBe(104);
		});

		it('Authorization without "Bearer": 190, recorded as a pitfall', async () => {
			const r = await api.get(`/${SEED.phoneNumberId}`, {
				token: null,
				headers: { authorization: SEED.accessToken },
			});
			expect(r.status).toBe(401);
			expect(r.json.error.code).toBe(190);
			const p = await api.control('GET', '/pitfalls');
			expect(p.json.data.map((x: { kind: string }) => x.kind)).toContain(
				'authorization_without_bearer',
			);
		});

		it('"Bearer " with an empty token (empty credential field): 190, not 104', async () => {
			const r = await api.get(`/${SEED.phoneNumberId}`, {
				token: null,
				headers: { authorization: 'Bearer ' },
			});
			expect([r.status, r.json.error.code]).toEqual([401, 190]);
			expect(api.sb.sandbox.pitfalls.last()?.kind).toBe('empty_token');
		});

		it('expired token: 190 subcode 463', async () => {
			const sb = await startApi({ expiredTokens: ['EAAtemporary'] });
			try {
				const r = await sb.get(`/${SEED.phoneNumberId}`, { token: 'EAAtemporary' });
				expect(r.status).toBe(401);
				expect(r.json.error).toMatchObject({ code: 190, error_subcode: 463 });
			} finally {
				await sb.sb.close();
			}
		});

		it('token in the query string is refused (190) and recorded, never stored in the request log', async () => {
			const r = await api.get(`/${SEED.phoneNumberId}?access_token=${SEED.accessToken}`, {
				token: null,
			});
			expect(r.status).toBe(401);
			expect(r.json.error.code).toBe(190);
			const p = await api.control('GET', '/pitfalls');
			expect(p.json.data[0].kind).toBe('token_in_query');
			const log = await api.control('GET', '/requests');
			expect(JSON.stringify(log.json)).not.toContain(SEED.accessToken);
			expect(log.json.data.at(-1).path).toContain('access_token=REDACTED');
		});

		it('queryToken "record" serves the request but still records the pitfall', async () => {
			api.sb.sandbox.configure({ queryToken: 'record' });
			const r = await api.get(`/${SEED.phoneNumberId}?access_token=${SEED.accessToken}`, {
				token: null,
			});
			expect(r.status).toBe(200);
			expect(api.sb.sandbox.counters.pitfalls).toBe(1);
		});

		it('a WABA ID used as phone number ID: code 100 "nonexisting field" on GET', async () => {
			const r = await api.get(
				`/${SEED.wabaId}?fields=display_phone_number,verified_name,quality_rating`,
			);
			expect(r.status).toBe(400);
			expect(r.json.error.code).toBe(100);
			expect(r.json.error.message).toContain('WhatsAppBusinessAccount');
			expect(api.sb.sandbox.pitfalls.last()?.kind).toBe('waba_id_as_phone_number_id');
		});

		it('an unknown object ID: 100 / subcode 33 "Unsupported get request"', async () => {
			const r = await api.get('/123456789012345');
			expect(r.status).toBe(400);
			expect(r.json.error).toMatchObject({
				code: 100,
				error_subcode: 33,
				type: 'GraphMethodException',
			});
			expect(r.json.error.message).toMatch(
				/^Unsupported get request\. Object with ID '123456789012345' does not exist/,
			);
		});

		it('optional fields: webhook_configuration, throughput, unknown field', async () => {
			const r = await api.get(
				`/${SEED.phoneNumberId}?fields=webhook_configuration,throughput,platform_type`,
			);
			expect(r.json).toEqual({
				webhook_configuration: {},
				throughput: { level: 'STANDARD' },
				platform_type: 'CLOUD_API',
				id: SEED.phoneNumberId,
			});
			const bad = await api.get(`/${SEED.phoneNumberId}?fields=nope`);
			expect(bad.json.error.code).toBe(100);
		});
	});

	describe('POST /{phone-number-id}/messages', () => {
		it("accepts a text message in Meta's response shape with a wamid", async () => {
			api.sb.sandbox.setUserWindow(USER, Date.now());
			const r = await api.send(text(`+${USER}`));
			expect(r.status).toBe(200);
			expect(r.json).toEqual({
				messaging_product: 'whatsapp',
				contacts: [{ input: `+${USER}`, wa_id: USER }],
				messages: [{ id: expect.stringMatching(/^wamid\.[A-Za-z0-9+/=]+$/) }],
			});
			const decoded = Buffer.from(r.json.messages[0].id.slice(6), 'base64').toString('latin1');
			expect(decoded).toContain(USER);
			const listed = await api.control(
				'GET',
				`/messages/${encodeURIComponent(r.json.messages[0].id)}`,
			);
			expect(listed.json).toMatchObject({
				outcome: 'accepted',
				waId: USER,
				type: 'text',
				text: 'Hello from the test',
			});
			// wamids are base64: a '/' in an unencoded ID still finds the route
			const slash = await api.control('GET', '/messages/wamid.AB/CD=');
			expect([slash.status, slash.json.error.message]).toEqual([
				404,
				'No message wamid.AB/CD= (unknown, or evicted from the history)',
			]);
		});

		it('a WABA ID where the phone number ID belongs: Meta\'s "Unsupported post request" (100)', async () => {
			const r = await api.post(`/${SEED.wabaId}/messages`, {
				messaging_product: 'whatsapp',
				...text(USER),
			});
			expect(r.status).toBe(400);
			expect(r.json.error.code).toBe(100);
			expect(r.json.error.error_subcode).toBe(33);
			expect(r.json.error.message).toContain(
				`Unsupported post request. Object with ID '${SEED.wabaId}' does not exist`,
			);
			expect(api.sb.sandbox.counters.messages.byCode['100']).toBe(1);
		});

		it.each([
			['letters', 'abc'],
			['too short', '+12345'],
			['too long', '+1234567890123456'],
			['00 international prefix', '0015550109001'],
			['national trunk 0', '07700900123'],
		])('recipient format (%s) -> 100', async (_label, to) => {
			const r = await api.send(text(to));
			expect(r.status).toBe(400);
			expect(r.json.error.code).toBe(100);
			expect(r.json.error.error_data.details).toContain('international format');
		});

		it('accepts the usual recipient spellings', async () => {
			for (const to of ['+1 (555) 010-9001', '15550109001', '+15550109001', '1-555-010-9001']) {
				const r = await api.send(text(to));
				expect(r.status).toBe(200);
				expect(r.json.contacts[0].wa_id).toBe(USER);
			}
		});

		it('the business number itself -> 131021', async () => {
			const r = await api.send(text(SEED.displayPhoneDigits));
			expect(r.json.error.code).toBe(131021);
		});

		it('text over 4096 characters -> 100 naming the parameter; exactly 4096 passes', async () => {
			const r = await api.send(text(USER, 'x'.repeat(4097)));
			expect(r.status).toBe(400);
			expect(r.json.error).toMatchObject({ code: 100, message: '(#100) Invalid parameter' });
			expect(r.json.error.error_data).toEqual({
				messaging_product: 'whatsapp',
				details: "Param text['body'] must be at most 4096 characters long.",
			});
			expect((await api.send(text(USER, 'x'.repeat(4096)))).status).toBe(200);
		});

		it("missing pieces -> 100 with Meta's wording", async () => {
			expect(
				(await api.post(`/${SEED.phoneNumberId}/messages`, { to: USER, text: { body: 'x' } })).json
					.error.message,
			).toBe('(#100) The parameter messaging_product is required.');
			expect((await api.send({ type: 'text', text: { body: 'x' } })).json.error.message).toBe(
				'(#100) The parameter to is required.',
			);
			expect(
				(await api.send({ to: USER, type: 'text', text: {} })).json.error.error_data.details,
			).toBe("Param text['body'] is required.");
			expect((await api.send({ to: USER, type: 'image' })).json.error.code).toBe(100);
			expect((await api.send({ to: USER, type: 'hologram', hologram: {} })).json.error.code).toBe(
				131051,
			);
			expect((await api.post(`/${SEED.phoneNumberId}/messages`, '{not json')).json.error.code).toBe(
				100,
			);
		});

		it('type defaults to text as at Graph', async () => {
			expect((await api.send({ to: USER, text: { body: 'no type' } })).status).toBe(200);
		});

		it('validates every message type the nodes send', async () => {
			const ok = [
				{ type: 'image', image: { link: 'https://example.com/a.jpg', caption: 'c' } },
				{ type: 'image', image: { id: SEED.media.image } },
				{ type: 'video', video: { id: SEED.media.video } },
				{ type: 'audio', audio: { link: 'https://example.com/a.ogg' } },
				{ type: 'document', document: { link: 'https://example.com/q.pdf', filename: 'q.pdf' } },
				{ type: 'sticker', sticker: { id: SEED.media.sticker } },
				{ type: 'location', location: { latitude: 52.5, longitude: '13.4', name: 'Shop' } },
				{
					type: 'contacts',
					contacts: [
						{
							name: { formatted_name: 'A B', first_name: 'A' },
							phones: [{ phone: '+1 555', type: 'WORK' }],
						},
					],
				},
				{ type: 'reaction', reaction: { message_id: 'wamid.ABC', emoji: '👍' } },
				{
					type: 'interactive',
					interactive: {
						type: 'button',
						body: { text: 'Pick' },
						action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'A' } }] },
					},
				},
				{
					type: 'interactive',
					interactive: {
						type: 'list',
						body: { text: 'Pick' },
						action: {
							button: 'Open',
							sections: [{ title: 'S', rows: [{ id: 'r1', title: 'Row 1', description: 'd' }] }],
						},
					},
				},
				{
					type: 'interactive',
					interactive: {
						type: 'cta_url',
						body: { text: 'Visit' },
						action: {
							name: 'cta_url',
							parameters: { display_text: 'Open', url: 'https://example.com' },
						},
					},
				},
				{
					type: 'interactive',
					interactive: {
						type: 'flow',
						body: { text: 'Go' },
						action: {
							name: 'flow',
							parameters: {
								flow_message_version: '3',
								flow_cta: 'Start',
								flow_id: '123',
								flow_token: 't',
							},
						},
					},
				},
				{ type: 'text', text: { body: 'reply' }, context: { message_id: 'wamid.PREV' } },
			];
			for (const m of ok) {
				const r = await api.send({ to: USER, ...m });
				expect({ type: m.type, status: r.status, error: r.json.error }).toEqual({
					type: m.type,
					status: 200,
					error: undefined,
				});
			}
			const bad: Array<[Record<string, unknown>, string]> = [
				[{ type: 'image', image: {} }, 'either id or link'],
				[{ type: 'image', image: { id: '1', link: 'https://x.y/z' } }, 'only one of id or link'],
				[
					{ type: 'image', image: { link: 'https://x.y/z', caption: 'c'.repeat(1025) } },
					"image['caption'] must be at most 1024",
				],
				[
					{
						type: 'interactive',
						interactive: {
							type: 'button',
							body: { text: 'x' },
							action: {
								buttons: [1, 2, 3, 4].map((i) => ({
									type: 'reply',
									reply: { id: `${i}`, title: 't' },
								})),
							},
						},
					},
					'at most 3',
				],
				[
					{
						type: 'interactive',
						interactive: {
							type: 'button',
							body: { text: 'x' },
							action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'x'.repeat(21) } }] },
						},
					},
					'at most 20 characters',
				],
				[{ type: 'location', location: { latitude: 'north' } }, 'location'],
				[{ type: 'reaction', reaction: { emoji: '👍' } }, "reaction['message_id'] is required"],
			];
			for (const [m, needle] of bad) {
				const r = await api.send({ to: USER, ...m });
				expect(r.status).toBe(400);
				expect(r.json.error.code).toBe(100);
				expect(r.json.error.error_data.details).toContain(needle);
			}
		});

		it('mark as read and typing indicator answer {success:true}', async () => {
			const inbound = api.sb.sandbox.inject({ from: USER, text: 'hi' }, { deliver: false });
			const r = await api.post(`/${SEED.phoneNumberId}/messages`, {
				messaging_product: 'whatsapp',
				status: 'read',
				message_id: inbound.messages[0].id,
				typing_indicator: { type: 'text' },
			});
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ success: true });
			expect(api.sb.sandbox.counters.reads).toBe(1);
			expect(api.sb.sandbox.counters.typing).toBe(1);
			const bad = await api.post(`/${SEED.phoneNumberId}/messages`, {
				messaging_product: 'whatsapp',
				status: 'read',
				message_id: 'nope',
			});
			expect(bad.json.error.code).toBe(100);
		});

		it('test mode: recipients outside the allowlist get 131030', async () => {
			api.sb.sandbox.configure({ testMode: true, allowlist: [USER] });
			const r = await api.send(text('+4915199999999'));
			expect(r.status).toBe(400);
			expect(r.json.error).toMatchObject({
				code: 131030,
				message: '(#131030) Recipient phone number not in allowed list',
			});
			expect((await api.send(text(USER))).status).toBe(200);
			const info = await api.get(`/${SEED.phoneNumberId}?fields=account_mode`);
			expect(info.json.account_mode).toBe('SANDBOX');
		});

		it('counts accepted and rejected messages by code and lists them with filters', async () => {
			await api.send(text(USER));
			await api.send(text('abc'));
			await api.send({
				to: USER,
				type: 'template',
				template: { name: 'nope', language: { code: 'en_US' } },
			});
			const c = await api.control('GET', '/counters');
			expect(c.json.messages).toMatchObject({
				accepted: 1,
				rejected: 2,
				byCode: { '100': 1, '132001': 1 },
			});
			const rejected = await api.control('GET', '/messages?outcome=rejected');
			expect(rejected.json.data).toHaveLength(2);
			const byCode = await api.control('GET', '/messages?code=132001');
			expect(byCode.json.data[0].template).toEqual({
				name: 'nope',
				language: 'en_US',
				category: '',
			});
			const since = await api.control('GET', `/messages?since=${rejected.json.data[0].seq}`);
			expect(since.json.data.map((m: { seq: number }) => m.seq)).toEqual([3]);
			expect(since.json.cursor).toBe(3);
		});

		it('the template names exported by the seed exist', () => {
			const names = new Set(api.sb.sandbox.templates.all().map((t) => t.name));
			for (const [key, name] of Object.entries(TEMPLATE))
				if (key !== 'generatedPrefix') expect(names.has(name)).toBe(true);
		});
	});
});
