/**
 * Request bodies of POST /{phone-number-id}/messages, checked with zod.
 *
 * Shapes from Meta's send examples and the MessageRequest schema of its OpenAPI spec; limits
 * from Meta's message reference (text body 4096, caption 1024, interactive body 1024, reply
 * button title 20, list row title 24, ...). A failed check answers code 100 with a details
 * string naming the parameter, the way Meta does ("Param text['body'] must be at most 4096
 * characters long."). Unknown extra fields are tolerated, as Graph tolerates them.
 */
import { z } from 'zod';

import { errors, GraphError } from '../core/errors';

const nonEmpty = z.string().min(1);

const media = z
	.object({
		id: z.string().min(1).optional(),
		link: z.string().url().optional(),
		caption: z.string().max(1024).optional(),
		filename: z.string().optional(),
	})
	.passthrough()
	.superRefine((m, ctx) => {
		if (!m.id && !m.link)
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must contain either id or link' });
		if (m.id && m.link)
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must contain only one of id or link' });
	});

const coordinate = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]);

const location = z
	.object({
		latitude: coordinate,
		longitude: coordinate,
		name: z.string().optional(),
		address: z.string().optional(),
	})
	.passthrough();

const paramName = z
	.string()
	.regex(/^[a-z0-9_]+$/, 'must contain only lowercase letters, digits and underscores')
	.optional();

const templateParameter = z.discriminatedUnion('type', [
	z.object({ type: z.literal('text'), text: z.string(), parameter_name: paramName }).passthrough(),
	z
		.object({
			type: z.literal('currency'),
			currency: z
				.object({
					fallback_value: nonEmpty,
					code: z.string().length(3),
					amount_1000: z.number().int(),
				})
				.passthrough(),
			parameter_name: paramName,
		})
		.passthrough(),
	z
		.object({
			type: z.literal('date_time'),
			date_time: z.object({ fallback_value: nonEmpty }).passthrough(),
			parameter_name: paramName,
		})
		.passthrough(),
	z.object({ type: z.literal('image'), image: media }).passthrough(),
	z.object({ type: z.literal('video'), video: media }).passthrough(),
	z.object({ type: z.literal('document'), document: media }).passthrough(),
	z.object({ type: z.literal('location'), location }).passthrough(),
	z.object({ type: z.literal('payload'), payload: z.string() }).passthrough(),
	// Coupon code templates docs: "Codes are limited to 15 characters." (the node's LIMITS.couponCode)
	z
		.object({ type: z.literal('coupon_code'), coupon_code: z.string().min(1).max(15) })
		.passthrough(),
	z
		.object({
			type: z.literal('action'),
			action: z
				.object({
					flow_token: z.string().optional(),
					flow_action_data: z.record(z.unknown()).optional(),
				})
				.passthrough(),
		})
		.passthrough(),
	z
		.object({
			type: z.literal('limited_time_offer'),
			limited_time_offer: z.object({}).passthrough(),
		})
		.passthrough(),
	z.object({ type: z.literal('product'), product: z.object({}).passthrough() }).passthrough(),
]);

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);

const templateSendComponent = z
	.object({
		type: z.preprocess(
			lower,
			z.enum(['header', 'body', 'button', 'limited_time_offer', 'carousel']),
		),
		sub_type: z.preprocess(lower, z.string()).optional(),
		index: z.union([z.number().int().min(0), z.string().regex(/^\d+$/)]).optional(),
		parameters: z.array(templateParameter).optional(),
	})
	.passthrough();
export type TemplateSendComponent = z.infer<typeof templateSendComponent>;

const templateSend = z
	.object({
		name: nonEmpty,
		language: z.object({ code: nonEmpty, policy: z.string().optional() }).passthrough(),
		components: z.array(templateSendComponent).optional(),
	})
	.passthrough();
export type TemplateSend = z.infer<typeof templateSend>;

const interactiveHeader = z.discriminatedUnion('type', [
	z.object({ type: z.literal('text'), text: z.string().min(1).max(60) }).passthrough(),
	z.object({ type: z.literal('image'), image: media }).passthrough(),
	z.object({ type: z.literal('video'), video: media }).passthrough(),
	z.object({ type: z.literal('document'), document: media }).passthrough(),
]);
const body1024 = z.object({ text: z.string().min(1).max(1024) }).passthrough();
const footer60 = z.object({ text: z.string().min(1).max(60) }).passthrough();

