import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { SandboxOptions } from './core/config';
import { errors, GraphError } from './core/errors';
import { fbtraceId } from './core/ids';
import { SEED } from './core/seed';
import type { InboundSpec } from './payloads';
import { type FaultSpec, type GraphResult, type InjectOptions, Sandbox } from './sandbox';

/**
 * startSandbox(): the local WhatsApp Cloud API emulator on node:http.
 *
 *   /{version}/...            Graph API (version like v24.0; any vN.N accepted; none = v24.0)
 *   /whatsapp_business/attachments/?mid=&ext=&hash=   media downloads (Bearer required)
 *   /_sandbox/...             control API (JSON), see README.md in this folder
 *
 * Keep-alive is on and the hot path (POST /messages) does one JSON parse, one zod check and a
 * couple of map lookups, so one process sustains thousands of requests per second.
 */

export const DEFAULT_API_VERSION = 'v24.0';
const BODY_LIMIT = 20 * 1024 * 1024;

export interface SandboxHandle {
	/** http://127.0.0.1:<port> - the credential's API Base URL */
	url: string;
	port: number;
	host: string;
	/** url + '/v24.0' */
	graphUrl: string;
	/** The state and control object (same operations as the /_sandbox HTTP API). */
	sandbox: Sandbox;
	/** Alias of sandbox. */
	control: Sandbox;
	/** Values for an n8n `whatsAppCloudApi` credential pointing at this sandbox. */
	credentials: {
		accessToken: string;
		phoneNumberId: string;
		businessAccountId: string;
		appSecret: string;
		verifyToken: string;
		apiVersion: string;
		baseUrl: string;
	};
	close(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
	if (
		(req.method === 'GET' || req.method === 'HEAD') &&
		!req.headers['content-length'] &&
		!req.headers['transfer-encoding']
	) {
		req.resume();
		return Promise.resolve(Buffer.alloc(0));
	}
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > limit) {
				reject(new BodyTooLarge());
				req.resume();
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function sendJson(
	res: ServerResponse,
	status: number,
	json: unknown,
	headers: Record<string, string> = {},
): void {
	const body = JSON.stringify(json);
	res.writeHead(status, {
		'content-type': 'application/json; charset=UTF-8',
		'content-length': Buffer.byteLength(body),
		...headers,
	});
	res.end(body);
}

function redactQuery(query: string): string {
	return query.replace(/(^|&)(access_token|hub\.verify_token)=[^&]*/gi, '$1$2=REDACTED');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
	const sandbox = new Sandbox(options);
	const host = options.host ?? '127.0.0.1';

	const server = createServer(
		{ keepAlive: true, keepAliveTimeout: 65_000, requestTimeout: 120_000 },
		(req, res) => {
			handle(req, res).catch((err: unknown) => {
				if (err instanceof BodyTooLarge) {
					const e = errors.payloadTooLarge(BODY_LIMIT);
					if (!res.headersSent) sendJson(res, 413, e.body, { connection: 'close' });
					return;
				}
				const message = err instanceof Error ? err.message : String(err);
				sandbox.log(`internal error on ${req.method} ${(req.url ?? '').split('?')[0]}: ${message}`);
				if (!res.headersSent) sendJson(res, 500, errors.server(500).body);
				else res.destroy();
			});
		},
	);
	server.keepAliveTimeout = 65_000;
	server.headersTimeout = 66_000;

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const started = performance.now();
		const rawUrl = req.url ?? '/';
		const qi = rawUrl.indexOf('?');
		const pathname = qi === -1 ? rawUrl : rawUrl.slice(0, qi);
		const queryString = qi === -1 ? '' : rawUrl.slice(qi + 1);
		const query = new URLSearchParams(queryString);
		const method = (req.method ?? 'GET').toUpperCase();
		const baseUrl = `http://${req.headers.host ?? `${host}:${port}`}`;

		if (pathname === '/_sandbox' || pathname.startsWith('/_sandbox/')) {
			const body = await readBody(req, BODY_LIMIT);
			return control(method, pathname.slice('/_sandbox'.length), query, body, res, baseUrl);
		}

		const body = await readBody(req, BODY_LIMIT);
		let segments: string[];
		try {
			segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
		} catch {
			segments = [];
		}

		let result: GraphResult;
		let version = DEFAULT_API_VERSION;
		const k = sandbox.knobs;
		if (k.latencyMs > 0 || k.latencyJitterMs > 0)
			await sleep(k.latencyMs + Math.random() * k.latencyJitterMs);

		if (segments[0] === 'whatsapp_business' && segments[1] === 'attachments' && method === 'GET') {
			result =
				sandbox.applyEarlyFault(sandbox.randomFault('other')) ??
				sandbox.downloadMedia(req.headers, query);
		} else if (pathname === '/' && method === 'GET') {
			result = {
				status: 200,
				json: {
					sandbox: 'WhatsApp Cloud API sandbox',
					graph: `${baseUrl}/${DEFAULT_API_VERSION}`,
					control: `${baseUrl}/_sandbox`,
					phone_number_id: sandbox.identity.phoneNumberId,
					waba_id: sandbox.identity.wabaId,
				},
			};
		} else {
			if (segments[0] && /^v\d/.test(segments[0])) {
				if (!/^v\d+\.\d+$/.test(segments[0])) {
					result = {
						status: 400,
						json: new GraphError(400, 100, "Invalid version format. Use format like 'v24.0'").body,
					};
					return finish();
				}
				version = segments.shift() as string;
			}
			const isSend = method === 'POST' && segments[1] === 'messages';
			const early = isSend ? undefined : sandbox.applyEarlyFault(sandbox.randomFault('other'));
			result =
				early ??
				(await sandbox.handleGraph({
					method,
					segments,
					version,
					query,
					headers: req.headers,
					body,
					baseUrl,
				}));
		}
		return finish();

		function finish(): void {
			sandbox.counters.requests++;
			const status = 'destroy' in result ? 0 : result.status;
			const code =
				'json' in result ? (result.json as { error?: { code?: number } })?.error?.code : undefined;
			sandbox.requests.push({
				at: new Date().toISOString(),
				method,
				path: queryString ? `${pathname}?${redactQuery(queryString)}` : pathname,
				status,
				...(code !== undefined ? { code } : {}),
				durationMs: Math.round((performance.now() - started) * 10) / 10,
			});
			if ('destroy' in result) {
				// Connection reset before any byte of the answer: the client sees ECONNRESET /
				// "socket hang up" and cannot know whether the message was processed (it was not).
				req.socket.resetAndDestroy();
				return;
			}
			const headers = {
				'facebook-api-version': version,
				'x-fb-trace-id': fbtraceId(),
				...(result.headers ?? {}),
			};
			if ('bytes' in result) {
				res.writeHead(result.status, {
					'content-type': result.contentType,
					'content-length': result.bytes.length,
					...headers,
				});
				res.end(result.bytes);
			} else {
				sendJson(res, result.status, result.json, headers);
			}
		}
	}

	async function control(
		method: string,
		path: string,
		query: URLSearchParams,
		body: Buffer,
		res: ServerResponse,
		baseUrl: string,
	): Promise<void> {
		let input: Record<string, unknown> = {};
		if (body.length) {
			try {
				input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
			} catch {
				return sendJson(res, 400, { error: { message: 'Control API bodies are JSON' } });
			}
		}
		const num = (name: string) => (query.get(name) !== null ? Number(query.get(name)) : undefined);
		const str = (name: string) => query.get(name) ?? undefined;
		let parts = path.split('/').filter(Boolean).map(decodeURIComponent);
		// wamids are base64 and may contain '/': GET /_sandbox/messages/wamid.AB/CD= works unencoded too
		if (parts[0] === 'messages' && parts.length > 2) parts = ['messages', parts.slice(1).join('/')];
		const route = `${method} /${parts.map((p, i) => (i > 0 && ['messages', 'templates', 'users', 'deliveries'].includes(parts[i - 1]) && !['replay'].includes(p) ? ':id' : p)).join('/')}`;
		try {
			switch (route) {
				case 'GET /':
					return sendJson(res, 200, sandbox.state());
				case 'GET /credentials':
					return sendJson(res, 200, credentialsFor(baseUrl));
				case 'GET /seed':
					return sendJson(res, 200, {
						phoneNumberId: sandbox.identity.phoneNumberId,
						wabaId: sandbox.identity.wabaId,
						displayPhoneNumber: sandbox.identity.displayPhoneNumber,
						users: SEED.users,
						media: SEED.media,
						templates: sandbox.templates.all().map((t) => ({
							id: t.id,
							name: t.name,
							language: t.language,
							status: t.status,
							category: t.category,
							parameter_format: t.parameter_format,
						})),
					});
				case 'GET /counters':
					return sendJson(res, 200, sandbox.countersSnapshot());
				case 'GET /config':
					return sendJson(res, 200, sandbox.publicKnobs());
				case 'POST /config':
				case 'PATCH /config': {
					const { callbackUrl, verifyToken, ...knobs } = input as Record<string, unknown>;
					const result: Record<string, unknown> = { knobs: sandbox.configure(knobs) };
					if (callbackUrl !== undefined) {
						result.handshake = await sandbox.setCallback((callbackUrl as string | null) || null, {
							verifyToken: verifyToken as string | undefined,
						});
					}
					return sendJson(res, 200, result);
				}
				case 'POST /callback': {
					const handshake = await sandbox.setCallback((input.url as string | null) || null, {
						verifyToken: input.verifyToken as string | undefined,
						handshake: input.handshake as boolean | undefined,
					});
					return sendJson(res, 200, { callbackUrl: sandbox.callbackUrl, handshake });
				}
				case 'GET /messages':
					return sendJson(
						res,
						200,
						sandbox.listMessages({
							since: num('since'),
							limit: num('limit'),
							to: str('to'),
							type: str('type'),
							outcome: str('outcome') as 'accepted' | 'rejected' | undefined,
							code: num('code'),
							template: str('template'),
							status: str('status'),
							kind: str('kind') as 'message' | 'read' | undefined,
						}),
					);
				case 'GET /messages/:id': {
					const m = sandbox.getMessage(parts[1]);
					return m
						? sendJson(res, 200, m)
						: sendJson(res, 404, {
								error: { message: `No message ${parts[1]} (unknown, or evicted from the history)` },
							});
				}
				case 'GET /deliveries':
					return sendJson(
						res,
						200,
						sandbox.listDeliveries({
							since: num('since'),
							limit: num('limit'),
							kind: str('kind'),
							state: str('state'),
							ref: str('ref'),
							includeBody: query.get('body') === '1' || query.get('body') === 'true',
						}),
					);
				case 'POST /deliveries/replay':
					return sendJson(
						res,
						200,
						strip(
							sandbox.replay(input.id as string | undefined, {
								attempts: input.attempts as number | undefined,
							}),
						),
					);
				case 'GET /handshakes':
					return sendJson(res, 200, {
						data: sandbox.dispatcher.handshakes.values(),
						total: sandbox.dispatcher.handshakes.total,
					});
				case 'GET /requests': {
					const r = sandbox.requests.since(num('since') ?? 0, num('limit') ?? 1000);
					return sendJson(res, 200, {
						data: r.items.map((i) => ({ seq: i.seq, ...i.value })),
						cursor: r.cursor,
						total: sandbox.requests.total,
					});
				}
				case 'GET /pitfalls':
					return sendJson(res, 200, {
						data: sandbox.pitfalls.values(),
						total: sandbox.pitfalls.total,
					});
				case 'POST /inbound': {
					const { messages, statuses, duplicate, signature, deliver, attempts, ...spec } = input;
					const out = sandbox.inject(
						spec as InboundSpec,
						{ messages, statuses, duplicate, signature, deliver, attempts } as InjectOptions,
					);
					return sendJson(res, 200, {
						messages: out.messages,
						delivery: out.delivery ? strip(out.delivery) : null,
						payload: out.payload,
					});
				}
				case 'POST /webhooks/raw':
					return sendJson(
						res,
						200,
						strip(
							sandbox.sendRaw(input.payload, {
								signature: input.signature as 'valid' | 'invalid' | 'missing' | undefined,
								rawBody: input.rawBody as string | undefined,
								attempts: input.attempts as number | undefined,
							}),
						),
					);
				case 'GET /faults':
					return sendJson(res, 200, { data: sandbox.pendingFaults() });
				case 'POST /faults': {
					const list = (Array.isArray(input.faults) ? input.faults : [input]) as FaultSpec[];
					return sendJson(res, 200, { queued: sandbox.queueFaults(list) });
				}
				case 'DELETE /faults':
					sandbox.clearFaults();
					return sendJson(res, 200, { queued: 0 });
				case 'POST /templates/:id/approve':
				case 'POST /templates/:id/reject':
				case 'POST /templates/:id/pause':
				case 'POST /templates/:id/pending': {
					const action = parts[2];
					const status = (
						{
							approve: 'APPROVED',
							reject: 'REJECTED',
							pause: 'PAUSED',
							pending: 'PENDING',
						} as const
					)[action as 'approve'];
					const t = sandbox.setTemplateStatus(parts[1], status, {
						language: input.language as string | undefined,
						reason: input.reason as string | undefined,
					});
					return sendJson(res, 200, {
						id: t.id,
						name: t.name,
						language: t.language,
						status: t.status,
					});
				}
				case 'GET /users/:id':
					return sendJson(res, 200, { waId: parts[1], ...sandbox.windowOf(parts[1]) });
				case 'POST /users/:id': {
					let at: number | null;
					if (input.open === false || input.lastInboundAt === null) at = null;
					else if (input.lastInboundAt !== undefined)
						at =
							typeof input.lastInboundAt === 'number'
								? input.lastInboundAt
								: Date.parse(String(input.lastInboundAt));
					else at = Date.now();
					if (at !== null && !Number.isFinite(at))
						return sendJson(res, 400, {
							error: { message: 'lastInboundAt must be an ISO date or epoch milliseconds' },
						});
					sandbox.setUserWindow(parts[1], at);
					return sendJson(res, 200, { waId: parts[1], ...sandbox.windowOf(parts[1]) });
				}
				case 'POST /reset':
					sandbox.reset({ keepKnobs: input.keepKnobs === true });
					return sendJson(res, 200, { reset: true });
				case 'GET /idle':
					return sendJson(res, 200, { idle: await sandbox.idle(num('timeoutMs') ?? 10_000) });
				default:
					return sendJson(res, 404, {
						error: { message: `No control route ${method} /_sandbox${path}` },
					});
			}
		} catch (err) {
			if (err instanceof GraphError) return sendJson(res, err.status >= 500 ? 500 : 400, err.body);
			if (err instanceof TypeError) return sendJson(res, 400, { error: { message: err.message } });
			throw err;
		}
	}

	function strip<T extends { body?: string }>(d: T): Omit<T, 'body'> {
		const { body: _body, ...rest } = d;
		return rest;
	}

	function credentialsFor(baseUrl: string) {
		return {
			accessToken: sandbox.identity.accessToken,
			phoneNumberId: sandbox.identity.phoneNumberId,
			businessAccountId: sandbox.identity.wabaId,
			appSecret: sandbox.identity.appSecret,
			verifyToken: sandbox.identity.verifyToken,
			apiVersion: DEFAULT_API_VERSION,
			baseUrl,
		};
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	if (!options.publicUrl) sandbox.publicUrl = url;

	if (sandbox.callbackUrl && options.handshakeOnStart !== false) {
		await sandbox.setCallback(sandbox.callbackUrl);
	}

	let closing: Promise<void> | undefined;
	return {
		url,
		port,
		host,
		graphUrl: `${url}/${DEFAULT_API_VERSION}`,
		sandbox,
		control: sandbox,
		credentials: credentialsFor(url),
		close() {
			closing ??= (async () => {
				await sandbox.close();
				await new Promise<void>((resolve) => {
					server.close(() => resolve());
					server.closeAllConnections();
				});
			})();
			return closing;
		},
	};
}

export { Sandbox };
export type { SandboxOptions };
