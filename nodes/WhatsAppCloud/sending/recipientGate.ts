/**
 * Spacing per recipient: the Pause Between Messages option, and after a 131056 pair rate limit
 * a hold on that one recipient that leaves everyone else at full rate.
 */

interface RecipientState {
	freeAt: number;
	gap: number;
	strikes: number;
}

export class RecipientGate {
	private readonly states = new Map<string, RecipientState>();
	private sinceSweep = 0;

	constructor(private readonly defaultGap: number) {}

	freeAt(key: string | undefined): number {
		if (key === undefined) return -Infinity;
		return this.states.get(key)?.freeAt ?? -Infinity;
	}

	sent(key: string | undefined, now: number): void {
		if (key === undefined) return;
		const state = this.states.get(key);
		const gap = state?.gap ?? this.defaultGap;
		if (gap <= 0) return;
		if (state) state.freeAt = Math.max(state.freeAt, now + gap);
		else this.states.set(key, { freeAt: now + gap, gap, strikes: 0 });
		if (++this.sinceSweep >= 1024) this.sweep(now);
	}

	/** 131056: hold this recipient back, and space its later messages by `pairGap`. Returns the
	 *  wait before it may receive again. */
	strike(key: string, now: number, pairGap: number, maxWait: number, retryAfterMs = 0): number {
		const state = this.states.get(key) ?? { freeAt: -Infinity, gap: this.defaultGap, strikes: 0 };
		state.strikes += 1;
		state.gap = Math.max(state.gap, pairGap);
		const wait = Math.max(retryAfterMs, Math.min(maxWait, pairGap * 2 ** (state.strikes - 1)));
		state.freeAt = Math.max(state.freeAt, now + wait);
		this.states.set(key, state);
		return state.freeAt - now;
	}

	/** Forget recipients that are free again and carry nothing beyond the default spacing. */
	private sweep(now: number): void {
		this.sinceSweep = 0;
		for (const [key, state] of this.states) {
			if (state.freeAt <= now && state.strikes === 0) this.states.delete(key);
		}
	}
}
