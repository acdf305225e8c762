/**
 * The two credential values the trigger needs on every request (App Secret, Webhook Verify
 * Token), kept in this process for a minute.
 *
 * Why: reading a credential in a webhook call is expensive in n8n (docs/n8n-internals.md, 2):
 * about half of the trigger's CPU per delivery in the webhook benchmark, and Meta may send dozens
 * of deliveries a second.
 *
 * Safety: a request that fails the check with a remembered value is checked once more with values
 * read fresh, so a rotated App Secret or Verify Token takes effect at once; the values live only
 * in this process's memory (never in outputs, logs or static data), per workflow, node and
 * credential, and the memory is bounded.
 */

export interface WebhookSecrets {
	appSecret: unknown;
	verifyToken: unknown;
}

interface Entry {
	secrets: WebhookSecrets;
	readAtMs: number;
}

export class WebhookSecretsCache {
	private readonly entries = new Map<string, Entry>();

	constructor(
		private readonly ttlMs = 60_000,
		private readonly maxEntries = 1000,
	) {}

	/**
	 * The secrets for `key`: remembered ones while fresh, else `load()`ed and remembered.
	 * `fromCache` tells the caller whether a failed check deserves a second try with `reload`.
	 */
	async get(
		key: string,
		load: () => Promise<WebhookSecrets>,
		nowMs: number,
	): Promise<{ secrets: WebhookSecrets; fromCache: boolean }> {
		const entry = this.entries.get(key);
		if (entry && nowMs - entry.readAtMs < this.ttlMs && nowMs >= entry.readAtMs) {
			return { secrets: entry.secrets, fromCache: true };
		}
		return { secrets: await this.reload(key, load, nowMs), fromCache: false };
	}

	/** Reads the secrets now and remembers them. */
	async reload(
		key: string,
		load: () => Promise<WebhookSecrets>,
		nowMs: number,
	): Promise<WebhookSecrets> {
		const secrets = await load();
		this.entries.delete(key);
		this.entries.set(key, { secrets, readAtMs: nowMs });
		while (this.entries.size > this.maxEntries) {
			const oldest = this.entries.keys().next().value;
			if (oldest === undefined) break;
			this.entries.delete(oldest);
		}
		return secrets;
	}

	clear(): void {
		this.entries.clear();
	}
}

/** One per n8n process. */
export const webhookSecretsCache = new WebhookSecretsCache();
