/* global AbortSignal */
// `npm run bench`: throughput of our WhatsApp node against n8n's built-in WhatsApp Business Cloud
// node (same n8n release) through n8n-core's executor, against the Cloud API sandbox in its own
// process, plus signed webhook deliveries into a real n8n (our trigger vs n8n's Webhook node).
//
//   npm run bench                          everything (broadcast cases, then the webhook benchmark)
//   npm run bench -- --case tier80         one broadcast case (tier80, tier1000, 10k; repeat or comma-separate)
//   npm run bench -- --node ours           only our node (ours, builtin; default both)
//   npm run bench -- --what-if             add rows for our node with one thing changed (ours-inflight1000,
//                                          ours-inflight200, ours-legacy; also selectable with --node)
//   npm run bench -- --webhook             only the webhook benchmark
//   npm run bench -- --no-webhook          only the broadcast cases
//   npm run bench -- --quick               smaller counts: a smoke run of the same machinery (~3 min)
//   npm run bench -- --profile             also write a CPU profile of each measured run to bench/results/
//   npm run bench -- --timeout-s S         hard limit per broadcast case (default: from its size, 90-340 s)
//   npm run bench -- --deliveries N --concurrency C    webhook load per batch (default 400 at 8, 2 batches per target)
//
// Every case runs in fresh processes: a sandbox (`node .build/sandbox/cli.js`, keep-alive server)
// and a runner (`node .build/bench/broadcast.js`: the "n8n process", Start -> node through
// WorkflowExecute) with a hard timeout; a timed-out case is reported as such, with what the
// sandbox accepted until then. Results: the table on stdout and bench/results/<time>.json.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

import { runResultProcess } from '../scripts/lib/proc.mjs';
import { newestMtime } from '../scripts/lib/sandbox.mjs';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = path.join(PROJECT_DIR, '.build');
const RESULTS_DIR = path.join(PROJECT_DIR, 'bench', 'results');
const LATENCY_MS = 100;

/** The issue's cases. `quick` counts keep the same shape for a smoke run. */
const CASES = {
	tier80: {
		key: 'tier80',
		title: '2,000 template messages, tier 80/s, +100 ms latency',
		count: 2000,
		quick: 400,
		tier: 80,
		memory: false,
	},
	tier1000: {
		key: 'tier1000',
		title: '2,000 template messages, tier 1,000/s, +100 ms latency',
		count: 2000,
		quick: 1000,
		tier: 1000,
		memory: false,
	},
	'10k': {
		key: '10k',
		title: '10,000 template messages, tier 1,000/s, +100 ms latency (peak memory)',
		count: 10000,
		quick: 2000,
		tier: 1000,
		memory: true,
	},
};
const NODES = {
	ours: { label: 'ours (whatsAppCloud)', config: { node: 'ours' } },
	builtin: { label: 'n8n built-in (whatsApp)', config: { node: 'builtin' } },
};
/** --what-if rows: our node with one thing changed, to size a possible improvement. Not defaults. */
const WHAT_IF = {
	'ours-inflight1000': {
		label: 'ours, Max Requests in Flight 1,000 (the old automatic value at 1,000/s)',
		config: { node: 'ours', maxInFlight: 1000 },
	},
	'ours-inflight200': {
		label: 'ours, Max Requests in Flight 200 (user option)',
		config: { node: 'ours', maxInFlight: 200 },
	},
	'ours-legacy': {
		label: "ours, what-if: n8n's legacy expression engine",
		config: { node: 'ours', expressionEngine: 'legacy' },
	},
};
const ALL_NODES = { ...NODES, ...WHAT_IF };

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
	const args = {
		cases: [],
		nodes: [],
		whatIf: false,
		webhook: undefined,
		broadcast: true,
		quick: false,
		profile: false,
		deliveries: undefined,
		concurrency: undefined,
		help: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		if (a === '--case')
			args.cases.push(
				...value()
					.split(',')
					.map((s) => s.trim())
					.filter(Boolean),
			);
		else if (a.startsWith('--case=')) args.cases.push(...a.slice(7).split(','));
		else if (a === '--node') args.nodes.push(...value().split(','));
		else if (a.startsWith('--node=')) args.nodes.push(...a.slice(7).split(','));
		else if (a === '--webhook') args.webhook = true;
		else if (a === '--no-webhook') args.webhook = false;
		else if (a === '--quick') args.quick = true;
		else if (a === '--profile') args.profile = true;
		else if (a === '--what-if') args.whatIf = true;
		else if (a === '--timeout-s') args.timeoutS = Number(value());
		else if (a === '--deliveries') args.deliveries = Number(value());
		else if (a === '--concurrency') args.concurrency = Number(value());
		else if (a === '--help' || a === '-h') args.help = true;
		else throw new Error(`unknown argument ${a} (see --help)`);
	}
	for (const c of args.cases)
		if (!CASES[c]) throw new Error(`unknown case "${c}"; cases: ${Object.keys(CASES).join(', ')}`);
	for (const n of args.nodes)
		if (!ALL_NODES[n])
			throw new Error(`unknown node "${n}"; nodes: ${Object.keys(ALL_NODES).join(', ')}`);
	// --webhook alone = only the webhook benchmark; --case alone = only those broadcast cases.
	if (args.webhook === true && args.cases.length === 0 && args.nodes.length === 0 && !args.whatIf)
		args.broadcast = false;
	if (args.webhook === undefined)
		args.webhook = args.cases.length === 0 && args.nodes.length === 0 && !args.whatIf;
	if (args.cases.length === 0) args.cases = Object.keys(CASES);
	if (args.nodes.length === 0) args.nodes = Object.keys(NODES);
	if (args.whatIf) args.nodes.push(...Object.keys(WHAT_IF).filter((k) => !args.nodes.includes(k)));
	return args;
}

