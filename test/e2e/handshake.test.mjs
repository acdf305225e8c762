// Meta's webhook verification handshake against the published bot's production URL:
// GET ?hub.mode=subscribe&hub.verify_token=...&hub.challenge=... must echo the challenge as
// plain text with the right verify token and answer 403 with a wrong one; neither starts an
// execution. Checked directly and through the sandbox, which performs the handshake the way
// Meta does when a callback URL is saved.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { connect, executionIds, sleep } from './support.mjs';

function handshakeUrl(base, verifyToken, challenge) {
	const url = new URL(base);
	url.searchParams.set('hub.mode', 'subscribe');
	url.searchParams.set('hub.verify_token', verifyToken);
	url.searchParams.set('hub.challenge', challenge);
	return url;
}

describe("Meta's verification handshake", () => {
	let api;
	let info;
	let sandbox;
	let verifyToken;
	before(async () => {
		({ api, info, sandbox } = await connect());
		verifyToken = (await sandbox.credentials()).verifyToken;
	});

	it('echoes the challenge with the right verify token, 403 with a wrong one, no execution either way', async () => {
		const before = await executionIds(api, info.workflows.bot);
		const challenge = randomBytes(6).readUIntBE(0, 6).toString();

		const ok = await fetch(handshakeUrl(info.botWebhookUrl, verifyToken, challenge));
		assert.equal(ok.status, 200);
		assert.match(ok.headers.get('content-type') ?? '', /^text\/plain/);
		assert.equal(await ok.text(), challenge);

		const wrong = await fetch(handshakeUrl(info.botWebhookUrl, 'not-the-verify-token', challenge));
		assert.equal(wrong.status, 403);
		assert.ok(
			!(await wrong.text()).includes(challenge),
			'a refused handshake must not echo the challenge',
		);

		await sleep(1000);
		assert.deepEqual(
			await executionIds(api, info.workflows.bot),
			before,
			'a handshake must not run the workflow',
		);
	});

	it('succeeds when the sandbox saves the callback URL with the right token, fails (403) with a wrong one', async () => {
		const right = await sandbox.callback(info.botWebhookUrl, { verifyToken });
		assert.equal(right.handshake.ok, true);
		assert.equal(right.handshake.status, 200);
		assert.equal(right.handshake.challengeEchoed, true);

		try {
			const wrong = await sandbox.callback(info.botWebhookUrl, {
				verifyToken: 'a-token-n8n-does-not-know',
			});
			assert.equal(wrong.handshake.ok, false);
			assert.equal(wrong.handshake.status, 403);
		} finally {
			// Restore the sandbox's verify token and callback for the other tests.
			const restored = await sandbox.callback(info.botWebhookUrl, { verifyToken });
			assert.equal(restored.handshake.ok, true);
		}
	});
});
