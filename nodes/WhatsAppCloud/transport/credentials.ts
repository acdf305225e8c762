/**
 * The credential as every Graph call needs it: base URL and API version normalised, the two IDs,
 * and the secrets to scrub from anything shown (read once per n8n context). Never returns a secret.
 */
import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	ITriggerFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { redactSecrets } from './redact';

export const CREDENTIAL_TYPE = 'whatsAppCloudApi';
export const DEFAULT_API_VERSION = 'v24.0';
export const DEFAULT_BASE_URL = 'https://graph.facebook.com';

/** Any n8n context that has credentials and httpRequestWithAuthentication. */
export type GraphContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions
	| ITriggerFunctions;

/** The credential's non-secret settings. */
export interface AccountInfo {
	phoneNumberId: string;
	businessAccountId: string;
	apiVersion: string;
	baseUrl: string;
}

export interface ResolvedCredentials extends AccountInfo {
	/** Secret values to scrub from anything we surface. Never returned to callers. */
	secrets: string[];
}

const credentialCache = new WeakMap<object, Promise<ResolvedCredentials>>();

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** "https://graph.facebook.com/" and ".../v24.0" both become "https://graph.facebook.com". */
export function normalizeBaseUrl(raw: unknown): string | undefined {
	let base = text(raw) || DEFAULT_BASE_URL;
	base = base
		.replace(/\/+$/, '')
		.replace(/\/v\d+(\.\d+)?$/i, '')
		.replace(/\/+$/, '');
	if (!/^https?:\/\/[^/\s]+/i.test(base)) return undefined;
	return base;
}

/** "v24.0", "24.0" and " v24.0 " become "v24.0"; anything else is undefined. */
export function normalizeApiVersion(raw: unknown): string | undefined {
	const version = text(raw) || DEFAULT_API_VERSION;
	if (/^v\d+(\.\d+)?$/i.test(version)) return version.toLowerCase();
	if (/^\d+(\.\d+)?$/.test(version)) return `v${version}`;
	return undefined;
}

export async function loadCredentials(
	ctx: GraphContext,
	itemIndex?: number,
): Promise<ResolvedCredentials> {
	const cached = credentialCache.get(ctx);
	if (cached) return await cached;
	const loading = (async () => {
		const raw = (await (ctx as IExecuteFunctions).getCredentials(
			CREDENTIAL_TYPE,
			itemIndex,
		)) as IDataObject;
		const token = text(raw.accessToken);
		const secrets = [
			token,
			token.replace(/^Bearer\s+/i, ''),
			text(raw.appSecret),
			text(raw.verifyToken),
		].filter((s) => s !== '');
		const baseUrl = normalizeBaseUrl(raw.baseUrl);
		if (baseUrl === undefined) {
			throw new NodeOperationError(
				ctx.getNode(),
				`API Base URL "${redactSecrets(text(raw.baseUrl), secrets)}" is not a URL`,
				{
					description:
						'Set API Base URL in the WhatsApp Cloud API credential to https://graph.facebook.com (or the full URL of your sandbox or proxy).',
					itemIndex,
				},
			);
		}
		const apiVersion = normalizeApiVersion(raw.apiVersion);
		if (apiVersion === undefined) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Graph API Version "${text(raw.apiVersion)}" is not a version`,
				{
					description:
						'Set Graph API Version in the WhatsApp Cloud API credential to a value like v24.0.',
					itemIndex,
				},
			);
		}
		return {
			baseUrl,
			apiVersion,
			phoneNumberId: text(raw.phoneNumberId),
			businessAccountId: text(raw.businessAccountId),
			secrets,
		};
	})();
	credentialCache.set(ctx, loading);
	try {
		return await loading;
	} catch (error) {
		credentialCache.delete(ctx);
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
}

/** The credential's non-secret settings, normalized. Never returns the token or secrets. */
export async function getAccountInfo(this: GraphContext): Promise<AccountInfo> {
	const { phoneNumberId, businessAccountId, apiVersion, baseUrl } = await loadCredentials(this);
	return { phoneNumberId, businessAccountId, apiVersion, baseUrl };
}

/** {baseUrl}/{apiVersion}{path}. */
export function buildGraphUrl(
	account: Pick<AccountInfo, 'baseUrl' | 'apiVersion'>,
	path: string,
): string {
	return `${account.baseUrl}/${account.apiVersion}${path}`;
}
