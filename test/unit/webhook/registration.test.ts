/**
 * Registering the trigger with Meta, against a scripted Graph: manual, subscribing the app to the
 * business account, and routing one phone number's events here (webhook override).
 */
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import {
	checkRegistration,
	createRegistration,
	deleteRegistration,
	isOwnRoute,
	type RegistrationDeps,
	type RegistrationTarget,
} from '../../../nodes/WhatsAppCloud/webhook/registration';
import { PHONE_NUMBER_ID, VERIFY_TOKEN, WABA_ID } from '../../support/webhook.fixtures';

interface Call {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
}

/** A scripted Graph: answers by "METHOD path", records every call. */
function fakeGraph(answers: Record<string, IDataObject | Error | ((call: Call) => IDataObject)>) {
	const calls: Call[] = [];
	const deps: RegistrationDeps = {
		call: async (method, path, options) => {
			const call: Call = {
				method,
				path,
				...(options?.body ? { body: options.body } : {}),
				...(options?.qs ? { qs: options.qs } : {}),
			};
			calls.push(call);
			const answer = answers[`${method} ${path}`];
			if (answer === undefined) throw new Error(`unexpected ${method} ${path}`);
			if (answer instanceof Error) throw answer;
			return typeof answer === 'function' ? answer(call) : answer;
		},
		problem: (message, description) => Object.assign(new Error(message), { description }),
	};
	return { calls, deps };
}

const URL_OURS = 'https://n8n.example.com/webhook/0f0e-trigger/webhook';
const URL_OTHER = 'https://n8n.example.com/webhook/aaaa-other/webhook';
const APP_ID = '990000000000001';

const target = (extra: Partial<RegistrationTarget> = {}): RegistrationTarget => ({
	webhookUrl: URL_OURS,
	verifyToken: VERIFY_TOKEN,
	businessAccountId: WABA_ID,
	phoneNumberId: PHONE_NUMBER_ID,
	...extra,
});

describe('registration: manual', () => {
	it('calls nothing on check, create or delete', async () => {
		const graph = fakeGraph({});
		expect(await checkRegistration('manual', graph.deps, target())).toBe(true);
		expect(await createRegistration('manual', graph.deps, target())).toBe(true);
		expect(await deleteRegistration('manual', graph.deps, target())).toBe(true);
		expect(graph.calls).toEqual([]);
	});
});

describe('registration: subscribe app to the business account', () => {
	const subscribedApps = (ids: string[]) => ({
		data: ids.map((id) => ({ whatsapp_business_api_data: { id, name: `app ${id}` } })),
	});

	it('check: GET subscribed_apps; exists when our app is listed', async () => {
		const graph = fakeGraph({
			[`GET /${WABA_ID}/subscribed_apps`]: subscribedApps(['123', APP_ID]),
			'GET /app': { id: APP_ID },
		});
		expect(await checkRegistration('subscribeApp', graph.deps, target())).toBe(true);
		expect(graph.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
			`GET /${WABA_ID}/subscribed_apps`,
			'GET /app',
		]);
	});

	it('check: not listed -> false; create: POST subscribed_apps', async () => {
		const graph = fakeGraph({
			[`GET /${WABA_ID}/subscribed_apps`]: subscribedApps(['123']),
			'GET /app': { id: APP_ID },
			[`POST /${WABA_ID}/subscribed_apps`]: { success: true },
		});
		expect(await checkRegistration('subscribeApp', graph.deps, target())).toBe(false);
		expect(await createRegistration('subscribeApp', graph.deps, target())).toBe(true);
		expect(graph.calls.at(-1)).toEqual({ method: 'POST', path: `/${WABA_ID}/subscribed_apps` });
	});

	it('check: app ID unknown (GET /app refused) -> false, so create subscribes (idempotent)', async () => {
		const graph = fakeGraph({
			[`GET /${WABA_ID}/subscribed_apps`]: subscribedApps([APP_ID]),
			'GET /app': new Error('unsupported'),
		});
		expect(await checkRegistration('subscribeApp', graph.deps, target())).toBe(false);
	});

	it('create: success=false is an error the user can act on', async () => {
		const graph = fakeGraph({ [`POST /${WABA_ID}/subscribed_apps`]: { success: false } });
		await expect(createRegistration('subscribeApp', graph.deps, target())).rejects.toThrow(
			/did not subscribe/,
		);
	});

	it('delete: leaves the subscription alone by default, unsubscribes when asked', async () => {
		const graph = fakeGraph({ [`DELETE /${WABA_ID}/subscribed_apps`]: { success: true } });
		expect(await deleteRegistration('subscribeApp', graph.deps, target())).toBe(true);
		expect(graph.calls).toEqual([]);
		expect(
			await deleteRegistration(
				'subscribeApp',
				graph.deps,
				target({ unsubscribeOnDeactivate: true }),
			),
		).toBe(true);
		expect(graph.calls).toEqual([{ method: 'DELETE', path: `/${WABA_ID}/subscribed_apps` }]);
	});

	it('missing or non-numeric business account ID: clear error, no call', async () => {
		const graph = fakeGraph({});
		await expect(
			checkRegistration('subscribeApp', graph.deps, target({ businessAccountId: undefined })),
		).rejects.toThrow(/No WhatsApp Business Account ID/);
		await expect(
			createRegistration('subscribeApp', graph.deps, target({ businessAccountId: 'abc' })),
		).rejects.toThrow(/not a numeric ID/);
		expect(graph.calls).toEqual([]);
	});

	it('Graph errors propagate (the transport already explains them)', async () => {
		const graph = fakeGraph({
			[`GET /${WABA_ID}/subscribed_apps`]: new Error('(#200) Permissions error'),
		});
		await expect(checkRegistration('subscribeApp', graph.deps, target())).rejects.toThrow(
			'Permissions error',
		);
	});
});

