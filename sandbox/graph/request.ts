/**
 * A Graph API call as the sandbox receives it, the answer it gives, and how a handler reads the
 * call's parameters (JSON or form body merged over the query string, `fields` lists).
 */
import type { IncomingHttpHeaders } from 'node:http';

import { errors, type GraphError } from '../core/errors';

/** The version a path without one is served as (any /vN.N/ is accepted). */
export const DEFAULT_API_VERSION = 'v24.0';

export interface IncomingGraphRequest {
	method: string;
	/** path segments after the version, e.g. ['731596248005317', 'messages'] */
	segments: string[];
	version: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: Buffer;
	/** scheme://host:port the client used, for absolute URLs (paging.next, media URL) */
	baseUrl: string;
}

export type GraphResult =
	| { status: number; json: unknown; headers?: Record<string, string> }
	| { status: number; bytes: Buffer; contentType: string; headers?: Record<string, string> }
	| { destroy: true };

export function ok(json: unknown): GraphResult {
	return { status: 200, json };
}

/** The answer Graph gives for this error. */
export function errorResult(err: GraphError): GraphResult {
	return { status: err.status, json: err.body, headers: err.headers };
}

const JSON_LIMIT = 4 * 1024 * 1024;

/** JSON or form body, with query parameters merged under it (Graph reads both). */
export function params(req: IncomingGraphRequest): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of req.query) {
		if (k === 'access_token') continue;
		out[k] = /^[[{]/.test(v) ? tryJson(v) : v;
	}
	if (!req.body.length) return out;
	const type = String(req.headers['content-type'] ?? '');
	if (type.includes('application/x-www-form-urlencoded')) {
		for (const [k, v] of new URLSearchParams(req.body.toString('utf8')))
			out[k] = /^[[{]/.test(v) ? tryJson(v) : v;
		return out;
	}
	if (req.body.length > JSON_LIMIT) throw errors.payloadTooLarge(JSON_LIMIT);
	let parsed: unknown;
	try {
		parsed = JSON.parse(req.body.toString('utf8'));
	} catch {
		throw errors.invalidParameter('The request body is not valid JSON.');
	}
	if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(out, parsed);
	return out;
}

function tryJson(v: string): unknown {
	try {
		return JSON.parse(v);
	} catch {
		return v;
	}
}

/**
 * The requested fields of a Graph object, each from its getter; an unknown field is Meta's
 * "nonexisting field" error (after `onUnknown`, if given, has seen it).
 */
export function pickFields(
	available: Record<string, () => unknown>,
	wanted: string[],
	nodeType: string,
	onUnknown?: (field: string) => void,
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const f of wanted) {
		if (!available[f]) {
			onUnknown?.(f);
			throw errors.nonexistingField(f, nodeType);
		}
		out[f] = available[f]();
	}
	return out;
}

/** `fields=a,b` as a list; undefined when absent or empty. */
export function fieldList(fields: string | null): string[] | undefined {
	if (!fields) return undefined;
	return fields
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean);
}
