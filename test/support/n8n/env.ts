/**
 * Process environment for running n8n-core in tests. Imported (for its side effects) before
 * n8n-core is loaded, because n8n-core reads its configuration from the environment:
 * - N8N_USER_FOLDER -> <os tmpdir>/wa-n8n-harness-<uid>, never ~/.n8n. n8n-core's InstanceSettings
 *   reads `<folder>/.n8n/config` (and would write it if missing); we seed that file atomically
 *   with our fixed key first, so parallel jest workers only ever read it and nothing piles up;
 * - N8N_ENCRYPTION_KEY -> the same fixed test key (n8n-core's Cipher needs one);
 * - N8N_LOG_LEVEL=silent -> n8n's logger stays quiet (WA_N8N_LOG_LEVEL=debug to see it);
 * - N8N_DIAGNOSTICS_ENABLED=false -> no telemetry.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const ENCRYPTION_KEY = 'wa-n8n-harness-test-encryption-key';

function seedUserFolder(): string {
	const folder = join(tmpdir(), `wa-n8n-harness-${userInfo().uid}`);
	const n8nFolder = join(folder, '.n8n');
	const settingsFile = join(n8nFolder, 'config');
	const content = `${JSON.stringify({ encryptionKey: ENCRYPTION_KEY }, null, '\t')}\n`;
	mkdirSync(n8nFolder, { recursive: true, mode: 0o700 });
	if (!existsSync(settingsFile) || readFileSync(settingsFile, 'utf8') !== content) {
		// Write-then-rename: a concurrent reader sees the old file or the whole new one.
		const temp = `${settingsFile}.${process.pid}.tmp`;
		writeFileSync(temp, content, { mode: 0o600 });
		chmodSync(temp, 0o600);
		renameSync(temp, settingsFile);
	}
	return folder;
}

export const N8N_USER_FOLDER = seedUserFolder();
process.env.N8N_USER_FOLDER = N8N_USER_FOLDER;
process.env.N8N_ENCRYPTION_KEY = ENCRYPTION_KEY;
process.env.N8N_LOG_LEVEL = process.env.WA_N8N_LOG_LEVEL ?? 'silent';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
