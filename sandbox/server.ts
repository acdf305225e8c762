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
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { controlApi } from './control/routes';
import { Sandbox, type SandboxCredentials } from './control/sandbox';
import type { SandboxOptions } from './core/config';
import { errors, GraphError } from './core/errors';
import { fbtraceId } from './core/ids';
import { DEFAULT_API_VERSION, type GraphResult } from './graph/request';

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
	credentials: SandboxCredentials;
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
			const r = await controlApi(
				sandbox,
				method,
				pathname.slice('/_sandbox'.length),
				query,
				body,
				baseUrl,
			);
			return sendJson(res, r.status, r.json);
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
				sandbox.faults.answerEarly(sandbox.faults.randomFault('other')) ??
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
			const early = isSend
				? undefined
				: sandbox.faults.answerEarly(sandbox.faults.randomFault('other'));
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
		credentials: sandbox.credentialsFor(url),
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
