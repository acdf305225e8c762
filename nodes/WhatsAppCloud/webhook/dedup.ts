/**
 * Redelivery detection with bounded memory.
 *
 * Meta redelivers an event (same message ID; for statuses same message ID and status) for up to
 * 7 days whenever it is not sure the first delivery arrived. We remember the identities of recent
 * events and drop the ones seen within the window.
 *
 * Where the memory lives (see handleRequest.ts): in the workflow's static data, not in module
 * memory, so it is shared by the main process and every webhook process in queue mode and survives
 * restarts; module memory would be per process and lost on restart. n8n saves static data changed
 * by webhook() only if the save runs before the execution starts (docs/n8n-internals.md, 1), so
 * the trigger answers Meta itself and returns noWebhookResponse with the workflow data, which
 * makes n8n save first. What that costs: one small database write per delivery
 * that brings new events; two deliveries of the same event handled at the same instant by two
 * processes may both pass (last write wins); a Code node that rewrites the workflow's static data
 * during an execution may overwrite it with an older copy. In manual "listen for test event" runs
 * n8n does not persist static data, so redeliveries are only caught within one test session.
 * Keys are stored hashed (16 base64url characters, 96 bits) with their first-seen time, oldest
 * first, and capped at `maxEntries` (2000 entries are about 60 KB of JSON).
 *
 * Two deliveries of different events handled at the same time by one process each load the same
 * state S and would save S+X and S+Y: whichever is written last would drop the other's event. So
 * the state a delivery saves is what it loaded and added, merged with every event this process
 * claimed in the window (RecentEventClaims, same hashed keys and first-seen times): the delivery
 * handled last saves S+X+Y. Writes of different processes (queue mode) can still overwrite each
 * other; a lost entry only means a later redelivery of that event runs the workflow again.
 */
import { createHash } from 'node:crypto';

export interface DedupState {
	v: 1;
	/** [hashed key, first seen (unix seconds)], oldest first. */
	entries: Array<[string, number]>;
}

export interface DedupOptions {
	windowSeconds: number;
	maxEntries: number;
	nowSeconds: number;
}

export interface DedupResult<T> {
	kept: T[];
	duplicates: T[];
	state: DedupState;
	/** Whether `state` differs from what was loaded (only then is it worth saving). */
	changed: boolean;
}

export function hashKey(key: string): string {
	return createHash('sha256').update(key, 'utf8').digest('base64url').slice(0, 16);
}

/** Reads a stored state defensively: anything malformed is forgotten, never trusted. */
export function loadState(stored: unknown): DedupState {
	const entries: Array<[string, number]> = [];
	if (
		stored !== null &&
		typeof stored === 'object' &&
		Array.isArray((stored as DedupState).entries)
	) {
		for (const entry of (stored as DedupState).entries) {
			if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number') {
				entries.push([entry[0], entry[1]]);
			}
		}
	}
	return { v: 1, entries };
}

/** How many entries a memory keeps: maxEntries as a whole number, at least 1. */
function entryBound(options: { maxEntries: number }): number {
	return Math.max(1, Math.floor(options.maxEntries));
}

/**
 * Splits events into those whose key was seen and the rest, in order. `isSeen` gets the hashed key
 * of each event that has one; `remember` is called for each key kept, so a second copy in the same
 * batch counts as seen. Events without a dedup key are always kept.
 */
function splitSeen<T extends { dedupKey?: string }>(
	events: T[],
	isSeen: (hash: string) => boolean,
	remember: (hash: string) => void,
): { kept: T[]; duplicates: T[] } {
	const kept: T[] = [];
	const duplicates: T[] = [];
	for (const event of events) {
		if (!event.dedupKey) {
			kept.push(event);
			continue;
		}
		const hash = hashKey(event.dedupKey);
		if (isSeen(hash)) {
			duplicates.push(event);
			continue;
		}
		remember(hash);
		kept.push(event);
	}
	return { kept, duplicates };
}

export function dedupe<T extends { dedupKey?: string }>(
	events: T[],
	stored: unknown,
	options: DedupOptions,
): DedupResult<T> {
	const loaded = loadState(stored);
	if (options.windowSeconds <= 0) {
		return { kept: events, duplicates: [], state: loaded, changed: false };
	}
	const maxEntries = entryBound(options);
	const oldestKept = options.nowSeconds - options.windowSeconds;

	const seen = new Map<string, number>();
	for (const [hash, seenAt] of loaded.entries) {
		if (seenAt > oldestKept && !seen.has(hash)) seen.set(hash, seenAt);
	}
	let changed = seen.size !== loaded.entries.length;

	const { kept, duplicates } = splitSeen(
		events,
		(hash) => seen.has(hash),
		(hash) => {
			seen.set(hash, options.nowSeconds);
			changed = true;
		},
	);

	let entries = [...seen.entries()];
	if (entries.length > maxEntries) {
		entries = entries.slice(entries.length - maxEntries);
		changed = true;
	}
	return { kept, duplicates, state: { v: 1, entries }, changed };
}

