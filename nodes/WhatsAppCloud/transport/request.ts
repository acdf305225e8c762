/**
 * The one way the package calls the Graph API: {baseUrl}/{apiVersion}{path} through n8n's
 * httpRequestWithAuthentication (the credential adds the Bearer header; the token never goes in a
 * URL), every failure rethrown as a WhatsAppApiError.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { CREDENTIAL_TYPE, buildGraphUrl, loadCredentials, type GraphContext } from './credentials';
import { isGraphErrorBody, toGraphError } from './errors/parseError';

export interface GraphRequestOptions {
	body?: IDataObject;
	qs?: IDataObject;
	itemIndex?: number;
	/** Extra headers (never Authorization: the credential sets it). */
	headers?: IDataObject;
	/** Non-JSON body (e.g. multipart form data for media upload); wins over `body`. */
	rawBody?: IHttpRequestOptions['body'];
	/** Request timeout in ms. */
	timeout?: number;
}

function checkPath(ctx: GraphContext, path: string, itemIndex?: number): void {
	if (typeof path !== 'string' || !path.startsWith('/') || path.includes('?')) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Internal error: Graph path "${String(path)}" must start with "/" and carry no query`,
			{
				itemIndex,
			},
		);
	}
	if (/\/\/|\/(undefined|null)(\/|$)|\/$/.test(path) || path === '/') {
		throw new NodeOperationError(
			ctx.getNode(),
			`The Graph request path "${path}" has an empty ID`,
			{
				description:
					'Is the Phone Number ID or WhatsApp Business Account ID field of the WhatsApp Cloud API credential empty? Fill it in (WhatsApp > API Setup in the Meta app dashboard).',
				itemIndex,
			},
		);
	}
}

export const TOKEN_QUERY_KEYS = /^(access_token|appsecret_proof)$/i;

function withoutTokenParams(qs: IDataObject | undefined): IDataObject | undefined {
	if (!qs) return undefined;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(qs)) {
		if (!TOKEN_QUERY_KEYS.test(key) && value !== undefined) out[key] = value;
	}
	return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * One Graph API call. `path` is relative to {baseUrl}/{apiVersion} and starts with "/",
 * e.g. `/${phoneNumberId}/messages`. Throws WhatsAppApiError on any HTTP or network failure.
 */
export async function graphRequest<T = IDataObject>(
	this: GraphContext,
	method: IHttpRequestMethods,
	path: string,
	options: GraphRequestOptions = {},
): Promise<T> {
	const { itemIndex } = options;
	checkPath(this, path, itemIndex);
	const account = await loadCredentials(this, itemIndex);
	const request: IHttpRequestOptions = {
		method,
		url: buildGraphUrl(account, path),
		json: true,
	};
	const qs = withoutTokenParams(options.qs);
	if (qs) request.qs = qs;
	if (options.rawBody !== undefined) request.body = options.rawBody;
	else if (options.body !== undefined) request.body = options.body;
	if (options.headers) {
		const headers: IDataObject = {};
		for (const [key, value] of Object.entries(options.headers)) {
			if (key.toLowerCase() !== 'authorization') headers[key] = value;
		}
		request.headers = headers;
	}
	if (options.timeout !== undefined) request.timeout = options.timeout;

	let response: unknown;
	try {
		response = await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			request,
		);
	} catch (error) {
		throw toGraphError(this.getNode(), error, { path, account }, itemIndex);
	}
	if (isGraphErrorBody(response)) {
		// A proxy or emulator that answers 200 with a Graph error body.
		throw toGraphError(
			this.getNode(),
			{ response: { status: 200, data: response } },
			{ path, account },
			itemIndex,
		);
	}
	return response as T;
}
