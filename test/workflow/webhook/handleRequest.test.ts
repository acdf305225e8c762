/**
 * The trigger's request handling (its webhook()) on n8n-core's real WebhookContext, through the
 * harness's runWebhook: what Meta receives for each request, and which items would start the
 * workflow.
 */
import { createHmac } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../credentials/WhatsAppCloudApi.credentials';
import { recentEventClaims } from '../../../nodes/WhatsAppCloud/webhook/dedup';
import { webhookSecretsCache } from '../../../nodes/WhatsAppCloud/webhook/secrets';
import { WhatsAppCloudTrigger } from '../../../nodes/WhatsAppCloud/WhatsAppCloudTrigger.node';
import type { WebhookRequest } from '../../support/n8n/fakeExpress';
import { runWebhook, type RunWebhookResult } from '../../support/n8n/runWebhook';
import {
	APP_SECRET,
	change,
	contact,
	delivery,
	entry,
	inbound,
	inboundDelivery,
	messagesDelivery,
	messagesValue,
	metaError,
	OTHER_PHONE_NUMBER_ID,
	PHONE_NUMBER_ID,
	status,
	templateStatusUpdate,
	USER_WA_ID,
	VERIFY_TOKEN,
	WABA_ID,
} from '../../support/webhook.fixtures';

const credentials = {
	whatsAppCloudApi: {
		accessToken: 'EAAtesttokenvalue0000000000000000000',
		phoneNumberId: PHONE_NUMBER_ID,
		businessAccountId: WABA_ID,
		appSecret: APP_SECRET,
		verifyToken: VERIFY_TOKEN,
		apiVersion: 'v24.0',
		baseUrl: 'https://graph.facebook.com',
	},
};

