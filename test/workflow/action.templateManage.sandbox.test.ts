/**
 * Template > Create and Delete against the sandbox: the definitions we build are accepted (the
 * sandbox checks name, category, parameter_format and one example per variable, as Meta does),
 * the created template is listed as PENDING, can be approved and sent, and Delete removes it
 * (by name: every language; with the ID: one).
 */
import type { INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { SEED, startSandbox, type SandboxHandle } from '../../sandbox';
import { runNode, type RunNodeOptions } from '../support/n8n/runNode';

let sb: SandboxHandle;
beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
});
afterAll(async () => sb.close());

const run = (parameters: INodeParameters, options: Partial<RunNodeOptions> = {}) =>
	runNode({
		nodeType: WhatsAppCloud,
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: { whatsAppCloudApi: { ...sb.credentials } },
		parameters: { resource: 'template', ...parameters },
		...options,
	});

const positional = {
	operation: 'create',
	name: 'pickup_ready',
	language: 'en_US',
	category: 'UTILITY',
	header: { header: { format: 'TEXT', text: 'Repair {{1}}', example: '#2041' } },
	body: 'Hi {{1}}, your bike is ready for pickup at {{2}}. See you soon!',
	examples: {
		example: [
			{ variable: '1', example: 'Ada' },
			{ variable: '{{2}}', example: 'Torstr. 12' },
		],
	},
	footer: 'Spoke & Chain',
	templateButtons: {
		button: [
			{
				type: 'URL',
				text: 'Track repair',
				url: 'https://example.com/track/{{1}}',
				urlExample: '2041',
			},
			{ type: 'QUICK_REPLY', text: 'Call me' },
			{ type: 'QUICK_REPLY', text: 'Not now' },
		],
	},
};

describe('Template > Create and Delete against the sandbox', () => {
	it('creates a positional template (PENDING), which after approval the node sends', async () => {
		const { items, error } = await run(positional);
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			operation: 'create',
			id: expect.stringMatching(/^\d+$/),
			status: 'PENDING',
			category: 'UTILITY',
			name: 'pickup_ready',
			language: 'en_US',
		});
		sb.sandbox.setTemplateStatus(String(items[0].json.id), 'APPROVED');
		const sent = await runNode({
			nodeType: WhatsAppCloud,
			credentialTypes: [new WhatsAppCloudApi()],
			credentials: { whatsAppCloudApi: { ...sb.credentials } },
			parameters: {
				resource: 'message',
				operation: 'sendTemplate',
				recipient: SEED.users[0].waId,
				template: { __rl: true, mode: 'name', value: 'pickup_ready:en_US' },
				variablesMode: 'json',
				components: JSON.stringify([
					{ type: 'header', parameters: [{ type: 'text', text: '#77' }] },
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'Bo' },
							{ type: 'text', text: 'Main St' },
						],
					},
					{
						type: 'button',
						sub_type: 'url',
						index: '0',
						parameters: [{ type: 'text', text: '77' }],
					},
				]),
			},
		});
		expect(sent.error).toBeUndefined();
		expect(sent.items[0].json.messageId).toMatch(/^wamid\./);
	});

	it('creates a named template and an authentication template', async () => {
		const named = await run({
			operation: 'create',
			name: 'order_named',
			language: 'es',
			category: 'MARKETING',
			parameterFormat: 'named',
			body: 'Hola {{first_name}}, tu pedido {{order_id}} tiene 10% de descuento. ¡Gracias!',
			examples: {
				example: [
					{ variable: 'first_name', example: 'Ana' },
					{ variable: 'order_id', example: 'A-77' },
				],
			},
		});
		expect(named.error).toBeUndefined();
		expect(named.items[0].json.status).toBe('PENDING');
		const auth = await run({
			operation: 'create',
			name: 'login_code',
			language: 'en_US',
			category: 'AUTHENTICATION',
			codeExpirationMinutes: 5,
		});
		expect(auth.error).toBeUndefined();
		expect(auth.items[0].json.category).toBe('AUTHENTICATION');
	});

	it('JSON components mode', async () => {
		const { items, error } = await run({
			operation: 'create',
			name: 'json_made',
			language: 'de',
			category: 'UTILITY',
			inputMode: 'json',
			components: JSON.stringify([
				{
					type: 'BODY',
					text: 'Hallo {{1}}, Ihr Termin ist bestätigt.',
					example: { body_text: [['Jan']] },
				},
			]),
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('PENDING');
	});

	it('a body variable without an example is refused before anything reaches Meta', async () => {
		const before = sb.sandbox.counters.templates.created;
		const { items } = await run(
			{
				...positional,
				name: 'no_examples',
				examples: { example: [{ variable: '1', example: 'Ada' }] },
			},
			{ continueOnFail: true },
		);
		expect(items[0].json).toMatchObject({
			operation: 'create',
			error: 'No example for {{2}}',
			field: 'examples',
		});
		expect(String(items[0].json.fix)).toContain(
			'Meta requires an example value for every variable',
		);
		expect(sb.sandbox.counters.templates.created).toBe(before);
	});

	it('Delete by name removes every language; with the ID only that one', async () => {
		for (const language of ['en_US', 'de']) {
			await run({
				operation: 'create',
				name: 'two_langs',
				language,
				category: 'UTILITY',
				body: 'Your order is on its way.',
			});
		}
		const list = async () =>
			(await run({ operation: 'list', filters: { name: 'two_langs' } })).items.map((i) => i.json);
		const both = await list();
		expect(both).toHaveLength(2);
		const de = both.find((t) => t.language === 'de')!;
		const one = await run({ operation: 'delete', name: 'two_langs', templateId: String(de.id) });
		expect(one.items[0].json).toEqual({
			operation: 'delete',
			name: 'two_langs',
			templateId: String(de.id),
			deleted: true,
		});
		expect((await list()).map((t) => t.language)).toEqual(['en_US']);
		const all = await run({ operation: 'delete', name: 'two_langs' });
		expect(all.items[0].json).toEqual({ operation: 'delete', name: 'two_langs', deleted: true });
		expect(await list()).toEqual([]);
	});
});
