/* global URLSearchParams */
// Webhook benchmark (part of `npm run bench`, or alone with `npm run bench -- --webhook`):
// signed WhatsApp deliveries (10 message events each) into a REAL n8n 2.41.1, our trigger
// against n8n's plain Webhook node on the same instance.
//
// The stack is the platform's (scripts/lib/stack.mjs): the cached n8n, this package installed
// from its packed tarball, an owner, a credential pointing at the sandbox (its app secret signs
// the deliveries). Two workflows, published: "WhatsApp Cloud Trigger -> No Operation" and
// "Webhook (POST, respond immediately) -> No Operation". The load comes from a separate process
// (.build/bench/webhook-load.js: undici keep-alive pool, N deliveries at concurrency C), one
// batch at a time, alternating A B B A; before each batch n8n finishes the executions of the
// previous one, so a batch never pays for another's backlog. Executions created are counted
// through n8n's REST API as a sanity check (one per delivery); the n8n process's CPU time per
// delivery (from /proc, batch plus its executions, warm-up included) says what one costs.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { cacheRoot } from '../scripts/lib/n8n-install.mjs';
import { runResultProcess } from '../scripts/lib/proc.mjs';
import { startStack } from '../scripts/lib/stack.mjs';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TRIGGER_TYPE = 'n8n-nodes-whatsapp-cloud.whatsAppCloudTrigger';

function noOp(position) {
	return {
		id: randomUUID(),
		name: 'No Operation, do nothing',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position,
		parameters: {},
	};
}

