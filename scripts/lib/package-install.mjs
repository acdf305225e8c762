// Builds and packs this package, then installs the tarball into an n8n user folder the way
// n8n 2.41's Settings > Community nodes does (CommunityPackagesService.downloadPackage in the
// cli dist, modules/community-packages/community-packages.service.js):
//   1. unpack the tarball into <userFolder>/.n8n/nodes/node_modules/<name> (tar --strip-components=1)
//   2. drop devDependencies, peerDependencies and optionalDependencies from its package.json
//   3. `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
//      --ignore-scripts=true --package-lock=false` inside that folder (our package has no
//      runtime dependencies, so this resolves nothing, exactly as for a user)
//   4. record "<name>": "<version>" in <userFolder>/.n8n/nodes/package.json (n8n's ledger)
// At start, n8n's community-packages module loads every n8n-nodes-* folder under
// nodes/node_modules (scanDirectoryForPackages), database record or not; the database row
// (installed_packages / installed_nodes) only feeds the Settings > Community nodes list, and
// recordInstalledPackage() below writes it the same way n8n's repository does.
// So what n8n runs in the demo and the e2e tests is the packed tarball a user would get from npm.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot, n8nInstallDir } from './n8n-install.mjs';
import { cleanEnv, runLogged } from './proc.mjs';

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MARKER = '.wa-installed.json';

export function readProjectPackageJson(projectDir = PROJECT_DIR) {
	return JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8'));
}