describe("isOwnRoute: this trigger's URL under any base", () => {
	const id = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
	it.each([
		[`https://old.example.net/webhook/${id}/webhook`, true],
		[`https://old.example.net/n8n/webhook-test/${id}/webhook/`, true],
		[`https://x.example.net/webhook/${id}/webhook?from=meta`, true],
		[`https://x.example.net/webhook/other-${id}/webhook`, false],
		[`https://x.example.net/webhook/${id}/webhook/extra`, false],
		['not a url', false],
	])('%s -> %s', (url, expected) => {
		expect(isOwnRoute(url, id)).toBe(expected);
	});
	it('no webhook ID: never', () => {
		expect(isOwnRoute(`https://x.example.net/webhook/${id}/webhook`, undefined)).toBe(false);
	});
});

describe('registration: route this phone number here (webhook override)', () => {
	const config = (phoneNumber?: string) => ({
		webhook_configuration: {
			...(phoneNumber ? { phone_number: phoneNumber } : {}),
			application: 'https://app.example.com/default-callback',
		},
		id: PHONE_NUMBER_ID,
	});

	it('check: GET ?fields=webhook_configuration; exists when phone_number is our URL', async () => {
		const graph = fakeGraph({ [`GET /${PHONE_NUMBER_ID}`]: config(URL_OURS) });
		expect(await checkRegistration('phoneNumberOverride', graph.deps, target())).toBe(true);
		expect(graph.calls).toEqual([
			{ method: 'GET', path: `/${PHONE_NUMBER_ID}`, qs: { fields: 'webhook_configuration' } },
		]);
	});

	it('check: no override -> false', async () => {
		const graph = fakeGraph({ [`GET /${PHONE_NUMBER_ID}`]: config() });
		expect(await checkRegistration('phoneNumberOverride', graph.deps, target())).toBe(false);
	});

	it('check: override points to another workflow -> clear error naming it', async () => {
		const graph = fakeGraph({ [`GET /${PHONE_NUMBER_ID}`]: config(URL_OTHER) });
		const error = await checkRegistration('phoneNumberOverride', graph.deps, target()).catch(
			(e: Error) => e,
		);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toContain(URL_OTHER);
		expect((error as Error).message).toContain(PHONE_NUMBER_ID);
		expect((error as Error & { description: string }).description).toMatch(
			/Unpublish that workflow|Take Over/,
		);
	});

	it('check: another URL but take-over allowed -> false (create replaces it)', async () => {
		const graph = fakeGraph({ [`GET /${PHONE_NUMBER_ID}`]: config(URL_OTHER) });
		expect(
			await checkRegistration(
				'phoneNumberOverride',
				graph.deps,
				target({ replaceExistingOverride: true }),
			),
		).toBe(false);
	});

	it('create: subscribes the app to the WABA, then sets override URL and verify token', async () => {
		const graph = fakeGraph({
			[`POST /${WABA_ID}/subscribed_apps`]: { success: true },
			[`POST /${PHONE_NUMBER_ID}`]: { success: true },
		});
		expect(await createRegistration('phoneNumberOverride', graph.deps, target())).toBe(true);
		expect(graph.calls).toEqual([
			{ method: 'POST', path: `/${WABA_ID}/subscribed_apps` },
			{
				method: 'POST',
				path: `/${PHONE_NUMBER_ID}`,
				body: {
					webhook_configuration: { override_callback_uri: URL_OURS, verify_token: VERIFY_TOKEN },
				},
			},
		]);
	});

	it('create without a business account ID sets the override only', async () => {
		const graph = fakeGraph({ [`POST /${PHONE_NUMBER_ID}`]: { success: true } });
		await createRegistration('phoneNumberOverride', graph.deps, target({ businessAccountId: '' }));
		expect(graph.calls.map((c) => c.path)).toEqual([`/${PHONE_NUMBER_ID}`]);
	});

	it('create without a verify token: clear error, nothing called', async () => {
		const graph = fakeGraph({});
		await expect(
			createRegistration('phoneNumberOverride', graph.deps, target({ verifyToken: '' })),
		).rejects.toThrow(/Verify Token/);
		expect(graph.calls).toEqual([]);
	});

	it('delete: removes the override while it still points here', async () => {
		const graph = fakeGraph({
			[`GET /${PHONE_NUMBER_ID}`]: config(URL_OURS),
			[`POST /${PHONE_NUMBER_ID}`]: { success: true },
		});
		expect(await deleteRegistration('phoneNumberOverride', graph.deps, target())).toBe(true);
		expect(graph.calls.at(-1)).toEqual({
			method: 'POST',
			path: `/${PHONE_NUMBER_ID}`,
			body: { webhook_configuration: { override_callback_uri: '' } },
		});
	});

	it("delete: leaves another workflow's override (or none) alone", async () => {
		for (const current of [URL_OTHER, undefined]) {
			const graph = fakeGraph({ [`GET /${PHONE_NUMBER_ID}`]: config(current) });
			expect(await deleteRegistration('phoneNumberOverride', graph.deps, target())).toBe(true);
			expect(graph.calls.map((c) => c.method)).toEqual(['GET']);
		}
	});
});