function oursWorkflow(credential) {
	const trigger = {
		id: randomUUID(),
		name: 'WhatsApp Cloud Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: randomUUID(),
		// Manual registration: the URL would be pasted into Meta's dashboard; no Graph call at publish.
		parameters: { registration: 'manual' },
		credentials: { whatsAppCloudApi: { id: credential.id, name: credential.name } },
	};
	const next = noOp([240, 0]);
	return {
		name: 'Bench: WhatsApp Cloud Trigger',
		nodes: [trigger, next],
		connections: { [trigger.name]: { main: [[{ node: next.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

function plainWorkflow() {
	const webhook = {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: {
			httpMethod: 'POST',
			path: `bench-plain-${randomUUID().slice(0, 8)}`,
			responseMode: 'onReceived',
			options: {},
		},
	};
	const next = noOp([240, 0]);
	return {
		name: 'Bench: plain Webhook',
		nodes: [webhook, next],
		connections: { [webhook.name]: { main: [[{ node: next.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Executions of a workflow n8n has recorded: { total, finished } (finished = not new/running/waiting). */
async function executionCounts(api, workflowId) {
	const qs = new URLSearchParams({ filter: JSON.stringify({ workflowId }), limit: '1' });
	const all = await api.request('GET', `/rest/executions?${qs}`);
	const running = await api.request(
		'GET',
		`/rest/executions?${new URLSearchParams({ filter: JSON.stringify({ workflowId, status: ['new', 'running'] }), limit: '1' })}`,
	);
	const total = Number(all?.count ?? 0);
	return {
		total,
		running: Number(running?.count ?? 0),
		finished: total - Number(running?.count ?? 0),
	};
}

/** Waits until n8n recorded `expected` executions of the workflow and none is running. */
async function waitForExecutions(api, workflowId, expected, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	let counts = { total: 0, running: 0, finished: 0 };
	while (Date.now() < deadline) {
		counts = await executionCounts(api, workflowId);
		if (counts.total >= expected && counts.running === 0) return { ...counts, settled: true };
		await sleep(500);
	}
	return { ...counts, settled: false };
}

/** CPU seconds (user + system) a process has used so far (Linux /proc). */
function cpuSeconds(pid) {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return NaN;
	}
}

function procStatus(pid) {
	try {
		const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
		return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
	} catch {
		return undefined;
	}
}

function percentile(sorted, p) {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export async function runWebhookBenchmark({
	quick = false,
	deliveries,
	concurrency,
	build,
	log = console.log,
}) {
	// n8n 2.41 on a 2-core box answers some 10-20 deliveries/s: 2 x 400 per target is about 3 min.
	const N = deliveries ?? (quick ? 100 : 400);
	const C = concurrency ?? 8;
	const rounds = quick ? 1 : 2;
	const warmup = quick ? 20 : 50;
	const report = {
		deliveriesPerBatch: N,
		concurrency: C,
		rounds,
		warmup,
		eventsPerDelivery: 10,
		batches: [],
		targets: {},
	};
	const userFolder = path.join(cacheRoot(), 'bench-n8n');
	log(`[bench] webhook: starting the real n8n stack in ${userFolder} (fresh)...`);
	let stack;
	try {
		stack = await startStack({
			userFolder,
			fresh: true,
			sandbox: { statuses: [] },
			log: (l) => log(`  ${l}`),
		});
	} catch (error) {
		report.status = `stack failed: ${error.message.split('\n')[0]}`;
		log(`[bench] webhook: ${report.status}`);
		return report;
	}
	try {
		const { api, n8n } = stack;
		report.n8nPid = n8n.pid;
		const credentials = stack.sandbox.credentials;
		const targets = [];
		for (const [key, workflow] of [
			['plain', plainWorkflow()],
			['ours', oursWorkflow(stack.credential)],
		]) {
			const saved = await api.createWorkflow(workflow);
			await api.publishWorkflow(saved.id, { versionId: saved.versionId });
			const node = workflow.nodes[0];
			const url =
				key === 'ours'
					? `${n8n.url}/webhook/${node.webhookId}/webhook`
					: `${n8n.url}/webhook/${node.parameters.path}`;
			targets.push({
				key,
				label: key === 'ours' ? 'ours (WhatsApp Cloud Trigger)' : "n8n's Webhook node",
				workflowId: saved.id,
				url,
				expected: 0,
				latencies: [],
				ok: 0,
				wallMs: 0,
			});
		}
		const byKey = Object.fromEntries(targets.map((t) => [t.key, t]));
		report.idleN8n = procStatus(n8n.pid);

		// A B B A ...: each target is measured first as often as second.
		const order = [];
		for (let round = 1; round <= rounds; round++)
			order.push(
				...(round % 2 === 1 ? ['plain', 'ours'] : ['ours', 'plain']).map((key) => ({ key, round })),
			);
		const warmedUp = new Set();
		for (const { key, round } of order) {
			const target = byKey[key];
			const w = warmedUp.has(key) ? 0 : warmup;
			warmedUp.add(key);
			log(
				`[bench] webhook: ${target.label}, round ${round}: ${w ? `${w} warm-up + ` : ''}${N} deliveries at concurrency ${C}...`,
			);
			const config = {
				targets: [{ name: key, url: target.url }],
				deliveries: N,
				concurrency: C,
				warmup: w,
				round,
				tag: `${key}-${round}-${randomUUID().slice(0, 8)}`,
				appSecret: credentials.appSecret,
				wabaId: credentials.businessAccountId,
				phoneNumberId: credentials.phoneNumberId,
			};
			const cpuBefore = cpuSeconds(n8n.pid);
			const outcome = await runResultProcess(path.join(build, 'bench', 'webhook-load.js'), config, {
				cwd: PROJECT_DIR,
				timeoutMs: Math.max(120_000, N * 500),
			});
			target.expected += N + w;
			const batch = { target: key, round };
			if (outcome.timedOut || !outcome.result || outcome.result.fatal) {
				batch.status = outcome.timedOut
					? 'timeout'
					: `load failed: ${outcome.result?.fatal ?? outcome.stderr}`;
			} else {
				const r = outcome.result.result;
				Object.assign(batch, r, { status: 'ok' });
				target.latencies.push(...r.latencies);
				target.ok += r.byStatus['200'] ?? 0;
				target.wallMs += r.wallMs;
				delete batch.latencies;
			}
			// Let n8n finish this batch's executions before the next batch is timed; the n8n process's
			// CPU time over the batch and its executions, per delivery, is what one delivery costs.
			const settled = await waitForExecutions(api, target.workflowId, target.expected, 180_000);
			const cpuUsed = cpuSeconds(n8n.pid) - cpuBefore;
			batch.n8nCpuMsPerDelivery = (cpuUsed * 1000) / (N + w);
			target.cpuS = (target.cpuS ?? 0) + cpuUsed;
			target.cpuDeliveries = (target.cpuDeliveries ?? 0) + N + w;
			batch.executionsAfter = settled;
			report.batches.push(batch);
			log(
				`[bench] webhook:   ${batch.status === 'ok' ? `${batch.deliveriesPerSecond.toFixed(0)} deliveries/s, p50 ${batch.latencyMs.p50.toFixed(1)} ms, p99 ${batch.latencyMs.p99.toFixed(1)} ms` : batch.status}; executions ${settled.total}/${target.expected}${settled.settled ? '' : ' (not settled)'}`,
			);
		}
		report.peakN8n = procStatus(n8n.pid);
		for (const t of targets) {
			const sorted = t.latencies.sort((a, b) => a - b);
			const counts = await executionCounts(api, t.workflowId);
			report.targets[t.key] = {
				label: t.label,
				deliveries: rounds * N,
				ok: t.ok,
				wallS: t.wallMs / 1000,
				deliveriesPerSecond: (t.ok * 1000) / t.wallMs,
				eventsPerSecond: (t.ok * 10 * 1000) / t.wallMs,
				p50Ms: percentile(sorted, 50),
				p99Ms: percentile(sorted, 99),
				executions: counts.total,
				expectedExecutions: t.expected,
				n8nCpuMsPerDelivery: (t.cpuS * 1000) / t.cpuDeliveries,
			};
		}
		if (report.targets.ours && report.targets.plain) {
			report.ratio =
				report.targets.ours.deliveriesPerSecond / report.targets.plain.deliveriesPerSecond;
		}
		report.status = 'ok';
	} catch (error) {
		report.status = `failed: ${error.message}`;
		log(`[bench] webhook: ${report.status}`);
	} finally {
		await stack
			.stop()
			.catch((error) => log(`[bench] webhook: while stopping the stack: ${error.message}`));
	}
	return report;
}

function pad(cells, widths, right) {
	return cells
		.map((c, i) => (right.has(i) ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i])))
		.join('  ');
}

/** The webhook results as printed by npm run bench. */
export function webhookTable(report) {
	const lines = [];
	lines.push(
		`Webhooks: real n8n 2.41.1 (regular mode, sqlite), signed deliveries of 10 message events, ${report.deliveriesPerBatch} per batch x ${report.rounds} batches per target (A B B A), concurrency ${report.concurrency}, keep-alive, load from a separate process`,
	);
	if (report.status !== 'ok') {
		lines.push(`  ${report.status}`);
		return lines.join('\n');
	}
	const headers = [
		'target',
		'deliveries',
		'200s',
		'deliveries/s',
		'events/s',
		'p50 ms',
		'p99 ms',
		'n8n CPU ms/delivery',
		'executions',
	];
	const rows = Object.values(report.targets).map((t) => [
		t.label,
		t.deliveries,
		t.ok,
		t.deliveriesPerSecond.toFixed(1),
		t.eventsPerSecond.toFixed(0),
		t.p50Ms.toFixed(1),
		t.p99Ms.toFixed(1),
		t.n8nCpuMsPerDelivery.toFixed(0),
		`${t.executions}/${t.expectedExecutions}`,
	]);
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const right = new Set([1, 2, 3, 4, 5, 6, 7, 8]);
	lines.push(pad(headers, widths, right));
	lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const row of rows) lines.push(pad(row, widths, right));
	lines.push('');
	lines.push('batches:');
	for (const b of report.batches) {
		lines.push(
			b.status === 'ok'
				? `  ${b.target.padEnd(5)} round ${b.round}: ${b.deliveriesPerSecond.toFixed(1)} deliveries/s, p50 ${b.latencyMs.p50.toFixed(1)} ms, p99 ${b.latencyMs.p99.toFixed(1)} ms, n8n CPU ${b.n8nCpuMsPerDelivery.toFixed(0)} ms/delivery, status ${JSON.stringify(b.byStatus)}${Object.keys(b.errors).length ? `, errors ${JSON.stringify(b.errors)}` : ''}`
				: `  ${b.target.padEnd(5)} round ${b.round}: ${b.status}`,
		);
	}
	if (report.ratio !== undefined)
		lines.push(
			`ours / plain Webhook node throughput: ${(100 * report.ratio).toFixed(1)}% (target >= 95%)`,
		);
	if (report.idleN8n && report.peakN8n)
		lines.push(
			`n8n process: RSS ${report.idleN8n.rssMb.toFixed(0)} MB after start, peak ${report.peakN8n.peakRssMb.toFixed(0)} MB`,
		);
	return lines.join('\n');
}
