/**
 * A tiny stand-in for graph.facebook.com: an HTTP server on 127.0.0.1, ephemeral port, that
 * records every request and answers through a per-test handler or route table.
 *
 *   const graph = await startFakeGraph();                 // beforeAll
 *   graph.on('POST', '/v24.0/1234/messages', () => ({ json: { messages: [{ id: 'wamid.1' }] } }));
 *   graph.on('GET', /\/templates$/, (req) => ({ json: { data: [] } }));
 *   graph.setHandler((req) => graphError(131030, 'Recipient not in allowed list'));  // fallback
 *   ... credentials: { whatsAppCloudApi: { ..., baseUrl: graph.url } } ...
 *   expect(graph.requests[0].headers.authorization).toBe('Bearer TOKEN');
 *   graph.reset();                                        // beforeEach: forget requests + routes
 *   await graph.close();                                  // afterAll
 *
 * Routes are matched in the order they were added; the first match answers. Unmatched requests
 * go to the fallback handler (default: 404 with a Graph-shaped error), so a missing route shows up
 * as a clear Graph error in the node's output rather than a hang.
 */
import {
	createServer,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	/** Path without the query string, e.g. `/v24.0/1234/messages`. */
	path: string;
	/** Full request target as received, e.g. `/v24.0/1234/messages?fields=id`. */
	url: string;
	query: Record<string, string | string[]>;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	/** Parsed JSON body when the body is valid JSON, otherwise undefined. */
	json: any;
	/** Body text (utf8). */
	text: string;
	/** 0-based arrival order across the server's lifetime (not reset by `reset()`). */
	seq: number;
	receivedAt: number;
}

export interface FakeResponse {
	status?: number;
	headers?: Record<string, string | number>;
	/** JSON body (sets content-type application/json unless headers say otherwise). */
	json?: unknown;
	/** Raw body; used when `json` is undefined. */
	body?: string | Buffer;
	/** Wait this long before answering (real timers: keep it small). */
	delayMs?: number;
	/** Drop the connection without answering (simulates ECONNRESET / socket hang up). */
	destroy?: boolean;
}

export type FakeHandler = (
	req: RecordedRequest,
) => FakeResponse | undefined | void | Promise<FakeResponse | undefined | void>;

interface Route {
	method: string;
	path: string | RegExp;
	handler: FakeHandler;
	times?: number;
}

export interface FakeGraph {
	/** `http://127.0.0.1:<port>`, no trailing slash: use it as the credential's baseUrl. */
	url: string;
	port: number;
	server: Server;
	/** Every request since the last `reset()`, in arrival order. */
	requests: RecordedRequest[];
	/** Add a route. `method` '*' matches any method; a string path must equal the path exactly. */
	on(
		method: string,
		path: string | RegExp,
		handler: FakeHandler | FakeResponse,
		options?: { times?: number },
	): FakeGraph;
	/** Like `on`, but the route answers only once, then falls through to later routes/fallback. */
	once(method: string, path: string | RegExp, handler: FakeHandler | FakeResponse): FakeGraph;
	/** Replace the fallback handler (used when no route matches). */
	setHandler(handler: FakeHandler): FakeGraph;
	/** Forget recorded requests and routes; the fallback goes back to the one given to startFakeGraph. */
	reset(): void;
	/** Requests whose method and path match. */
	find(method: string, path: string | RegExp): RecordedRequest[];
	close(): Promise<void>;
}

/** A Graph API error response in Meta's shape: `{ error: { message, type, code, error_subcode, error_data, fbtrace_id } }`. */
export function graphError(
	code: number,
	message: string,
	options: {
		status?: number;
		subcode?: number;
		type?: string;
		details?: string;
		fbtraceId?: string;
		headers?: Record<string, string>;
	} = {},
): FakeResponse {
	const error: Record<string, unknown> = {
		message,
		type: options.type ?? 'OAuthException',
		code,
		fbtrace_id: options.fbtraceId ?? 'AfakeTraceId0001',
	};
	if (options.subcode !== undefined) error.error_subcode = options.subcode;
	if (options.details !== undefined)
		error.error_data = { messaging_product: 'whatsapp', details: options.details };
	return { status: options.status ?? 400, json: { error }, headers: options.headers };
}

