/** A webhook receiver for the sandbox tests: answers like a callback would and keeps the raw bytes. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got (POST deliveries and GET handshakes alike). */
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
