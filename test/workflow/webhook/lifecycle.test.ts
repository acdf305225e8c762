/**
 * Activation / deactivation of the trigger (webhookMethods.default checkExists/create/delete) on
 * n8n-core's real HookContext, against a fake Graph server that keeps Meta's state: which apps
 * are subscribed to the WABA and where the phone number's webhook override points.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloudTrigger } from '../../../nodes/WhatsAppCloud/WhatsAppCloudTrigger.node';
import { graphError, startFakeGraph, type FakeGraph } from '../../support/fakeGraph';
import { runWebhookMethod } from '../../support/n8n/webhookMethods';
import { APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, WABA_ID } from '../../support/webhook.fixtures';

const APP_ID = '990000000000001';
const TOKEN = 'EAAregistrationtesttoken00000000000';
const OTHER_URL = 'https://other.example.com/webhook/abc/webhook';

let graph: FakeGraph;
/** Meta's side of things. */
let subscribedApps: string[];
let override: string | undefined;

beforeAll(async () => {
	graph = await startFakeGraph();
});
afterAll(async () => {
	await graph.close();
});

beforeEach(() => {
	graph.reset();
	subscribedApps = [];
	override = undefined;
	graph.on('GET', '/v24.0/app', () => ({ json: { id: APP_ID, name: 'Test app' } }));
	graph.on('GET', `/v24.0/${WABA_ID}/subscribed_apps`, () => ({
		json: {
			data: subscribedApps.map((id) => ({ whatsapp_business_api_data: { id, name: `app ${id}` } })),
		},
	}));
	graph.on('POST', `/v24.0/${WABA_ID}/subscribed_apps`, () => {
		if (!subscribedApps.includes(APP_ID)) subscribedApps.push(APP_ID);
		return { json: { success: true } };
	});
	graph.on('DELETE', `/v24.0/${WABA_ID}/subscribed_apps`, () => {
		subscribedApps = subscribedApps.filter((id) => id !== APP_ID);
		return { json: { success: true } };
	});
	graph.on('GET', `/v24.0/${PHONE_NUMBER_ID}`, () => ({
		json: {
			webhook_configuration: {
				...(override ? { phone_number: override } : {}),
				application: 'https://app.example.com/cb',
			},
			id: PHONE_NUMBER_ID,
		},
	}));
	graph.on('POST', `/v24.0/${PHONE_NUMBER_ID}`, (req) => {
		const uri = req.json?.webhook_configuration?.override_callback_uri;
		override = uri ? String(uri) : undefined;
		return { json: { success: true } };
	});
});

function setup(parameters: INodeParameters, credentialOverrides: IDataObject = {}) {
	return {
		nodeType: WhatsAppCloudTrigger,
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: {
			whatsAppCloudApi: {
				accessToken: TOKEN,
				phoneNumberId: PHONE_NUMBER_ID,
				businessAccountId: WABA_ID,
				appSecret: APP_SECRET,
				verifyToken: VERIFY_TOKEN,
				apiVersion: 'v24.0',
				baseUrl: graph.url,
				...credentialOverrides,
			},
		},
		parameters,
		webhookId: 'wa-trigger-1',
	};
}

/** What n8n does on activation: checkExists, then create when it said false. */
async function activate(parameters: INodeParameters, credentialOverrides: IDataObject = {}) {
	const options = setup(parameters, credentialOverrides);
	const check = await runWebhookMethod('checkExists', options);
	const created = check.result ? undefined : await runWebhookMethod('create', options);
	return { exists: check.result, created: created?.result, webhookUrl: check.webhookUrl };
}

const calls = () => graph.requests.map((r) => `${r.method} ${r.url}`);

describe('manual (default)', () => {
	it('activation and deactivation call nothing', async () => {
		const { exists } = await activate({});
		expect(exists).toBe(true);
		await runWebhookMethod('delete', setup({}));
		expect(graph.requests).toEqual([]);
	});
});

