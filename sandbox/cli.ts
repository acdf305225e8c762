#!/usr/bin/env node
/**
 * Command line entry of the WhatsApp Cloud API sandbox.
 *
 *   npm run build:tooling && node .build/sandbox/cli.js [flags]
 *
 * Prints the values to put into the n8n "WhatsApp Cloud API" credential, then serves until
 * Ctrl-C. Flags: see --help (usage() below). Defaults need no setup.
 */
import type { SandboxOptions } from './core/config';
import type { StatusName } from './core/records';
import { SEED } from './core/seed';
import { startSandbox } from './server';

interface Flag {
	name: string;
	arg?: string;
	help: string;
	apply: (o: SandboxOptions & { json?: boolean }, v: string) => void;
}

const num = (flag: string, v: string, min = 0, max = Number.POSITIVE_INFINITY): number => {
	const n = Number(v);
	if (v === '' || !Number.isFinite(n) || n < min || n > max)
		throw new Error(`--${flag} needs a number between ${min} and ${max}, got '${v}'`);
	return n;
};
const share = (flag: string, v: string) => num(flag, v, 0, 1);
const onOff = (flag: string, v: string): boolean => {
	if (['', 'true', 'on', '1', 'yes'].includes(v)) return true;
	if (['false', 'off', '0', 'no'].includes(v)) return false;
	throw new Error(`--${flag} takes on/off, got '${v}'`);
};