const interactiveSchemas: Record<string, z.ZodTypeAny> = {
	button: z
		.object({
			type: z.literal('button'),
			header: interactiveHeader.optional(),
			body: body1024,
			footer: footer60.optional(),
			action: z.object({
				buttons: z
					.array(
						z.object({
							type: z.literal('reply'),
							reply: z.object({ id: z.string().min(1).max(256), title: z.string().min(1).max(20) }),
						}),
					)
					.min(1)
					.max(3),
			}),
		})
		.passthrough(),
	list: z
		.object({
			type: z.literal('list'),
			header: z
				.object({ type: z.literal('text'), text: z.string().min(1).max(60) })
				.passthrough()
				.optional(),
			body: z.object({ text: z.string().min(1).max(4096) }).passthrough(),
			footer: footer60.optional(),
			action: z.object({
				button: z.string().min(1).max(20),
				sections: z
					.array(
						z
							.object({
								title: z.string().max(24).optional(),
								rows: z
									.array(
										z.object({
											id: z.string().min(1).max(200),
											title: z.string().min(1).max(24),
											description: z.string().max(72).optional(),
										}),
									)
									.min(1),
							})
							.passthrough(),
					)
					.min(1)
					.max(10)
					.refine(
						(sections) => sections.reduce((n, s) => n + s.rows.length, 0) <= 10,
						'must have at most 10 rows in total',
					),
			}),
		})
		.passthrough(),
	cta_url: z
		.object({
			type: z.literal('cta_url'),
			header: interactiveHeader.optional(),
			body: body1024,
			footer: footer60.optional(),
			action: z.object({
				name: z.literal('cta_url'),
				parameters: z.object({ display_text: z.string().min(1).max(20), url: z.string().url() }),
			}),
		})
		.passthrough(),
	flow: z
		.object({
			type: z.literal('flow'),
			header: interactiveHeader.optional(),
			body: body1024,
			footer: footer60.optional(),
			action: z.object({
				name: z.literal('flow'),
				parameters: z
					.object({
						flow_message_version: z.string(),
						flow_cta: z.string().min(1).max(30),
						flow_id: z.string().optional(),
						flow_name: z.string().optional(),
						flow_token: z.string().optional(),
						flow_action: z.enum(['navigate', 'data_exchange']).optional(),
						mode: z.enum(['draft', 'published']).optional(),
					})
					.passthrough()
					.refine(
						(p) => !!p.flow_id !== !!p.flow_name,
						'must contain exactly one of flow_id or flow_name',
					),
			}),
		})
		.passthrough(),
};
const otherInteractive = z.object({ type: nonEmpty }).passthrough();

const contact = z
	.object({
		name: z.object({ formatted_name: nonEmpty }).passthrough(),
		phones: z
			.array(
				z
					.object({
						phone: z.string().optional(),
						wa_id: z.string().optional(),
						type: z.string().optional(),
					})
					.passthrough(),
			)
			.optional(),
	})
	.passthrough();

