import { SEED } from '../../../sandbox';
import { parseMessagesRequest } from '../../../sandbox/graph/message-schemas';
import { useSandbox } from '../../support/sandbox/api';
import { text } from '../../support/sandbox/messages';

const USER = SEED.users[0].waId;

describe('message request schemas', () => {
	it('mark-as-read is told apart from a message', () => {
		expect(
			parseMessagesRequest({
				messaging_product: 'whatsapp',
				status: 'read',
				message_id: 'wamid.X',
			}),
		).toEqual({ kind: 'read', messageId: 'wamid.X', typing: false });
		expect(
			parseMessagesRequest({ messaging_product: 'whatsapp', to: '1', text: { body: 'x' } }),
		).toMatchObject({ kind: 'message', message: { type: 'text' } });
	});
});

describe('POST /{phone-number-id}/messages: request checks', () => {
	const api = useSandbox({ pairRateSeconds: 0 });

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
});