function usage() {
	const text = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8');
	const lines = text.split('\n');
	const start = lines.findIndex((l) => l.startsWith('//'));
	const end = lines.findIndex((l, i) => i > start && !l.startsWith('//'));
	return lines
		.slice(start, end)
		.map((l) => l.replace(/^\/\/ ?/, ''))
		.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Build

/** Compiles the tooling tree (tsconfig.tooling.json -> .build/) when a source is newer than the runner. */
async function ensureBuilt() {
	const outputs = ['bench/broadcast.js', 'bench/webhook-load.js', 'sandbox/cli.js'].map((f) =>
		path.join(BUILD, f),
	);
	const sources = [
		'bench',
		'sandbox',
		'nodes',
		'credentials',
		'test/support',
		'tsconfig.json',
		'tsconfig.tooling.json',
	];
	const newestSource = Math.max(...sources.map((s) => newestMtime(path.join(PROJECT_DIR, s))));
	const oldestOutput = Math.min(
		...outputs.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)),
	);
	if (oldestOutput >= newestSource) return;
	console.log('[bench] compiling bench, sandbox and nodes (tsc -p tsconfig.tooling.json)...');
	const tsc = path.join(PROJECT_DIR, 'node_modules', 'typescript', 'bin', 'tsc');
	const { code, output } = await run(process.execPath, [tsc, '-p', 'tsconfig.tooling.json'], {
		cwd: PROJECT_DIR,
		timeoutMs: 300_000,
	});
	const stillMissing = outputs.filter(
		(f) => !fs.existsSync(f) || fs.statSync(f).mtimeMs < newestSource,
	);
	if (code !== 0 && stillMissing.length > 0)
		throw new Error(`tsc failed (${code}):\n${output.slice(-3000)}`);
	// tsc still emits when a file elsewhere in the tooling tree has a type error.
	if (code !== 0)
		console.log(
			`[bench] warning: tsc reported type errors (outputs were emitted):\n${output.slice(-1500)}`,
		);
}

// ---------------------------------------------------------------------------------------------
// Processes

