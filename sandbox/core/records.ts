/**
 * What the sandbox remembers of the traffic it served: received messages (with their last
 * status), the request log, pitfalls it noticed, and the counters behind GET /_sandbox/counters.
 */
import type { WebhookError } from './errors';
import { digitsOf } from './ids';
import { Ring } from './ring';

export type StatusName = 'sent' | 'delivered' | 'read' | 'failed';

export interface MessageRecord {
	/** wamid when accepted */
	id: string | null;
	at: string;
	outcome: 'accepted' | 'rejected';
	httpStatus: number;
	error?: { code: number; message: string; details?: string };
	kind: 'message' | 'read';
	phoneNumberId: string;
	to: string | null;
	waId: string | null;
	type: string | null;
	template?: { name: string; language: string; category: string };
	/** text body, or the template body with its variables filled in */
	text?: string;
	/** last status: accepted, sent, delivered, read, failed (rejected for rejected requests) */
	status: string;
	statusErrors?: WebhookError[];
	/** notes such as '5xx-after-accept' or 'window-closed' */
	notes?: string[];
	payload: unknown;
}

export interface PitfallRecord {
	at: string;
	kind: string;
	detail: string;
}

export interface RequestRecord {
	at: string;
	method: string;
	path: string;
	status: number;
	code?: number;
	durationMs: number;
}

export interface MessageFilter {
	since?: number;
	limit?: number;
	to?: string;
	type?: string;
	outcome?: 'accepted' | 'rejected';
	code?: number;
	template?: string;
	status?: string;
	kind?: 'message' | 'read';
}

export function createCounters() {
	return {
		requests: 0,
		messages: {
			accepted: 0,
			rejected: 0,
			byCode: {} as Record<string, number>,
			byType: {} as Record<string, number>,
		},
		reads: 0,
		typing: 0,
		inbound: 0,
		statuses: { sent: 0, delivered: 0, read: 0, failed: 0 } as Record<StatusName, number>,
		faults: { reset: 0, http429: 0, http5xx: 0, fiveXxAfterAccept: 0, scripted: 0 },
		templates: { created: 0, deleted: 0, approved: 0, rejected: 0 },
		media: { uploaded: 0, downloaded: 0, deleted: 0 },
		pitfalls: 0,
	};
}

export type Counters = ReturnType<typeof createCounters>;

export function countRejection(counters: Counters, code: number): void {
	counters.messages.rejected++;
	counters.messages.byCode[code] = (counters.messages.byCode[code] ?? 0) + 1;
}

/** Received messages, newest `capacity` kept, with an index by wamid that forgets evicted ones. */
export class MessageLog {
	private readonly ring: Ring<MessageRecord>;
	private readonly byId = new Map<string, MessageRecord>();

	constructor(capacity: number) {
		this.ring = new Ring<MessageRecord>(capacity, (r) => {
			if (r.id) this.byId.delete(r.id);
		});
	}

	add(record: MessageRecord): void {
		this.ring.push(record);
		if (record.id) this.byId.set(record.id, record);
	}

	get(id: string): MessageRecord | undefined {
		return this.byId.get(id);
	}

	list(f: MessageFilter = {}): {
		data: Array<MessageRecord & { seq: number }>;
		cursor: number;
		dropped: number;
		total: number;
	} {
		const to = f.to ? digitsOf(f.to) : undefined;
		const r = this.ring.since(
			f.since ?? 0,
			f.limit ?? 1000,
			(m) =>
				(!to || m.waId === to) &&
				(!f.type || m.type === f.type) &&
				(!f.outcome || m.outcome === f.outcome) &&
				(f.code === undefined || m.error?.code === f.code) &&
				(!f.template || m.template?.name === f.template) &&
				(!f.status || m.status === f.status) &&
				(!f.kind || m.kind === f.kind),
		);
		return {
			data: r.items.map((i) => ({ seq: i.seq, ...i.value })),
			cursor: r.cursor,
			dropped: r.dropped,
			total: this.ring.total,
		};
	}

	clear(): void {
		this.ring.clear();
		this.byId.clear();
	}
}
