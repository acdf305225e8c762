/**
 * Meta's template review: a status change (by the control API, or the automatic approval after
 * templateReviewMs) and the message_template_status_update webhook that announces it.
 */
import { errors } from '../core/errors';
import type { Counters } from '../core/records';
import { templateStatusChange } from '../webhooks/payloads';
import type { WebhookRouting } from '../webhooks/routing';
import type { TemplateStore } from './store';
import type { StoredTemplate } from './types';

export type ReviewOutcome = 'APPROVED' | 'REJECTED' | 'PAUSED' | 'PENDING';

export class TemplateReview {
	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(
		private readonly templates: TemplateStore,
		private readonly counters: Counters,
		private readonly routing: WebhookRouting,
		private readonly log: (line: string) => void,
	) {}

	/** Approves the template after `ms` unless it left PENDING meanwhile. */
	approveLater(id: string, ms: number): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (this.templates.get(id)?.status === 'PENDING') this.setStatus(id, 'APPROVED');
		}, ms);
		timer.unref();
		this.timers.add(timer);
	}

	/** Changes a template's status and emits message_template_status_update, like Meta's review. */
	setStatus(
		idOrName: string,
		status: ReviewOutcome,
		opts: { language?: string; reason?: string } = {},
	): StoredTemplate {
		const t = this.templates.resolve(idOrName, opts.language);
		if (!t)
			throw errors.invalidParameter(
				`No template '${idOrName}'${opts.language ? ` in ${opts.language}` : ''}`,
			);
		this.templates.setStatus(t, status, opts.reason);
		if (status === 'APPROVED') this.counters.templates.approved++;
		if (status === 'REJECTED') this.counters.templates.rejected++;
		const change = templateStatusChange({
			event: status,
			id: t.id,
			name: t.name,
			language: t.language,
			category: t.category,
			reason: status === 'REJECTED' ? (opts.reason ?? 'INVALID_FORMAT') : 'NONE',
			rejectionInfo:
				status === 'REJECTED'
					? {
							reason: 'The sandbox reviewer rejected this template.',
							recommendation: 'Edit the template and submit it again.',
						}
					: undefined,
		});
		this.routing.deliverChange(
			'template_status',
			change,
			1,
			[t.id],
			undefined,
			Math.floor(Date.now() / 1000),
		);
		this.log(`template ${t.name} (${t.language}) is now ${status}`);
		return t;
	}

	/** Cancels the pending automatic approvals. */
	clear(): void {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
	}
}