/** Runs a command to completion, collecting its output. */
function run(command, args, { cwd = PROJECT_DIR, env = process.env, timeoutMs } = {}) {
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
		child.once('exit', (code, signal) => {
			if (timer) clearTimeout(timer);
			resolve({ code: code ?? signal, output });
		});
	});
}

const children = new Set();
function killChildren() {
	for (const child of children) {
		try {
			child.kill('SIGKILL');
		} catch {
			// already gone
		}
	}
}
process.once('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => {
		killChildren();
		process.exit(130);
	});
}

/** Starts the sandbox CLI in its own process; resolves with { url, credentials, pid, stop() }. */
async function startSandboxProcess(flags) {
	const child = spawn(
		process.execPath,
		[path.join(BUILD, 'sandbox', 'cli.js'), '--port', '0', '--json', '--quiet', ...flags],
		{
			cwd: PROJECT_DIR,
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	children.add(child);
	let stderr = '';
	child.stderr.on('data', (d) => (stderr += d));
	const info = await new Promise((resolve, reject) => {
		let buffer = '';
		const timer = setTimeout(
			() => reject(new Error(`sandbox did not start within 20 s: ${stderr}`)),
			20_000,
		);
		child.stdout.on('data', (d) => {
			buffer += d;
			const line = buffer.split('\n').find((l) => l.startsWith('{'));
			if (line) {
				clearTimeout(timer);
				resolve(JSON.parse(line));
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`sandbox exited (${code}) before it was ready: ${stderr}`));
		});
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	return {
		...info,
		pid: child.pid,
		async stop() {
			child.kill('SIGTERM');
			const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
			if (!done) child.kill('SIGKILL');
			children.delete(child);
		},
	};
}

async function sandboxCounters(url) {
	const res = await fetch(`${url}/_sandbox/counters`, { signal: AbortSignal.timeout(10_000) });
	if (!res.ok) throw new Error(`sandbox counters answered ${res.status}`);
	return await res.json();
}

/** Runs one broadcast in a runner process with a hard timeout. */
async function runBroadcastProcess(config, timeoutMs) {
	return await runResultProcess(path.join(BUILD, 'bench', 'broadcast.js'), config, {
		nodeArgs: ['--expose-gc'],
		cwd: PROJECT_DIR,
		timeoutMs,
		onSpawn: (child) => children.add(child),
		onExit: (child) => children.delete(child),
	});
}

// ---------------------------------------------------------------------------------------------
// n8n install (for the built-in node's code and the webhook benchmark)

async function n8nNodeModules() {
	const { ensureN8nInstalled, n8nInstallDir } = await import('../scripts/lib/n8n-install.mjs');
	const dir = n8nInstallDir();
	await ensureN8nInstalled({ log: (line) => console.log(line) });
	return path.join(dir, 'node_modules');
}

// ---------------------------------------------------------------------------------------------
// Broadcast

function formatCodes(byCode) {
	const entries = Object.entries(byCode ?? {}).filter(([, n]) => n > 0);
	if (entries.length === 0) return '-';
	return entries
		.sort((a, b) => b[1] - a[1])
		.map(([code, n]) => `${code}: ${n}`)
		.join(', ');
}

async function runBroadcastCase(c, nodeKey, { quick, profile, nodeModules, stamp, timeoutS }) {
	const count = quick ? c.quick : c.count;
	const idealS = count / c.tier;
	// Generous (n8n's built-in node needs ~15 ms of CPU per message), but bounded.
	const timeoutMs = timeoutS
		? timeoutS * 1000
		: Math.round(Math.max(90, idealS * 4 + 60) * 1000 + (c.memory ? 240_000 : 0));
	const sandbox = await startSandboxProcess([
		'--tier',
		String(c.tier),
		'--latency-ms',
		String(LATENCY_MS),
		'--statuses',
		'none',
		'--no-handshake',
	]);
	const variant = ALL_NODES[nodeKey];
	const row = {
		case: c.key,
		title: c.title,
		node: nodeKey,
		nodeLabel: variant.label,
		variant: variant.config,
		messages: count,
		tier: c.tier,
		latencyMs: LATENCY_MS,
	};
	try {
		const config = {
			...variant.config,
			count,
			tier: c.tier,
			sandboxUrl: sandbox.url,
			credentials: sandbox.credentials,
			n8nNodeModules: nodeModules,
		};
		if (profile)
			config.cpuProfile = path.join(RESULTS_DIR, `${stamp}-${c.key}-${nodeKey}.cpuprofile`);
		const outcome = await runBroadcastProcess(config, timeoutMs);
		const counters = await sandboxCounters(sandbox.url).catch(() => undefined);
		const r = outcome.result;
		row.accepted = counters?.messages?.accepted;
		row.sandboxRejected = counters?.messages?.byCode ?? {};
		if (outcome.timedOut) {
			row.status = `timeout after ${Math.round(timeoutMs / 1000)} s`;
		} else if (!r || r.fatal) {
			row.status = `runner failed (${outcome.code}): ${(r?.fatal ?? outcome.stderr).split('\n').slice(0, 6).join(' | ')}`;
		} else {
			row.status =
				r.executionStatus === 'success'
					? 'ok'
					: `execution ${r.executionStatus}${r.nodeError ? `: ${r.nodeError}` : ''}`;
			row.failedByCode = r.failedByCode;
			row.outputItems = r.outputItems;
			row.nodeOk = r.ok;
			row.wallS = r.wallMs / 1000;
			row.msgPerS = (row.accepted ?? r.ok) / row.wallS;
			row.ofTier = row.msgPerS / c.tier;
			row.idleRssMb = r.idleRssMb;
			row.peakRssMb = r.peakRssMb;
			row.peakAboveIdleMb = r.peakAboveIdleMb;
			row.peakHeapUsedMb = r.peakHeapUsedMb;
			row.cpuMs = r.cpuMs;
			row.cpuMsPerMessage = r.cpuMs / count;
			row.peakSockets = r.peakSockets;
			row.expressionEngine = r.expressionEngine;
			row.firstErrors = r.firstErrors;
			if (row.accepted !== undefined && row.accepted !== r.ok)
				row.status += ` (sandbox accepted ${row.accepted}, node reported ${r.ok} sent)`;
		}
		if (config.cpuProfile && fs.existsSync(config.cpuProfile))
			row.cpuProfile = path.relative(PROJECT_DIR, config.cpuProfile);
	} finally {
		await sandbox.stop();
	}
	return row;
}

function pad(text, width, right = false) {
	const s = String(text);
	return right ? s.padStart(width) : s.padEnd(width);
}

/** A plain-text table: columns sized to their content, numbers right-aligned. */
function table(headers, rows, rightAligned = new Set()) {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const line = (cells) => cells.map((c, i) => pad(c, widths[i], rightAligned.has(i))).join('  ');
	return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function broadcastTable(rows) {
	const headers = [
		'case',
		'node',
		'messages',
		'accepted',
		'failed by code',
		'wall s',
		'msg/s',
		'achieved/tier',
		'CPU ms/msg',
		'peak sockets',
		'peak MB above idle',
		'sandbox rejections (incl. retried)',
		'status',
	];
	const body = rows.map((r) => [
		r.case,
		r.nodeLabel,
		r.messages,
		r.accepted ?? '?',
		r.failedByCode ? formatCodes(r.failedByCode) : '?',
		r.wallS !== undefined ? r.wallS.toFixed(1) : '-',
		r.msgPerS !== undefined ? r.msgPerS.toFixed(0) : '-',
		r.ofTier !== undefined ? `${(100 * r.ofTier).toFixed(1)}%` : '-',
		r.cpuMsPerMessage !== undefined ? r.cpuMsPerMessage.toFixed(2) : '-',
		r.peakSockets ?? '-',
		r.peakAboveIdleMb !== undefined
			? `${r.peakAboveIdleMb.toFixed(0)} (idle ${r.idleRssMb.toFixed(0)})`
			: '-',
		formatCodes(r.sandboxRejected),
		r.status,
	]);
	return table(headers, body, new Set([2, 3, 5, 6, 7, 8, 9]));
}

// ---------------------------------------------------------------------------------------------
// Main

function machine() {
	const cpus = os.cpus();
	return {
		node: process.version,
		cpus: cpus.length,
		cpuModel: cpus[0]?.model,
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
		platform: `${os.platform()} ${os.release()}`,
	};
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		console.log(usage());
		return;
	}
	if (Number(process.versions.node.split('.')[0]) < 24)
		throw new Error(`Node 24 is required (found ${process.version}); run through npm run bench`);
	fs.mkdirSync(RESULTS_DIR, { recursive: true });
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const started = Date.now();
	const report = {
		startedAt: new Date().toISOString(),
		machine: machine(),
		quick: args.quick,
		latencyMs: LATENCY_MS,
		broadcast: [],
		webhook: undefined,
	};
	console.log(
		`[bench] ${report.machine.cpus} x ${report.machine.cpuModel}, ${report.machine.memoryGb} GB, Node ${report.machine.node}, load average ${report.machine.loadAverageAtStart.join(' ')}${args.quick ? ' (--quick)' : ''}`,
	);
	await ensureBuilt();

	const needsN8n = (args.broadcast && args.nodes.includes('builtin')) || args.webhook;
	const nodeModules = needsN8n ? await n8nNodeModules() : undefined;

	if (args.broadcast) {
		for (const key of args.cases) {
			const c = CASES[key];
			for (const nodeKey of args.nodes) {
				process.stdout.write(
					`[bench] ${c.key}: ${ALL_NODES[nodeKey].label}, ${args.quick ? c.quick : c.count} messages at tier ${c.tier}... `,
				);
				const row = await runBroadcastCase(c, nodeKey, { ...args, nodeModules, stamp });
				console.log(
					row.wallS !== undefined
						? `${row.wallS.toFixed(1)} s, ${row.accepted} accepted`
						: row.status,
				);
				report.broadcast.push(row);
			}
		}
	}

	if (args.webhook) {
		const { runWebhookBenchmark } = await import('./webhook-bench.mjs');
		report.webhook = await runWebhookBenchmark({
			quick: args.quick,
			deliveries: args.deliveries,
			concurrency: args.concurrency,
			build: BUILD,
			log: (l) => console.log(l),
		});
	}

	report.finishedAt = new Date().toISOString();
	report.loadAverageAtEnd = os.loadavg().map((l) => Number(l.toFixed(2)));
	const file = path.join(RESULTS_DIR, `${stamp}.json`);
	fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

	console.log('');
	if (report.broadcast.length > 0) {
		const engines =
			[...new Set(report.broadcast.map((r) => r.expressionEngine).filter(Boolean))].join('/') ||
			'?';
		console.log(
			`Broadcast: Start -> node in n8n-core 2.41.1's WorkflowExecute (Continue On Fail, expression engine: ${engines}), sandbox in its own process, +${LATENCY_MS} ms per answer; CPU ms/msg = the n8n process's CPU time / messages`,
		);
		console.log(broadcastTable(report.broadcast));
		console.log('');
	}
	if (report.webhook) {
		const { webhookTable } = await import('./webhook-bench.mjs');
		console.log(webhookTable(report.webhook));
		console.log('');
	}
	console.log(
		`[bench] ${report.machine.cpus} CPUs, load average ${report.machine.loadAverageAtStart.join(' ')} at start, ${report.loadAverageAtEnd.join(' ')} at end; ${Math.round((Date.now() - started) / 1000)} s in all`,
	);
	console.log(`[bench] results: ${path.relative(PROJECT_DIR, file)}`);
}

main().catch((error) => {
	console.error(`[bench] ${error.stack ?? error.message}`);
	killChildren();
	process.exit(1);
});
