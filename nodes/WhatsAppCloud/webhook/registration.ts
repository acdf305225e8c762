/**
 * What publishing (checkExists / create) and unpublishing (delete) do with Meta, per mode. The
 * Graph call is injected so these steps are testable without n8n; the node passes graphRequest.
 *
 * - manual: nothing is called. The user pastes URL and verify token into the app dashboard.
 * - subscribeApp: POST /{waba-id}/subscribed_apps (idempotent), checked with
 *   GET /{waba-id}/subscribed_apps. Left in place on unpublish unless asked: other workflows
 *   and tools of the same app depend on it.
 * - phoneNumberOverride: POST /{phone-number-id} with
 *   `webhook_configuration: { override_callback_uri, verify_token }`, checked with
 *   GET /{phone-number-id}?fields=webhook_configuration (whose `phone_number` is the override),
 *   removed on unpublish with `override_callback_uri: ""` (only while it still points here).
 *   Meta requires the app to be subscribed to the WABA first, so create subscribes it when a
 *   business account ID is known.
 */
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { RegistrationMode } from './description';

export type GraphCall = (
	method: IHttpRequestMethods,
	path: string,
	options?: { body?: IDataObject; qs?: IDataObject },
) => Promise<IDataObject>;

export interface RegistrationTarget {
	webhookUrl: string;
	verifyToken: string;
	businessAccountId?: string;
	phoneNumberId?: string;
	unsubscribeOnDeactivate?: boolean;
	replaceExistingOverride?: boolean;
	/** Listening for a test event (n8n's manual mode), not publishing. */
	testing?: boolean;
	/** The node's webhook ID: n8n builds its URLs as <base URL>/<webhook ID>/webhook. */
	webhookId?: string;
}

/**
 * Whether `url` is this trigger's own route under another base URL: the production URL before the
 * base changed (a new tunnel or domain after a restart) or a test URL left behind. The webhook ID
 * is a UUID of this node, so the path ending in /<webhook ID>/webhook identifies it.
 */
export function isOwnRoute(url: string, webhookId: string | undefined): boolean {
	if (!webhookId) return false;
	let path: string;
	try {
		path = new URL(url).pathname;
	} catch {
		return false;
	}
	return path.replace(/\/+$/, '').endsWith(`/${webhookId}/webhook`);
}

/**
 * Builds the error for a problem the user must fix (the node passes a NodeOperationError factory,
 * so every error that leaves the node is one).
 */
export type ProblemFactory = (message: string, description: string) => Error;

export interface RegistrationDeps {
	call: GraphCall;
	problem: ProblemFactory;
}

/**
 * The credential fields the trigger cannot work without, by the labels the credential shows.
 * Without the App Secret every POST fails the signature check, without the Webhook Verify Token
 * every GET (Meta's verification of the callback URL) is refused: both answer 403 and the only
 * trace would be a log line, so publishing stops instead (in every registration mode, manual too).
 */
const WEBHOOK_SECRET_FIELDS = [
	{
		name: 'appSecret',
		label: 'App Secret',
		where: 'Meta App Dashboard > App settings > Basic > App secret',
		refused: 'every delivery from Meta (their signatures cannot be checked)',
		// Checked trimmed, as signature.ts uses it (Meta's App Secret never has spaces).
		trimmed: true,
	},
	{
		name: 'verifyToken',
		label: 'Webhook Verify Token',
		where:
			'any string you choose; type the same value as the Verify token in WhatsApp > Configuration',
		refused: "Meta's verification of the callback URL",
		trimmed: false,
	},
] as const;

/** Empty as the webhook itself sees it (signature.ts, handshake.ts): not a string, or no characters. */
const isEmptySecret = (value: unknown, trimmed: boolean): boolean =>
	typeof value !== 'string' || (trimmed ? value.trim() : value).length === 0;

/**
 * Throws (through the node's NodeOperationError factory) when the App Secret or the Webhook
 * Verify Token is empty. n8n's publish shows only the error's message (it passes the description
 * on for NodeApiErrors only), so the message itself names the fields and the fix; the
 * description says where each value comes from. Names fields only: never a secret's value.
 */
