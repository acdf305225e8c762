import { SEED, TEMPLATE } from '../../../sandbox';
import { parse, useWebhookPair, verifySignature } from '../../support/sandbox/webhooks';

const USER = SEED.users[0].waId;

describe('inbound webhooks', () => {
	const { api, rx } = useWebhookPair();

	it("inbound text: Meta's shape, signed, contacts + messages in one change", async () => {
		const r = await api.control('POST', '/inbound', {
			from: USER,
			name: 'Ada Byrne',
			text: 'Is my bike ready? 🚲',
		});
		expect(r.status).toBe(200);
		const [post] = await rx.waitForPosts(1);
		expect(verifySignature(post.raw, post.headers['x-hub-signature-256'])).toBe(true);
		// Meta escapes non-ASCII: the bytes are ASCII, the parsed text is the emoji
		expect(post.raw.toString('latin1')).toContain('\\ud83d\\udeb2');
		const value = parse(post.raw).entry[0].changes[0].value;
		expect(value.contacts).toEqual([{ profile: { name: 'Ada Byrne' }, wa_id: USER }]);
		expect(value.messages[0]).toMatchObject({
			from: USER,
			type: 'text',
			text: { body: 'Is my bike ready? 🚲' },
			id: r.json.messages[0].id,
		});
		expect(value.messages[0].timestamp).toMatch(/^\d{10}$/);
	});

	it('inbound of every kind: replies, media, location, reaction, template quick reply', async () => {
		const out = await api.control('POST', '/inbound', {
			from: USER,
			messages: [
				{
					type: 'button_reply',
					replyId: 'confirm',
					replyTitle: 'Yes, confirm',
					contextMessageId: 'wamid.PREVIOUS',
				},
				{ type: 'list_reply', replyId: 'slot_2', replyTitle: 'Tuesday', replyDescription: '09:00' },
				{
					type: 'button',
					payload: 'STOP_PROMOS',
					buttonText: 'Stop promotions',
					contextMessageId: 'wamid.TEMPLATE',
				},
				{ type: 'image', caption: 'the crack' },
				{ type: 'document', filename: 'receipt.pdf' },
				{ type: 'audio' },
				{
					type: 'location',
					latitude: 48.1,
					longitude: 11.5,
					locationName: 'Home',
					address: 'Main St 1',
				},
				{ type: 'reaction', reactTo: 'wamid.OUT', emoji: '❤️' },
				{ type: 'reaction', reactTo: 'wamid.OUT', removed: true },
				{ from: '447700900123', text: 'second user in the same POST' },
			],
		});
		expect(out.json.messages).toHaveLength(10);
		const [post] = await rx.waitForPosts(1);
		const value = parse(post.raw).entry[0].changes[0].value;
		expect(value.contacts.map((c: { wa_id: string }) => c.wa_id)).toEqual([USER, '447700900123']);
		const m = value.messages;
		expect(m[0]).toMatchObject({
			type: 'interactive',
			interactive: { type: 'button_reply', button_reply: { id: 'confirm', title: 'Yes, confirm' } },
			context: { from: SEED.displayPhoneDigits, id: 'wamid.PREVIOUS' },
		});
		expect(m[1].interactive).toEqual({
			type: 'list_reply',
			list_reply: { id: 'slot_2', title: 'Tuesday', description: '09:00' },
		});
		expect(m[2]).toMatchObject({
			type: 'button',
			button: { payload: 'STOP_PROMOS', text: 'Stop promotions' },
		});
		expect(m[3]).toMatchObject({
			type: 'image',
			image: {
				caption: 'the crack',
				mime_type: 'image/jpeg',
				id: expect.stringMatching(/^\d{16}$/),
				sha256: expect.any(String),
			},
		});
		expect(m[4].document).toMatchObject({ filename: 'receipt.pdf', mime_type: 'application/pdf' });
		expect(m[5].audio).toMatchObject({ mime_type: 'audio/ogg; codecs=opus', voice: true });
		expect(m[6].location).toEqual({
			latitude: 48.1,
			longitude: 11.5,
			name: 'Home',
			address: 'Main St 1',
		});
		expect(m[7].reaction).toEqual({ message_id: 'wamid.OUT', emoji: '❤️' });
		expect(m[8].reaction).toEqual({ message_id: 'wamid.OUT' });
		expect(m[9].from).toBe('447700900123');
		// the injected image can be fetched like a real one
		const media = await api.get(`/${m[3].image.id}`);
		expect(media.json).toMatchObject({ mime_type: 'image/jpeg', messaging_product: 'whatsapp' });
	});

	it('a batch can carry messages and statuses in one POST', async () => {
		const sent = await api.send({
			to: USER,
			type: 'template',
			template: { name: TEMPLATE.noVariables, language: { code: 'en_US' } },
		});
		const id = sent.json.messages[0].id;
		await api.sb.sandbox.idle();
		rx.received.length = 0;
		await api.control('POST', '/inbound', {
			from: USER,
			text: 'and a status',
			statuses: [{ messageId: id, status: 'delivered' }],
		});
		const [post] = await rx.waitForPosts(1);
		const changes = parse(post.raw).entry[0].changes;
		expect(changes).toHaveLength(2);
		expect(changes[1].value.statuses[0]).toMatchObject({
			id,
			status: 'delivered',
			recipient_id: USER,
		});
	});
});
