/**
 * A fake n8n context for the Graph transport's tests: fixed credentials, and an
 * httpRequestWithAuthentication that answers through the test's function and records each call.
 * n8nHttpError / n8nNetworkError build what n8n-core really throws (a NodeApiError whose
 * `cause` is an AxiosError carrying `config.headers.Authorization` and
 * `response.{status,statusText,headers,data}`; without an answer, `cause.code` and httpCode set to
 * the code), and expectNoSecrets checks that no secret survives anywhere in an error.
 */
import { inspect } from 'node:util';

import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';

import type { WhatsAppApiError } from '../../nodes/WhatsAppCloud/transport/errors/whatsAppApiError';

export const TOKEN = 'EAAGm0PX4ZCpsBAKZCtestTOKENvalue1234567890abcdef';
export const APP_SECRET = 'appsecret-0f9e8d7c6b5a';
export const VERIFY_TOKEN = 'my-verify-token-42';
export const PHONE_ID = '106540352242922';
export const WABA_ID = '1029384756102938';

export const node: INode = {
	id: 'n1',
	name: 'WhatsApp',
	type: 'n8n-nodes-whatsapp-cloud.whatsAppCloud',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Everything an error carries, as n8n could persist, log or show it. */
export function everythingIn(error: unknown): string {
	const e = error as Record<string, unknown>;
	return [
		JSON.stringify(error),
		inspect(error, { depth: 10, showHidden: true }),
		String(e.message),
		String(e.description),
		String(e.stack),
		JSON.stringify(e.errorResponse ?? null),
		JSON.stringify(e.context ?? null),
		JSON.stringify(e.graph ?? null),
	].join('\n');
}

export function expectNoSecrets(error: unknown) {
	const all = everythingIn(error);
	expect(all).not.toContain(TOKEN);
	expect(all).not.toContain(APP_SECRET);
	expect(all).not.toContain(VERIFY_TOKEN);
	expect(all).not.toMatch(/Bearer EAA/);
}

/** Same name as axios' class: NodeApiError reads the status from `errorResponse.constructor.name === 'AxiosError'`. */
export class AxiosError extends Error {
	isAxiosError = true;
	constructor(
		message: string,
		public code: string,
		public config: IDataObject,
		public response?: IDataObject,
	) {
		super(message);
		this.name = 'AxiosError';
	}
}

/** AxiosHeaders-like: lower-case keys plus a case-insensitive get(). */
export function axiosHeaders(headers: Record<string, string>) {
	const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
	return Object.assign(Object.create({ get: (name: string) => lower[name.toLowerCase()] }), lower);
}

/** What n8n-core's httpRequestWithAuthentication throws for an HTTP error answer. */
export function n8nHttpError(
	status: number,
	data: unknown,
	headers: Record<string, string> = {},
	request: IHttpRequestOptions = { url: '' },
) {
	const config = {
		url: request.url,
		params: request.qs,
		method: request.method,
		headers: { Accept: 'application/json', Authorization: `Bearer ${TOKEN}`, 'User-Agent': 'n8n' },
	};
	const axiosError = new AxiosError(
		`Request failed with status code ${status}`,
		status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST',
		config,
		{
			status,
			statusText: status === 400 ? 'Bad Request' : 'Error',
			headers: axiosHeaders(headers),
			data: data as IDataObject,
			config,
		},
	);
	return new NodeApiError(
		node,
		axiosError as unknown as ConstructorParameters<typeof NodeApiError>[1],
	);
}

/** What it throws when no HTTP answer arrived (httpCode is then the network code). */
export function n8nNetworkError(code: string, message = `connect ${code} 127.0.0.1:1`) {
	const config = { headers: { Authorization: `Bearer ${TOKEN}` } };
	return new NodeApiError(
		node,
		new AxiosError(message, code, config) as unknown as ConstructorParameters<
			typeof NodeApiError
		>[1],
	);
}

export interface FakeCall {
	type: string;
	options: IHttpRequestOptions;
	thisArg: unknown;
}

export function fakeContext(
	respond: (options: IHttpRequestOptions, call: number) => unknown,
	credentials: IDataObject = {},
): { ctx: IExecuteFunctions; calls: FakeCall[] } {
	const calls: FakeCall[] = [];
	const ctx = {
		getNode: () => node,
		getCredentials: async () => ({
			accessToken: TOKEN,
			phoneNumberId: PHONE_ID,
			businessAccountId: WABA_ID,
			appSecret: APP_SECRET,
			verifyToken: VERIFY_TOKEN,
			apiVersion: 'v24.0',
			baseUrl: 'https://graph.facebook.com',
			...credentials,
		}),
		helpers: {
			async httpRequestWithAuthentication(
				this: unknown,
				type: string,
				options: IHttpRequestOptions,
			) {
				calls.push({ type, options: structuredClone(options), thisArg: this });
				const result = respond(options, calls.length - 1);
				if (result instanceof Error) throw result;
				return result;
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

export async function catchError(promise: Promise<unknown>): Promise<WhatsAppApiError> {
	try {
		await promise;
	} catch (error) {
		return error as WhatsAppApiError;
	}
	throw new Error('expected the request to fail');
}
