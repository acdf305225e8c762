/* global AbortSignal */
// Starts the real n8n headless from the cached install: bound to 127.0.0.1, offline-friendly
// (no telemetry, version checks, templates or banners fetched from n8n's servers), with its
// own user folder (database, encryption key, community packages) and its own task-runner
// broker port so several instances (demo, e2e, benchmark) can run side by side.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { cacheRoot, n8nBin, n8nInstallDir } from './n8n-install.mjs';
import { cleanEnv, formatDuration, startService, tail, waitFor } from './proc.mjs';

export const LEAN_DISABLED_MODULES = [
	'mcp-registry',
	'mcp',
	'insights',
	'chat-hub',
	'instance-ai',
	'agents',
	'agent-evals',
	'workflow-builder',
	'workflow-reviews',
	'quick-connect',
];

/** A free TCP port on 127.0.0.1 (asked from the OS, then released for the caller to bind). */
export async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** True when something already listens on 127.0.0.1:port. */
export async function portInUse(port) {
	return await new Promise((resolve) => {
		const socket = net.connect({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/**
 * The environment n8n runs with. `userFolder` gets n8n's `.n8n/` (sqlite database, config with
 * the encryption key, nodes/ for community packages). Callers may override anything via `env`.
 */
export function n8nEnv({ port, brokerPort, userFolder, env = {} }) {
	const base = `http://127.0.0.1:${port}`;
	return cleanEnv({
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `${base}/`,
		N8N_EDITOR_BASE_URL: `${base}/`,
		// Offline and quiet: nothing phones home, nothing waits on n8n's servers.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		// Modules this package's demo and tests never touch (AI assistant and agents, chat hub, MCP
		// server and registry, insights, reviews, quick connect): n8n starts ~10 s faster without
		// them, and the MCP registry would try api.n8n.io at every start. WA_N8N_ALL_MODULES=1
		// keeps n8n's defaults.
		...(process.env.WA_N8N_ALL_MODULES
			? {}
			: { N8N_DISABLED_MODULES: LEAN_DISABLED_MODULES.join(',') }),
		// Plain http on 127.0.0.1: the auth cookie must not require https.
		N8N_SECURE_COOKIE: 'false',
		// Community packages: load what is under <userFolder>/.n8n/nodes/node_modules.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// The JS task runner (Code node) is an internal child process talking to a broker on a
		// TCP port; give each instance its own port instead of the fixed default 5679.
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PYTHON_ENABLED: 'false',
		// sqlite in WAL mode with a small pool: concurrent webhook executions do not serialise
		// on one connection.
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '4',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		GENERIC_TIMEZONE: 'UTC',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		// n8n loads thousands of modules at start; Node's on-disk compile cache (V8 code cache)
		// makes every start after the first one noticeably faster.
		NODE_COMPILE_CACHE: path.join(cacheRoot(), 'node-compile-cache'),
		...env,
	});
}

/**
 * Starts n8n and resolves once /healthz/readiness answers 200 (database migrated, server up).
 * Options: port (0 or undefined = a free one), userFolder (required), env (extra variables),
 * installDir (default: the cached install), logFile (default <userFolder>/n8n.log),
 * readyTimeoutMs (default 180 s: the first start migrates a new database).
 * Returns { url, port, userFolder, logFile, pid, webhookUrl(path), testWebhookUrl(path), logs(), stop() }.
 */
export async function startN8n({
	port,
	userFolder,
	env = {},
	installDir = n8nInstallDir(),
	logFile,
	readyTimeoutMs = 180_000,
	log = console.log,
} = {}) {
	if (!userFolder) throw new Error('startN8n needs a userFolder');
	fs.mkdirSync(userFolder, { recursive: true });
	const chosenPort = port || (await freePort());
	if (await portInUse(chosenPort)) {
		throw new Error(
			`port ${chosenPort} is already in use on 127.0.0.1; stop what uses it or choose another port (N8N_PORT)`,
		);
	}
	const brokerPort = await freePort();
	const file = logFile ?? path.join(userFolder, 'n8n.log');
	fs.writeFileSync(file, `--- n8n start ${new Date().toISOString()} port ${chosenPort}\n`, {
		flag: 'a',
	});
	const logStart = fs.statSync(file).size;
	const started = Date.now();
	// cwd = userFolder: n8n loads a .env from its working directory, and must not pick the repo's.
	const service = startService(process.execPath, [n8nBin(installDir), 'start'], {
		cwd: userFolder,
		env: n8nEnv({ port: chosenPort, brokerPort, userFolder, env }),
		logFile: file,
		name: 'n8n',
	});
	const url = `http://127.0.0.1:${chosenPort}`;
	const logs = () => {
		try {
			const fd = fs.openSync(file, 'r');
			const size = fs.fstatSync(fd).size;
			const buf = Buffer.alloc(Math.max(0, size - logStart));
			fs.readSync(fd, buf, 0, buf.length, logStart);
			fs.closeSync(fd);
			return buf.toString('utf8');
		} catch {
			return '';
		}
	};
	try {
		await waitFor(
			async () => {
				if (service.exitCode !== undefined)
					throw new Error(`n8n exited (${service.exitCode}) before it was ready`);
				const res = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
				return res.status === 200;
			},
			{
				timeoutMs: readyTimeoutMs,
				intervalMs: 300,
				what: `n8n on ${url} to be ready`,
				stopIf: () => service.exitCode !== undefined,
			},
		);
	} catch (error) {
		await service.stop(5000);
		throw new Error(`${error.message}; last lines of ${file}:\n${tail(file, 30)}`);
	}
	log(`[n8n] ready on ${url} in ${formatDuration(Date.now() - started)} (log: ${file})`);
	return {
		url,
		port: chosenPort,
		brokerPort,
		userFolder,
		logFile: file,
		pid: service.pid,
		exited: service.exited,
		logs,
		webhookUrl: (p) => `${url}/webhook/${p.replace(/^\//, '')}`,
		testWebhookUrl: (p) => `${url}/webhook-test/${p.replace(/^\//, '')}`,
		stop: (graceMs = 15_000) => service.stop(graceMs),
	};
}
