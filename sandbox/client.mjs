/* global AbortSignal, URLSearchParams */
// HTTP client of the sandbox's control API (/_sandbox, see README.md in this folder) for code that
// runs in another process than the sandbox, such as the e2e tests.
export class SandboxClient {
	/** @param {string} url the sandbox's base URL, e.g. http://127.0.0.1:4010 */
	constructor(url, { timeoutMs = 30_000 } = {}) {
		this.url = url.replace(/\/$/, '');
		this.timeoutMs = timeoutMs;
	}

	async request(method, path, body, { timeoutMs = this.timeoutMs } = {}) {
		const res = await fetch(`${this.url}/_sandbox${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await res.text();
		const parsed = text ? JSON.parse(text) : undefined;
		if (!res.ok)
			throw new Error(
				`sandbox ${method} /_sandbox${path} -> ${res.status}: ${parsed?.error?.message ?? text.slice(0, 300)}`,
			);
		return parsed;
	}

	static query(filter = {}) {
		const qs = new URLSearchParams();
		for (const [k, v] of Object.entries(filter))
			if (v !== undefined && v !== null) qs.set(k, String(v));
		const s = qs.toString();
		return s ? `?${s}` : '';
	}

	state() {
		return this.request('GET', '');
	}
	credentials() {
		return this.request('GET', '/credentials');
	}
	seed() {
		return this.request('GET', '/seed');
	}
	counters() {
		return this.request('GET', '/counters');
	}
	config(patch) {
		return patch ? this.request('PATCH', '/config', patch) : this.request('GET', '/config');
	}
	/** Sets the app webhook callback URL; the sandbox performs Meta's GET handshake. */
	callback(url, { verifyToken, handshake } = {}) {
		return this.request('POST', '/callback', { url, verifyToken, handshake });
	}
	/** Injects an inbound message (spec: {from, name, text, type, timestamp, ...}; options: duplicate, signature, deliver...). */
	inbound(spec) {
		return this.request('POST', '/inbound', spec);
	}
	/** Messages the sandbox received: { data, cursor, total }. Filter: since, limit, to, type, outcome, code, template, status, kind. */
	messages(filter) {
		return this.request('GET', `/messages${SandboxClient.query(filter)}`);
	}
	message(id) {
		return this.request('GET', `/messages/${id}`);
	}
	/** Webhook deliveries with every attempt. Filter: since, limit, kind, state, ref, body. */
	deliveries(filter) {
		return this.request('GET', `/deliveries${SandboxClient.query(filter)}`);
	}
	/** Redelivers a delivery with the same bytes and signature (Meta's redelivery). */
	replay(id) {
		return this.request('POST', '/deliveries/replay', id ? { id } : {});
	}
	/** Delivers an arbitrary payload; signature: 'valid' | 'invalid' | 'missing'. */
	raw(payload, { signature = 'valid', rawBody, attempts } = {}) {
		return this.request('POST', '/webhooks/raw', { payload, signature, rawBody, attempts });
	}
	handshakes() {
		return this.request('GET', '/handshakes');
	}
	/** A user's 24-hour window; lastInboundAt: ISO | epoch ms | null (never wrote). */
	setUser(waId, lastInboundAt) {
		return this.request('POST', `/users/${waId}`, { lastInboundAt });
	}
	faults(list) {
		return this.request('POST', '/faults', { faults: list });
	}
	clearFaults() {
		return this.request('DELETE', '/faults');
	}
	/** Waits until nothing is pending (statuses, deliveries in flight). */
	idle(timeoutMs = 10_000) {
		return this.request('GET', `/idle?timeoutMs=${timeoutMs}`, undefined, {
			timeoutMs: timeoutMs + 5_000,
		});
	}
	reset(opts = {}) {
		return this.request('POST', '/reset', opts);
	}
}
