// Meta's silent failure: a free-form text to a user who has not written in 24 hours is accepted
// (200, wamid) and only later fails by webhook with 131047. The e2e sends one through a small
// workflow (Webhook -> Send Text) and checks that the failed status reaches the bot's trigger
// with the error explained (code, Meta's title, our fix), visible in the execution n8n recorded.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { importWorkflow } from '../../scripts/lib/examples.mjs';
import {
	connect,
	executionIds,
	nodeOutput,
	triggerItems,
	uniqueWaId,
	waitForExecution,
	waitForMessages,
} from './support.mjs';

const WEBHOOK_PATH = 'e2e-free-form-text';

function freeFormWorkflow(credential) {
	return {
		name: 'E2E free-form text',
		nodes: [
			{
				id: 'e2e00000-0000-4000-8000-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'e2e00000-0000-4000-8000-0000000000aa',
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'lastNode',
					responseData: 'firstEntryJson',
					options: {},
				},
			},
			{
				id: 'e2e00000-0000-4000-8000-000000000002',
				name: 'Send Text',
				type: 'n8n-nodes-whatsapp-cloud.whatsAppCloud',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					resource: 'message',
					operation: 'sendText',
					recipient: '={{ $json.body.to }}',
					text: '={{ $json.body.text }}',
					previewUrl: false,
					options: {},
				},
				credentials: { whatsAppCloudApi: { id: credential.id, name: credential.name } },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Send Text', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

describe('24-hour window', () => {
	let api;
	let info;
	let sandbox;
	before(async () => {
		({ api, info, sandbox } = await connect());
	});

	it('a free-form text outside the window is accepted, then its 131047 failure reaches the trigger with the explanation', async () => {
		await importWorkflow(api, freeFormWorkflow(info.credential), { replace: true, publish: true });
		const to = uniqueWaId(); // has never written: the window is closed
		const before = await executionIds(api, info.workflows.bot);

		const res = await fetch(`${info.n8nUrl}/webhook/${WEBHOOK_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ to, text: 'Your bike is ready!' }),
		});
		assert.equal(res.status, 200);
		const sent = await res.json();
		assert.equal(
			sent.messageStatus ?? 'accepted',
			'accepted',
			'Meta answers 200: the node cannot know yet',
		);
		assert.ok(sent.messageId?.startsWith('wamid.'));

		const [record] = await waitForMessages(sandbox, { to, status: 'failed' });
		assert.equal(record.outcome, 'accepted');
		assert.equal(record.statusErrors?.[0]?.code, 131047);

		const execution = await waitForExecution(api, info.workflows.bot, {
			before,
			predicate: (e) => triggerItems(e).some((item) => item.messageId === sent.messageId),
		});
		assert.equal(execution.status, 'success');
		const [status] = triggerItems(execution);
		assert.equal(status.event, 'status');
		assert.equal(status.status, 'failed');
		assert.equal(status.recipientId, to);
		assert.equal(status.errorCode, 131047);

		const require = createRequire(path.join(info.packageInfo.dir, 'package.json'));
		const {
			describeGraphError,
		} = require('./dist/nodes/WhatsAppCloud/transport/errors/catalog.js');
		const expected = describeGraphError(131047);
		assert.equal(status.errorFix, expected.fix);
		assert.match(status.errorFix, /template/i);

		const [explained] = nodeOutput(execution, 'Explain failed delivery').map((i) => i.json);
		assert.deepEqual(
			{
				recipient: explained.recipient,
				messageId: explained.messageId,
				errorCode: explained.errorCode,
				whatToDo: explained.whatToDo,
			},
			{ recipient: to, messageId: sent.messageId, errorCode: 131047, whatToDo: expected.fix },
		);
		assert.equal(explained.errorTitle, record.statusErrors[0].title, "Meta's own title is shown");
	});
});
