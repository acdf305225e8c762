import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../sandbox';

/** A webhook receiver on 127.0.0.1 that keeps the raw bytes of every request. */
export interface Received {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	raw: Buffer;
	at: number;
}

export interface Receiver {
	url: string;
	received: Received[];
	posts: () => Received[];
	gets: () => Received[];
	/** statuses to answer POSTs with, consumed in order; then 200 */
	postStatuses: number[];
	/** how GETs (handshakes) are answered: echo the challenge when the token matches */
	verifyToken: string;
	close: () => Promise<void>;
	waitForPosts: (n: number, timeoutMs?: number) => Promise<Received[]>;
}

export async function startReceiver(verifyToken = 'sandbox-verify-token'): Promise<Receiver> {
	const received: Received[] = [];
	const r: Partial<Receiver> = { received, postStatuses: [], verifyToken };
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const u = new URL(req.url ?? '/', 'http://x');
			received.push({
				method: req.method ?? '',
				path: u.pathname,
				query: u.searchParams,
				headers: req.headers,
				raw: Buffer.concat(chunks),
				at: Date.now(),
			});
			if (req.method === 'GET') {
				const ok =
					u.searchParams.get('hub.mode') === 'subscribe' &&
					u.searchParams.get('hub.verify_token') === r.verifyToken;
				res.writeHead(ok ? 200 : 403, { 'content-type': 'text/plain' });
				res.end(ok ? (u.searchParams.get('hub.challenge') ?? '') : 'forbidden');
				return;
			}
			const status = r.postStatuses?.length ? (r.postStatuses.shift() as number) : 200;
			res.writeHead(status);
			res.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	r.url = `http://127.0.0.1:${port}/webhook`;
	r.posts = () => received.filter((x) => x.method === 'POST');
	r.gets = () => received.filter((x) => x.method === 'GET');
	r.close = () =>
		new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	r.waitForPosts = async (n, timeoutMs = 5_000) => {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const p = (r.posts as () => Received[])();
			if (p.length >= n) return p;
			await new Promise((res) => setTimeout(res, 5));
		}
		throw new Error(`expected ${n} POSTs, got ${(r.posts as () => Received[])().length}`);
	};
	return r as Receiver;
}

export const TOKEN = 'sandbox-access-token';

export interface Api {
	sb: SandboxHandle;
	get: (
		path: string,
		init?: { token?: string | null; headers?: Record<string, string> },
	) => Promise<{ status: number; json: any; headers: Headers }>;
	post: (
		path: string,
		body: unknown,
		init?: { token?: string | null; headers?: Record<string, string> },
	) => Promise<{ status: number; json: any; headers: Headers }>;
	del: (
		path: string,
		init?: { token?: string | null },
	) => Promise<{ status: number; json: any; headers: Headers }>;
	send: (
		message: Record<string, unknown>,
	) => Promise<{ status: number; json: any; headers: Headers }>;
	control: (method: string, path: string, body?: unknown) => Promise<{ status: number; json: any }>;
}

/** Starts a quiet sandbox and returns small fetch helpers. Paths starting with /v are absolute. */
export async function startApi(options: SandboxOptions = {}): Promise<Api> {
	const sb = await startSandbox({ quiet: true, ...options });
	const call = async (
		method: string,
		path: string,
		body?: unknown,
		init: { token?: string | null; headers?: Record<string, string> } = {},
	) => {
		const headers: Record<string, string> = { ...(init.headers ?? {}) };
		const token = init.token === undefined ? TOKEN : init.token;
		if (token !== null) headers.authorization = `Bearer ${token}`;
		let payload: string | undefined;
		if (body !== undefined) {
			payload = typeof body === 'string' ? body : JSON.stringify(body);
			headers['content-type'] ??= 'application/json';
		}
		const url = path.startsWith('http')
			? path
			: `${sb.url}${path.startsWith('/v') || path.startsWith('/_') || path.startsWith('/whatsapp') ? '' : '/v24.0'}${path}`;
		const res = await fetch(url, { method, headers, body: payload });
		const text = await res.text();
		let json: any = text;
		try {
			json = JSON.parse(text);
		} catch {
			/* not JSON */
		}
		return { status: res.status, json, headers: res.headers };
	};
	return {
		sb,
		get: (path, init) => call('GET', path, undefined, init),
		post: (path, body, init) => call('POST', path, body, init),
		del: (path, init) => call('DELETE', path, undefined, init),
		send: (message) =>
			call('POST', `/${sb.credentials.phoneNumberId}/messages`, {
				messaging_product: 'whatsapp',
				...message,
			}),
		control: async (method, path, body) => {
			const res = await fetch(`${sb.url}/_sandbox${path}`, {
				method,
				headers: body === undefined ? {} : { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			return { status: res.status, json: await res.json() };
		},
	};
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function text(to: string, body = 'Hello from the test'): Record<string, unknown> {
	return { to, type: 'text', text: { body } };
}
