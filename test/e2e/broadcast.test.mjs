// The broadcast example (Manual Trigger -> Code list -> Send Template) with 200 recipients, run
// in the real n8n as the editor's "Execute workflow" does, against the sandbox at Meta's default
// throughput tier (80 messages/s): every message accepted, no rate-limit error (130429 tier,
// 131056 pair rate), variables mapped per recipient, one output item per recipient in order.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
	BROADCAST_FILE,
	importWorkflow,
	loadExample,
	withCredential,
} from '../../scripts/lib/examples.mjs';
import { connect, nodeOutput } from './support.mjs';

const COUNT = 200;
const TRIGGER = "When clicking 'Execute workflow'";

function recipientsCode(count, prefix) {
	return [
		`// ${count} recipients for the e2e broadcast`,
		`return Array.from({ length: ${count} }, (_, i) => ({`,
		`  json: { name: 'Rider ' + (i + 1), phone: '+${prefix}' + String(i).padStart(4, '0'), ticket: 'E2E-' + (1000 + i) },`,
		'}));',
	].join('\n');
}

describe('broadcast', () => {
	let api;
	let info;
	let sandbox;
	before(async () => {
		({ api, info, sandbox } = await connect());
	});

	// n8n also receives the 600 sent/delivered/read webhooks of these messages while it sends:
	// on a busy 2-vCPU machine the whole run has taken up to ~40 s, hence the larger bound.
	it(
		`sends the template to ${COUNT} recipients: all accepted, zero rate-limit errors, variables mapped`,
		{ timeout: 240_000 },
		async () => {
			const knobs = await sandbox.config();
			assert.equal(knobs.tier, 80, "the sandbox runs at Meta's default tier");
			const prefix = `1666${String(Date.now() % 10_000).padStart(4, '0')}`;
			const workflow = withCredential(loadExample(BROADCAST_FILE), info.credential);
			workflow.name = `WhatsApp broadcast (e2e, ${COUNT} recipients)`;
			workflow.nodes.find((n) => n.name === 'Recipients').parameters.jsCode = recipientsCode(
				COUNT,
				prefix,
			);
			const { id } = await importWorkflow(api, workflow, { replace: true, publish: false });

			const countersBefore = (await sandbox.counters()).messages;
			const started = Date.now();
			const { executionId } = await api.runWorkflow(id, TRIGGER);
			const execution = await api.waitForExecution(executionId, { timeoutMs: 180_000 });
			const seconds = (Date.now() - started) / 1000;
			assert.equal(
				execution.status,
				'success',
				JSON.stringify(execution.data?.resultData?.error ?? {}),
			);

			const items = nodeOutput(execution, 'Send Template');
			assert.equal(items.length, COUNT, 'one output item per recipient');
			items.forEach((item, i) => {
				assert.equal(
					item.json.recipient,
					`+${prefix}${String(i).padStart(4, '0')}`,
					`item ${i} in input order`,
				);
				assert.equal(item.json.messageStatus, 'accepted');
				assert.ok(item.json.messageId?.startsWith('wamid.'));
				assert.equal(item.pairedItem?.item ?? item.pairedItem, i);
			});

			const countersAfter = (await sandbox.counters()).messages;
			const byCodeDelta = {};
			for (const [code, n] of Object.entries(countersAfter.byCode ?? {})) {
				const delta = n - (countersBefore.byCode?.[code] ?? 0);
				if (delta) byCodeDelta[code] = delta;
			}
			assert.deepEqual(
				byCodeDelta,
				{},
				'no request was refused (in particular no 130429 / 131056)',
			);
			assert.equal(countersAfter.rejected - countersBefore.rejected, 0);
			assert.equal(countersAfter.accepted - countersBefore.accepted, COUNT);

			const { data } = await sandbox.messages({ template: 'repair_ready', limit: 5000 });
			const mine = data.filter((m) => m.waId.startsWith(prefix));
			assert.equal(mine.length, COUNT);
			for (const m of mine) {
				const i = Number(m.waId.slice(prefix.length));
				assert.equal(m.outcome, 'accepted');
				const body = m.payload.template.components.find((c) => c.type === 'body');
				assert.deepEqual(
					body.parameters.map((p) => p.text),
					[`Rider ${i + 1}`, `E2E-${1000 + i}`],
				);
			}
			const times = mine.map((m) => Date.parse(m.at)).sort((a, b) => a - b);
			const sendSeconds = (times.at(-1) - times[0]) / 1000;
			console.log(
				`# ${COUNT} templates accepted: sent over ${sendSeconds.toFixed(1)} s (${((COUNT - 1) / sendSeconds).toFixed(0)} msg/s at tier 80), execution ${seconds.toFixed(1)} s end to end`,
			);
			// Their sent/delivered/read webhooks are still flowing into n8n: let them drain so the
			// next test does not share n8n with 600 status deliveries.
			await sandbox.idle(30_000);
		},
	);
});
