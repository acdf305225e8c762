/**
 * The control API over HTTP: /_sandbox routes (JSON in, JSON out) mapped onto the Sandbox
 * object's methods; sandbox/README.md lists them.
 */
import { GraphError } from '../core/errors';
import { SEED } from '../core/seed';
import type { FaultSpec } from '../graph/faults';
import type { InjectOptions } from '../webhooks/inbound';
import type { InboundSpec } from '../webhooks/payloads';
import type { Sandbox } from './sandbox';

export interface ControlAnswer {
	status: number;
	json: unknown;
}

function answer(status: number, json: unknown): ControlAnswer {
	return { status, json };
}

export async function controlApi(
	sandbox: Sandbox,
	method: string,
	path: string,
	query: URLSearchParams,
	body: Buffer,
	baseUrl: string,
): Promise<ControlAnswer> {
	let input: Record<string, unknown> = {};
	if (body.length) {
		try {
			input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
		} catch {
			return answer(400, { error: { message: 'Control API bodies are JSON' } });
		}
	}
	const num = (name: string) => (query.get(name) !== null ? Number(query.get(name)) : undefined);
	const str = (name: string) => query.get(name) ?? undefined;
	let parts = path.split('/').filter(Boolean).map(decodeURIComponent);
	// wamids are base64 and may contain '/': GET /_sandbox/messages/wamid.AB/CD= works unencoded too
	if (parts[0] === 'messages' && parts.length > 2) parts = ['messages', parts.slice(1).join('/')];
	const route = `${method} /${parts.map((p, i) => (i > 0 && ['messages', 'templates', 'users', 'deliveries'].includes(parts[i - 1]) && !['replay'].includes(p) ? ':id' : p)).join('/')}`;
	try {
		switch (route) {
			case 'GET /':
				return answer(200, sandbox.state());
			case 'GET /credentials':
				return answer(200, sandbox.credentialsFor(baseUrl));
			case 'GET /seed':
				return answer(200, {
					phoneNumberId: sandbox.identity.phoneNumberId,
					wabaId: sandbox.identity.wabaId,
					displayPhoneNumber: sandbox.identity.displayPhoneNumber,
					users: SEED.users,
					media: SEED.media,
					templates: sandbox.templates.all().map((t) => ({
						id: t.id,
						name: t.name,
						language: t.language,
						status: t.status,
						category: t.category,
						parameter_format: t.parameter_format,
					})),
				});
			case 'GET /counters':
				return answer(200, sandbox.countersSnapshot());
			case 'GET /config':
				return answer(200, sandbox.publicKnobs());
			case 'POST /config':
			case 'PATCH /config': {
				const { callbackUrl, verifyToken, ...knobs } = input as Record<string, unknown>;
				const result: Record<string, unknown> = { knobs: sandbox.configure(knobs) };
				if (callbackUrl !== undefined) {
					result.handshake = await sandbox.setCallback((callbackUrl as string | null) || null, {
						verifyToken: verifyToken as string | undefined,
					});
				}
				return answer(200, result);
			}
			case 'POST /callback': {
				const handshake = await sandbox.setCallback((input.url as string | null) || null, {
					verifyToken: input.verifyToken as string | undefined,
					handshake: input.handshake as boolean | undefined,
				});
				return answer(200, { callbackUrl: sandbox.callbackUrl, handshake });
			}
			case 'GET /messages':
				return answer(
					200,
					sandbox.listMessages({
						since: num('since'),
						limit: num('limit'),
						to: str('to'),
						type: str('type'),
						outcome: str('outcome') as 'accepted' | 'rejected' | undefined,
						code: num('code'),
						template: str('template'),
						status: str('status'),
						kind: str('kind') as 'message' | 'read' | undefined,
					}),
				);
			case 'GET /messages/:id': {
				const m = sandbox.getMessage(parts[1]);
				return m
					? answer(200, m)
					: answer(404, {
							error: { message: `No message ${parts[1]} (unknown, or evicted from the history)` },
						});
			}
			case 'GET /deliveries':
				return answer(
					200,
					sandbox.listDeliveries({
						since: num('since'),
						limit: num('limit'),
						kind: str('kind'),
						state: str('state'),
						ref: str('ref'),
						includeBody: query.get('body') === '1' || query.get('body') === 'true',
					}),
				);
			case 'POST /deliveries/replay':
				return answer(
					200,
					strip(
						sandbox.replay(input.id as string | undefined, {
							attempts: input.attempts as number | undefined,
						}),
					),
				);
			case 'GET /handshakes':
				return answer(200, {
					data: sandbox.dispatcher.handshakes.values(),
					total: sandbox.dispatcher.handshakes.total,
				});
			case 'GET /requests': {
				const r = sandbox.requests.since(num('since') ?? 0, num('limit') ?? 1000);
				return answer(200, {
					data: r.items.map((i) => ({ seq: i.seq, ...i.value })),
					cursor: r.cursor,
					total: sandbox.requests.total,
				});
			}
			case 'GET /pitfalls':
				return answer(200, {
					data: sandbox.pitfalls.values(),
					total: sandbox.pitfalls.total,
				});
			case 'POST /inbound': {
				const { messages, statuses, duplicate, signature, deliver, attempts, ...spec } = input;
				const out = sandbox.inject(
					spec as InboundSpec,
					{ messages, statuses, duplicate, signature, deliver, attempts } as InjectOptions,
				);
				return answer(200, {
					messages: out.messages,
					delivery: out.delivery ? strip(out.delivery) : null,
					payload: out.payload,
				});
			}
			case 'POST /webhooks/raw':
				return answer(
					200,
					strip(
						sandbox.sendRaw(input.payload, {
							signature: input.signature as 'valid' | 'invalid' | 'missing' | undefined,
							rawBody: input.rawBody as string | undefined,
							attempts: input.attempts as number | undefined,
						}),
					),
				);
			case 'GET /faults':
				return answer(200, { data: sandbox.pendingFaults() });
			case 'POST /faults': {
				const list = (Array.isArray(input.faults) ? input.faults : [input]) as FaultSpec[];
				return answer(200, { queued: sandbox.queueFaults(list) });
			}
			case 'DELETE /faults':
				sandbox.clearFaults();
				return answer(200, { queued: 0 });
			case 'POST /templates/:id/approve':
			case 'POST /templates/:id/reject':
			case 'POST /templates/:id/pause':
			case 'POST /templates/:id/pending': {
				const action = parts[2];
				const status = (
					{
						approve: 'APPROVED',
						reject: 'REJECTED',
						pause: 'PAUSED',
						pending: 'PENDING',
					} as const
				)[action as 'approve'];
				const t = sandbox.setTemplateStatus(parts[1], status, {
					language: input.language as string | undefined,
					reason: input.reason as string | undefined,
				});
				return answer(200, {
					id: t.id,
					name: t.name,
					language: t.language,
					status: t.status,
				});
			}
			case 'GET /users/:id':
				return answer(200, { waId: parts[1], ...sandbox.windowOf(parts[1]) });
			case 'POST /users/:id': {
				let at: number | null;
				if (input.open === false || input.lastInboundAt === null) at = null;
				else if (input.lastInboundAt !== undefined)
					at =
						typeof input.lastInboundAt === 'number'
							? input.lastInboundAt
							: Date.parse(String(input.lastInboundAt));
				else at = Date.now();
				if (at !== null && !Number.isFinite(at))
					return answer(400, {
						error: { message: 'lastInboundAt must be an ISO date or epoch milliseconds' },
					});
				sandbox.setUserWindow(parts[1], at);
				return answer(200, { waId: parts[1], ...sandbox.windowOf(parts[1]) });
			}
			case 'POST /reset':
				sandbox.reset({ keepKnobs: input.keepKnobs === true });
				return answer(200, { reset: true });
			case 'GET /idle':
				return answer(200, { idle: await sandbox.idle(num('timeoutMs') ?? 10_000) });
			default:
				return answer(404, {
					error: { message: `No control route ${method} /_sandbox${path}` },
				});
		}
	} catch (err) {
		if (err instanceof GraphError) return answer(err.status >= 500 ? 500 : 400, err.body);
		if (err instanceof TypeError) return answer(400, { error: { message: err.message } });
		throw err;
	}
}

function strip<T extends { body?: string }>(d: T): Omit<T, 'body'> {
	const { body: _body, ...rest } = d;
	return rest;
}
