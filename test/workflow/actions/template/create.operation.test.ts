/**
 * Template > Create in-process: the checked definition posted to /{waba-id}/message_templates and
 * Meta's refusal explained (fake Graph); and against the sandbox, which checks name, category,
 * parameter_format and one example per variable as Meta does: positional, named, authentication and
 * JSON-mode templates accepted as PENDING (and sendable once approved), a body variable without an
 * example refused before anything reaches Meta.
 */
import type { INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { SEED, startSandbox, type SandboxHandle } from '../../../../sandbox';
import { expectAuthorized, run, TEMPLATES_PATH } from '../../../support/actionNode';
import { graphError, startFakeGraph, type FakeGraph } from '../../../support/fakeGraph';
import { runNode, type RunNodeOptions } from '../../../support/n8n/runNode';
import { runOnSandbox } from '../../../support/sandboxNode';

let graph: FakeGraph;
beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => graph.reset());
afterAll(async () => graph.close());

describe('Template > Create', () => {
	it('Create posts the checked definition to /{waba-id}/message_templates', async () => {
		graph.on('POST', TEMPLATES_PATH, {
			json: { id: '1689556908129832', status: 'PENDING', category: 'UTILITY' },
		});
		const { items, error } = await run(graph, {
			resource: 'template',
			operation: 'create',
			name: 'order_shipped',
			language: 'en_US',
			category: 'UTILITY',
			body: 'Hi {{1}}, your order {{2}} has shipped. Thank you!',
			examples: {
				example: [
					{ variable: '1', example: 'Ada' },
					{ variable: '2', example: '77' },
				],
			},
		});
		expect(error).toBeUndefined();
		expectAuthorized(graph.requests);
		expect(graph.requests[0].json).toEqual({
			name: 'order_shipped',
			language: 'en_US',
			category: 'UTILITY',
			parameter_format: 'positional',
			components: [
				{
					type: 'BODY',
					text: 'Hi {{1}}, your order {{2}} has shipped. Thank you!',
					example: { body_text: [['Ada', '77']] },
				},
			],
		});
		expect(items[0].json).toEqual({
			operation: 'create',
			id: '1689556908129832',
			status: 'PENDING',
			category: 'UTILITY',
			name: 'order_shipped',
			language: 'en_US',
		});
	});

	it("Create: Meta's refusal is explained; Delete sends name and hsm_id as query", async () => {
		graph.on(
			'POST',
			TEMPLATES_PATH,
			graphError(100, 'Invalid parameter', {
				subcode: 2388024,
				details: 'Content in this language already exists',
			}),
		);
		graph.on('DELETE', TEMPLATES_PATH, { json: { success: true } });
		const created = await run(
			graph,
			{
				resource: 'template',
				operation: 'create',
				name: 'dup',
				language: 'en',
				category: 'MARKETING',
				body: 'Hello and welcome to our shop.',
			},
			{ continueOnFail: true },
		);
		expect(created.items[0].json).toMatchObject({
			code: 100,
			subcode: 2388024,
			details: 'Content in this language already exists',
		});
		expect(String(created.items[0].json.fix)).toContain('a name already used in this language');
		const deleted = await run(graph, {
			resource: 'template',
			operation: 'delete',
			name: 'dup',
			templateId: '123',
		});
		expect(graph.find('DELETE', TEMPLATES_PATH)[0].query).toEqual({ name: 'dup', hsm_id: '123' });
		expect(deleted.items[0].json).toEqual({
			operation: 'delete',
			name: 'dup',
			templateId: '123',
			deleted: true,
		});
	});
});

describe('Template > Create against the sandbox', () => {
	let sb: SandboxHandle;
	beforeAll(async () => {
		sb = await startSandbox({ quiet: true });
	});
	afterAll(async () => sb.close());

	const run = (parameters: INodeParameters, options: Partial<RunNodeOptions> = {}) =>
		runOnSandbox(sb, { resource: 'template', ...parameters }, options);

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
});