/** sha256 of a file, hex. npm pack sets fixed mtimes, so an unchanged package packs to the same bytes. */
export function sha256File(file) {
	return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Inputs of `npm run build` + `npm pack`: when their hash is unchanged, so is the tarball. */
const SOURCE_ROOTS = [
	'nodes',
	'credentials',
	'package.json',
	'tsconfig.json',
	'gulpfile.js',
	'README.md',
	'LICENSE',
];

/** sha256 over the package's source files (paths and contents), in a stable order. */
export function sourceHash(projectDir = PROJECT_DIR) {
	const hash = createHash('sha256');
	const visit = (rel) => {
		const abs = path.join(projectDir, rel);
		let stat;
		try {
			stat = fs.statSync(abs);
		} catch {
			return;
		}
		if (stat.isDirectory()) {
			for (const entry of fs.readdirSync(abs).sort()) visit(path.join(rel, entry));
		} else {
			hash.update(`${rel}\0`);
			hash.update(fs.readFileSync(abs));
			hash.update('\0');
		}
	};
	for (const root of SOURCE_ROOTS) visit(root);
	return hash.digest('hex');
}

/** Runs `npm run build` (tsc + gulp assets) in the project. */
export async function buildPackage({
	projectDir = PROJECT_DIR,
	logFile = path.join(cacheRoot(), 'logs', 'build.log'),
	log = console.log,
} = {}) {
	return await runLogged('npm', ['run', 'build', '--silent'], {
		cwd: projectDir,
		env: cleanEnv(),
		logFile,
		log,
		heartbeat: () => '[package] still building...',
	});
}

/**
 * Lists the node/credential files package.json declares under "n8n" that the build did not
 * produce (e.g. a node still being written).
 */
export function missingDeclaredFiles(projectDir = PROJECT_DIR) {
	const pkg = readProjectPackageJson(projectDir);
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	return declared.filter((f) => !fs.existsSync(path.join(projectDir, f)));
}

/**
 * `npm pack`s the project into `destDir` and returns { tarball, sha256, name, version, files }.
 * With `pruneMissing`, declared node files that do not exist yet are left out of the packed
 * package.json (packing a staged copy), so the plumbing can be tested before every node exists;
 * without it a missing file is an error, since n8n would fail to load the package.
 */
export async function packPackage({
	projectDir = PROJECT_DIR,
	destDir = path.join(cacheRoot(), 'packs'),
	pruneMissing = false,
	logFile = path.join(cacheRoot(), 'logs', 'pack.log'),
} = {}) {
	fs.mkdirSync(destDir, { recursive: true });
	const missing = missingDeclaredFiles(projectDir);
	let packDir = projectDir;
	let staged;
	if (missing.length) {
		if (!pruneMissing) {
			throw new Error(
				`the build did not produce ${missing.join(', ')} (declared in package.json "n8n"); n8n could not load the package`,
			);
		}
		staged = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-pack-'));
		const pkg = readProjectPackageJson(projectDir);
		pkg.n8n.nodes = (pkg.n8n.nodes ?? []).filter((f) => !missing.includes(f));
		pkg.n8n.credentials = (pkg.n8n.credentials ?? []).filter((f) => !missing.includes(f));
		fs.writeFileSync(path.join(staged, 'package.json'), JSON.stringify(pkg, null, 2));
		for (const f of ['dist', 'README.md', 'LICENSE']) {
			if (fs.existsSync(path.join(projectDir, f)))
				fs.cpSync(path.join(projectDir, f), path.join(staged, f), { recursive: true });
		}
		packDir = staged;
	}
	try {
		const jsonFile = path.join(destDir, 'pack-result.json');
		// --ignore-scripts: the project's build already ran; pack only.
		await runLogged(
			'sh',
			['-c', `npm pack --json --ignore-scripts --pack-destination "${destDir}" > "${jsonFile}"`],
			{
				cwd: packDir,
				env: cleanEnv(),
				logFile,
			},
		);
		const [result] = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
		const tarball = path.join(destDir, result.filename);
		return {
			tarball,
			sha256: sha256File(tarball),
			name: result.name,
			version: result.version,
			files: result.files.map((f) => f.path),
			pruned: missing,
		};
	} finally {
		if (staged) fs.rmSync(staged, { recursive: true, force: true });
	}
}

/** <userFolder>/.n8n/nodes: n8n's community packages folder (InstanceSettings.nodesDownloadDir). */
export function nodesDir(userFolder) {
	return path.join(userFolder, '.n8n', 'nodes');
}

/** What installTarball() last installed into this user folder: { name, version, sha256 } or undefined. */
export function installedPackageInfo(userFolder) {
	try {
		return JSON.parse(fs.readFileSync(path.join(nodesDir(userFolder), MARKER), 'utf8'));
	} catch {
		return undefined;
	}
}

/**
 * Installs a packed tarball into the n8n user folder as Settings > Community nodes would.
 * Skips all work when the same tarball (by sha256) is already installed. n8n must be
 * restarted (or not yet started) to load a changed package. Returns { changed, dir }.
 */
export async function installTarball({
	userFolder,
	tarball,
	sha256 = sha256File(tarball),
	name,
	version,
	sources,
	logFile = path.join(userFolder, 'package-install.log'),
}) {
	const nodes = nodesDir(userFolder);
	const dir = path.join(nodes, 'node_modules', name);
	const previous = installedPackageInfo(userFolder);
	if (
		previous &&
		previous.sha256 === sha256 &&
		previous.name === name &&
		fs.existsSync(path.join(dir, 'package.json'))
	) {
		if (sources && previous.sources !== sources)
			fs.writeFileSync(path.join(nodes, MARKER), JSON.stringify({ ...previous, sources }, null, 2));
		return { changed: false, dir };
	}
	fs.mkdirSync(nodes, { recursive: true });
	fs.rmSync(path.join(nodes, MARKER), { force: true });
	// n8n's ledger: nodes/package.json with every installed package as a dependency.
	const ledgerFile = path.join(nodes, 'package.json');
	let ledger;
	try {
		ledger = JSON.parse(fs.readFileSync(ledgerFile, 'utf8'));
	} catch {
		ledger = undefined;
	}
	if (!ledger?.dependencies) ledger = { name: 'installed-nodes', private: true, dependencies: {} };

	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const localTarball = path.join(nodes, path.basename(tarball));
	fs.copyFileSync(tarball, localTarball);
	try {
		await runLogged('tar', ['-xzf', localTarball, '-C', dir, '--strip-components=1'], {
			cwd: nodes,
			logFile,
		});
		const pkgFile = path.join(dir, 'package.json');
		const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
		delete pkg.devDependencies;
		delete pkg.peerDependencies;
		delete pkg.optionalDependencies;
		fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2), 'utf8');
		await runLogged(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--no-update-notifier',
			],
			{ cwd: dir, env: cleanEnv(), logFile },
		);
		ledger.dependencies[name] = version ?? pkg.version;
		fs.writeFileSync(ledgerFile, JSON.stringify(ledger, null, 2), 'utf8');
	} finally {
		fs.rmSync(localTarball, { force: true });
	}
	fs.writeFileSync(
		path.join(nodes, MARKER),
		JSON.stringify(
			{ name, version, sha256, sources, installedAt: new Date().toISOString() },
			null,
			2,
		),
	);
	return { changed: true, dir };
}

