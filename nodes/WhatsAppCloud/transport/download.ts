/**
 * Downloads a media file from the short-lived URL Meta gives for a media ID, sending the access
 * token only to Meta's own hosts or the credential's API Base URL origin.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { CREDENTIAL_TYPE, loadCredentials, type GraphContext } from './credentials';
import { toGraphError } from './errors/parseError';
import { redactSecrets } from './redact';

/** Hosts that may receive the access token with a media file download. */
const META_MEDIA_HOSTS = /(^|\.)(fbsbx\.com|facebook\.com|fbcdn\.net|whatsapp\.net)$/i;

/**
 * Whether the access token may be sent to this (absolute) media URL: https on one of Meta's
 * hosts, or the same origin as the credential's API Base URL (the sandbox or a proxy).
 */
export function isTrustedMediaUrl(url: string, baseUrl: string): boolean {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return false;
	}
	try {
		if (target.origin === new URL(baseUrl).origin) return true;
	} catch {
		// A bad base URL trusts nothing but Meta.
	}
	return target.protocol === 'https:' && META_MEDIA_HOSTS.test(target.hostname);
}

export interface DownloadedFile {
	data: Buffer;
	/** Response headers as the request helper gives them (content-type, content-disposition...). */
	headers: Record<string, unknown>;
}

/**
 * GET an absolute media file URL (what GET /{media-id} returns; it lives about 5 minutes and
 * needs the access token) as bytes. The token is only sent to Meta's own hosts or the
 * credential's API Base URL origin, never along cross-origin redirects. Errors are parsed and
 * scrubbed like graphRequest's.
 */
export async function graphDownload(
	this: GraphContext,
	url: string,
	options: { itemIndex?: number } = {},
): Promise<DownloadedFile> {
	const { itemIndex } = options;
	const account = await loadCredentials(this, itemIndex);
	if (!isTrustedMediaUrl(url, account.baseUrl)) {
		let host = 'an unparsable URL';
		try {
			host = new URL(url).hostname;
		} catch {
			// keep the generic wording
		}
		throw new NodeOperationError(
			this.getNode(),
			'Meta returned a media URL on an unexpected host; not sending the access token there',
			{
				itemIndex,
				description: `The file URL's host (${redactSecrets(host, account.secrets)}) is neither one of Meta's hosts nor the credential's API Base URL. Check API Base URL in the credential; use Media > Get URL to see the address.`,
			},
		);
	}
	const request: IHttpRequestOptions = {
		method: 'GET',
		url,
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
		sendCredentialsOnCrossOriginRedirect: false,
	};
	let answer: { body?: unknown; headers?: Record<string, unknown> } | undefined;
	try {
		answer = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			request,
		)) as typeof answer;
	} catch (error) {
		throw toGraphError(this.getNode(), error, { path: '/media-file', account }, itemIndex);
	}
	const body = answer?.body;
	const data = Buffer.isBuffer(body)
		? body
		: body instanceof ArrayBuffer
			? Buffer.from(body)
			: typeof body === 'string'
				? Buffer.from(body, 'binary')
				: Buffer.alloc(0);
	return { data, headers: answer?.headers ?? {} };
}