export function assertWebhookSecrets(
	problem: ProblemFactory,
	credentials: Record<string, unknown>,
	credentialName?: string,
): void {
	const missing = WEBHOOK_SECRET_FIELDS.filter((field) =>
		isEmptySecret(credentials[field.name], field.trimmed),
	);
	if (missing.length === 0) return;
	const credential = credentialName
		? `The credential "${credentialName}"`
		: 'The WhatsApp Cloud API credential';
	const fields = missing.map((field) => field.label);
	const refused = missing.map((field) => field.refused).join(' and ');
	throw problem(
		`${credential} has no ${fields.join(' and no ')}: the trigger would answer 403 to ${refused}. ` +
			`Fill in ${missing.length > 1 ? 'both' : fields[0]} in the credential and publish the workflow again.`,
		missing.map((field) => `${field.label}: ${field.where}.`).join(' '),
	);
}

function requireId(
	deps: RegistrationDeps,
	value: string | undefined,
	what: string,
	parameter: string,
): string {
	const id = (value ?? '').trim();
	if (!/^\d+$/.test(id)) {
		throw deps.problem(
			id ? `The ${what} "${id}" is not a numeric ID` : `No ${what} to register the webhook with`,
			`Set "${parameter}" in the credential or in the node. Meta shows it in the App Dashboard under WhatsApp > API Setup.`,
		);
	}
	return id;
}

/** The ID of the Meta app the access token belongs to, or undefined when Graph will not say. */
async function ownAppId(call: GraphCall): Promise<string | undefined> {
	try {
		const app = await call('GET', '/app', { qs: { fields: 'id' } });
		return typeof app.id === 'string' ? app.id : undefined;
	} catch {
		// Not fatal: create() subscribes again, which Meta treats as a no-op when already done.
		return undefined;
	}
}

function subscribedAppIds(response: IDataObject): string[] {
	const rows = Array.isArray(response.data) ? (response.data as IDataObject[]) : [];
	return rows
		.map((row) => (row?.whatsapp_business_api_data as IDataObject | undefined)?.id ?? row?.id)
		.filter((id): id is string => typeof id === 'string');
}

async function isAppSubscribed(call: GraphCall, wabaId: string): Promise<boolean> {
	const response = await call('GET', `/${wabaId}/subscribed_apps`);
	const appId = await ownAppId(call);
	if (appId === undefined) return false;
	return subscribedAppIds(response).includes(appId);
}

async function subscribeApp(deps: RegistrationDeps, wabaId: string): Promise<void> {
	const response = await deps.call('POST', `/${wabaId}/subscribed_apps`);
	if (response.success === false) {
		throw deps.problem(
			`Meta did not subscribe the app to WhatsApp Business Account ${wabaId}`,
			'Check that the access token has the whatsapp_business_management permission for this account.',
		);
	}
}

/** Where the phone number's webhooks currently go (undefined: no phone-number override). */
export async function currentOverride(
	call: GraphCall,
	phoneNumberId: string,
): Promise<string | undefined> {
	const response = await call('GET', `/${phoneNumberId}`, {
		qs: { fields: 'webhook_configuration' },
	});
	const config = response.webhook_configuration as IDataObject | undefined;
	const url = config?.phone_number;
	return typeof url === 'string' && url.length > 0 ? url : undefined;
}

function conflict(
	deps: RegistrationDeps,
	phoneNumberId: string,
	other: string,
	ours: string,
): Error {
	return deps.problem(
		`Phone number ${phoneNumberId} already routes its webhooks to another URL: ${other}`,
		`Another workflow (or another system) receives this number's events there. Unpublish that workflow first, or turn on "Take Over an Existing Override" to route them to ${ours} instead.`,
	);
}

/**
 * A test run ends with delete(), which removes the override instead of giving it back: taking over
 * a route that points elsewhere (often this workflow's own published version) would leave that
 * URL without this number's events once the test is over.
 */
