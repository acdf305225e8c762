// Child-process helpers shared by the stack scripts: a clean environment for npm and n8n,
// commands whose output goes to a log file (with a heartbeat so long steps never look stuck),
// and long-running services started in their own process group so one signal stops the
// service and everything it spawned (n8n starts a task-runner child, npm starts node-gyp...).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs a benchmark runner (`node [nodeArgs] script '<config json>'`) that prints `RESULT {json}` as
 * its last result line; SIGKILLs it after `timeoutMs`. Resolves with the exit code (or signal),
 * whether it timed out, the parsed result (undefined if none was printed) and stderr's tail.
 * `onSpawn(child)` / `onExit(child)` let the caller track it (e.g. to kill it on Ctrl-C).
 */
export async function runResultProcess(
	script,
	config,
	{ nodeArgs = [], cwd, timeoutMs, onSpawn, onExit } = {},
) {
	const child = spawn(process.execPath, [...nodeArgs, script, JSON.stringify(config)], {
		cwd,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	onSpawn?.(child);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		child.kill('SIGKILL');
	}, timeoutMs);
	const code = await new Promise((resolve) =>
		child.once('exit', (c, signal) => resolve(c ?? signal)),
	);
	clearTimeout(timer);
	onExit?.(child);
	const line = stdout
		.split('\n')
		.reverse()
		.find((l) => l.startsWith('RESULT '));
	return {
		code,
		timedOut,
		result: line ? JSON.parse(line.slice(7)) : undefined,
		stderr: stderr.slice(-2000),
	};
}

/** Formats milliseconds as "4m05s" / "12.3s" for progress lines and reports. */
export function formatDuration(ms) {
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
	const s = Math.round(ms / 1000);
	return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * The environment for child processes, without what `npm run` adds for the project itself
 * (npm_package_*, npm_lifecycle_*, the project's ignore-scripts and prefixes): an npm started
 * in the n8n install folder or an n8n started by us must not think it runs inside this repo.
 */
export function cleanEnv(extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		const k = key.toLowerCase();
		if (k.startsWith('npm_package_') || k.startsWith('npm_lifecycle_')) continue;
		if (
			[
				'npm_config_ignore_scripts',
				'npm_config_local_prefix',
				'npm_config_prefix',
				'npm_command',
				'init_cwd',
			].includes(k)
		)
			continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

let exitOnSignalsInstalled = false;
/**
 * Children started here run in their own process group (so one signal reaches all their
 * descendants), which also means a Ctrl-C in the terminal does not reach them: they are stopped
 * from this process's 'exit' event. Node skips that event when a signal kills it, so when the
 * program has no signal handler of its own, one is added that exits properly.
 */
function ensureExitOnSignals() {
	if (exitOnSignalsInstalled) return;
	exitOnSignalsInstalled = true;
	for (const [signal, code] of [
		['SIGINT', 130],
		['SIGTERM', 143],
		['SIGHUP', 129],
	]) {
		if (process.listenerCount(signal) === 0) process.once(signal, () => process.exit(code));
	}
}

/**
 * Runs a command to completion, appending its output to `logFile`, and prints
 * `heartbeat()`'s line every `heartbeatMs` while it runs. Rejects with the log's tail on failure.
 */
export async function runLogged(
	command,
	args,
	{ cwd, env, logFile, heartbeat, heartbeatMs = 20_000, log = console.log, timeoutMs } = {},
) {
	ensureExitOnSignals();
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const out = fs.openSync(logFile, 'a');
	fs.writeSync(
		out,
		`\n$ ${command} ${args.join(' ')}   (cwd ${cwd}, ${new Date().toISOString()})\n`,
	);
	const started = Date.now();
	const child = spawn(command, args, {
		cwd,
		env: env ?? cleanEnv(),
		stdio: ['ignore', out, out],
		detached: true,
	});
	fs.closeSync(out);
	const stopOnExit = () => killGroup(child.pid, 'SIGKILL');
	process.once('exit', stopOnExit);
	const timer = heartbeat
		? setInterval(() => log(heartbeat(Date.now() - started)), heartbeatMs)
		: undefined;
	const killer = timeoutMs
		? setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs)
		: undefined;
	try {
		const code = await new Promise((resolve, reject) => {
			child.once('error', reject);
			child.once('exit', (c, signal) => resolve(c ?? signal));
		});
		if (code !== 0) {
			throw new Error(
				`${command} ${args.join(' ')} failed (${code}) after ${formatDuration(Date.now() - started)}; last lines of ${logFile}:\n${tail(logFile, 25)}`,
			);
		}
		return Date.now() - started;
	} finally {
		if (timer) clearInterval(timer);
		if (killer) clearTimeout(killer);
		process.removeListener('exit', stopOnExit);
	}
}

/** The last `lines` lines of a text file ('' when it does not exist). */
export function tail(file, lines = 40) {
	try {
		const text = fs.readFileSync(file, 'utf8');
		return text
			.split('\n')
			.slice(-lines - 1)
			.join('\n');
	} catch {
		return '';
	}
}

/** Sends a signal to a whole process group (our services are started detached, as group leaders). */
export function killGroup(pid, signal = 'SIGTERM') {
	if (!pid) return false;
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		try {
			process.kill(pid, signal);
			return true;
		} catch {
			return false;
		}
	}
}

/** True while a process (or its group leader) is alive. */
export function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/**
 * Starts a long-running service in its own process group with output to `logFile`.
 * Returns { child, pid, exited (promise of the exit code), stop(graceMs) }: stop() sends
 * SIGTERM to the group, waits up to graceMs for the leader to exit, then SIGKILLs the group.
 */
export function startService(command, args, { cwd, env, logFile, name = command } = {}) {
	ensureExitOnSignals();
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const out = fs.openSync(logFile, 'a');
	const child = spawn(command, args, { cwd, env, stdio: ['ignore', out, out], detached: true });
	fs.closeSync(out);
	let exitCode;
	const exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => {
			exitCode = code ?? signal;
			resolve(exitCode);
		});
		child.once('error', (error) => {
			exitCode = error.message;
			resolve(exitCode);
		});
	});
	// Whatever happens to this process, never leave the service behind.
	const onExit = () => killGroup(child.pid, 'SIGKILL');
	process.once('exit', onExit);
	const stop = async (graceMs = 10_000) => {
		process.removeListener('exit', onExit);
		if (exitCode === undefined) {
			killGroup(child.pid, 'SIGTERM');
			const done = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
			if (!done)
				console.error(`[stack] ${name} did not stop within ${formatDuration(graceMs)}; killing it`);
		}
		// Children of the leader (task runners, node-gyp...) may outlive it: sweep the group.
		killGroup(child.pid, 'SIGKILL');
		await exited;
	};
	return {
		child,
		pid: child.pid,
		exited,
		stop,
		get exitCode() {
			return exitCode;
		},
	};
}

/** Polls `check` until it returns a truthy value, `timeoutMs` passes, or `stopIf()` says it never will. */
export async function waitFor(
	check,
	{ timeoutMs = 30_000, intervalMs = 250, what = 'condition', stopIf } = {},
) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		// A condition that can no longer come true (the process died): fail now, not at the deadline.
		if (stopIf && stopIf())
			throw new Error(`gave up waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
		await sleep(intervalMs);
	}
	throw new Error(
		`timed out after ${formatDuration(timeoutMs)} waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`,
	);
}
