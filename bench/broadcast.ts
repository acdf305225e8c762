/**
 * One broadcast case, run in THIS process (the "n8n process" of the benchmark): a real 2-node
 * workflow (Start -> WhatsApp node) executed by n8n-core's WorkflowExecute through the workflow
 * harness (test/support/n8n/runNode.ts), against a sandbox running in ANOTHER process (as Meta
 * would be).
 * bench/run.mjs starts one of these per case and node, with a hard timeout, and reads the
 * last stdout line `RESULT {json}`.
 *
 *   node .build/bench/broadcast.js '{"node":"ours","count":2000,"tier":80,"sandboxUrl":"http://127.0.0.1:4010"}'
 *
 * Nodes:
 * - ours: n8n-nodes-whatsapp-cloud.whatsAppCloud, Message > Send Template, variables mapped by
 *   expressions in the resource mapper; Continue On Fail, default Sending options.
 * - builtin: n8n-nodes-base.whatsApp (WhatsApp Business Cloud) from the cached n8n install of
 *   the same release, Message > Send Template with the same template and values. Its base URL is
 *   hard-coded to graph.facebook.com/v13.0: a runtime copy of its description points it at the
 *   sandbox (its code is loaded from the install, not copied). Continue On Fail, so a rejected
 *   item is counted instead of stopping the run. `$json` does not resolve in this node in 2.41
 *   (see the pitfalls in test/support/n8n/README.md), so its expressions read
 *   `$('Start').item.json`.
 *
 * Memory: after loading everything and a forced GC the process's RSS is the idle baseline; the
 * kernel's peak-RSS mark is reset there (/proc/self/clear_refs) and read after the run (VmHWM),
 * so a short spike between samples is not missed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import {
	Expression,
	type ICredentialType,
	type IDataObject,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
} from 'n8n-workflow';

import { WhatsAppCloudApi } from '../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { runNode, type RunNodeOptions } from '../test/support/n8n/runNode';

export interface BroadcastConfig {
	node: 'ours' | 'builtin';
	count: number;
	/** The sandbox's tier (our node's Messages per Second is set to it). */
	tier: number;
	sandboxUrl: string;
	/** Sandbox credential values (GET /_sandbox/credentials). */
	credentials: {
		accessToken: string;
		phoneNumberId: string;
		businessAccountId: string;
		appSecret?: string;
		verifyToken?: string;
	};
	/** n8n install holding n8n-nodes-base (for the built-in node). */
	n8nNodeModules?: string;
	/** Our node's Sending > Max Requests in Flight (0 = automatic). */
	maxInFlight?: number;
	/** n8n 2.41's default is 'vm' (expressions run in an isolated-vm isolate, N8N_EXPRESSION_ENGINE);
	 *  'legacy' is n8n-workflow's in-process evaluator, what n8n-core uses when nobody starts one. */
	expressionEngine?: 'vm' | 'legacy';
	/** Write a V8 CPU profile of the measured run (not the start-up) to this file. */
	cpuProfile?: string;
	/** Template sent (positional, 2 body variables: the built-in node cannot name parameters). */
	template?: { name: string; language: string };
}

export interface BroadcastResult {
	node: string;
	count: number;
	outputItems: number;
	ok: number;
	failedByCode: Record<string, number>;
	wallMs: number;
	/** CPU time of this process during the run (user + system), ms. */
	cpuMs: number;
	executionStatus: string;
	nodeError?: string;
	idleRssMb: number;
	peakRssMb: number;
	peakAboveIdleMb: number;
	peakHeapUsedMb: number;
	idleHeapUsedMb: number;
	/** Most TCP connections open at once during the run (sampled every 25 ms). */
	peakSockets: number;
	expressionEngine: string;
	/** Heap still used right after the run, after a GC, while the run's result is held. */
	retainedHeapMb: number;
	firstErrors: string[];
}

const MB = 1024 * 1024;

/** Recipient i: distinct valid E.164 numbers, so the pair rate (1 per 6 s per recipient) never applies. */
export function recipientFor(i: number): string {
	return `+4915${String(100_000_000 + i)}`;
}

function inputItems(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		to: recipientFor(i),
		name: `Customer ${i}`,
		ticket: `R-${100_000 + i}`,
	}));
}

function procStatusKb(field: 'VmRSS' | 'VmHWM'): number | undefined {
	try {
		const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
			readFileSync('/proc/self/status', 'utf8'),
		);
		return m ? Number(m[1]) : undefined;
	} catch {
		return undefined;
	}
}

/** Resets the kernel's peak-RSS mark (Linux: "5" to clear_refs). False when not possible. */
function resetPeakRss(): boolean {
	try {
		writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

/** V8's sampling profiler for just the measured run (what --cpu-prof would give, minus start-up). */
async function startProfiler(): Promise<{ stop(file: string): Promise<void> }> {
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: 500 });
	await session.post('Profiler.start');
	return {
		async stop(file: string) {
			const { profile } = await session.post('Profiler.stop');
			writeFileSync(file, JSON.stringify(profile));
			session.disconnect();
		},
	};
}