function testConflict(deps: RegistrationDeps, phoneNumberId: string, other: string): Error {
	return deps.problem(
		`Phone number ${phoneNumberId} routes its webhooks to ${other}, and listening for a test event does not take that route over`,
		"When the test ends the route would be removed, not given back, and that URL would stop receiving this number's events. To test, set Registration to Manual and put the Test URL in the Meta app's webhook settings, or unpublish the workflow that owns the route first.",
	);
}

export async function checkRegistration(
	mode: RegistrationMode,
	deps: RegistrationDeps,
	target: RegistrationTarget,
): Promise<boolean> {
	if (mode === 'subscribeApp') {
		const wabaId = requireId(
			deps,
			target.businessAccountId,
			'WhatsApp Business Account ID',
			'WhatsApp Business Account ID',
		);
		return await isAppSubscribed(deps.call, wabaId);
	}
	if (mode === 'phoneNumberOverride') {
		const phoneNumberId = requireId(
			deps,
			target.phoneNumberId,
			'phone number ID',
			'Phone Number ID',
		);
		const url = await currentOverride(deps.call, phoneNumberId);
		if (url === undefined) return false;
		if (url === target.webhookUrl) return true;
		if (target.testing) throw testConflict(deps, phoneNumberId, url);
		if (target.replaceExistingOverride || isOwnRoute(url, target.webhookId)) return false;
		throw conflict(deps, phoneNumberId, url, target.webhookUrl);
	}
	return true; // manual: nothing to check, nothing to create
}

export async function createRegistration(
	mode: RegistrationMode,
	deps: RegistrationDeps,
	target: RegistrationTarget,
): Promise<boolean> {
	if (mode === 'subscribeApp') {
		await subscribeApp(
			deps,
			requireId(
				deps,
				target.businessAccountId,
				'WhatsApp Business Account ID',
				'WhatsApp Business Account ID',
			),
		);
		return true;
	}
	if (mode === 'phoneNumberOverride') {
		const phoneNumberId = requireId(
			deps,
			target.phoneNumberId,
			'phone number ID',
			'Phone Number ID',
		);
		if (!target.verifyToken) {
			throw deps.problem(
				'The credential has no Webhook Verify Token',
				'Meta verifies the override URL with it: set "Webhook Verify Token" in the WhatsApp Cloud API credential.',
			);
		}
		if (target.businessAccountId && /^\d+$/.test(target.businessAccountId.trim())) {
			await subscribeApp(deps, target.businessAccountId.trim());
		}
		const response = await deps.call('POST', `/${phoneNumberId}`, {
			body: {
				webhook_configuration: {
					override_callback_uri: target.webhookUrl,
					verify_token: target.verifyToken,
				},
			},
		});
		if (response.success === false) {
			throw deps.problem(
				`Meta did not set the webhook override of phone number ${phoneNumberId}`,
				'Meta calls the URL with the verify token before accepting it: the workflow must be reachable at its production URL over HTTPS.',
			);
		}
		return true;
	}
	return true;
}

export async function deleteRegistration(
	mode: RegistrationMode,
	deps: RegistrationDeps,
	target: RegistrationTarget,
): Promise<boolean> {
	if (mode === 'subscribeApp') {
		if (!target.unsubscribeOnDeactivate) return true;
		const wabaId = requireId(
			deps,
			target.businessAccountId,
			'WhatsApp Business Account ID',
			'WhatsApp Business Account ID',
		);
		await deps.call('DELETE', `/${wabaId}/subscribed_apps`);
		return true;
	}
	if (mode === 'phoneNumberOverride') {
		const phoneNumberId = requireId(
			deps,
			target.phoneNumberId,
			'phone number ID',
			'Phone Number ID',
		);
		const url = await currentOverride(deps.call, phoneNumberId);
		// Someone else took the route over since: leave their override alone.
		if (url !== undefined && url !== target.webhookUrl) return true;
		if (url === undefined) return true;
		await deps.call('POST', `/${phoneNumberId}`, {
			body: { webhook_configuration: { override_callback_uri: '' } },
		});
		return true;
	}
	return true;
}
