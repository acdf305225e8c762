// The auto-reply bot (examples/whatsapp-auto-reply-bot.json), published in the real n8n: an
// inbound message injected into the sandbox reaches the trigger as a signed webhook, runs the
// workflow, and the reply arrives at the sandbox with the variables mapped from the message.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
	connect,
	executionIds,
	nodeOutput,
	triggerItems,
	uniqueWaId,
	waitForExecution,
	waitForMessages,
} from './support.mjs';

describe('auto-reply bot', () => {
	let api;
	let info;
	let sandbox;
	before(async () => {
		({ api, info, sandbox } = await connect());
	});

	it('answers an inbound text inside the window with a Send Text reply quoting it', async () => {
		const from = uniqueWaId();
		const name = 'Ada Byrne';
		const text = `Is my bike ready? (ticket ${from.slice(-4)})`;
		const before = await executionIds(api, info.workflows.bot);

		const injected = await sandbox.inbound({ from, name, text });
		const inboundId = injected.messages[0].id;
		const execution = await waitForExecution(api, info.workflows.bot, {
			before,
			predicate: (e) => triggerItems(e).some((item) => item.messageId === inboundId),
		});
		assert.equal(execution.status, 'success');

		const [event] = triggerItems(execution);
		assert.equal(event.event, 'message');
		assert.equal(event.type, 'text');
		assert.equal(event.from, from);
		assert.equal(event.contactName, name);
		assert.equal(event.text, text);
		assert.ok(
			Date.parse(event.windowExpiresAt) > Date.now(),
			'a fresh message opens the 24 h window',
		);

		const [sent] = nodeOutput(execution, 'Send Text reply').map((i) => i.json);
		assert.equal(sent.messageStatus ?? 'accepted', 'accepted');
		assert.equal(sent.recipient, `+${from}`);
		assert.equal(nodeOutput(execution, 'Send Template (window closed)').length, 0);

		const [reply] = await waitForMessages(sandbox, { to: from });
		assert.equal(reply.outcome, 'accepted');
		assert.equal(reply.type, 'text');
		assert.equal(reply.id, sent.messageId);
		assert.equal(
			reply.text,
			`Hi ${name}! Thanks for your message: "${text}". A mechanic will reply here shortly.`,
		);
		assert.equal(
			reply.payload.context.message_id,
			inboundId,
			'the reply quotes the inbound message',
		);
	});

	it('answers a message older than 24 hours with the template, variables mapped by name', async () => {
		const from = uniqueWaId();
		const name = 'Tomás Okafor';
		const before = await executionIds(api, info.workflows.bot);
		// Meta redelivers for up to 7 days: a message that arrives 25 h late has a closed window.
		const timestamp = Math.floor(Date.now() / 1000) - 25 * 3600;

		const injected = await sandbox.inbound({
			from,
			name,
			text: 'Are you open on Saturday?',
			timestamp,
		});
		const inboundId = injected.messages[0].id;
		const execution = await waitForExecution(api, info.workflows.bot, {
			before,
			predicate: (e) => triggerItems(e).some((item) => item.messageId === inboundId),
		});
		assert.equal(execution.status, 'success');
		assert.equal(nodeOutput(execution, 'Send Text reply').length, 0);
		const [sent] = nodeOutput(execution, 'Send Template (window closed)').map((i) => i.json);
		assert.equal(sent.template, 'order_confirmation_named');

		const [message] = await waitForMessages(sandbox, { to: from });
		assert.equal(message.outcome, 'accepted');
		assert.equal(message.type, 'template');
		const { template } = message.payload;
		assert.equal(template.name, 'order_confirmation_named');
		assert.equal(template.language.code, 'en_US');
		const body = template.components.find((c) => c.type === 'body');
		assert.deepEqual(
			body.parameters.map((p) => [p.parameter_name, p.text]),
			[
				['customer_name', name],
				['order_number', `WA-${inboundId.slice(-6)}`],
			],
		);
	});
});