const FLAGS: Flag[] = [
	{
		name: 'port',
		arg: 'N',
		help: 'port to listen on (default 4010; 0 = any free port)',
		apply: (o, v) => (o.port = num('port', v, 0, 65535)),
	},
	{
		name: 'host',
		arg: 'ADDR',
		help: 'address to listen on (default 127.0.0.1)',
		apply: (o, v) => (o.host = v),
	},
	{
		name: 'tier',
		arg: 'N',
		help: 'throughput tier, messages/s per phone number (default 80); beyond it 130429',
		apply: (o, v) => (o.tier = num('tier', v, 0.001)),
	},
	{
		name: 'tier-burst',
		arg: 'N',
		help: 'token bucket size for the tier (default = tier)',
		apply: (o, v) => (o.tierBurst = num('tier-burst', v, 1)),
	},
	{
		name: 'pair-rate-seconds',
		arg: 'S',
		help: 'pair rate: 1 message per S seconds to one recipient, 131056 beyond (default 6; 0 = off)',
		apply: (o, v) => (o.pairRateSeconds = num('pair-rate-seconds', v, 0)),
	},
	{
		name: 'pair-burst',
		arg: 'N',
		help: 'burst allowed per recipient before 131056 (default 45, as Meta documents)',
		apply: (o, v) => (o.pairBurst = num('pair-burst', v, 1)),
	},
	{
		name: 'latency-ms',
		arg: 'MS',
		help: 'added latency on every Graph API answer (default 0)',
		apply: (o, v) => (o.latencyMs = num('latency-ms', v, 0)),
	},
	{
		name: 'latency-jitter-ms',
		arg: 'MS',
		help: 'random extra latency 0..MS (default 0)',
		apply: (o, v) => (o.latencyJitterMs = num('latency-jitter-ms', v, 0)),
	},
	{
		name: 'error-rate',
		arg: 'P',
		help: 'share 0..1 of POST /messages answered 5xx (default 0)',
		apply: (o, v) => (o.errorRate = share('error-rate', v)),
	},
	{
		name: 'error-status',
		arg: 'CODE',
		help: 'status for those: 500 (code 131000) or 502/503 (code 2)',
		apply: (o, v) => (o.errorStatus = num('error-status', v, 500, 599)),
	},
	{
		name: '5xx-after-accept',
		arg: 'on|off',
		help: 'a 5xx answer still sends the message (the ambiguous case; default off)',
		apply: (o, v) => (o.fiveXxAfterAccept = onOff('5xx-after-accept', v)),
	},
	{
		name: 'reset-rate',
		arg: 'P',
		help: 'share 0..1 of POST /messages whose connection is reset, nothing sent (default 0)',
		apply: (o, v) => (o.resetRate = share('reset-rate', v)),
	},
	{
		name: 'rate-429',
		arg: 'P',
		help: 'share 0..1 of POST /messages answered plain HTTP 429 + Retry-After (default 0)',
		apply: (o, v) => (o.rate429 = share('rate-429', v)),
	},
	{
		name: 'retry-after',
		arg: 'S',
		help: 'Retry-After seconds on those 429s (default 1)',
		apply: (o, v) => (o.retryAfterSeconds = num('retry-after', v, 0)),
	},
	{
		name: 'fault-scope',
		arg: 'messages|all',
		help: 'which requests random faults hit (default messages)',
		apply: (o, v) => (o.faultScope = v === 'all' ? 'all' : 'messages'),
	},
	{
		name: 'test-mode',
		arg: 'on|off',
		help: 'test-number allowlist: only allowed recipients, others 131030 (default off)',
		apply: (o, v) => (o.testMode = onOff('test-mode', v)),
	},
	{
		name: 'allow',
		arg: 'N1,N2',
		help: 'allowlist for --test-mode (default: the demo users)',
		apply: (o, v) => (o.allowlist = v.split(',').filter(Boolean)),
	},
	{
		name: 'window',
		arg: 'on|off',
		help: 'enforce the 24-hour window: free-form outside it fails with 131047 (default on)',
		apply: (o, v) => (o.enforceWindow = onOff('window', v)),
	},
	{
		name: 'access-token',
		arg: 'T',
		help: 'the access token the sandbox accepts',
		apply: (o, v) => (o.accessToken = v),
	},
	{
		name: 'app-secret',
		arg: 'S',
		help: 'app secret that signs webhooks',
		apply: (o, v) => (o.appSecret = v),
	},
	{
		name: 'verify-token',
		arg: 'T',
		help: 'verify token sent in the handshake to --callback-url',
		apply: (o, v) => (o.verifyToken = v),
	},
	{
		name: 'phone-number-id',
		arg: 'ID',
		help: `phone number ID (default ${SEED.phoneNumberId})`,
		apply: (o, v) => (o.phoneNumberId = v),
	},
	{
		name: 'waba-id',
		arg: 'ID',
		help: `WhatsApp Business Account ID (default ${SEED.wabaId})`,
		apply: (o, v) => (o.wabaId = v),
	},
	{
		name: 'callback-url',
		arg: 'URL',
		help: 'app webhook callback URL (e.g. the n8n trigger production URL)',
		apply: (o, v) => (o.callbackUrl = v),
	},
	{
		name: 'no-handshake',
		help: 'do not run the verification handshake at start',
		apply: (o) => (o.handshakeOnStart = false),
	},
	{
		name: 'unsubscribed',
		help: 'start with the app NOT subscribed to the WABA (no webhooks until POST subscribed_apps)',
		apply: (o) => (o.subscribed = false),
	},
	{
		name: 'status-delay-ms',
		arg: 'MS',
		help: 'sent at +MS, delivered at +2MS, read at +3MS (default 500)',
		apply: (o, v) => (o.statusDelayMs = num('status-delay-ms', v, 0)),
	},
	{
		name: 'statuses',
		arg: 'LIST',
		help: 'statuses to emit: sent,delivered,read (default all; "none" for none)',
		apply: (o, v) =>
			(o.statuses = v === 'none' ? [] : (v.split(',').filter(Boolean) as StatusName[])),
	},
	{
		name: 'webhook-batch-ms',
		arg: 'MS',
		help: 'how long due events wait to share one POST (default 50)',
		apply: (o, v) => (o.webhookBatchMs = num('webhook-batch-ms', v, 0)),
	},
	{
		name: 'webhook-batch-max',
		arg: 'N',
		help: 'most events per webhook POST (default 100)',
		apply: (o, v) => (o.webhookBatchMax = num('webhook-batch-max', v, 1)),
	},
	{
		name: 'webhook-attempts',
		arg: 'N',
		help: 'delivery attempts before giving up (default 6)',
		apply: (o, v) =>
			(o.webhookRetry = { ...o.webhookRetry, maxAttempts: num('webhook-attempts', v, 1) }),
	},
	{
		name: 'webhook-retry-ms',
		arg: 'MS',
		help: 'first redelivery delay, doubling each time (default 1000)',
		apply: (o, v) =>
			(o.webhookRetry = { ...o.webhookRetry, baseMs: num('webhook-retry-ms', v, 0) }),
	},
	{
		name: 'webhook-unicode',
		arg: 'escape|raw',
		help: 'non-ASCII in webhook bodies as \\u escapes (Meta, default) or raw UTF-8',
		apply: (o, v) => (o.webhookUnicode = v === 'raw' ? 'raw' : 'escape'),
	},
	{
		name: 'template-review-ms',
		arg: 'MS',
		help: 'auto-approve created templates after MS (default 0: stay PENDING until approved via /_sandbox)',
		apply: (o, v) => (o.templateReviewMs = num('template-review-ms', v, 0)),
	},
	{
		name: 'query-token',
		arg: 'reject|record',
		help: 'access_token in the URL: reject with 190 (default) or serve and record a pitfall',
		apply: (o, v) => (o.queryToken = v === 'record' ? 'record' : 'reject'),
	},
	{
		name: 'random-seed',
		arg: 'N',
		help: 'seed for the random faults (reproducible runs)',
		apply: (o, v) => (o.randomSeed = num('random-seed', v)),
	},
	{
		name: 'json',
		help: 'print one JSON line with url and credential values instead of the banner',
		apply: (o) => (o.json = true),
	},
	{
		name: 'quiet',
		help: 'no log lines (the banner is still printed)',
		apply: (o) => (o.quiet = true),
	},
];

