// The whole local stack in one call, for `npm start`, `npm run test:e2e` and the benchmarks:
// the cached real n8n with this package installed from its packed tarball, the Cloud API
// sandbox, an owner account and a credential pointing at the sandbox. stop() tears everything
// down (n8n's whole process group, then the sandbox) and may be called any number of times.
//
//   import { startStack } from './scripts/lib/stack.mjs';
//   const stack = await startStack({ userFolder: '/tmp/x', fresh: true });
//   stack.n8n.url; stack.api (N8nApi, logged in); stack.sandbox (handle: url, sandbox, credentials);
//   stack.credential ({ id, name, type }); await stack.stop();
import fs from 'node:fs';
import path from 'node:path';
import { N8nApi } from './n8n-api.mjs';
import { ensureN8nInstalled } from './n8n-install.mjs';
import { startN8n } from './n8n-process.mjs';
import {
	installedPackageInfo,
	packAndInstallPackage,
	recordInstalledPackage,
	readProjectPackageJson,
	PROJECT_DIR,
} from './package-install.mjs';
import { formatDuration } from './proc.mjs';
import { ensureSandboxBuilt, sandboxCliDefaults, startSandbox } from './sandbox.mjs';

export const DEFAULT_OWNER = Object.freeze({
	email: 'demo@example.com',
	password: 'WhatsApp-demo-1',
	firstName: 'Demo',
	lastName: 'Owner',
});

export const CREDENTIAL_TYPE = 'whatsAppCloudApi';
export const DEFAULT_CREDENTIAL_NAME = 'WhatsApp Cloud API (local sandbox)';

/**
 * Creates the credential, or updates the one with the same name (the sandbox's URL may have
 * changed since the last run). Returns { id, name, type }.
 */
export async function ensureCredential(
	api,
	{ name = DEFAULT_CREDENTIAL_NAME, type = CREDENTIAL_TYPE, data },
) {
	const existing = (await api.listCredentials()).find((c) => c.name === name && c.type === type);
	if (existing) {
		await api.updateCredential(existing.id, { name, type, data });
		return { id: existing.id, name, type };
	}
	const created = await api.createCredential({ name, type, data });
	return { id: created.id, name, type };
}

/** Credential data for a sandbox handle (every field of the whatsAppCloudApi credential). */
export function sandboxCredentialData(sandboxHandle) {
	const c = sandboxHandle.credentials;
	return {
		accessToken: c.accessToken,
		phoneNumberId: c.phoneNumberId,
		businessAccountId: c.businessAccountId,
		appSecret: c.appSecret,
		verifyToken: c.verifyToken,
		apiVersion: c.apiVersion,
		baseUrl: c.baseUrl,
	};
}

/**
 * Starts the stack. Options:
 *   userFolder     n8n's user folder (required); fresh: true wipes it first
 *   n8nPort        0/undefined = a free port
 *   sandbox        startSandbox options (port 0 = ephemeral; preset: 'cli' for the CLI's
 *                  Meta-like timings), or false for no sandbox
 *   owner          { email, password, firstName, lastName } (DEFAULT_OWNER)
 *   installPackage true: build, pack and install this package (skipped when unchanged);
 *                  'existing': use the copy already installed in userFolder as is
 *   pruneMissing   pack even if a declared node file is not built yet (plumbing tests)
 *   n8nEnv         extra environment for n8n
 *   credentialName the credential created for the sandbox (DEFAULT_CREDENTIAL_NAME)
 *   log            progress lines (console.log)
 * Returns { n8n, api, sandbox, owner, ownerStatus, credential, packageInfo, timings, stop() }.
 * On any failure, whatever was started is stopped before the error is thrown.
 */
