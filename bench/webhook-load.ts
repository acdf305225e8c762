/**
 * Load generator of the webhook benchmark, in its own process (not n8n's, not the orchestrator's):
 * signed WhatsApp deliveries, each with 10 inbound message events, POSTed to n8n webhook URLs at
 * a fixed concurrency over keep-alive connections (undici Pool, one connection per concurrent
 * request), timing each request until n8n's answer is complete.
 *
 *   node .build/bench/webhook-load.js '{"targets":[{"name":"plain","url":"http://127.0.0.1:5678/webhook/x"}],
 *                                       "deliveries":2000,"concurrency":16,"appSecret":"...","warmup":100}'
 *
 * One process per measured batch (bench/run.mjs alternates targets and lets n8n finish the
 * executions of one batch before the next starts). `warmup` deliveries go first, not measured.
 * Every delivery carries new message IDs (the trigger drops redelivered events); the payloads
 * have the same shape and size for every target. Prints `RESULT {json}` as its last line.
 */
import { performance } from 'node:perf_hooks';

import { Pool } from 'undici';

import { envelope, inboundMessage, messagesChange } from '../sandbox/webhooks/payloads';
import { asciiJson, signatureFor } from '../sandbox/webhooks/dispatcher';

export interface LoadTarget {
	name: string;
	url: string;
}

export interface LoadConfig {
	targets: LoadTarget[];
	deliveries: number;
	concurrency: number;
	appSecret: string;
	/** Measured round number (for the report). */
	round?: number;
	/** Deliveries sent first and not measured. */
	warmup?: number;
	/** Makes message IDs unique across runs (the trigger drops redelivered events). */
	tag?: string;
	eventsPerDelivery?: number;
	/** Identity in the payloads (metadata), e.g. the sandbox's seeded account. */
	wabaId?: string;
	phoneNumberId?: string;
	displayPhoneNumber?: string;
	/** Per-request timeout, ms. */
	timeoutMs?: number;
}

export interface RoundResult {
	target: string;
	round: number;
	deliveries: number;
	events: number;
	byStatus: Record<string, number>;
	errors: Record<string, number>;
	wallMs: number;
	deliveriesPerSecond: number;
	latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
	/** Every answered request's time to the complete answer, ms (0.01 ms steps), sorted. */
	latencies: number[];
}

interface Prepared {
	body: Buffer;
	signature: string;
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return 0;
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[index];
}

/** One delivery: 10 text messages from 10 different users, IDs unique to (tag, index). */
function delivery(config: LoadConfig, tag: string, index: number): Prepared {
	const events = config.eventsPerDelivery ?? 10;
	const business = config.displayPhoneNumber ?? '15550142277';
	const messages = Array.from({ length: events }, (_, k) => {
		const from = `4915${String(200_000_000 + ((index * events + k) % 100_000_000))}`;
		return inboundMessage(
			{ from, id: `wamid.bench.${tag}.${index}.${k}`, text: `Order status please (${index}/${k})` },
			business,
		);
	});
	const contacts = messages.map((m) => ({
		profile: { name: `Bench User ${String(m.from).slice(-4)}` },
		wa_id: m.from,
	}));
	const payload = envelope(config.wabaId ?? '1048276395501842', [
		messagesChange(
			{
				display_phone_number: business,
				phone_number_id: config.phoneNumberId ?? '731596248005317',
			},
			{ contacts, messages },
		),
	]);
	const body = Buffer.from(asciiJson(payload));
	return { body, signature: signatureFor(config.appSecret, body) };
}

async function runRound(
	config: LoadConfig,
	target: LoadTarget,
	round: number,
	bodies: Prepared[],
): Promise<RoundResult> {
	const url = new URL(target.url);
	const pool = new Pool(url.origin, {
		connections: config.concurrency,
		pipelining: 1,
		keepAliveTimeout: 30_000,
		headersTimeout: config.timeoutMs ?? 30_000,
		bodyTimeout: config.timeoutMs ?? 30_000,
	});
	const latencies: number[] = [];
	const byStatus: Record<string, number> = {};
	const errors: Record<string, number> = {};
	let next = 0;
	const worker = async () => {
		while (next < bodies.length) {
			const { body, signature } = bodies[next++];
			const t0 = performance.now();
			try {
				const res = await pool.request({
					path: url.pathname + url.search,
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
					body,
				});
				await res.body.text();
				latencies.push(performance.now() - t0);
				byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
			} catch (error) {
				const code = (error as { code?: string }).code ?? (error as Error).name;
				errors[code] = (errors[code] ?? 0) + 1;
			}
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: Math.min(config.concurrency, bodies.length) }, worker));
	const wallMs = performance.now() - started;
	await pool.close();
	latencies.sort((a, b) => a - b);
	const ok = byStatus['200'] ?? 0;
	return {
		target: target.name,
		round,
		deliveries: bodies.length,
		events: bodies.length * (config.eventsPerDelivery ?? 10),
		byStatus,
		errors,
		wallMs,
		deliveriesPerSecond: (ok * 1000) / wallMs,
		latencyMs: {
			p50: percentile(latencies, 50),
			p90: percentile(latencies, 90),
			p99: percentile(latencies, 99),
			max: latencies.at(-1) ?? 0,
			mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
		},
		latencies: latencies.map((l) => Math.round(l * 100) / 100),
	};
}

/** Optional warm-up (not measured), then one measured batch of `deliveries` to `target`. */
export async function runLoad(
	config: LoadConfig,
): Promise<{ warmup?: RoundResult; result: RoundResult }> {
	const [target] = config.targets;
	const tag = config.tag ?? `${target.name}-${Date.now()}`;
	let warmup: RoundResult | undefined;
	if ((config.warmup ?? 0) > 0) {
		const bodies = Array.from({ length: config.warmup ?? 0 }, (_, i) =>
			delivery(config, `${tag}-w`, i),
		);
		warmup = await runRound(config, target, 0, bodies);
	}
	// Built before the clock starts: signing is not part of what is measured.
	const bodies = Array.from({ length: config.deliveries }, (_, i) => delivery(config, tag, i));
	const result = await runRound(config, target, config.round ?? 1, bodies);
	return { warmup, result };
}

if (require.main === module) {
	const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
	runLoad(config)
		.then((result) => {
			process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
			process.exit(0);
		})
		.catch((error: unknown) => {
			process.stdout.write(
				`RESULT ${JSON.stringify({ fatal: error instanceof Error ? (error.stack ?? error.message) : String(error) })}\n`,
			);
			process.exit(1);
		});
}