function oursSetup(config: BroadcastConfig): RunNodeOptions {
	const template = config.template ?? { name: 'repair_ready', language: 'en_US' };
	const sending: IDataObject = { messagesPerSecond: config.tier };
	if (config.maxInFlight !== undefined) sending.maxInFlight = config.maxInFlight;
	return {
		nodeType: WhatsAppCloud,
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: {
			whatsAppCloudApi: {
				...config.credentials,
				apiVersion: 'v24.0',
				baseUrl: config.sandboxUrl,
			},
		},
		parameters: {
			resource: 'message',
			operation: 'sendTemplate',
			recipient: '={{ $json.to }}',
			template: { __rl: true, mode: 'list', value: `${template.name}:${template.language}` },
			variablesMode: 'map',
			variables: {
				mappingMode: 'defineBelow',
				value: { body_1: '={{ $json.name }}', body_2: '={{ $json.ticket }}' },
				matchingColumns: [],
				schema: ['body_1', 'body_2'].map((id) => ({
					id,
					displayName: id,
					required: true,
					defaultMatch: false,
					display: true,
					type: 'string',
				})),
				attemptToConvertTypes: false,
				convertFieldsToString: false,
			},
			sending: sending as INodeParameters,
		} as INodeParameters,
		continueOnFail: true,
	};
}

function builtinSetup(config: BroadcastConfig): RunNodeOptions {
	if (!config.n8nNodeModules)
		throw new Error('builtin: n8nNodeModules (the n8n install) is required');
	const template = config.template ?? { name: 'repair_ready', language: 'en_US' };
	const requireFromN8n = createRequire(
		path.join(config.n8nNodeModules, 'n8n-nodes-base', 'package.json'),
	);
	const { WhatsApp } = requireFromN8n('n8n-nodes-base/dist/nodes/WhatsApp/WhatsApp.node.js') as {
		WhatsApp: new () => INodeType;
	};
	const { WhatsAppApi } = requireFromN8n(
		'n8n-nodes-base/dist/credentials/WhatsAppApi.credentials.js',
	) as {
		WhatsAppApi: new () => ICredentialType;
	};
	const original = new WhatsApp();
	// Same behaviour, one change: where its hard-coded https://graph.facebook.com/v13.0/ points.
	const pointed = Object.create(original) as INodeType;
	pointed.description = {
		...original.description,
		requestDefaults: {
			...original.description.requestDefaults,
			baseURL: `${config.sandboxUrl}/v13.0/`,
		},
	};
	const param = (text: string) => ({ type: 'text', text });
	return {
		nodeType: pointed,
		typeName: 'n8n-nodes-base.whatsApp',
		credentialTypes: [new WhatsAppApi()],
		credentials: {
			whatsAppApi: {
				accessToken: config.credentials.accessToken,
				businessAccountId: config.credentials.businessAccountId,
			},
		},
		parameters: {
			resource: 'message',
			operation: 'sendTemplate',
			phoneNumberId: config.credentials.phoneNumberId,
			recipientPhoneNumber: "={{ $('Start').item.json.to }}",
			template: `${template.name}|${template.language}`,
			components: {
				component: [
					{
						type: 'body',
						bodyParameters: {
							parameter: [
								param("={{ $('Start').item.json.name }}"),
								param("={{ $('Start').item.json.ticket }}"),
							],
						},
					},
				],
			},
		},
		continueOnFail: true,
	};
}

