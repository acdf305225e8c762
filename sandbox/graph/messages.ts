/**
 * POST /{phone-number-id}/messages: a message (checked against Meta's schemas, the template,
 * the recipient rules, throughput and pair rate, then accepted with its statuses scheduled) or a
 * mark-as-read; every request recorded, rejected ones with their error. Scripted and random
 * faults apply here first.
 */
import { asyncErrors, errors, GraphError, type WebhookError } from '../core/errors';
import { digitsOf, wamid } from '../core/ids';
import { countRejection, type MessageRecord } from '../core/records';
import { WINDOW_MS } from '../core/windows';
import type { StoredTemplate } from '../templates/types';
import type { GraphContext } from './context';
import type { FaultSpec } from './faults';
import { type OutboundMessage, parseMessagesRequest } from './message-schemas';
import { errorResult, type GraphResult, type IncomingGraphRequest, ok, params } from './request';
import { validateTemplateSend } from './template-send';

export async function postMessage(
	ctx: GraphContext,
	req: IncomingGraphRequest,
): Promise<GraphResult> {
	let raw: Record<string, unknown> = {};
	let fault: FaultSpec | undefined;
	try {
		raw = params(req);
		fault = ctx.faults.takeScripted(raw) ?? ctx.faults.randomFault('messages');
		if (fault?.type === 'latency') await new Promise((r) => setTimeout(r, fault?.latencyMs ?? 0));
		const early = ctx.faults.answerEarly(fault);
		if (early) return early;
		if (fault?.type === 'error') throw ctx.faults.errorFor(fault);
		const parsed = parseMessagesRequest(raw);
		if (parsed.kind === 'read') {
			if (!parsed.messageId.startsWith('wamid.'))
				throw errors.invalidParameter(
					'Param message_id must be a valid WhatsApp message ID (wamid.*).',
				);
			ctx.counters.reads++;
			if (parsed.typing) ctx.counters.typing++;
			ctx.messages.add({
				id: null,
				at: new Date().toISOString(),
				outcome: 'accepted',
				httpStatus: 200,
				kind: 'read',
				phoneNumberId: ctx.identity.phoneNumberId,
				to: null,
				waId: null,
				type: parsed.typing ? 'read+typing' : 'read',
				status: 'read',
				payload: raw,
			});
			return ok({ success: true });
		}
		const accepted = acceptMessage(ctx, parsed.message, raw, fault);
		if (fault?.type === '5xx' && fault.afterAccept) {
			ctx.counters.faults.http5xx++;
			ctx.counters.faults.fiveXxAfterAccept++;
			accepted.record.notes = [...(accepted.record.notes ?? []), '5xx-after-accept'];
			const e = errors.server(fault.status ?? ctx.knobs.errorStatus);
			return { status: e.status, json: e.body };
		}
		return ok(accepted.response);
	} catch (err) {
		if (err instanceof GraphError) {
			recordRejection(ctx, raw, err, raw.status === 'read' ? 'read' : 'message');
			return errorResult(err);
		}
		throw err;
	}
}

