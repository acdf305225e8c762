/**
 * Bounded, cursor-addressable record list.
 *
 * The sandbox records every request, message and webhook attempt, but a 10,000-message benchmark
 * must not make it grow without bound: each list keeps only its newest `capacity` entries while
 * `total` keeps counting. Every entry gets a sequence number (1, 2, 3 ...) so a reader can ask for
 * "everything after seq N" (`since`) and notice when it fell behind (`dropped`).
 */
export class Ring<T> {
	private readonly items: Array<{ seq: number; value: T } | undefined>;
	private head = 0; // index of the oldest entry
	private size = 0;
	private seq = 0;

	constructor(
		readonly capacity: number,
		private readonly onEvict?: (value: T) => void,
	) {
		if (!Number.isInteger(capacity) || capacity < 1)
			throw new Error(`Ring capacity must be a positive integer, got ${capacity}`);
		this.items = new Array(capacity);
	}

	/** Number of entries ever pushed (not only those still kept). */
	get total(): number {
		return this.seq;
	}

	get length(): number {
		return this.size;
	}

	/** Sequence number of the oldest entry still kept (total + 1 when empty). */
	get firstSeq(): number {
		return this.seq - this.size + 1;
	}

	push(value: T): number {
		const seq = ++this.seq;
		if (this.size < this.capacity) {
			this.items[(this.head + this.size) % this.capacity] = { seq, value };
			this.size++;
		} else {
			const evicted = this.items[this.head];
			this.items[this.head] = { seq, value };
			this.head = (this.head + 1) % this.capacity;
			if (evicted && this.onEvict) this.onEvict(evicted.value);
		}
		return seq;
	}

	/** Newest entry, if any. */
	last(): T | undefined {
		if (this.size === 0) return undefined;
		return this.items[(this.head + this.size - 1) % this.capacity]?.value;
	}

	/** Entries with seq > since, oldest first, at most `limit`, optionally filtered. */
	since(
		since = 0,
		limit = Number.POSITIVE_INFINITY,
		filter?: (value: T) => boolean,
	): {
		items: Array<{ seq: number; value: T }>;
		/** entries after `since` that were already evicted before this read */
		dropped: number;
		/** seq to pass as `since` next time */
		cursor: number;
	} {
		const out: Array<{ seq: number; value: T }> = [];
		const dropped = Math.max(0, this.firstSeq - 1 - since);
		let cursor = since;
		for (let i = 0; i < this.size && out.length < limit; i++) {
			const entry = this.items[(this.head + i) % this.capacity];
			if (!entry || entry.seq <= since) continue;
			cursor = entry.seq;
			if (!filter || filter(entry.value)) out.push(entry);
		}
		if (out.length < limit) cursor = Math.max(cursor, this.seq);
		return { items: out, dropped, cursor };
	}

	/** All kept values, oldest first. */
	values(): T[] {
		const out: T[] = [];
		for (let i = 0; i < this.size; i++) {
			const entry = this.items[(this.head + i) % this.capacity];
			if (entry) out.push(entry.value);
		}
		return out;
	}

	find(predicate: (value: T) => boolean): T | undefined {
		for (let i = this.size - 1; i >= 0; i--) {
			const entry = this.items[(this.head + i) % this.capacity];
			if (entry && predicate(entry.value)) return entry.value;
		}
		return undefined;
	}

	clear(): void {
		if (this.onEvict) for (const v of this.values()) this.onEvict(v);
		this.items.fill(undefined);
		this.head = 0;
		this.size = 0;
		this.seq = 0;
	}
}
