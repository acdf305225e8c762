// The credential test in the real n8n (Settings > Credentials > Test, i.e. POST
// /rest/credentials/test) against the sandbox: passes with the sandbox's values, and with a
// wrong access token fails with the message that says what to do (Meta's error 190).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { connect } from './support.mjs';

describe('credential test in n8n', () => {
	let api;
	let info;
	before(async () => {
		({ api, info } = await connect());
	});

	it('passes with the values the sandbox issued', async () => {
		const result = await api.testCredential(info.credential.id);
		assert.deepEqual(result, { status: 'OK', message: 'Connection successful!' });
	});

	it('fails with a wrong access token and says what to do', async () => {
		const result = await api.testCredential(info.credential.id, {
			accessToken: 'EAAG-not-the-right-token',
		});
		assert.equal(result.status, 'Error');
		// The message shipped in the installed tarball (what users see), not a copy of it.
		const require = createRequire(path.join(info.packageInfo.dir, 'package.json'));
		const {
			CREDENTIAL_TEST_MESSAGES,
		} = require('./dist/credentials/WhatsAppCloudApi.credentials.js');
		assert.equal(result.message, CREDENTIAL_TEST_MESSAGES[401]);
		assert.match(result.message, /Access Token is invalid or expired \(error 190\)/);
		assert.match(result.message, /System User token/);
		assert.ok(!result.message.includes('EAAG-not-the-right-token'), 'the token must not be echoed');
	});

	it('fails with a WhatsApp Business Account ID where the Phone Number ID belongs', async () => {
		const result = await api.testCredential(info.credential.id, {
			phoneNumberId: '1048276395501842',
		});
		assert.equal(result.status, 'Error');
		assert.match(result.message, /Phone Number ID/);
	});
});