function usage(): string {
	const lines = FLAGS.map((f) => `  --${f.name}${f.arg ? ` ${f.arg}` : ''}`.padEnd(34) + f.help);
	return `WhatsApp Cloud API sandbox\n\nUsage: node .build/sandbox/cli.js [flags]\n\n${lines.join('\n')}\n  --help                          this text\n`;
}

export function parseArgs(argv: string[]): SandboxOptions & { json?: boolean; help?: boolean } {
	const o: SandboxOptions & { json?: boolean; help?: boolean } = {
		port: 4010,
		statusDelayMs: 500,
		webhookBatchMs: 50,
		webhookRetry: { maxAttempts: 6, baseMs: 1000, factor: 2, maxDelayMs: 60_000 },
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--help' || a === '-h') {
			o.help = true;
			continue;
		}
		if (!a.startsWith('--'))
			throw new Error(`Unexpected argument '${a}' (flags start with --; see --help)`);
		const eq = a.indexOf('=');
		const name = a.slice(2, eq === -1 ? undefined : eq);
		const flag = FLAGS.find((f) => f.name === name);
		if (!flag) throw new Error(`Unknown flag --${name} (see --help)`);
		let value = eq === -1 ? '' : a.slice(eq + 1);
		if (eq === -1 && flag.arg) {
			const next = argv[i + 1];
			const optional = flag.arg === 'on|off';
			if (
				next !== undefined &&
				(!next.startsWith('--') || /^--?\d/.test(next)) &&
				(!optional || /^(on|off|true|false|1|0|yes|no)$/.test(next))
			) {
				value = next;
				i++;
			} else if (!optional) {
				throw new Error(`--${name} needs a value (${flag.arg})`);
			}
		}
		flag.apply(o, value);
	}
	return o;
}

async function main(): Promise<void> {
	let options: ReturnType<typeof parseArgs>;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (err) {
		console.error((err as Error).message);
		process.exit(2);
	}
	if (options.help) {
		process.stdout.write(usage());
		return;
	}
	const { json, help: _help, ...sandboxOptions } = options;
	if (json) sandboxOptions.quiet = true;
	const handle = await startSandbox(sandboxOptions);
	const c = handle.credentials;
	const k = handle.sandbox.knobs;
	if (json) {
		console.log(
			JSON.stringify({
				url: handle.url,
				graphUrl: handle.graphUrl,
				control: `${handle.url}/_sandbox`,
				credentials: c,
			}),
		);
	} else {
		console.log(
			[
				'',
				`WhatsApp Cloud API sandbox listening on ${handle.url}`,
				'',
				'n8n credential "WhatsApp Cloud API" (sandbox demo values):',
				`  Access Token                 ${c.accessToken}`,
				`  Phone Number ID              ${c.phoneNumberId}`,
				`  WhatsApp Business Account ID ${c.businessAccountId}`,
				`  App Secret                   ${c.appSecret}`,
				`  Webhook Verify Token         ${c.verifyToken}`,
				`  Graph API Version            ${c.apiVersion}`,
				`  API Base URL                 ${c.baseUrl}`,
				'',
				`Tier ${k.tier} msg/s · pair rate ${k.pairRateSeconds ? `1 per ${k.pairRateSeconds}s (burst ${k.pairBurst})` : 'off'} · test mode ${k.testMode ? 'on' : 'off'} · 24h window ${k.enforceWindow ? 'enforced' : 'off'} · latency ${k.latencyMs} ms`,
				`Webhooks -> ${handle.sandbox.callbackUrl ?? '(no callback URL yet: POST /_sandbox/callback {"url": "..."})'}`,
				`Simulate an inbound message:`,
				`  curl -s -X POST ${handle.url}/_sandbox/inbound -H 'content-type: application/json' -d '{"from":"${SEED.users[0].waId}","text":"Hi!"}'`,
				`Control API: ${handle.url}/_sandbox (state), /_sandbox/messages, /_sandbox/deliveries`,
				'',
			].join('\n'),
		);
	}

	// A short activity line every 5 s while something happens (never per request: benchmarks).
	let last = '';
	const timer = setInterval(() => {
		if (sandboxOptions.quiet) return;
		const ct = handle.sandbox.counters;
		const d = handle.sandbox.dispatcher.totals;
		const line = `messages accepted ${ct.messages.accepted}, rejected ${ct.messages.rejected}${Object.keys(ct.messages.byCode).length ? ` ${JSON.stringify(ct.messages.byCode)}` : ''}; inbound ${ct.inbound}; webhooks delivered ${d.delivered}, failed ${d.failed}, retried ${d.retried}`;
		if (line !== last) {
			last = line;
			handle.sandbox.log(line);
		}
	}, 5_000);
	timer.unref();

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		if (!sandboxOptions.quiet) console.log(`\n[sandbox] ${signal}: stopping`);
		void handle.close().then(() => process.exit(0));
		setTimeout(() => process.exit(0), 3_000).unref();
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((err: unknown) => {
		console.error(`sandbox failed to start: ${(err as Error).message}`);
		process.exit(1);
	});
}