/**
 * Unites stored entries with more entries (the process's claims) in one state: one entry per
 * hashed key with its earliest first-seen time, those outside the window left out, and when there
 * are more than `maxEntries` the newest kept. Stored oldest first, like dedupe()'s state.
 */
export function mergeEntries(
	state: DedupState,
	more: ReadonlyArray<readonly [string, number]>,
	options: DedupOptions,
): DedupState {
	const maxEntries = entryBound(options);
	const oldestKept = options.nowSeconds - options.windowSeconds;
	const firstSeen = new Map<string, number>();
	for (const [hash, seenAt] of [...state.entries, ...more]) {
		if (seenAt <= oldestKept) continue;
		const known = firstSeen.get(hash);
		if (known === undefined || seenAt < known) firstSeen.set(hash, seenAt);
	}
	// Oldest first (a stable sort: entries of the same second keep their order), newest maxEntries.
	const entries = [...firstSeen.entries()].sort((a, b) => a[1] - b[1]).slice(-maxEntries);
	return { v: 1, entries };
}

/**
 * What a delivery saves in the static data, or undefined when it would save what it loaded:
 * the state dedupe() produced (`updated`, undefined when it changed nothing) merged with the
 * entries this process claimed, so concurrent deliveries of different events in one process do
 * not overwrite each other's entries. Window 0 (deduplication off) leaves the state alone.
 */
export function stateToSave(
	stored: unknown,
	updated: DedupState | undefined,
	claimed: ReadonlyArray<readonly [string, number]>,
	options: DedupOptions,
): DedupState | undefined {
	if (options.windowSeconds <= 0) return undefined;
	const base = updated ?? loadState(stored);
	const merged = mergeEntries(base, claimed, options);
	const same =
		merged.entries.length === base.entries.length &&
		merged.entries.every(
			([hash, seenAt], i) => base.entries[i][0] === hash && base.entries[i][1] === seenAt,
		);
	if (same) return updated;
	return merged;
}

/**
 * The second layer: events this n8n process accepted in the last minutes, across concurrent
 * requests. The static-data memory is loaded, checked and saved per request, so two copies of one
 * event that arrive at the same moment both load it before either saves, and both pass. Here the
 * check and the claim happen in one synchronous step, so within one process the second copy is
 * always dropped. Same window and bound as the static-data memory (oldest forgotten first), per
 * trigger (scope = workflow + node). Keys are held hashed with their first-seen time, as in the
 * static data, so that every save can include them (stateToSave).
 * Copies landing on two different webhook processes in queue mode are still only caught by the
 * static-data layer once the first has been saved.
 */
export class RecentEventClaims {
	/** Per scope: hashed key -> first seen (unix seconds), oldest first. */
	private readonly scopes = new Map<string, Map<string, number>>();

	constructor(private readonly maxScopes = 500) {}

	/** The scope's claims, made empty on first use; the oldest scope goes beyond maxScopes. */
	private claimsOf(scope: string): Map<string, number> {
		let claims = this.scopes.get(scope);
		if (!claims) {
			if (this.scopes.size >= this.maxScopes) {
				const oldest = this.scopes.keys().next().value;
				if (oldest !== undefined) this.scopes.delete(oldest);
			}
			claims = new Map();
			this.scopes.set(scope, claims);
		}
		return claims;
	}

	/**
	 * Keeps the events not claimed by an earlier request of this scope within `windowSeconds`, and
	 * claims their keys. Events without a dedup key are always kept.
	 */
	claim<T extends { dedupKey?: string }>(
		scope: string,
		events: T[],
		options: { windowSeconds: number; nowSeconds: number; maxEntries: number },
	): { kept: T[]; duplicates: T[] } {
		if (options.windowSeconds <= 0) return { kept: events, duplicates: [] };
		const claims = this.claimsOf(scope);
		const oldestKept = options.nowSeconds - options.windowSeconds;
		const { kept, duplicates } = splitSeen(
			events,
			(hash) => (claims.get(hash) ?? oldestKept) > oldestKept,
			(hash) => {
				// re-inserted, so the Map's order stays oldest first
				claims.delete(hash);
				claims.set(hash, options.nowSeconds);
			},
		);
		const maxEntries = entryBound(options);
		while (claims.size > maxEntries) {
			const oldest = claims.keys().next().value;
			if (oldest === undefined) break;
			claims.delete(oldest);
		}
		return { kept, duplicates };
	}

	/** This scope's claims within the window, [hashed key, first seen], oldest first. */
	entries(
		scope: string,
		options: { windowSeconds: number; nowSeconds: number },
	): Array<[string, number]> {
		const claims = this.scopes.get(scope);
		if (!claims || options.windowSeconds <= 0) return [];
		const oldestKept = options.nowSeconds - options.windowSeconds;
		return [...claims.entries()].filter(([, seenAt]) => seenAt > oldestKept);
	}

	/** Forgets claims, e.g. when a test starts over. */
	clear(): void {
		this.scopes.clear();
	}
}

/** One per n8n process (module state): concurrent requests of all triggers share it. */
export const recentEventClaims = new RecentEventClaims();
