// `npm run test:e2e`: the end-to-end tests against the real stack.
//
// Starts what `npm start` starts, in a throw-away n8n user folder and on free ports: the cached
// n8n (installed on first use), this package from its packed tarball, the sandbox, an owner, a
// credential pointing at the sandbox, the two example workflows (bot published and wired to the
// sandbox as its webhook callback). Then runs test/e2e/*.test.mjs with Node's test runner in a
// child process (the tests talk HTTP to n8n and the sandbox only) and always tears the stack
// down, on success, failure, timeout or Ctrl-C. Exit code: the tests' (1 if the stack failed).
//
//   npm run test:e2e                      every test file
//   npm run test:e2e -- bot broadcast     only files whose name contains "bot" or "broadcast"
//   WA_E2E_KEEP=1 npm run test:e2e        keep the n8n user folder (logs, database) afterwards
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	BOT_FILE,
	BROADCAST_FILE,
	importWorkflow,
	loadExample,
	productionWebhookUrl,
	withCredential,
} from './lib/examples.mjs';
import { PROJECT_DIR } from './lib/package-install.mjs';
import { cleanEnv, formatDuration, killGroup, tail } from './lib/proc.mjs';
import { DEFAULT_OWNER, startStack } from './lib/stack.mjs';

const TEST_DIR = path.join(PROJECT_DIR, 'test', 'e2e');
const TEST_TIMEOUT_MS = 120_000; // one test
const RUN_TIMEOUT_MS = 15 * 60_000; // all of them
const log = (line) => console.log(line);

const filters = process.argv.slice(2);
const files = fs
	.readdirSync(TEST_DIR)
	.filter(
		(f) => f.endsWith('.test.mjs') && (filters.length === 0 || filters.some((x) => f.includes(x))),
	)
	.sort()
	.map((f) => path.join(TEST_DIR, f));
if (files.length === 0) {
	console.error(
		`no e2e test files in ${TEST_DIR}${filters.length ? ` matching ${filters.join(', ')}` : ''}`,
	);
	process.exit(2);
}

const started = Date.now();
const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-e2e-'));
const stateFile = path.join(userFolder, 'stack.json');
let stack;
let testChild;
let exitCode = 1;
let interrupted = false;

async function teardown() {
	if (testChild && testChild.exitCode === null) killGroup(testChild.pid, 'SIGKILL');
	if (stack)
		await stack.stop().catch((error) => log(`[e2e] while stopping the stack: ${error.message}`));
}

const onSignal = (signal) => {
	if (interrupted) process.exit(130);
	interrupted = true;
	log(`\n[e2e] ${signal}: stopping the tests and the stack...`);
	teardown().finally(() => process.exit(130));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
	log(`[e2e] starting the stack in ${userFolder}`);
	stack = await startStack({
		userFolder,
		n8nPort: 0,
		// Library defaults are fast (statuses 20 ms apart, redeliveries from 50 ms).
		sandbox: { port: 0 },
		owner: DEFAULT_OWNER,
		log,
	});
	const bot = withCredential(loadExample(BOT_FILE), stack.credential);
	const broadcast = withCredential(loadExample(BROADCAST_FILE), stack.credential);
	const botResult = await importWorkflow(stack.api, bot);
	const broadcastResult = await importWorkflow(stack.api, broadcast);
	const botWebhookUrl = productionWebhookUrl(stack.n8n.url, bot);
	const handshake = await stack.sandbox.sandbox.setCallback(botWebhookUrl, {
		verifyToken: stack.sandbox.credentials.verifyToken,
	});
	if (!handshake?.ok)
		throw new Error(
			`the sandbox's verification handshake with the bot failed: ${JSON.stringify(handshake)}`,
		);
	fs.writeFileSync(
		stateFile,
		JSON.stringify(
			{
				n8nUrl: stack.n8n.url,
				sandboxUrl: stack.sandbox.url,
				owner: stack.owner,
				credential: stack.credential,
				workflows: { bot: botResult.id, broadcast: broadcastResult.id },
				botWebhookUrl,
				installDir: stack.n8nInstall.dir,
				userFolder,
				n8nLogFile: stack.n8n.logFile,
				packageInfo: {
					name: stack.packageInfo.name,
					version: stack.packageInfo.version,
					sha256: stack.packageInfo.sha256,
					dir: stack.packageInfo.dir,
				},
			},
			null,
			2,
		),
	);
	log(
		`[e2e] stack ready in ${formatDuration(Date.now() - started)}; running ${files.length} test file(s)`,
	);

	exitCode = await new Promise((resolve) => {
		testChild = spawn(
			process.execPath,
			[
				'--test',
				'--test-concurrency=1',
				`--test-timeout=${TEST_TIMEOUT_MS}`,
				'--test-reporter=spec',
				...files,
			],
			{
				cwd: PROJECT_DIR,
				env: cleanEnv({ WA_E2E_STACK: stateFile }),
				stdio: 'inherit',
				detached: true,
			},
		);
		const timer = setTimeout(() => {
			log(`[e2e] the tests did not finish within ${formatDuration(RUN_TIMEOUT_MS)}; stopping them`);
			killGroup(testChild.pid, 'SIGKILL');
		}, RUN_TIMEOUT_MS);
		testChild.once('exit', (code, signal) => {
			clearTimeout(timer);
			resolve(code ?? (signal ? 1 : 0));
		});
	});
} catch (error) {
	console.error(`\n[e2e] ${error.message}`);
	exitCode = 1;
} finally {
	await teardown();
}

if (exitCode !== 0 && stack?.n8n) {
	log(`\n[e2e] last lines of n8n's log (${stack.n8n.logFile}):\n${tail(stack.n8n.logFile, 40)}`);
}
if (exitCode === 0 && !process.env.WA_E2E_KEEP) {
	fs.rmSync(userFolder, { recursive: true, force: true });
} else {
	log(`[e2e] n8n user folder kept for inspection: ${userFolder}`);
}
log(`[e2e] ${exitCode === 0 ? 'passed' : 'FAILED'} in ${formatDuration(Date.now() - started)}`);
process.exit(exitCode);
