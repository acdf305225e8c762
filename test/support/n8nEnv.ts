/**
 * Process environment for running n8n-core in tests. Imported (for its side effects) before
 * n8n-core is loaded, because n8n-core reads its configuration from the environment:
 * - N8N_USER_FOLDER -> a fresh temp dir, so InstanceSettings writes its `config` file there and
 *   never into ~/.n8n (one dir per process, removed on exit);
 * - N8N_ENCRYPTION_KEY -> fixed, so n8n-core's Cipher works without generating one;
 * - N8N_LOG_LEVEL=silent -> n8n's winston logger stays quiet (set WA_N8N_LOG_LEVEL=debug to see it);
 * - N8N_DIAGNOSTICS_ENABLED=false -> no telemetry attempts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MARK = 'WA_N8N_HARNESS_DIR';

function harnessDir(): string {
	const existing = process.env[MARK];
	// Reuse only a dir this very process created (child processes inherit env, not ownership).
	if (existing && existing.includes(`-${process.pid}-`)) return existing;
	const dir = mkdtempSync(join(tmpdir(), `wa-n8n-harness-${process.pid}-`));
	process.env[MARK] = dir;
	process.once('exit', () => {
		try {
			rmSync(dir, { recursive: true, force: true });
		} catch {
			// best effort: a temp dir left behind is harmless
		}
	});
	return dir;
}

export const N8N_USER_FOLDER = harnessDir();
process.env.N8N_USER_FOLDER = N8N_USER_FOLDER;
process.env.N8N_ENCRYPTION_KEY ??= 'wa-n8n-harness-test-encryption-key';
process.env.N8N_LOG_LEVEL = process.env.WA_N8N_LOG_LEVEL ?? 'silent';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