function acceptMessage(
	ctx: GraphContext,
	msg: OutboundMessage,
	raw: unknown,
	fault: FaultSpec | undefined,
): { response: unknown; record: MessageRecord } {
	const now = Date.now();
	if (msg.recipient_type === 'group')
		throw errors.invalidParameter('Param recipient_type group is not supported by the sandbox.');
	const waId = digitsOf(msg.to);
	// Meta wants the full international number; a leading 0 (trunk prefix, or the 00
	// international prefix) is rejected with (#100) Invalid parameter.
	if (!/^[1-9]\d{6,14}$/.test(waId)) {
		throw errors.invalidParameter(
			`Param to must be a phone number in international format (E.164, country code first, e.g. +15551234567); got '${msg.to}'.`,
		);
	}
	if (waId === ctx.identity.displayPhoneDigits) throw errors.recipientIsSender();
	if (ctx.knobs.testMode && !ctx.knobs.allowlist.includes(waId)) throw errors.notAllowed();

	let template: StoredTemplate | undefined;
	let text: string | undefined;
	if (msg.type === 'template' && msg.template) {
		const checked = validateTemplateSend(ctx.templates, msg.template);
		template = checked.template;
		text = checked.bodyText;
	} else if (msg.type === 'text') {
		text = msg.text?.body;
	}

	if (!ctx.throughput.tryTake(now)) throw errors.throughput();
	if (!ctx.pairs.tryTake(`${ctx.identity.phoneNumberId}:${waId}`, now)) throw errors.pairRate();

	const id = wamid(waId, 'outbound');
	const category = template ? template.category.toLowerCase() : 'service';
	const notes: string[] = [];
	let failure: WebhookError | undefined;
	const last = ctx.windows.lastInboundAt(waId);
	if (!template && ctx.knobs.enforceWindow && (last === undefined || now - last > WINDOW_MS)) {
		failure = asyncErrors.reengagement();
		notes.push(
			last === undefined
				? 'window-closed: recipient never wrote'
				: 'window-closed: last inbound message older than 24h',
		);
	}
	const mediaRef = (msg[msg.type] as { id?: string } | undefined)?.id;
	if (
		!failure &&
		['image', 'video', 'audio', 'document', 'sticker'].includes(msg.type) &&
		mediaRef &&
		!ctx.media.get(mediaRef)
	) {
		failure = asyncErrors.mediaUpload(mediaRef);
		notes.push('unknown-media-id');
	}
	if (!failure && fault?.type === 'async-error') {
		failure = asyncErrors.generic(
			fault.code ?? 131026,
			fault.title ?? 'Message Undeliverable',
			fault.details ?? 'Injected by the sandbox control API',
		);
		notes.push('scripted-async-error');
	}

	const record: MessageRecord = {
		id,
		at: new Date(now).toISOString(),
		outcome: 'accepted',
		httpStatus: 200,
		kind: 'message',
		phoneNumberId: ctx.identity.phoneNumberId,
		to: msg.to,
		waId,
		type: msg.type,
		template: template
			? { name: template.name, language: template.language, category: template.category }
			: undefined,
		text,
		status: 'accepted',
		notes: notes.length ? notes : undefined,
		payload: raw,
	};
	ctx.messages.add(record);
	ctx.counters.messages.accepted++;
	ctx.counters.messages.byType[msg.type] = (ctx.counters.messages.byType[msg.type] ?? 0) + 1;

	const bizOpaque =
		typeof msg.biz_opaque_callback_data === 'string' ? msg.biz_opaque_callback_data : undefined;
	const d = ctx.knobs.statusDelayMs;
	if (failure) {
		ctx.statuses.schedule(now + d, {
			messageId: id,
			status: 'failed',
			recipient: waId,
			category,
			errors: [failure],
			bizOpaque,
		});
	} else {
		ctx.knobs.statuses.forEach((status, i) => {
			ctx.statuses.schedule(now + d * (i + 1), {
				messageId: id,
				status,
				recipient: waId,
				category,
				bizOpaque,
			});
		});
	}
	const response = {
		messaging_product: 'whatsapp',
		contacts: [{ input: msg.to, wa_id: waId }],
		// Meta adds message_status (accepted / held_for_quality_assessment / paused) for templates.
		messages: [template ? { id, message_status: 'accepted' } : { id }],
	};
	return { response, record };
}

function recordRejection(
	ctx: GraphContext,
	raw: unknown,
	err: GraphError,
	kind: 'message' | 'read' = 'message',
): void {
	countRejection(ctx.counters, err.code);
	const r = (raw ?? {}) as Record<string, unknown>;
	const to = typeof r.to === 'string' ? r.to : null;
	ctx.messages.add({
		id: null,
		at: new Date().toISOString(),
		outcome: 'rejected',
		httpStatus: err.status,
		error: {
			code: err.code,
			message: err.body.error.message,
			details: err.body.error.error_data?.details,
		},
		kind,
		phoneNumberId: ctx.identity.phoneNumberId,
		to,
		waId: to ? digitsOf(to) : null,
		type: typeof r.type === 'string' ? r.type : typeof r.to === 'string' ? 'text' : null,
		template:
			r.template && typeof r.template === 'object'
				? templateRef(ctx, r.template as Record<string, unknown>)
				: undefined,
		status: 'rejected',
		payload: raw,
	});
}

function templateRef(
	ctx: GraphContext,
	t: Record<string, unknown>,
): NonNullable<MessageRecord['template']> {
	const language = (t.language as { code?: string } | undefined)?.code ?? '';
	const name = String(t.name ?? '');
	return { name, language, category: ctx.templates.find(name, language)?.category ?? '' };
}
