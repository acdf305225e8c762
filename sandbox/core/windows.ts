/**
 * Meta's 24-hour customer service window: a business may send free-form messages to a user only
 * within 24 hours of that user's last message. Kept per wa_id, bounded in size.
 */
import { digitsOf } from './ids';

export const WINDOW_MS = 24 * 60 * 60 * 1000;
const MAX_USERS = 200_000;

export class ServiceWindows {
	private readonly lastInbound = new Map<string, number>();

	get size(): number {
		return this.lastInbound.size;
	}

	/** Time (ms) of the user's last inbound message; undefined when the user never wrote. */
	lastInboundAt(waId: string): number | undefined {
		return this.lastInbound.get(waId);
	}

	/** An inbound message at `at` (re)opens the window unless a later one already did. */
	inbound(waId: string, at: number): void {
		const prev = this.lastInbound.get(waId);
		if (prev === undefined || at > prev) {
			this.lastInbound.delete(waId);
			this.lastInbound.set(waId, at);
			if (this.lastInbound.size > MAX_USERS)
				this.lastInbound.delete(this.lastInbound.keys().next().value as string);
		}
	}

	/** Opens (a time) or closes (null) a user's window from outside: the control API. */
	set(waId: string, lastInboundAt: number | null): void {
		const id = digitsOf(waId);
		if (lastInboundAt === null) this.lastInbound.delete(id);
		else this.lastInbound.set(id, lastInboundAt);
	}

	of(waId: string): { lastInboundAt: string | null; open: boolean; expiresAt: string | null } {
		const last = this.lastInbound.get(digitsOf(waId));
		if (last === undefined) return { lastInboundAt: null, open: false, expiresAt: null };
		return {
			lastInboundAt: new Date(last).toISOString(),
			open: Date.now() - last <= WINDOW_MS,
			expiresAt: new Date(last + WINDOW_MS).toISOString(),
		};
	}

	clear(): void {
		this.lastInbound.clear();
	}
}