const sign = (raw: Buffer, secret = APP_SECRET) =>
	`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

async function post(
	raw: Buffer | string,
	options: {
		headers?: Record<string, string>;
		parameters?: INodeParameters;
		staticData?: IDataObject;
		sign?: boolean | string;
	} = {},
): Promise<RunWebhookResult> {
	const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8');
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		...options.headers,
	};
	if (options.sign !== false)
		headers['x-hub-signature-256'] = typeof options.sign === 'string' ? options.sign : sign(bytes);
	const request: WebhookRequest = { method: 'POST', headers, rawBody: bytes };
	return await runWebhook({
		nodeType: WhatsAppCloudTrigger,
		credentialTypes: [new WhatsAppCloudApi()],
		credentials,
		parameters: options.parameters ?? {},
		staticData: options.staticData,
		webhookName: 'default',
		request,
	});
}

async function postJson(body: unknown, options: Parameters<typeof post>[1] = {}) {
	return await post(JSON.stringify(body), options);
}

async function handshake(query: Record<string, unknown>) {
	return await runWebhook({
		nodeType: WhatsAppCloudTrigger,
		credentialTypes: [new WhatsAppCloudApi()],
		credentials,
		parameters: {},
		webhookName: 'setup',
		request: { method: 'GET', query },
	});
}

const items = (run: RunWebhookResult) => (run.workflowData?.[0] ?? []).map((item) => item.json);

// The per-process claim memory is module state: each test starts from an empty one, as the same
// fixture events are delivered in several tests.
beforeEach(() => {
	recentEventClaims.clear();
	webhookSecretsCache.clear();
});

describe('GET: verification handshake', () => {
	const good = {
		'hub.mode': 'subscribe',
		'hub.verify_token': VERIFY_TOKEN,
		'hub.challenge': '987654321',
	};

	it('right token: 200 text/plain, body exactly the challenge, no execution', async () => {
		const run = await handshake(good);
		expect(run.response).toMatchObject({ status: 200, text: '987654321', sentBy: 'node' });
		expect(run.response.headers['content-type']).toMatch(/^text\/plain/);
		expect(run.workflowData).toBeUndefined();
		expect(run.noWebhookResponse).toBe(true);
		expect(run.error).toBeUndefined();
	});

	it.each([
		['wrong token', { ...good, 'hub.verify_token': 'guess' }],
		['wrong mode', { ...good, 'hub.mode': 'unsubscribe' }],
		['missing challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN }],
		['missing token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }],
		['no query', {}],
	])('%s: 403, no execution, challenge not echoed', async (_label, query) => {
		const run = await handshake(query);
		expect(run.response).toMatchObject({ status: 403, sentBy: 'node' });
		expect(run.response.text).not.toContain('987654321');
		expect(run.workflowData).toBeUndefined();
		expect(run.error).toBeUndefined();
	});
});

describe('POST: signature', () => {
	const body = inboundDelivery(inbound('text', { body: 'Hallo, schöne Grüße' }));
	const raw = Buffer.from(JSON.stringify(body), 'utf8');

	it('valid: 200 from the node right away (before n8n creates the execution) and one item for the workflow', async () => {
		const run = await post(raw);
		expect(run.error).toBeUndefined();
		// The node answers and returns noWebhookResponse with the items: n8n then saves the dedup
		// memory (static data) before it starts the execution, see webhook/dedup.ts.
		expect(run.response).toMatchObject({ status: 200, text: 'EVENT_RECEIVED', sentBy: 'node' });
		expect(run.noWebhookResponse).toBe(true);
		expect(items(run)).toHaveLength(1);
		expect(items(run)[0]).toMatchObject({
			event: 'message',
			text: 'Hallo, schöne Grüße',
			from: USER_WA_ID,
		});
	});

	it.each([
		['missing', false],
		['wrong', sign(Buffer.from('something else'))],
		['other secret', sign(Buffer.from('x'), 'not-the-app-secret')],
		['truncated', sign(raw).slice(0, 40)],
		['wrong prefix', sign(raw).replace('sha256=', 'sha1=')],
		['not hex', `sha256=${'g'.repeat(64)}`],
	] as Array<[string, boolean | string]>)(
		'%s: 403, no execution, nothing thrown',
		async (_label, signature) => {
			const run = await post(raw, { sign: signature });
			expect(run.error).toBeUndefined();
			expect(run.response).toMatchObject({ status: 403, sentBy: 'node' });
			expect(run.workflowData).toBeUndefined();
		},
	);

	it('upper-case hex: accepted', async () => {
		const run = await post(raw, { sign: `sha256=${sign(raw).slice(7).toUpperCase()}` });
		expect(run.response.status).toBe(200);
		expect(items(run)).toHaveLength(1);
	});

	it('non-ASCII as raw UTF-8 and as \\u escapes: each valid with its own signature, not with the other', async () => {
		const rawUtf8 = Buffer.from(JSON.stringify(body), 'utf8');
		const escaped = Buffer.from(
			JSON.stringify(body).replace(
				/[\u0080-\uffff]/g,
				(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
			),
			'utf8',
		);
		expect(escaped.equals(rawUtf8)).toBe(false);

		const a = await post(rawUtf8);
		recentEventClaims.clear(); // the same event twice: here only the signatures are under test
		const b = await post(escaped);
		expect(items(a)[0].text).toBe('Hallo, schöne Grüße');
		expect(items(b)[0].text).toBe('Hallo, schöne Grüße');

		expect((await post(rawUtf8, { sign: sign(escaped) })).response.status).toBe(403);
		expect((await post(escaped, { sign: sign(rawUtf8) })).response.status).toBe(403);
	});

	it('a 3 MB delivery verifies and becomes items', async () => {
		const messages = [];
		const filler = 'x'.repeat(1000);
		for (let i = 0; messages.length * 1100 < 3 * 1024 * 1024; i++) {
			messages.push(inbound('text', { body: `${i} ${filler}` }, { id: `wamid.BIG-${i}` }));
		}
		const big = Buffer.from(
			JSON.stringify(messagesDelivery({ contacts: [contact()], messages })),
			'utf8',
		);
		expect(big.length).toBeGreaterThan(3 * 1024 * 1024);
		const run = await post(big);
		expect(run.response.status).toBe(200);
		expect(items(run)).toHaveLength(messages.length);
		const tampered = Buffer.from(big);
		tampered[big.length - 100] ^= 1;
		expect((await post(tampered, { sign: sign(big) })).response.status).toBe(403);
	});

	it('a rotated App Secret takes effect at once, although the secrets are remembered for a minute', async () => {
		const first = await post(raw);
		expect(first.response.status).toBe(200);
		recentEventClaims.clear();
		const rotated = {
			whatsAppCloudApi: { ...credentials.whatsAppCloudApi, appSecret: 'the-new-app-secret' },
		};
		const run = await runWebhook({
			nodeType: WhatsAppCloudTrigger,
			credentialTypes: [new WhatsAppCloudApi()],
			credentials: rotated,
			webhookName: 'default',
			staticData: {},
			request: {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-hub-signature-256': sign(raw, 'the-new-app-secret'),
				},
				rawBody: raw,
			},
		});
		expect(run.response.status).toBe(200);
		expect(items(run)).toHaveLength(1);
		// ...and the old secret no longer works once the new one was read.
		const old = await runWebhook({
			nodeType: WhatsAppCloudTrigger,
			credentialTypes: [new WhatsAppCloudApi()],
			credentials: rotated,
			webhookName: 'default',
			request: {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) },
				rawBody: raw,
			},
		});
		expect(old.response.status).toBe(403);
	});

	it("an App Secret pasted with a trailing space still verifies Meta's signature", async () => {
		const run = await runWebhook({
			nodeType: WhatsAppCloudTrigger,
			credentialTypes: [new WhatsAppCloudApi()],
			credentials: {
				whatsAppCloudApi: { ...credentials.whatsAppCloudApi, appSecret: `${APP_SECRET} ` },
			},
			webhookName: 'default',
			request: {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) },
				rawBody: raw,
			},
		});
		expect(run.response.status).toBe(200);
		expect(items(run)).toHaveLength(1);
	});

	it('no App Secret in the credential: every delivery is refused (fail closed)', async () => {
		const run = await runWebhook({
			nodeType: WhatsAppCloudTrigger,
			credentialTypes: [new WhatsAppCloudApi()],
			credentials: { whatsAppCloudApi: { ...credentials.whatsAppCloudApi, appSecret: '' } },
			webhookName: 'default',
			request: {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw, '') },
				rawBody: raw,
			},
		});
		expect(run.response.status).toBe(403);
		expect(run.workflowData).toBeUndefined();
	});
});

describe('POST: body', () => {
	it('object other than whatsapp_business_account: acknowledged 200, nothing runs', async () => {
		const run = await postJson({ object: 'page', entry: [{ id: '1', changes: [] }] });
		expect(run.response.status).toBe(200);
		expect(run.workflowData).toBeUndefined();
		expect(run.error).toBeUndefined();
	});

	it('signed but invalid JSON (sent as text/plain): 400, logged, no crash, nothing runs', async () => {
		const raw = Buffer.from('{"object":"whatsapp_business_account","entry":[', 'utf8');
		const run = await post(raw, { headers: { 'content-type': 'text/plain' } });
		expect(run.error).toBeUndefined();
		expect(run.response).toMatchObject({ status: 400, sentBy: 'node' });
		expect(run.workflowData).toBeUndefined();
	});

	it('invalid JSON sent as application/json is refused by n8n itself (422) before the node runs', async () => {
		const run = await post(Buffer.from('{not json', 'utf8'));
		expect(run.response).toMatchObject({ status: 422, sentBy: 'n8n' });
		expect(run.workflowData).toBeUndefined();
	});

	it('no content-type: the raw bytes are still parsed', async () => {
		const raw = Buffer.from(
			JSON.stringify(inboundDelivery(inbound('text', { body: 'ct-less' }))),
			'utf8',
		);
		const run = await post(raw, { headers: { 'content-type': '' } });
		expect(items(run).map((i) => i.text)).toEqual(['ct-less']);
	});
});

describe('POST: events to items', () => {
	it('a batch of entries, changes, messages and statuses: one item per event, each with its raw value', async () => {
		const body = delivery(
			entry([
				change(
					'messages',
					messagesValue({
						contacts: [contact()],
						messages: [
							inbound('text', { body: 'one' }),
							inbound('image', { id: '55', mime_type: 'image/jpeg', sha256: 'h', caption: 'two' }),
						],
					}),
				),
				change(
					'messages',
					messagesValue({
						statuses: [
							status('wamid.OUT-7', 'delivered'),
							status('wamid.OUT-8', 'failed', {
								errors: [metaError(131047, 'Re-engagement message')],
							}),
						],
					}),
				),
			]),
			entry([
				change(
					'messages',
					messagesValue({ errors: [metaError(130429, 'Rate limit hit')] }, OTHER_PHONE_NUMBER_ID),
				),
			]),
		);
		const run = await postJson(body);
		const out = items(run);
		expect(out.map((i) => i.event)).toEqual(['message', 'message', 'status', 'status', 'error']);
		expect(out[1]).toMatchObject({ type: 'image', mediaId: '55', caption: 'two' });
		expect(out[3]).toMatchObject({ status: 'failed', errorCode: 131047 });
		expect(String(out[3].errorFix)).toMatch(/24 hours/);
		expect(String(out[3].errorFix)).toMatch(/template/i);
		expect(out[4]).toMatchObject({ code: 130429, phoneNumberId: OTHER_PHONE_NUMBER_ID });
		for (const item of out) expect(item.raw).toBeDefined();
	});

	it('template status update becomes its own item', async () => {
		const out = items(await postJson(templateStatusUpdate('APPROVED')));
		expect(out).toEqual([
			expect.objectContaining({
				event: 'message_template_status_update',
				templateStatus: 'APPROVED',
			}),
		]);
	});

	it('secrets never reach items', async () => {
		const run = await postJson(inboundDelivery(inbound('text', { body: 'x' })));
		const text = JSON.stringify(run.workflowData);
		for (const secret of [APP_SECRET, VERIFY_TOKEN, credentials.whatsAppCloudApi.accessToken])
			expect(text).not.toContain(secret);
	});
});

describe('POST: filters', () => {
	const mixed = () =>
		messagesDelivery({
			contacts: [contact()],
			messages: [
				inbound('text', { body: 't' }),
				inbound('sticker', { id: 's', mime_type: 'image/webp', sha256: 'h' }),
			],
			statuses: [status('wamid.OUT-1', 'sent'), status('wamid.OUT-1', 'read')],
		});

	it('events: only read statuses', async () => {
		const out = items(await postJson(mixed(), { parameters: { events: ['statusRead'] } }));
		expect(out.map((i) => `${i.event}:${i.status}`)).toEqual(['status:read']);
	});

	it('message types: only stickers (statuses still follow the events choice)', async () => {
		const out = items(
			await postJson(mixed(), {
				parameters: { events: ['messages'], options: { messageTypes: ['sticker'] } },
			}),
		);
		expect(out.map((i) => i.type)).toEqual(['sticker']);
	});

	it('phone number IDs: another number filters everything out; Meta still gets its 200', async () => {
		const run = await postJson(mixed(), {
			parameters: { options: { phoneNumberIds: OTHER_PHONE_NUMBER_ID } },
		});
		expect(run.workflowData).toBeUndefined();
		expect(run.response.status).toBe(200);
	});
});

describe('POST: duplicate deliveries', () => {
	it('a redelivery within the window is dropped; static data remembers across requests', async () => {
		const staticData: IDataObject = {};
		const body = messagesDelivery({
			contacts: [contact()],
			messages: [inbound('text', { body: 'once' })],
			statuses: [status('wamid.OUT-2', 'sent')],
		});
		const first = await postJson(body, { staticData });
		expect(items(first)).toHaveLength(2);
		expect(JSON.stringify(staticData)).not.toContain('wamid'); // hashed

		const again = await postJson(body, { staticData });
		expect(again.workflowData).toBeUndefined();
		expect(again.response.status).toBe(200);

		// The next status of the same message is new.
		const next = await postJson(
			messagesDelivery({ statuses: [status('wamid.OUT-2', 'delivered')] }),
			{ staticData },
		);
		expect(items(next).map((i) => i.status)).toEqual(['delivered']);
	});

	it('two copies arriving at the same moment (both loaded the memory before either saved): one runs', async () => {
		const body = inboundDelivery(inbound('text', { body: 'at once' }, { id: 'wamid.TWIN-1' }));
		// Two requests that each loaded an empty static-data memory, as concurrent requests do.
		const [a, b] = await Promise.all([
			postJson(body, { staticData: {} }),
			postJson(body, { staticData: {} }),
		]);
		const ran = [a, b].filter((run) => run.workflowData !== undefined);
		expect(ran).toHaveLength(1);
		expect(items(ran[0]).map((i) => i.messageId)).toEqual(['wamid.TWIN-1']);
		expect([a.response.status, b.response.status]).toEqual([200, 200]);
	});

	it('two deliveries of DIFFERENT events whose static-data copies were loaded before either saved: the later save holds both', async () => {
		// Stored memory S (one event), then two requests that each load their own copy of it, as n8n
		// does per request; both run in this process before either copy is written back.
		const stored: IDataObject = {};
		await postJson(inboundDelivery(inbound('text', { body: 's' }, { id: 'wamid.S-1' })), {
			staticData: stored,
		});
		// A JSON round trip, as n8n stores static data in the database.
		const load = (data: IDataObject) => JSON.parse(JSON.stringify(data)) as IDataObject;
		const copyA = load(stored);
		const copyB = load(stored);
		const a = await postJson(inboundDelivery(inbound('text', { body: 'x' }, { id: 'wamid.X-1' })), {
			staticData: copyA,
		});
		const b = await postJson(inboundDelivery(inbound('text', { body: 'y' }, { id: 'wamid.Y-1' })), {
			staticData: copyB,
		});
		expect(items(a).map((i) => i.messageId)).toEqual(['wamid.X-1']);
		expect(items(b).map((i) => i.messageId)).toEqual(['wamid.Y-1']);

		// n8n writes the whole static data, last write wins: B's copy must still remember X.
		const saved = Object.values(copyB)[0] as {
			deliveredEvents: { entries: Array<[string, number]> };
		};
		expect(saved.deliveredEvents.entries).toHaveLength(3);
		expect(JSON.stringify(copyB)).not.toContain('wamid'); // still hashed
		// Another process (no claims in memory) reading B's save drops redeliveries of S, X and Y.
		recentEventClaims.clear();
		for (const id of ['wamid.S-1', 'wamid.X-1', 'wamid.Y-1']) {
			const again = await postJson(inboundDelivery(inbound('text', { body: 'again' }, { id })), {
				staticData: load(copyB),
			});
			expect(again.workflowData).toBeUndefined();
		}
	});

	it("a group message's per-participant statuses all run, each once, across deliveries", async () => {
		const staticData: IDataObject = {};
		const read = (participant: string) =>
			status('wamid.GRP-9', 'read', { recipient_id: participant, group_id: 'Z3JvdXAtOQ' });
		const first = await postJson(
			messagesDelivery({ statuses: [read('4915100000001'), read('4915100000002')] }),
			{ staticData },
		);
		expect(items(first).map((i) => i.recipientId)).toEqual(['4915100000001', '4915100000002']);
		// Meta redelivers the first reader's status together with a third reader's.
		const next = await postJson(
			messagesDelivery({ statuses: [read('4915100000001'), read('4915100000003')] }),
			{ staticData },
		);
		expect(items(next).map((i) => i.recipientId)).toEqual(['4915100000003']);
	});

	it('window 0 turns it off', async () => {
		const staticData: IDataObject = {};
		const body = inboundDelivery(inbound('text', { body: 'twice' }));
		const parameters = { options: { dedupWindowMinutes: 0 } };
		expect(items(await postJson(body, { staticData, parameters }))).toHaveLength(1);
		expect(items(await postJson(body, { staticData, parameters }))).toHaveLength(1);
	});

	it('memory stays bounded by dedupMaxEvents', async () => {
		const staticData: IDataObject = {};
		const parameters = { options: { dedupMaxEvents: 5 } };
		for (let i = 0; i < 8; i++)
			await postJson(inboundDelivery(inbound('text', { body: `m${i}` }, { id: `wamid.M-${i}` })), {
				staticData,
				parameters,
			});
		const nodeData = Object.values(staticData)[0] as { deliveredEvents: { entries: unknown[] } };
		expect(nodeData.deliveredEvents.entries).toHaveLength(5);
		// The oldest was forgotten, so its redelivery passes again; a recent one does not.
		expect(
			items(
				await postJson(inboundDelivery(inbound('text', { body: 'm0' }, { id: 'wamid.M-0' })), {
					staticData,
					parameters,
				}),
			),
		).toHaveLength(1);
		expect(
			items(
				await postJson(inboundDelivery(inbound('text', { body: 'm7' }, { id: 'wamid.M-7' })), {
					staticData,
					parameters,
				}),
			),
		).toHaveLength(0);
	});
});
