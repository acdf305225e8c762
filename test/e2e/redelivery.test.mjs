// Meta redelivers an event when it is not sure it arrived (same bytes, same signature). The
// trigger drops what it already passed on: the workflow runs once and replies once, and Meta
// still gets its 200 for the redelivery.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
	connect,
	executionIds,
	sleep,
	triggerItems,
	uniqueWaId,
	waitForExecution,
	waitForMessages,
} from './support.mjs';

describe('redelivered events', () => {
	let api;
	let info;
	let sandbox;
	before(async () => {
		({ api, info, sandbox } = await connect());
	});

	async function executionsFor(inboundId, beforeIds) {
		const list = await api.listExecutions({ workflowId: info.workflows.bot, limit: 100 });
		const matching = [];
		for (const e of list) {
			if (beforeIds.has(e.id)) continue;
			const full = await api.getExecution(e.id);
			if (triggerItems(full).some((item) => item.messageId === inboundId)) matching.push(full);
		}
		return matching;
	}

	async function deliveredRecord(id) {
		const deadline = Date.now() + 10_000;
		let record;
		do {
			await sleep(100);
			record = (await sandbox.deliveries({ limit: 1000 })).data.find((d) => d.id === id);
		} while (record?.state !== 'delivered' && record?.state !== 'failed' && Date.now() < deadline);
		return record;
	}

	it('redeliveries of the same bytes are answered 200 and do not run the workflow again', async () => {
		// Two different messages first, so the trigger's dedup memory has to keep growing across
		// requests (not only remember the very first event it saw).
		const senders = [uniqueWaId(), uniqueWaId()];
		const before = await executionIds(api, info.workflows.bot);
		const injected = [];
		for (const [i, from] of senders.entries()) {
			const result = await sandbox.inbound({
				from,
				name: ['Mia Krüger', 'Priya Raman'][i],
				text: `Hallo ${i}!`,
			});
			injected.push(result);
			const inboundId = result.messages[0].id;
			await waitForExecution(api, info.workflows.bot, {
				before,
				predicate: (e) => triggerItems(e).some((item) => item.messageId === inboundId),
			});
			await waitForMessages(sandbox, { to: from });
		}

		for (const result of injected) {
			const replay = await sandbox.replay(result.delivery.id);
			const record = await deliveredRecord(replay.id);
			assert.equal(record.state, 'delivered');
			assert.equal(
				record.attempts.at(-1).status,
				200,
				'Meta must get its 200 for a redelivery, or it keeps trying',
			);
		}

		await sleep(2000);
		for (const [i, result] of injected.entries()) {
			const inboundId = result.messages[0].id;
			assert.equal(
				(await executionsFor(inboundId, before)).length,
				1,
				`message ${i + 1}: the workflow ran once`,
			);
			assert.equal(
				(await sandbox.messages({ to: senders[i] })).data.length,
				1,
				`message ${i + 1}: the user got one reply`,
			);
		}
	});

	// Two copies in flight at the same moment both load the static-data memory before either saves
	// it; the trigger's per-process claim drops the second.
	it('two copies delivered at the same moment still make one run and one reply', async () => {
		const from = uniqueWaId();
		const before = await executionIds(api, info.workflows.bot);
		const injected = await sandbox.inbound({
			from,
			name: 'Joana Silva',
			text: 'Oi!',
			duplicate: true,
		});
		const inboundId = injected.messages[0].id;
		await waitForExecution(api, info.workflows.bot, {
			before,
			predicate: (e) => triggerItems(e).some((i) => i.messageId === inboundId),
		});
		await sandbox.idle(10_000);
		await sleep(2000);
		assert.equal(
			(await executionsFor(inboundId, before)).length,
			1,
			'the workflow ran once for the message',
		);
		assert.equal((await sandbox.messages({ to: from })).data.length, 1, 'the user got one reply');
	});
});
