// Shared helpers of the e2e tests. The stack (real n8n with the packed package, the sandbox,
// the example workflows) is started by scripts/e2e.mjs, which passes its coordinates in the
// JSON file named by WA_E2E_STACK; the tests only talk HTTP to n8n and to the sandbox, and
// assert on what those two recorded.
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { N8nApi, nodeOutput } from '../../scripts/lib/n8n-api.mjs';
import { SandboxClient } from '../../sandbox/client.mjs';

export { nodeOutput, sleep };

/** The running stack: { n8nUrl, sandboxUrl, owner, credential, workflows, botWebhookUrl, installDir, ... }. */
export function stackInfo() {
	const file = process.env.WA_E2E_STACK;
	if (!file)
		throw new Error(
			'WA_E2E_STACK is not set: run the e2e tests with `npm run test:e2e` (scripts/e2e.mjs starts the stack)',
		);
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Logged-in n8n client, sandbox client and the stack's coordinates. */
export async function connect() {
	const info = stackInfo();
	const api = new N8nApi(info.n8nUrl, { installDir: info.installDir });
	await api.login(info.owner);
	return { info, api, sandbox: new SandboxClient(info.sandboxUrl) };
}

let counter = 0;
/** A WhatsApp ID (digits) no other test uses, so sandbox records can be filtered per test. */
export function uniqueWaId() {
	counter += 1;
	const n = (Date.now() % 1_000_000) * 100 + counter;
	return `1555${String(n).padStart(8, '0').slice(-8)}`;
}

/** IDs of a workflow's executions so far. */
export async function executionIds(api, workflowId) {
	return new Set((await api.listExecutions({ workflowId, limit: 100 })).map((e) => e.id));
}

/**
 * Waits for a finished execution of `workflowId` that is not in `before` and matches
 * `predicate(decodedExecution)`; returns it. Unmatched new executions are skipped (another
 * test's late status webhook, for example).
 */
export async function waitForExecution(
	api,
	workflowId,
	{ before = new Set(), predicate = () => true, timeoutMs = 30_000 } = {},
) {
	const deadline = Date.now() + timeoutMs;
	const checked = new Set(before);
	while (Date.now() < deadline) {
		const list = await api.listExecutions({ workflowId, limit: 100 });
		for (const e of list.reverse()) {
			if (checked.has(e.id) || ['new', 'running', 'waiting'].includes(e.status)) continue;
			checked.add(e.id);
			const full = await api.getExecution(e.id);
			if (predicate(full)) return full;
		}
		await sleep(250);
	}
	throw new Error(
		`no matching execution of workflow ${workflowId} within ${timeoutMs} ms (${checked.size - before.size} new ones did not match)`,
	);
}

/** Waits until the sandbox holds `count` messages matching `filter`; returns them. */
export async function waitForMessages(sandbox, filter, { count = 1, timeoutMs = 20_000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let data = [];
	while (Date.now() < deadline) {
		({ data } = await sandbox.messages({ limit: 5000, ...filter }));
		if (data.length >= count) return data;
		await sleep(200);
	}
	throw new Error(
		`sandbox: expected ${count} message(s) matching ${JSON.stringify(filter)} within ${timeoutMs} ms, got ${data.length}`,
	);
}

/** The trigger's output items in a bot execution. */
export function triggerItems(execution) {
	return nodeOutput(execution, 'WhatsApp Cloud Trigger').map((i) => i.json);
}