describe('empty App Secret or Webhook Verify Token: publishing fails in every registration mode', () => {
	const modes: INodeParameters[] = [
		{},
		{ registration: 'manual' },
		{ registration: 'subscribeApp' },
		{ registration: 'phoneNumberOverride' },
	];
	const cases: Array<{ label: string; empty: IDataObject; named: string[]; notNamed: string[] }> = [
		{
			label: 'App Secret empty',
			empty: { appSecret: '' },
			named: ['App Secret'],
			notNamed: ['Webhook Verify Token'],
		},
		{
			label: 'Verify Token empty',
			empty: { verifyToken: '' },
			named: ['Webhook Verify Token'],
			notNamed: ['App Secret'],
		},
		{
			label: 'both empty',
			empty: { appSecret: '', verifyToken: '' },
			named: ['App Secret', 'Webhook Verify Token'],
			notNamed: [],
		},
		{
			label: 'App Secret never set',
			empty: { appSecret: undefined },
			named: ['App Secret'],
			notNamed: ['Webhook Verify Token'],
		},
		{
			label: 'App Secret only spaces',
			empty: { appSecret: '   ' },
			named: ['App Secret'],
			notNamed: ['Webhook Verify Token'],
		},
	];

	for (const parameters of modes) {
		for (const { label, empty, named, notNamed } of cases) {
			it(`${String(parameters.registration ?? 'default (manual)')}, ${label}: checkExists throws a NodeOperationError naming ${named.join(' and ')}`, async () => {
				const error = (await runWebhookMethod('checkExists', setup(parameters, empty)).catch(
					(e: Error) => e,
				)) as Error & {
					description?: string;
				};
				expect(error).toMatchObject({ name: 'NodeOperationError' });
				// n8n's publish shows only the message of a NodeOperationError: fields and fix must be in it.
				for (const field of named) expect(error.message).toContain(field);
				for (const field of notNamed) expect(error.message).not.toContain(field);
				expect(error.message).toContain('credential "whatsAppCloudApi (test)"');
				expect(error.message).toMatch(/403/);
				expect(error.message).toMatch(
					/Fill in .* in the credential and publish the workflow again/,
				);
				if (named.includes('App Secret')) expect(error.description).toMatch(/App settings > Basic/);
				if (named.includes('Webhook Verify Token'))
					expect(error.description).toMatch(/WhatsApp > Configuration/);
				// Nothing registered with Meta, and the other secret never shows up in the error.
				expect(graph.requests).toEqual([]);
				const text = JSON.stringify({ message: error.message, description: error.description });
				for (const secret of [TOKEN, APP_SECRET, VERIFY_TOKEN]) expect(text).not.toContain(secret);
			});
		}
	}

	it('unpublishing still works with an empty secret (delete does not check)', async () => {
		await expect(
			runWebhookMethod('delete', setup({}, { appSecret: '', verifyToken: '' })),
		).resolves.toMatchObject({ result: true });
	});

	it('both filled: manual mode passes checkExists without calling Meta', async () => {
		await expect(
			runWebhookMethod('checkExists', setup({ registration: 'manual' })),
		).resolves.toMatchObject({ result: true });
		expect(graph.requests).toEqual([]);
	});
});

