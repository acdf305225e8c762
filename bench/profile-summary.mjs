// Reads a V8 CPU profile (`npm run bench -- --profile` writes one per broadcast run to
// bench/results/, `node --cpu-prof` writes them too) and prints where the time went: self time by
// package and by function, and inclusive time by function.
//
//   node bench/profile-summary.mjs bench/results/<run>-tier1000-ours.cpuprofile [--top 40] [--from S --to S]
//
// --from/--to keep only the samples between those seconds of the profile (e.g. the load phase of
// a whole-process profile of n8n).
import fs from 'node:fs';

function parseArgs(argv) {
	const args = { file: undefined, top: 40, from: 0, to: Infinity };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--top') args.top = Number(argv[++i]);
		else if (a === '--from') args.from = Number(argv[++i]);
		else if (a === '--to') args.to = Number(argv[++i]);
		else args.file = a;
	}
	if (!args.file)
		throw new Error(
			'usage: node bench/profile-summary.mjs <file.cpuprofile> [--top N] [--from S --to S]',
		);
	return args;
}

const args = parseArgs(process.argv.slice(2));
const profile = JSON.parse(fs.readFileSync(args.file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);

/** Where a frame's code lives: the npm package, node's own code, or the file. */
function where(node) {
	const url = node.callFrame.url;
	if (!url)
		return node.callFrame.functionName.startsWith('(') ? node.callFrame.functionName : '(native)';
	const parts = url.split('/node_modules/');
	if (parts.length > 1) return /^((?:@[^/]+\/)?[^/]+)/.exec(parts.at(-1))[1];
	if (url.startsWith('node:')) return 'node (built-in modules)';
	return url
		.replace(/^file:\/\//, '')
		.split('/')
		.slice(-3, -1)
		.join('/');
}

function label(node) {
	const { functionName, url, lineNumber } = node.callFrame;
	const file = url
		.replace(/^file:\/\//, '')
		.split('/node_modules/')
		.at(-1);
	return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

const selfByPackage = new Map();
const selfByFunction = new Map();
const inclusive = new Map();
let total = 0;
let time = 0;
profile.samples.forEach((id, i) => {
	const delta = profile.timeDeltas[i] ?? 0;
	time += delta;
	if (time < args.from * 1e6 || time > args.to * 1e6) return;
	total += delta;
	const node = byId.get(id);
	selfByPackage.set(where(node), (selfByPackage.get(where(node)) ?? 0) + delta);
	selfByFunction.set(label(node), (selfByFunction.get(label(node)) ?? 0) + delta);
	const seen = new Set();
	for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
		const l = label(byId.get(cur));
		if (seen.has(l)) continue; // recursion: count a function once per sample
		seen.add(l);
		inclusive.set(l, (inclusive.get(l) ?? 0) + delta);
	}
});

const top = (map, n) =>
	[...map]
		.sort((a, b) => b[1] - a[1])
		.slice(0, n)
		.map(
			([name, us]) =>
				`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`,
		)
		.join('\n');

console.log(`${args.file}: ${(total / 1000).toFixed(0)} ms sampled`);
console.log(`\nself time by package\n${top(selfByPackage, 20)}`);
console.log(`\nself time by function\n${top(selfByFunction, args.top)}`);
console.log(`\ninclusive time by function\n${top(inclusive, args.top * 2)}`);