/** Meta's error code of a failed output item, or what the failure was. */
function failureCode(item: INodeExecutionData): string | undefined {
	const json = item.json ?? {};
	if (typeof json.code === 'number' || typeof json.code === 'string') return String(json.code);
	if (json.networkCode) return String(json.networkCode);
	const error = (item.error ?? (json.error !== undefined ? json : undefined)) as
		| (IDataObject & {
				message?: string;
				description?: string;
				context?: IDataObject;
				cause?: IDataObject;
		  })
		| undefined;
	if (!error) return undefined;
	// The built-in node: NodeApiError built from Meta's { error: { code } } or from an axios error.
	const text = [
		error.message,
		error.description,
		JSON.stringify(error.context ?? {}),
		typeof json.error === 'string' ? json.error : '',
	]
		.filter(Boolean)
		.join(' ');
	const errorResponse = (
		error as {
			errorResponse?: {
				error?: { code?: number };
				body?: { error?: { code?: number } };
				code?: string;
			};
		}
	).errorResponse;
	const metaCode = errorResponse?.body?.error?.code ?? errorResponse?.error?.code;
	if (metaCode !== undefined) return String(metaCode);
	if (typeof errorResponse?.code === 'string') return errorResponse.code;
	const network =
		/\b(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|ECONNABORTED|EADDRNOTAVAIL|socket hang up)\b/.exec(
			text,
		);
	if (network) return network[1];
	const code = /\(#(\d+)\)|"code":\s*(\d+)|\bcode (\d+)/.exec(text);
	if (code) return code[1] ?? code[2] ?? code[3];
	const status = (error as { httpCode?: string }).httpCode;
	return status ? `HTTP ${status}` : 'other';
}

export async function runBroadcast(config: BroadcastConfig): Promise<BroadcastResult> {
	const engine = config.expressionEngine ?? 'vm';
	if (engine === 'vm') {
		// What n8n 2.41's start command does (BaseCommand, with @n8n/config's expression-engine
		// defaults): one pooled isolate, acquired per execution by n8n-core's WorkflowExecute.
		await Expression.initExpressionEngine({
			engine: 'vm',
			poolSize: 1,
			maxCodeCacheSize: 1024,
			bridgeTimeout: 5000,
			bridgeMemoryLimit: 128,
			lazyAcquire: false,
			compileCache: false,
		});
	}
	const setup = config.node === 'ours' ? oursSetup(config) : builtinSetup(config);
	const items = inputItems(config.count);

	// Warm-up: one item through the same node (loads and JITs everything) so the idle baseline
	// includes the code, not the broadcast.
	await runNode({
		...setup,
		inputItems: [{ to: recipientFor(config.count + 1), name: 'Warm up', ticket: 'R-0' }],
	});
	// The sandbox forgets the warm-up (records, counters) and starts the case with a full bucket.
	const reset = await fetch(`${config.sandboxUrl}/_sandbox/reset`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ keepKnobs: true }),
	});
	if (!reset.ok) throw new Error(`sandbox reset answered ${reset.status}`);

	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	gc?.();
	const idleRss = (procStatusKb('VmRSS') ?? process.memoryUsage().rss / 1024) * 1024;
	const idleHeap = process.memoryUsage().heapUsed;
	const kernelPeak = resetPeakRss();
	let sampledPeakRss = idleRss;
	let peakHeap = idleHeap;
	let peakSockets = 0;
	const sampler = setInterval(() => {
		const usage = process.memoryUsage();
		sampledPeakRss = Math.max(sampledPeakRss, usage.rss);
		peakHeap = Math.max(peakHeap, usage.heapUsed);
		// Open TCP connections of this process = requests waiting for the sandbox's answer (n8n
		// opens one connection per request) plus the ones being closed.
		peakSockets = Math.max(
			peakSockets,
			process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length,
		);
	}, 25);

	const profiler = config.cpuProfile ? await startProfiler() : undefined;
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	const result = await runNode({ ...setup, inputItems: items });
	const wallMs = performance.now() - t0;
	const cpu = process.cpuUsage(cpu0);
	clearInterval(sampler);
	if (profiler && config.cpuProfile) await profiler.stop(config.cpuProfile);
	const usage = process.memoryUsage();
	peakHeap = Math.max(peakHeap, usage.heapUsed);
	const hwmKb = kernelPeak ? procStatusKb('VmHWM') : undefined;
	// What the run still holds once garbage is gone (input, output and run data of both nodes).
	gc?.();
	const retainedHeap = process.memoryUsage().heapUsed;
	const peakRss = Math.max(sampledPeakRss, usage.rss, (hwmKb ?? 0) * 1024);

	const failedByCode: Record<string, number> = {};
	const firstErrors: string[] = [];
	let ok = 0;
	for (const item of result.items) {
		const code = failureCode(item);
		if (code === undefined && item.json?.messageId !== undefined) ok++;
		else if (code === undefined && config.node === 'builtin' && Array.isArray(item.json?.messages))
			ok++;
		else {
			const key = code ?? 'other';
			failedByCode[key] = (failedByCode[key] ?? 0) + 1;
			if (firstErrors.length < 3)
				firstErrors.push(
					JSON.stringify(item.json).slice(0, 300) +
						(item.error ? ` ${String(item.error.message).slice(0, 200)}` : ''),
				);
		}
	}
	return {
		node: config.node,
		count: config.count,
		outputItems: result.items.length,
		ok,
		failedByCode,
		wallMs: Math.round(wallMs),
		cpuMs: Math.round((cpu.user + cpu.system) / 1000),
		executionStatus: result.executionStatus,
		nodeError: result.nodeError?.message,
		idleRssMb: idleRss / MB,
		peakRssMb: peakRss / MB,
		peakAboveIdleMb: (peakRss - idleRss) / MB,
		peakHeapUsedMb: peakHeap / MB,
		idleHeapUsedMb: idleHeap / MB,
		retainedHeapMb: retainedHeap / MB,
		peakSockets,
		expressionEngine: engine,
		firstErrors,
	};
}

if (require.main === module) {
	const config = JSON.parse(process.argv[2] ?? '{}') as BroadcastConfig;
	runBroadcast(config)
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
