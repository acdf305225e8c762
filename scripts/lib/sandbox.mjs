// The local Cloud API sandbox (sandbox/, TypeScript) for the stack: compiled by
// `npm run build:tooling` into .build/sandbox and run in this process through its library API
// (startSandbox), so the demo and the tests drive it directly and it stops with us.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECT_DIR } from './package-install.mjs';
import { cacheRoot } from './n8n-install.mjs';
import { cleanEnv, runLogged } from './proc.mjs';

// The sandbox imports nothing outside sandbox/: only these make its compiled copy stale.
const TOOLING_SOURCES = ['sandbox', 'tsconfig.json', 'tsconfig.tooling.json'];

/** Newest modification time (ms) of a file, or of any file below a folder; 0 when absent. */
export function newestMtime(abs) {
	let stat;
	try {
		stat = fs.statSync(abs);
	} catch {
		return 0;
	}
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of fs.readdirSync(abs))
		newest = Math.max(newest, newestMtime(path.join(abs, entry)));
	return newest;
}

/**
 * Oldest modification time (ms) of the compiled copies of the sandbox's .ts files, every subfolder
 * included; 0 when one is missing (a new file, or a first build).
 */
function oldestOutputMtime(projectDir) {
	let oldest = Infinity;
	const walk = (rel) => {
		for (const entry of fs.readdirSync(path.join(projectDir, rel), { withFileTypes: true })) {
			const child = path.join(rel, entry.name);
			if (entry.isDirectory()) walk(child);
			else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
				const output = path.join(projectDir, '.build', child.replace(/\.ts$/, '.js'));
				oldest = Math.min(oldest, newestMtime(output));
			}
		}
	};
	walk('sandbox');
	return oldest === Infinity ? 0 : oldest;
}

/**
 * Runs `npm run build:tooling` when a compiled copy in .build/sandbox is missing or older than the
 * sources.
 * tsc still emits when another part of the tooling tree (bench, tests) has a type error, so
 * a failing exit is only fatal when the sandbox itself was not produced.
 */
export async function ensureSandboxBuilt({ projectDir = PROJECT_DIR, log = console.log } = {}) {
	const sourcesNewest = Math.max(
		...TOOLING_SOURCES.map((s) => newestMtime(path.join(projectDir, s))),
	);
	if (oldestOutputMtime(projectDir) >= sourcesNewest) return { built: false };
	log('[sandbox] compiling the sandbox (npm run build:tooling)...');
	const logFile = path.join(cacheRoot(), 'logs', 'build-tooling.log');
	try {
		await runLogged('npm', ['run', 'build:tooling', '--silent'], {
			cwd: projectDir,
			env: cleanEnv(),
			logFile,
			log,
		});
	} catch (error) {
		if (oldestOutputMtime(projectDir) < sourcesNewest) throw error;
		log(
			`[sandbox] warning: build:tooling reported type errors outside the sandbox (see ${logFile}); the sandbox itself compiled`,
		);
	}
	return { built: true };
}

/** The compiled sandbox library (.build/sandbox/index.js): { startSandbox, SEED, TEMPLATE, ... }. */
export function loadSandboxLibrary(projectDir = PROJECT_DIR) {
	const require = createRequire(path.join(projectDir, 'package.json'));
	return require(path.join(projectDir, '.build', 'sandbox', 'index.js'));
}

/** The sandbox CLI's defaults (port 4010, Meta-like 500 ms status pacing, 1 s x 6 redeliveries). */
export function sandboxCliDefaults(projectDir = PROJECT_DIR) {
	const require = createRequire(path.join(projectDir, 'package.json'));
	const { parseArgs } = require(path.join(projectDir, '.build', 'sandbox', 'cli.js'));
	return parseArgs([]);
}

/**
 * Starts the sandbox in this process. `options` are startSandbox's (port 0 = ephemeral);
 * returns its handle: { url, port, sandbox, credentials, close() }.
 */
export async function startSandbox(options = {}, { projectDir = PROJECT_DIR } = {}) {
	const lib = loadSandboxLibrary(projectDir);
	return await lib.startSandbox({ quiet: true, ...options });
}