const MESSAGE_TYPES = [
	'text',
	'image',
	'audio',
	'video',
	'document',
	'sticker',
	'location',
	'contacts',
	'template',
	'interactive',
	'reaction',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

const typeSchemas: Record<MessageType, z.ZodTypeAny> = {
	text: z
		.object({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() })
		.passthrough(),
	image: media,
	video: media,
	audio: media,
	document: media,
	sticker: media,
	location,
	contacts: z.array(contact).min(1),
	template: templateSend,
	interactive: z.object({ type: nonEmpty }).passthrough(),
	reaction: z.object({ message_id: nonEmpty, emoji: z.string() }).passthrough(),
};

const envelope = z
	.object({
		messaging_product: z.literal('whatsapp'),
		recipient_type: z.enum(['individual', 'group']).optional(),
		to: z.string(),
		type: z.string().optional(),
		context: z.object({ message_id: nonEmpty }).passthrough().optional(),
		biz_opaque_callback_data: z.string().max(512).optional(),
	})
	.passthrough();

const markRead = z
	.object({
		messaging_product: z.literal('whatsapp'),
		status: z.literal('read'),
		message_id: nonEmpty,
		typing_indicator: z.object({ type: z.literal('text') }).optional(),
	})
	.passthrough();

export interface OutboundMessage {
	messaging_product: 'whatsapp';
	recipient_type?: 'individual' | 'group';
	to: string;
	type: MessageType;
	context?: { message_id: string };
	text?: { body: string; preview_url?: boolean };
	template?: TemplateSend;
	interactive?: { type: string; [k: string]: unknown };
	reaction?: { message_id: string; emoji: string };
	image?: MediaRef;
	video?: MediaRef;
	audio?: MediaRef;
	document?: MediaRef;
	sticker?: MediaRef;
	[key: string]: unknown;
}
export interface MediaRef {
	id?: string;
	link?: string;
	caption?: string;
	filename?: string;
}

export type ParsedRequest =
	| { kind: 'message'; message: OutboundMessage }
	| { kind: 'read'; messageId: string; typing: boolean };

/** Formats a zod path the way Graph names parameters: text['body'], template['components'][0]. */
function graphPath(path: Array<string | number>): string {
	if (!path.length) return '';
	const [head, ...rest] = path;
	return `${head}${rest.map((p) => `[${typeof p === 'number' ? p : `'${p}'`}]`).join('')}`;
}

function issueToError(issue: z.ZodIssue, prefix: Array<string | number> = []): GraphError {
	const path = graphPath([...prefix, ...issue.path]);
	if (issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined') {
		return prefix.length || issue.path.length > 1
			? errors.invalidParameter(`Param ${path} is required.`)
			: errors.requiredParameter(path);
	}
	if (issue.code === z.ZodIssueCode.too_big && issue.type === 'string') {
		return errors.invalidParameter(
			`Param ${path} must be at most ${Number(issue.maximum)} characters long.`,
		);
	}
	if (issue.code === z.ZodIssueCode.too_small && issue.type === 'string') {
		return errors.invalidParameter(
			`Param ${path} must be at least ${Number(issue.minimum)} character${Number(issue.minimum) === 1 ? '' : 's'} long.`,
		);
	}
	if (issue.code === z.ZodIssueCode.too_big && issue.type === 'array') {
		return errors.invalidParameter(
			`Param ${path} must have at most ${Number(issue.maximum)} elements.`,
		);
	}
	if (issue.code === z.ZodIssueCode.too_small && issue.type === 'array') {
		return errors.invalidParameter(
			`Param ${path} must have at least ${Number(issue.minimum)} element${Number(issue.minimum) === 1 ? '' : 's'}.`,
		);
	}
	if (
		issue.code === z.ZodIssueCode.invalid_union_discriminator ||
		issue.code === z.ZodIssueCode.invalid_enum_value
	) {
		const options = 'options' in issue ? (issue.options as unknown[]).map(String).join(', ') : '';
		return errors.invalidParameter(`Param ${path} must be one of {${options}}.`);
	}
	if (issue.code === z.ZodIssueCode.invalid_literal) {
		return errors.invalidParameter(`Param ${path} must be ${JSON.stringify(issue.expected)}.`);
	}
	return errors.invalidParameter(
		`Param ${path || 'body'} ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}.`.replace(
			/\.\.$/,
			'.',
		),
	);
}

function check<T>(schema: z.ZodTypeAny, value: unknown, prefix: Array<string | number>): T {
	const result = schema.safeParse(value);
	if (!result.success) throw issueToError(result.error.issues[0], prefix);
	return result.data as T;
}

/**
 * Validates a messages request. Throws GraphError (code 100, or 131051 for an unknown type) on
 * the first problem found, like Graph which reports one problem at a time.
 */
export function parseMessagesRequest(body: unknown): ParsedRequest {
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		throw errors.requiredParameter('messaging_product');
	const raw = body as Record<string, unknown>;
	if (raw.status === 'read' || raw.message_id !== undefined) {
		const r = check<z.infer<typeof markRead>>(markRead, raw, []);
		return { kind: 'read', messageId: r.message_id, typing: !!r.typing_indicator };
	}
	if (raw.messaging_product === undefined) throw errors.requiredParameter('messaging_product');
	const env = check<z.infer<typeof envelope>>(envelope, raw, []);
	// Graph defaults `type` to text when it is omitted.
	const type = (env.type ?? 'text') as MessageType;
	if (!(MESSAGE_TYPES as readonly string[]).includes(type))
		throw errors.unsupportedType(String(env.type));
	if (raw[type] === undefined)
		throw errors.invalidParameter(`Param ${type} is required for messages of type ${type}.`);
	let content = check<unknown>(typeSchemas[type], raw[type], [type]);
	if (type === 'interactive') {
		const itype = (content as { type: string }).type;
		content = check<unknown>(interactiveSchemas[itype] ?? otherInteractive, raw[type], [type]);
	}
	return {
		kind: 'message',
		message: { ...(env as object), type, [type]: content } as OutboundMessage,
	};
}
