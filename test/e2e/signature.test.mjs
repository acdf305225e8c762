// Webhook security in the real n8n: a delivery whose X-Hub-Signature-256 is wrong or missing
// gets 403 and starts no execution; the same bytes correctly signed do run the bot.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { before, describe, it } from 'node:test';
import {
	connect,
	executionIds,
	sleep,
	triggerItems,
	uniqueWaId,
	waitForExecution,
} from './support.mjs';

async function settled(sandbox, deliveryId, timeoutMs = 15_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const { data } = await sandbox.deliveries({ limit: 1000 });
		const record = data.find((d) => d.id === deliveryId);
		if (record && ['delivered', 'failed', 'dropped', 'skipped'].includes(record.state))
			return record;
		if (Date.now() > deadline)
			throw new Error(`delivery ${deliveryId} still ${record?.state} after ${timeoutMs} ms`);
		await sleep(100);
	}
}

describe('webhook signature', () => {
	let api;
	let info;
	let sandbox;
	let appSecret;
	before(async () => {
		({ api, info, sandbox } = await connect());
		appSecret = (await sandbox.credentials()).appSecret;
	});

	it('refuses wrong and missing signatures with 403 and runs nothing; the same bytes signed right run the bot', async () => {
		const from = uniqueWaId();
		const before = await executionIds(api, info.workflows.bot);
		// Built by the sandbox exactly as it would send it, but not delivered.
		const { payload, messages } = await sandbox.inbound({
			from,
			name: 'Mallory',
			text: 'forged?',
			deliver: false,
		});
		const inboundId = messages[0].id;

		for (const signature of ['invalid', 'missing']) {
			const delivery = await sandbox.raw(payload, { signature, attempts: 2 });
			const record = await settled(sandbox, delivery.id);
			assert.equal(
				record.state,
				'failed',
				`${signature} signature: the sandbox should see the delivery refused`,
			);
			assert.deepEqual(
				record.attempts.map((a) => a.status),
				[403, 403],
				`${signature} signature: n8n must answer 403`,
			);
		}

		// Directly, with a signature made with another secret over the same bytes.
		const body = JSON.stringify(payload);
		const forged = createHmac('sha256', 'not-the-app-secret').update(body).digest('hex');
		const direct = await fetch(info.botWebhookUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${forged}` },
			body,
		});
		assert.equal(direct.status, 403);

		await sleep(1500);
		assert.deepEqual(
			await executionIds(api, info.workflows.bot),
			before,
			'a refused delivery must not start an execution',
		);
		assert.equal(
			(await sandbox.messages({ to: from })).data.length,
			0,
			'nothing may be sent for a refused delivery',
		);

		// Control: the same bytes with the right signature are accepted and run.
		const good = createHmac('sha256', appSecret).update(body).digest('hex');
		const accepted = await fetch(info.botWebhookUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${good}` },
			body,
		});
		assert.equal(accepted.status, 200);
		const execution = await waitForExecution(api, info.workflows.bot, {
			before,
			predicate: (e) => triggerItems(e).some((item) => item.messageId === inboundId),
		});
		assert.equal(execution.status, 'success');
	});
});