const notFound: FakeHandler = (req) =>
	graphError(100, `Fake Graph: no route for ${req.method} ${req.path}`, {
		status: 404,
		type: 'GraphMethodException',
	});

const openServers = new Set<FakeGraph>();

/** Start a fake Graph server on 127.0.0.1:0. Optional fallback handler. */
export async function startFakeGraph(handler?: FakeHandler): Promise<FakeGraph> {
	const initialFallback: FakeHandler = handler ?? notFound;
	let fallback = initialFallback;
	let routes: Route[] = [];
	let seq = 0;
	const requests: RecordedRequest[] = [];

	const matches = (method: string, path: string | RegExp, req: RecordedRequest) =>
		(method === '*' || method.toUpperCase() === req.method) &&
		(typeof path === 'string' ? path === req.path : path.test(req.path));

	async function answer(recorded: RecordedRequest, res: ServerResponse) {
		let result: FakeResponse | undefined | void;
		const route = routes.find((r) => matches(r.method, r.path, recorded));
		if (route) {
			if (route.times !== undefined && --route.times <= 0)
				routes = routes.filter((r) => r !== route);
			result = await route.handler(recorded);
		} else {
			result = await fallback(recorded);
		}
		const response: FakeResponse = result ?? { status: 200, json: {} };
		if (response.delayMs) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
		if (response.destroy) {
			res.socket?.destroy();
			return;
		}
		const headers: Record<string, string | number> = { ...(response.headers ?? {}) };
		let body: string | Buffer = '';
		if (response.json !== undefined) {
			body = JSON.stringify(response.json);
			if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
				headers['content-type'] = 'application/json';
		} else if (response.body !== undefined) {
			body = response.body;
		}
		res.writeHead(response.status ?? 200, headers);
		res.end(body);
	}

	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
			const query: Record<string, string | string[]> = {};
			for (const key of new Set(parsed.searchParams.keys())) {
				const all = parsed.searchParams.getAll(key);
				query[key] = all.length > 1 ? all : all[0];
			}
			const text = rawBody.toString('utf8');
			let json: unknown;
			try {
				json = text ? JSON.parse(text) : undefined;
			} catch {
				json = undefined;
			}
			const recorded: RecordedRequest = {
				method: (req.method ?? 'GET').toUpperCase(),
				path: parsed.pathname,
				url: req.url ?? '/',
				query,
				headers: req.headers,
				rawBody,
				json,
				text,
				seq: seq++,
				receivedAt: Date.now(),
			};
			requests.push(recorded);
			answer(recorded, res).catch((error: Error) => {
				if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
				res.end(`fake graph handler threw: ${error.message}`);
			});
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;

	const toHandler = (h: FakeHandler | FakeResponse): FakeHandler =>
		typeof h === 'function' ? h : () => h;

	const graph: FakeGraph = {
		url: `http://127.0.0.1:${port}`,
		port,
		server,
		requests,
		on(method, path, h, options) {
			routes.push({ method, path, handler: toHandler(h), times: options?.times });
			return graph;
		},
		once(method, path, h) {
			return graph.on(method, path, h, { times: 1 });
		},
		setHandler(h) {
			fallback = h;
			return graph;
		},
		reset() {
			requests.length = 0;
			routes = [];
			fallback = initialFallback;
		},
		find(method, path) {
			return requests.filter((r) => matches(method, path, r));
		},
		async close() {
			openServers.delete(graph);
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	openServers.add(graph);
	return graph;
}

/** Close every fake Graph server this module started (handy in a global afterAll). */
export async function closeAllFakeGraphs(): Promise<void> {
	await Promise.all([...openServers].map((g) => g.close()));
}