describe('subscribe app to business account', () => {
	const parameters = { registration: 'subscribeApp' };

	it('not yet subscribed: checked with GET, then POST subscribed_apps, with the bearer token', async () => {
		const { exists, created } = await activate(parameters);
		expect(exists).toBe(false);
		expect(created).toBe(true);
		expect(calls()).toEqual([
			`GET /v24.0/${WABA_ID}/subscribed_apps`,
			'GET /v24.0/app?fields=id',
			`POST /v24.0/${WABA_ID}/subscribed_apps`,
		]);
		expect(graph.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
		expect(subscribedApps).toEqual([APP_ID]);
	});

	it('already subscribed: nothing created', async () => {
		subscribedApps = ['123', APP_ID];
		const { exists } = await activate(parameters);
		expect(exists).toBe(true);
		expect(graph.find('POST', /subscribed_apps/)).toEqual([]);
	});

	it('a WABA ID in the node wins over the credential', async () => {
		const other = '300000000000009';
		graph.on('GET', `/v24.0/${other}/subscribed_apps`, () => ({ json: { data: [] } }));
		graph.on('POST', `/v24.0/${other}/subscribed_apps`, () => ({ json: { success: true } }));
		await activate({ ...parameters, businessAccountId: other });
		expect(graph.find('POST', `/v24.0/${other}/subscribed_apps`)).toHaveLength(1);
	});

	it('deactivation keeps the subscription unless asked to remove it', async () => {
		subscribedApps = [APP_ID];
		await runWebhookMethod('delete', setup(parameters));
		expect(subscribedApps).toEqual([APP_ID]);
		await runWebhookMethod('delete', setup({ ...parameters, unsubscribeOnDeactivate: true }));
		expect(subscribedApps).toEqual([]);
		expect(graph.find('DELETE', `/v24.0/${WABA_ID}/subscribed_apps`)).toHaveLength(1);
	});

	it('no business account ID anywhere: a NodeOperationError saying where to set it', async () => {
		const error = await activate(parameters, { businessAccountId: '' }).catch((e: Error) => e);
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		expect((error as Error).message).toMatch(
			/No WhatsApp Business Account ID.*Set "WhatsApp Business Account ID" in the credential or in the node/,
		);
		expect(graph.requests).toEqual([]);
	});

	it("Graph refuses: the transport's error with Meta's code, and no secret in it", async () => {
		graph.reset();
		graph.on('GET', `/v24.0/${WABA_ID}/subscribed_apps`, () =>
			graphError(200, 'Permissions error', { status: 403 }),
		);
		const error = (await activate(parameters).catch((e: Error) => e)) as Error & IDataObject;
		expect(error).toBeInstanceOf(Error);
		const text = JSON.stringify({
			message: error.message,
			description: error.description,
			graph: error.graph,
		});
		expect(text).toMatch(/200|[Pp]ermission/);
		for (const secret of [TOKEN, APP_SECRET, VERIFY_TOKEN]) expect(text).not.toContain(secret);
	});
});

describe("route this phone number's events here (override)", () => {
	const parameters = { registration: 'phoneNumberOverride' };

	it('activation: checks the override, subscribes the app, sets our URL and verify token', async () => {
		const { exists, created, webhookUrl } = await activate(parameters);
		expect(exists).toBe(false);
		expect(created).toBe(true);
		expect(webhookUrl).toMatch(/\/webhook\/wa-trigger-1\/webhook$/);
		expect(calls()).toEqual([
			`GET /v24.0/${PHONE_NUMBER_ID}?fields=webhook_configuration`,
			`POST /v24.0/${WABA_ID}/subscribed_apps`,
			`POST /v24.0/${PHONE_NUMBER_ID}`,
		]);
		expect(graph.find('POST', `/v24.0/${PHONE_NUMBER_ID}`)[0].json).toEqual({
			webhook_configuration: { override_callback_uri: webhookUrl, verify_token: VERIFY_TOKEN },
		});
		expect(override).toBe(webhookUrl);

		// Re-activation (e.g. n8n restart) finds it in place and creates nothing.
		graph.requests.length = 0;
		const again = await activate(parameters);
		expect(again.exists).toBe(true);
		expect(calls()).toEqual([`GET /v24.0/${PHONE_NUMBER_ID}?fields=webhook_configuration`]);
	});

	it('deactivation removes the override', async () => {
		const { webhookUrl } = await activate(parameters);
		expect(override).toBe(webhookUrl);
		await runWebhookMethod('delete', setup(parameters));
		expect(override).toBeUndefined();
		expect(graph.find('POST', `/v24.0/${PHONE_NUMBER_ID}`).at(-1)?.json).toEqual({
			webhook_configuration: { override_callback_uri: '' },
		});
	});

	it('override already pointing at another workflow: activation fails with a clear error, nothing changed', async () => {
		override = OTHER_URL;
		const error = await activate(parameters).catch((e: Error) => e);
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		expect((error as Error).message).toContain(OTHER_URL);
		expect((error as Error & { description?: string }).description).toMatch(
			/Unpublish that workflow/,
		);
		// n8n shows only the message when publishing fails: the fix must be in it too.
		expect((error as Error).message).toMatch(
			/Unpublish that workflow first, or turn on "Take Over an Existing Override"/,
		);
		expect(override).toBe(OTHER_URL);
		expect(graph.find('POST', /.*/)).toEqual([]);
	});

	it("this trigger's own route under an old base URL (a new tunnel or domain after a restart) is taken over without asking", async () => {
		override = 'https://old-tunnel.example.net/webhook/wa-trigger-1/webhook';
		const { exists, created, webhookUrl } = await activate(parameters);
		expect(exists).toBe(false);
		expect(created).toBe(true);
		expect(override).toBe(webhookUrl);
		// A look-alike that is not this trigger's path still counts as someone else's route.
		override = 'https://other.example.com/hooks/wa-trigger-1/webhook-x';
		await expect(activate(parameters)).rejects.toMatchObject({ name: 'NodeOperationError' });
	});

	it('take-over replaces it when the user allows', async () => {
		override = OTHER_URL;
		const { created, webhookUrl } = await activate({
			...parameters,
			replaceExistingOverride: true,
		});
		expect(created).toBe(true);
		expect(override).toBe(webhookUrl);
	});

	it('deactivation when Meta cannot be reached or refuses: it does not throw (n8n would then keep the webhook registered), it reports false', async () => {
		const { webhookUrl } = await activate(parameters);
		expect(override).toBe(webhookUrl);
		graph.reset();
		graph.on('GET', `/v24.0/${PHONE_NUMBER_ID}`, () =>
			graphError(190, 'Error validating access token: Session has expired', { status: 401 }),
		);
		await expect(runWebhookMethod('delete', setup(parameters))).resolves.toMatchObject({
			result: false,
		});
		await expect(
			runWebhookMethod(
				'delete',
				setup({ registration: 'subscribeApp', unsubscribeOnDeactivate: true }),
			),
		).resolves.toMatchObject({
			result: false,
		});
	});

	it('listening for a test event never takes over a route that points elsewhere: ending the test would remove it, not give it back', async () => {
		override = OTHER_URL;
		const testing = {
			...setup({ ...parameters, replaceExistingOverride: true }),
			mode: 'manual' as const,
		};
		const error = (await runWebhookMethod('checkExists', testing).catch((e: Error) => e)) as Error;
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		expect(error.message).toContain(OTHER_URL);
		expect(error.message).toMatch(/test/i);
		expect(error.message).toMatch(/Registration.*Manual|unpublish/i);
		expect(override).toBe(OTHER_URL);
		expect(graph.find('POST', /.*/)).toEqual([]);
		// Without anything in the way, a test run routes the number to itself as before.
		override = undefined;
		const check = await runWebhookMethod('checkExists', testing);
		expect(check.result).toBe(false);
		await runWebhookMethod('create', testing);
		expect(override).toBe(check.webhookUrl);
	});

	it("deactivation leaves another workflow's override alone", async () => {
		override = OTHER_URL;
		await runWebhookMethod('delete', setup(parameters));
		expect(override).toBe(OTHER_URL);
		expect(graph.find('POST', /.*/)).toEqual([]);
	});

	it('a phone number ID in the node wins over the credential', async () => {
		const other = '200000000000077';
		let otherOverride: string | undefined;
		graph.on('GET', `/v24.0/${other}`, () => ({
			json: { webhook_configuration: otherOverride ? { phone_number: otherOverride } : {} },
		}));
		graph.on('POST', `/v24.0/${other}`, (req) => {
			otherOverride = req.json.webhook_configuration.override_callback_uri;
			return { json: { success: true } };
		});
		const { webhookUrl } = await activate({ ...parameters, phoneNumberId: other });
		expect(otherOverride).toBe(webhookUrl);
		expect(override).toBeUndefined();
	});
});
