/**
 * Items waiting for their turn (a retry, or a recipient on hold), earliest first: a binary heap,
 * so thousands of parked items cost log n per step.
 */

export interface Job {
	index: number;
	/** Attempts made so far. */
	attempts: number;
	readyAt: number;
	key: string | undefined;
	startedAt: number;
	lastError?: Error;
}

export class JobHeap {
	private readonly items: Job[] = [];

	get size(): number {
		return this.items.length;
	}

	peek(): Job | undefined {
		return this.items[0];
	}

	private static before(a: Job, b: Job): boolean {
		return a.readyAt < b.readyAt || (a.readyAt === b.readyAt && a.index < b.index);
	}

	push(job: Job): void {
		const items = this.items;
		items.push(job);
		let i = items.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!JobHeap.before(items[i], items[parent])) break;
			[items[i], items[parent]] = [items[parent], items[i]];
			i = parent;
		}
	}

	pop(): Job | undefined {
		const items = this.items;
		const top = items[0];
		const last = items.pop();
		if (items.length > 0 && last) {
			items[0] = last;
			let i = 0;
			for (;;) {
				const left = 2 * i + 1;
				const right = left + 1;
				let smallest = i;
				if (left < items.length && JobHeap.before(items[left], items[smallest])) smallest = left;
				if (right < items.length && JobHeap.before(items[right], items[smallest])) smallest = right;
				if (smallest === i) break;
				[items[i], items[smallest]] = [items[smallest], items[i]];
				i = smallest;
			}
		}
		return top;
	}
}