/**
 * Builds, packs and installs this package into the n8n user folder. Nothing is rebuilt when the
 * sources hash to what the installed copy was built from; nothing is reinstalled when the new
 * tarball's sha256 equals the installed one's. Returns
 * { changed, built, tarball?, sha256, name, version, pruned, dir }.
 */
export async function packAndInstallPackage({
	userFolder,
	projectDir = PROJECT_DIR,
	build = true,
	pruneMissing = false,
	force = false,
	log = console.log,
} = {}) {
	const sources = sourceHash(projectDir);
	const previous = installedPackageInfo(userFolder);
	const pkg = readProjectPackageJson(projectDir);
	const dir = path.join(nodesDir(userFolder), 'node_modules', pkg.name);
	if (
		!force &&
		previous?.sources === sources &&
		previous.name === pkg.name &&
		fs.existsSync(path.join(dir, 'package.json'))
	) {
		return {
			changed: false,
			built: false,
			sha256: previous.sha256,
			name: previous.name,
			version: previous.version,
			pruned: previous.pruned ?? [],
			dir,
		};
	}
	if (build) {
		log('[package] building the package (npm run build)...');
		await buildPackage({ projectDir, log });
	}
	const packed = await packPackage({ projectDir, pruneMissing });
	if (packed.pruned.length)
		log(`[package] not built yet, left out of the package: ${packed.pruned.join(', ')}`);
	const result = await installTarball({ userFolder, ...packed, sources });
	return { ...packed, changed: result.changed, built: build, dir: result.dir };
}

/**
 * Writes the installed_packages / installed_nodes rows n8n writes when Settings > Community
 * nodes installs a package (InstalledPackagesRepository.persistPackageWithNodes), so the
 * package shows in that list. Needs n8n's database to exist (after n8n's first start) and
 * the node types as n8n loaded them (N8nApi.nodeTypes()). Uses n8n's own sqlite3 addon.
 */
export async function recordInstalledPackage({
	userFolder,
	name,
	version,
	author = {},
	nodeTypes,
	installDir = n8nInstallDir(),
}) {
	const require = createRequire(path.join(installDir, 'node_modules', 'n8n', 'package.json'));
	const sqlite3 = require('sqlite3');
	const dbFile = path.join(userFolder, '.n8n', 'database.sqlite');
	const db = new sqlite3.Database(dbFile);
	const run = (sql, params) =>
		new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
	try {
		await run('PRAGMA busy_timeout = 5000');
		await run('BEGIN IMMEDIATE');
		await run('DELETE FROM installed_nodes WHERE package = ?', [name]);
		await run('DELETE FROM installed_packages WHERE packageName = ?', [name]);
		// The table's timestamp defaults are literal strings (a TypeORM quirk): set them explicitly.
		await run(
			"INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt) VALUES (?, ?, ?, ?, STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW'), STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW'))",
			[name, version, author.name ?? null, author.email ?? null],
		);
		for (const node of nodeTypes) {
			const latest = Array.isArray(node.version) ? Math.max(...node.version) : node.version;
			await run(
				'INSERT OR REPLACE INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)',
				[node.displayName, node.name, latest, name],
			);
		}
		await run('COMMIT');
	} catch (error) {
		await run('ROLLBACK').catch(() => undefined);
		throw error;
	} finally {
		await new Promise((resolve) => db.close(resolve));
	}
}
