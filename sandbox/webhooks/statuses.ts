/**
 * Status webhooks of accepted messages: each status waits in a timed queue until it is due, and
 * statuses due together (within webhookBatchMs) share one POST, as Meta batches them.
 */
import type { Identity, Knobs } from '../core/config';
import type { WebhookError } from '../core/errors';
import { conversationId } from '../core/ids';
import type { Counters, MessageLog, StatusName } from '../core/records';
import { TimedQueue } from '../core/timed-queue';
import { WINDOW_MS } from '../core/windows';
import { messagesChange, metadataOf, type StatusEvent, statusEvent } from './payloads';
import type { WebhookRouting } from './routing';

export interface PendingStatus {
	messageId: string;
	status: StatusName;
	recipient: string;
	category: string;
	errors?: WebhookError[];
	bizOpaque?: string;
}

const ORDER = ['accepted', 'sent', 'delivered', 'read'];

export class StatusScheduler {
	private readonly pending = new TimedQueue<PendingStatus>();
	private flushTimer: NodeJS.Timeout | null = null;
	private flushAt = 0;
	private closed = false;

	constructor(
		private readonly identity: Identity,
		private readonly knobs: Knobs,
		private readonly counters: Counters,
		private readonly messages: MessageLog,
		private readonly routing: WebhookRouting,
	) {}

	/** Statuses waiting to be sent. */
	get size(): number {
		return this.pending.size;
	}

	schedule(at: number, status: PendingStatus): void {
		this.pending.push(at, status);
		this.armFlush();
	}

	/**
	 * The webhook event of one status, now; the message's record takes the status unless it
	 * already has a later one (a `failed` always wins).
	 */
	emit(p: PendingStatus, now: number): StatusEvent {
		const record = this.messages.get(p.messageId);
		if (
			record &&
			(p.status === 'failed' || ORDER.indexOf(p.status) > ORDER.indexOf(record.status))
		) {
			record.status = p.status;
			if (p.errors) record.statusErrors = p.errors;
		}
		this.counters.statuses[p.status]++;
		const day = Math.floor(now / WINDOW_MS);
		return statusEvent({
			messageId: p.messageId,
			status: p.status,
			at: now,
			recipient: p.recipient,
			category: p.category,
			conversationId: conversationId(
				`${this.identity.phoneNumberId}:${p.recipient}:${p.category}:${day}`,
			),
			conversationExpiresAt: (day + 1) * WINDOW_MS,
			errors: p.errors,
			bizOpaque: p.bizOpaque,
		});
	}

	/** Drops every waiting status (reset). */
	clear(): void {
		this.pending.clear();
		this.stopTimer();
	}

	close(): void {
		this.closed = true;
		this.stopTimer();
	}

	private stopTimer(): void {
		if (this.flushTimer) clearTimeout(this.flushTimer);
		this.flushTimer = null;
	}

	private armFlush(): void {
		if (this.closed) return;
		const next = this.pending.peekTime();
		if (next === undefined) return;
		const fireAt = next + this.knobs.webhookBatchMs;
		if (this.flushTimer && fireAt >= this.flushAt) return;
		if (this.flushTimer) clearTimeout(this.flushTimer);
		this.flushAt = fireAt;
		this.flushTimer = setTimeout(() => this.flush(), Math.max(0, fireAt - Date.now()));
	}

	private flush(): void {
		this.flushTimer = null;
		const now = Date.now();
		for (;;) {
			const due = this.pending.popDue(now, this.knobs.webhookBatchMax);
			if (!due.length) break;
			const events: StatusEvent[] = due.map((p) => this.emit(p, now));
			this.routing.deliverChange(
				'status',
				messagesChange(metadataOf(this.identity), { statuses: events }),
				events.length,
				events.map((e) => e.id),
			);
		}
		this.armFlush();
	}
}
