// `npm start`: the package running in a real n8n against the local WhatsApp Cloud API sandbox.
//
// Builds and packs the package, installs n8n once (cached outside the clone), installs the
// tarball into n8n's community nodes folder (.n8n-local/.n8n/nodes), starts the sandbox and n8n,
// creates the owner, a credential pointing at the sandbox and the two example workflows, publishes
// the auto-reply bot, points the sandbox's webhook callback at it (the sandbox performs Meta's
// verification handshake), then prints where to click and how to send a simulated message.
// Ctrl-C stops everything it started. A second start reuses the install, the n8n data and the
// package (rebuilt and reinstalled only when its sources changed).
//
//   npm start                         editor on http://127.0.0.1:5678, sandbox on :4010
//   npm start -- --reset              start over with an empty n8n (deletes .n8n-local/)
//   npm start -- --port 5679 --sandbox-port 4011
//   (env N8N_PORT and WA_SANDBOX_PORT work too)
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
	BOT_FILE,
	BROADCAST_FILE,
	importWorkflow,
	loadExample,
	productionWebhookUrl,
	withCredential,
} from './lib/examples.mjs';
import { PROJECT_DIR } from './lib/package-install.mjs';
import { loadSandboxLibrary } from './lib/sandbox.mjs';
import { formatDuration, isAlive, tail } from './lib/proc.mjs';
import { DEFAULT_OWNER, startStack, stopOnSignals } from './lib/stack.mjs';

const USAGE = `usage: npm start [-- --reset] [-- --port N] [-- --sandbox-port N]
  --reset            delete .n8n-local/ (n8n's database, owner, workflows) and start fresh
  --port N           n8n editor port (default 5678, or env N8N_PORT)
  --sandbox-port N   Cloud API sandbox port (default 4010, or env WA_SANDBOX_PORT)`;

