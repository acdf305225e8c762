/**
 * Micro-benchmark of the sender alone, in process, on real timers: sendAll against a fake async
 * endpoint with a fixed latency that enforces Meta's per-number throughput limit the strict way
 * (more than `tier` requests started in any 1-second window -> 130429). Shows how close the
 * sender gets to the tier before the full n8n + sandbox benchmark exists, and that it does not
 * trip the limit on its own.
 *
 *   npx tsc --outDir .build/sender-sim --rootDir . --module commonjs --target es2022 \
 *     --types node --skipLibCheck --esModuleInterop bench/sender-sim.ts \
 *   && node .build/sender-sim/bench/sender-sim.js [case ...]
 *
 * Cases: 80 (2,000 items at 80/s), 1000 (2,000 at 1,000/s), 10k (10,000 at 1,000/s).
 * Default: all three. Latency 100 ms per request unless LATENCY_MS is set.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';

import { sendAll } from '../nodes/WhatsAppCloud/sending/sendAll';
import type { SenderEvent } from '../nodes/WhatsAppCloud/sending/types';

interface Case {
	name: string;
	count: number;
	tier: number;
}

const CASES: Record<string, Case> = {
	'80': { name: '2,000 at 80/s', count: 2_000, tier: 80 },
	'1000': { name: '2,000 at 1,000/s', count: 2_000, tier: 1_000 },
	'10k': { name: '10,000 at 1,000/s', count: 10_000, tier: 1_000 },
};

const latencyMs = Number(process.env.LATENCY_MS ?? 100);

/** Rejects a request when `tier` requests already started within the last second. */
class StrictWindowLimiter {
	private readonly starts: number[] = [];
	private head = 0;
	constructor(private readonly tier: number) {}
	admit(now: number): boolean {
		while (this.head < this.starts.length && this.starts[this.head] <= now - 1000) this.head++;
		if (this.starts.length - this.head >= this.tier) return false;
		this.starts.push(now);
		return true;
	}
}

function maxInAnySecond(starts: number[]): number {
	let best = 0;
	let lo = 0;
	for (let hi = 0; hi < starts.length; hi++) {
		while (starts[hi] - starts[lo] >= 1000) lo++;
		best = Math.max(best, hi - lo + 1);
	}
	return best;
}

async function runCase(c: Case) {
	const limiter = new StrictWindowLimiter(c.tier);
	const starts: number[] = [];
	let inFlight = 0;
	let peakInFlight = 0;
	let rejected = 0;
	const events: SenderEvent[] = [];

	const send = async (index: number): Promise<string> => {
		const now = performance.now();
		starts.push(now);
		inFlight++;
		peakInFlight = Math.max(peakInFlight, inFlight);
		try {
			await delay(latencyMs);
			if (!limiter.admit(now)) {
				rejected++;
				throw Object.assign(new Error('(#130429) Rate limit hit'), {
					graph: { code: 130429, httpStatus: 400, retryable: true, transport: 'response' },
				});
			}
			return `wamid.${index}`;
		} finally {
			inFlight--;
		}
	};

	global.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	let heapPeak = heapBefore;
	const sampler = setInterval(() => {
		heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
	}, 50);
	const t0 = performance.now();
	const results = await sendAll(c.count, send, {
		messagesPerSecond: c.tier,
		onEvent: (e) => events.push(e),
	});
	const wallS = (performance.now() - t0) / 1000;
	clearInterval(sampler);

	const ok = results.filter((r) => r.ok).length;
	const spanS = (starts[starts.length - 1] - starts[0]) / 1000;
	return {
		case: c.name,
		latency: `${latencyMs} ms`,
		accepted: `${ok}/${c.count}`,
		'130429 seen': rejected,
		slowdowns: events.filter((e) => e.type === 'slowdown').length,
		'wall s': wallS.toFixed(2),
		'msg/s': (c.count / wallS).toFixed(1),
		'achieved/tier': `${((100 * c.count) / wallS / c.tier).toFixed(1)}%`,
		'steady/tier': `${((100 * (starts.length - 1)) / spanS / c.tier).toFixed(1)}%`,
		'max in 1 s': maxInAnySecond(starts),
		'peak in flight': peakInFlight,
		'heap +MB': ((heapPeak - heapBefore) / 1048576).toFixed(1),
	};
}

async function main() {
	const wanted = process.argv.slice(2);
	const cases = (wanted.length ? wanted : Object.keys(CASES)).map((key) => {
		const c = CASES[key];
		if (!c) throw new Error(`unknown case ${key}; use ${Object.keys(CASES).join(', ')}`);
		return c;
	});
	const rows = [];
	for (const c of cases) {
		const row = await runCase(c);
		console.log(JSON.stringify(row));
		rows.push(row);
	}
	console.log(`\nsendAll alone, real timers, Node ${process.version}`);
	console.table(rows);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
