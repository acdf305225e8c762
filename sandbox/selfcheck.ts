#!/usr/bin/env node
/**
 * Throughput and memory self-check of the sandbox (not a unit test: it measures and reports).
 *
 *   npm run build:tooling && node .build/sandbox/selfcheck.js [--requests 20000] [--concurrency 32]
 *
 * Starts the sandbox CLI in a child process (so the load generator does not share its event
 * loop), drives it over keep-alive connections with undici, and prints requests/s for the hot
 * paths and the sandbox's RSS before and after a 10,000-message run with status webhooks on.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { Pool } from 'undici';

import { SEED } from './core/seed';
import { TEMPLATE } from './templates/seed';

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	return i === -1 ? fallback : Number(process.argv[i + 1]);
}

interface Child {
	url: string;
	stop: () => Promise<void>;
}

async function startChild(extra: string[]): Promise<Child> {
	const child = spawn(
		process.execPath,
		[path.join(__dirname, 'cli.js'), '--json', '--port', '0', ...extra],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const line = await new Promise<string>((resolve, reject) => {
		const rl = createInterface({ input: child.stdout });
		rl.once('line', resolve);
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
	});
	const { url } = JSON.parse(line) as { url: string };
	return {
		url,
		stop: () =>
			new Promise<void>((resolve) => {
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}

async function run(
	pool: Pool,
	total: number,
	concurrency: number,
	make: (i: number) => { method: 'GET' | 'POST'; path: string; body?: string },
): Promise<{ seconds: number; perSecond: number; statuses: Record<number, number> }> {
	const statuses: Record<number, number> = {};
	let next = 0;
	const started = performance.now();
	const headers = {
		authorization: `Bearer ${SEED.accessToken}`,
		'content-type': 'application/json',
	};
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < total) {
				const i = next++;
				const r = make(i);
				const res = await pool.request({ method: r.method, path: r.path, body: r.body, headers });
				await res.body.dump();
				statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
			}
		}),
	);
	const seconds = (performance.now() - started) / 1000;
	return { seconds, perSecond: total / seconds, statuses };
}

async function state(pool: Pool): Promise<any> {
	const res = await pool.request({ method: 'GET', path: '/_sandbox' });
	return res.body.json();
}

async function main(): Promise<void> {
	const requests = arg('requests', 20_000);
	const concurrency = arg('concurrency', 16);
	const send = (i: number) => ({
		method: 'POST' as const,
		path: `/v24.0/${SEED.phoneNumberId}/messages`,
		body: JSON.stringify({
			messaging_product: 'whatsapp',
			to: `+1555${String(1_000_000 + i).slice(-7)}`,
			type: 'template',
			template: {
				name: TEMPLATE.named,
				language: { code: 'en_US' },
				components: [
					{
						type: 'body',
						parameters: [
							{ type: 'text', parameter_name: 'customer_name', text: 'Ada' },
							{ type: 'text', parameter_name: 'order_number', text: `SB-${i}` },
						],
					},
				],
			},
		}),
	});
	const rows: string[][] = [];

	// 1. Hot paths, no webhooks.
	{
		const child = await startChild([
			'--tier',
			'1000000',
			'--pair-rate-seconds',
			'0',
			'--statuses',
			'none',
			'--quiet',
		]);
		const pool = new Pool(child.url, { connections: concurrency, pipelining: 1 });
		try {
			await run(pool, 10_000, concurrency, send); // warm-up (JIT)
			const s = await run(pool, requests, concurrency, send);
			rows.push([
				'POST /messages (template, named params)',
				String(requests),
				s.seconds.toFixed(2),
				s.perSecond.toFixed(0),
				JSON.stringify(s.statuses),
			]);
			const g = await run(pool, requests, concurrency, () => ({
				method: 'GET',
				path: `/v24.0/${SEED.phoneNumberId}?fields=display_phone_number,verified_name,quality_rating`,
			}));
			rows.push([
				'GET /{phone-number-id} (credential test)',
				String(requests),
				g.seconds.toFixed(2),
				g.perSecond.toFixed(0),
				JSON.stringify(g.statuses),
			]);
		} finally {
			await pool.close();
			await child.stop();
		}
	}

	// 2. 10,000 messages with sent/delivered/read webhooks to a local receiver: throughput and RSS.
	{
		let events = 0;
		let posts = 0;
		const receiver = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				if (req.method === 'POST') {
					posts++;
					const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
						entry: Array<{ changes: Array<{ value: { statuses?: unknown[] } }> }>;
					};
					events += body.entry[0].changes[0].value.statuses?.length ?? 0;
				}
				res.end(new URL(req.url ?? '/', 'http://x').searchParams.get('hub.challenge') ?? '');
			});
		});
		await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
		const cb = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
		const child = await startChild([
			'--tier',
			'1000',
			'--pair-rate-seconds',
			'0',
			'--status-delay-ms',
			'100',
			'--callback-url',
			cb,
			'--quiet',
		]);
		const pool = new Pool(child.url, { connections: concurrency, pipelining: 1 });
		try {
			const before = await state(pool);
			const n = 10_000;
			// paced at the tier (1,000/s) the way a token-bucket client sends: one slot per ms,
			// catching up after a stall by at most 100 slots (well inside the sandbox's 1 s bucket)
			const started = performance.now();
			let sent = 0;
			let slot = started - 1;
			const statuses: Record<number, number> = {};
			await Promise.all(
				Array.from({ length: concurrency }, async () => {
					while (sent < n) {
						const i = sent++;
						const now = performance.now();
						slot = Math.max(slot + 1, now - 100);
						const wait = slot - now;
						if (wait > 0) await new Promise((r) => setTimeout(r, wait));
						const r = send(i);
						const res = await pool.request({
							method: r.method,
							path: r.path,
							body: r.body,
							headers: {
								authorization: `Bearer ${SEED.accessToken}`,
								'content-type': 'application/json',
							},
						});
						await res.body.dump();
						statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
					}
				}),
			);
			const seconds = (performance.now() - started) / 1000;
			const deadline = Date.now() + 30_000;
			while (events < n * 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
			const after = await state(pool);
			rows.push([
				`POST /messages at tier 1000 + 3 status webhooks each`,
				String(n),
				seconds.toFixed(2),
				(n / seconds).toFixed(0),
				JSON.stringify(statuses),
			]);
			console.log(
				`webhooks: ${events} status events in ${posts} POSTs (avg ${(events / Math.max(1, posts)).toFixed(1)} per POST); sandbox RSS ${before.memory.rssMB} MB before, ${after.memory.rssMB} MB after 10,000 messages; kept records: ${JSON.stringify(after.memory)}`,
			);
		} finally {
			await pool.close();
			await child.stop();
			receiver.close();
		}
	}

	const header = ['case', 'requests', 'seconds', 'req/s', 'HTTP statuses'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join(' | ');
	console.log(
		`\nsandbox self-check (concurrency ${concurrency}, keep-alive, sandbox in its own process)\n${fmt(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${rows.map(fmt).join('\n')}`,
	);
}

main().catch((err: unknown) => {
	console.error(err);
	process.exit(1);
});
