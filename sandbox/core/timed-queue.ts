/**
 * Min-heap of timed items, popped in time order (ties in insertion order): status events wait
 * here until they are due.
 */
export class TimedQueue<T> {
	private heap: Array<{ at: number; seq: number; item: T }> = [];
	private seq = 0;

	get size(): number {
		return this.heap.length;
	}

	peekTime(): number | undefined {
		return this.heap[0]?.at;
	}

	push(at: number, item: T): void {
		const h = this.heap;
		h.push({ at, seq: this.seq++, item });
		let i = h.length - 1;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (this.less(h[i], h[p])) {
				[h[i], h[p]] = [h[p], h[i]];
				i = p;
			} else break;
		}
	}

	/** Removes and returns items due at or before `now`, at most `max`. */
	popDue(now: number, max: number): T[] {
		const out: T[] = [];
		while (this.heap.length && this.heap[0].at <= now && out.length < max)
			out.push(this.pop() as T);
		return out;
	}

	clear(): void {
		this.heap = [];
	}

	private less(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
		return a.at < b.at || (a.at === b.at && a.seq < b.seq);
	}

	private pop(): T | undefined {
		const h = this.heap;
		if (!h.length) return undefined;
		const top = h[0];
		const last = h.pop() as (typeof h)[number];
		if (h.length) {
			h[0] = last;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let m = i;
				if (l < h.length && this.less(h[l], h[m])) m = l;
				if (r < h.length && this.less(h[r], h[m])) m = r;
				if (m === i) break;
				[h[i], h[m]] = [h[m], h[i]];
				i = m;
			}
		}
		return top.item;
	}
}