export async function startStack(options = {}) {
	const {
		userFolder,
		fresh = false,
		n8nPort,
		sandbox: sandboxOptions = {},
		owner = DEFAULT_OWNER,
		installPackage = true,
		pruneMissing = false,
		n8nEnv = {},
		credentialName = DEFAULT_CREDENTIAL_NAME,
		projectDir = PROJECT_DIR,
		log = console.log,
	} = options;
	if (!userFolder) throw new Error('startStack needs a userFolder');
	const timings = {};
	const time = async (name, fn) => {
		const t = Date.now();
		try {
			return await fn();
		} finally {
			timings[name] = Date.now() - t;
		}
	};
	const stack = { userFolder, timings, n8n: undefined, sandbox: undefined, api: undefined };
	let stopped = false;
	stack.stopping = false;
	stack.stop = async () => {
		if (stopped) return;
		stopped = true;
		stack.stopping = true;
		const errors = [];
		if (stack.n8n) await stack.n8n.stop().catch((e) => errors.push(e));
		if (stack.sandbox) await stack.sandbox.close().catch((e) => errors.push(e));
		if (errors.length) throw errors[0];
	};

	try {
		if (fresh) fs.rmSync(userFolder, { recursive: true, force: true });
		fs.mkdirSync(userFolder, { recursive: true });
		const install = await time('n8nInstall', () => ensureN8nInstalled({ log }));
		stack.n8nInstall = install;

		if (installPackage === 'existing') {
			// Use what is installed in this user folder as is (e.g. a hand-patched copy while debugging).
			const info = installedPackageInfo(userFolder);
			if (!info) throw new Error(`installPackage 'existing': nothing installed in ${userFolder}`);
			stack.packageInfo = {
				...info,
				changed: false,
				dir: path.join(userFolder, '.n8n', 'nodes', 'node_modules', info.name),
				pruned: [],
			};
		} else if (installPackage) {
			stack.packageInfo = await time('package', () =>
				packAndInstallPackage({ userFolder, projectDir, pruneMissing, log }),
			);
			const p = stack.packageInfo;
			log(
				`[package] ${p.name}@${p.version} ${p.changed ? 'installed from its packed tarball' : 'unchanged since the last run'} (sha256 ${p.sha256.slice(0, 12)})`,
			);
		}

		if (sandboxOptions !== false) {
			await time('sandboxBuild', () => ensureSandboxBuilt({ projectDir, log }));
			// preset 'cli': the sandbox CLI's Meta-like pacing (statuses 500 ms apart, redeliveries from 1 s).
			const { preset, ...rest } = sandboxOptions;
			const resolved = preset === 'cli' ? { ...sandboxCliDefaults(projectDir), ...rest } : rest;
			stack.sandbox = await time('sandbox', () => startSandbox(resolved, { projectDir }));
			log(`[sandbox] Cloud API sandbox on ${stack.sandbox.url}`);
		}

		stack.n8n = await time('n8nStart', () =>
			startN8n({ port: n8nPort, userFolder, env: n8nEnv, log }),
		);
		stack.api = new N8nApi(stack.n8n.url, { installDir: install.dir });
		stack.owner = owner;
		stack.ownerStatus = await time('owner', () => stack.api.ensureOwner(owner));

		if (installPackage) {
			await time('packageRecord', () => recordPackage(stack, readProjectPackageJson(projectDir)));
		}
		if (stack.sandbox && installPackage) {
			stack.credential = await time('credential', () =>
				ensureCredential(stack.api, {
					name: credentialName,
					data: sandboxCredentialData(stack.sandbox),
				}),
			);
		}
		log(
			`[stack] ready: ${Object.entries(timings)
				.map(([k, v]) => `${k} ${formatDuration(v)}`)
				.join(', ')}`,
		);
		return stack;
	} catch (error) {
		await stack.stop().catch(() => undefined);
		throw error;
	}
}

/**
 * Checks that n8n loaded our nodes and credential from the installed tarball, then records the
 * package in n8n's database as Settings > Community nodes does, so it shows in that list.
 */
async function recordPackage(stack, pkg) {
	const info = installedPackageInfo(stack.userFolder);
	const version = info?.version ?? pkg.version;
	if (!stack.packageInfo.changed) {
		// Recorded by an earlier run: n8n's own list says whether the nodes loaded (cheap).
		const listed = (await stack.api.request('GET', '/rest/community-packages')).find(
			(p) => p.packageName === pkg.name,
		);
		if (
			listed &&
			listed.installedVersion === version &&
			!listed.failedLoading &&
			listed.installedNodes.length === (pkg.n8n?.nodes ?? []).length
		) {
			stack.loadedNodeTypes = listed.installedNodes.map((n) => n.type);
			return;
		}
	}
	const nodeTypes = (await stack.api.nodeTypes()).filter((t) => t.name.startsWith(`${pkg.name}.`));
	const credentialTypes = (await stack.api.credentialTypes()).map((t) => t.name);
	const expectedNodes = (pkg.n8n?.nodes ?? []).length;
	if (nodeTypes.length === 0 || !credentialTypes.includes(CREDENTIAL_TYPE)) {
		throw new Error(
			`n8n did not load ${pkg.name} from ${path.join(stack.userFolder, '.n8n', 'nodes')} (nodes found: ${nodeTypes.map((t) => t.name).join(', ') || 'none'}); see ${stack.n8n.logFile}`,
		);
	}
	// *Tool variants (usableAsTool) are generated by n8n, not installed nodes of the package.
	const installed = nodeTypes.filter((t) => !t.name.endsWith('Tool'));
	await recordInstalledPackage({
		userFolder: stack.userFolder,
		name: pkg.name,
		version,
		author: pkg.author,
		nodeTypes: installed,
		installDir: stack.n8nInstall.dir,
	});
	stack.loadedNodeTypes = installed.map((t) => t.name);
	if (installed.length < expectedNodes) {
		throw new Error(
			`n8n loaded ${installed.length} of the ${expectedNodes} nodes ${pkg.name} declares (${stack.loadedNodeTypes.join(', ')}); see ${stack.n8n.logFile}`,
		);
	}
}

/** Stops the stack on Ctrl-C / SIGTERM (once; a second Ctrl-C exits at once). */
export function stopOnSignals(stack, { log = console.log, onStopped } = {}) {
	let stopping = false;
	const handler = (signal) => {
		if (stopping) {
			log(`[stack] ${signal} again: exiting without waiting`);
			process.exit(130);
		}
		stopping = true;
		log(`\n[stack] ${signal}: stopping n8n and the sandbox...`);
		stack
			.stop()
			.catch((error) => log(`[stack] while stopping: ${error.message}`))
			.finally(() => {
				if (onStopped) onStopped();
				process.exit(signal === 'SIGINT' ? 130 : 143);
			});
	};
	process.on('SIGINT', handler);
	process.on('SIGTERM', handler);
	process.on('SIGHUP', handler);
	return () => {
		process.removeListener('SIGINT', handler);
		process.removeListener('SIGTERM', handler);
		process.removeListener('SIGHUP', handler);
	};
}