function parseArgs(argv) {
	const opts = {
		reset: false,
		port: Number(process.env.N8N_PORT || 5678),
		sandboxPort: Number(process.env.WA_SANDBOX_PORT || 4010),
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--reset') opts.reset = true;
		else if (a === '--port') opts.port = Number(argv[++i]);
		else if (a === '--sandbox-port') opts.sandboxPort = Number(argv[++i]);
		else if (a === '--help' || a === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else {
			console.error(`unknown argument ${a}\n${USAGE}`);
			process.exit(2);
		}
	}
	for (const [name, value] of [
		['--port', opts.port],
		['--sandbox-port', opts.sandboxPort],
	]) {
		if (!Number.isInteger(value) || value < 1 || value > 65535) {
			console.error(`${name} needs a port number (1-65535)`);
			process.exit(2);
		}
	}
	return opts;
}

const log = (line) => console.log(line);
const opts = parseArgs(process.argv.slice(2));
const userFolder = path.join(PROJECT_DIR, '.n8n-local');
const pidFile = path.join(userFolder, 'npm-start.pid');
const stateFile = path.join(userFolder, 'stack.json');

// One demo per folder: a second `npm start` would fight over the database and the ports.
try {
	const pid = Number(fs.readFileSync(pidFile, 'utf8'));
	if (pid && pid !== process.pid && isAlive(pid)) {
		console.error(
			`npm start is already running (pid ${pid}). Stop it with Ctrl-C in its terminal (or: kill ${pid}).`,
		);
		process.exit(1);
	}
} catch {
	// no pid file: not running
}
if (opts.reset) {
	log(`[start] --reset: deleting ${userFolder}`);
	fs.rmSync(userFolder, { recursive: true, force: true });
}
fs.mkdirSync(userFolder, { recursive: true });
fs.writeFileSync(pidFile, String(process.pid));
const cleanup = () => {
	fs.rmSync(pidFile, { force: true });
	fs.rmSync(stateFile, { force: true });
};
process.on('exit', cleanup);

const started = Date.now();
log('[start] starting the WhatsApp Cloud demo: sandbox + real n8n with this package installed');
let stack;
// Until the stack exists, Ctrl-C just exits (startStack stops what it started when interrupted
// through process exit: services are killed by their exit hooks).
const earlyExit = () => process.exit(130);
process.once('SIGINT', earlyExit);
process.once('SIGTERM', earlyExit);
try {
	stack = await startStack({
		userFolder,
		n8nPort: opts.port,
		sandbox: {
			preset: 'cli',
			port: opts.sandboxPort,
			quiet: false,
			log: (line) => log(`[sandbox] ${line}`),
		},
		owner: DEFAULT_OWNER,
		log,
	});
} catch (error) {
	console.error(`\n[start] could not start: ${error.message}`);
	process.exit(1);
}
process.removeListener('SIGINT', earlyExit);
process.removeListener('SIGTERM', earlyExit);
stopOnSignals(stack, {
	log,
	onStopped: () =>
		log(
			'[start] stopped. Your n8n data stays in .n8n-local/ (npm start -- --reset to start over).',
		),
});

try {
	const credential = stack.credential;
	const bot = withCredential(loadExample(BOT_FILE), credential);
	const broadcast = withCredential(loadExample(BROADCAST_FILE), credential);
	const botResult = await importWorkflow(stack.api, bot);
	const broadcastResult = await importWorkflow(stack.api, broadcast);
	for (const r of [botResult, broadcastResult]) {
		log(
			`[n8n] workflow "${r.name}" ${r.created ? 'imported' : 'already there (kept as is)'}${r.published ? ', published' : ''}`,
		);
	}
	const botUrl = productionWebhookUrl(stack.n8n.url, bot);
	let handshake;
	if (botResult.published) {
		handshake = await stack.sandbox.sandbox.setCallback(botUrl, {
			verifyToken: stack.sandbox.credentials.verifyToken,
		});
		log(
			handshake?.ok
				? `[sandbox] webhook callback set to the bot's production URL; Meta's verification handshake answered ${handshake.status}`
				: `[sandbox] the verification handshake with ${botUrl} failed: ${handshake?.error ?? handshake?.status}`,
		);
	} else {
		log(
			`[start] the bot workflow is not published, so the sandbox has no webhook target; publish it in the editor, then: curl -s -X POST ${stack.sandbox.url}/_sandbox/callback -H 'content-type: application/json' -d '{"url":"${botUrl}"}'`,
		);
	}
	fs.writeFileSync(
		stateFile,
		JSON.stringify(
			{
				n8nUrl: stack.n8n.url,
				sandboxUrl: stack.sandbox.url,
				owner: { email: stack.owner.email },
				credential,
				workflows: { bot: botResult.id, broadcast: broadcastResult.id },
				botWebhookUrl: botUrl,
			},
			null,
			2,
		),
	);

	const ada = loadSandboxLibrary().SEED.users[0];
	const inbound = JSON.stringify({ from: ada.waId, name: ada.name, text: 'Hi! Is my bike ready?' });
	log(
		[
			'',
			`Ready in ${formatDuration(Date.now() - started)}.`,
			'',
			`  n8n editor      ${stack.n8n.url}`,
			`  login           ${stack.owner.email} / ${stack.owner.password}`,
			`  workflows       "${botResult.name}" (published), "${broadcastResult.name}" (open it and click Execute workflow)`,
			`  sandbox         ${stack.sandbox.url}/_sandbox  (the local stand-in for graph.facebook.com)`,
			'',
			'Send a simulated inbound WhatsApp message (the bot answers it):',
			`  curl -s -X POST ${stack.sandbox.url}/_sandbox/inbound -H 'content-type: application/json' -d '${inbound}'`,
			// The sandbox lists messages oldest first, so `?limit=N` would show the session's first
			// messages, not the reply just sent; every message to this user ends with the newest.
			'See what the bot sent back (newest last):',
			`  curl -s '${stack.sandbox.url}/_sandbox/messages?to=${ada.waId}'`,
			'',
			'Ctrl-C stops n8n and the sandbox.',
			'',
		].join('\n'),
	);
} catch (error) {
	console.error(`\n[start] setup failed: ${error.message}`);
	await stack.stop().catch(() => undefined);
	process.exit(1);
}

// Report each finished execution, so the terminal shows the bot reacting.
const seen = new Set(
	(await stack.api.listExecutions({ limit: 50 }).catch(() => [])).map((e) => e.id),
);
for (;;) {
	const n8nEnded = await Promise.race([
		stack.n8n.exited.then(() => true),
		sleep(2000).then(() => false),
	]);
	if (stack.stopping) {
		await sleep(60_000); // Ctrl-C: the signal handler stops everything and exits
		continue;
	}
	if (n8nEnded) {
		console.error(
			`\n[n8n] n8n stopped unexpectedly; last lines of ${stack.n8n.logFile}:\n${tail(stack.n8n.logFile, 30)}`,
		);
		await stack.stop().catch(() => undefined);
		process.exit(1);
	}
	try {
		const list = await stack.api.listExecutions({ limit: 20 });
		for (const e of list.reverse()) {
			if (seen.has(e.id) || ['new', 'running', 'waiting'].includes(e.status)) continue;
			seen.add(e.id);
			log(`[n8n] execution ${e.id} of "${e.workflowName}" (${e.mode}): ${e.status}`);
		}
	} catch {
		// n8n busy or stopping: try again next round
	}
}
