/**
 * Graph API errors in Meta's shape, and the error objects of failed status webhooks.
 *
 * Body (GraphAPIError in Meta's OpenAPI spec):
 *   { error: { message, type, code, error_subcode?, error_data?: { messaging_product, details },
 *              is_transient?, error_user_title?, error_user_msg?, fbtrace_id } }
 * HTTP statuses follow the "HTTP Status Code" column of Meta's older error-code table: 400 for
 * most messaging errors, 401 for token errors, 404 for 132001, 500 for 131000. Messages use
 * Meta's "(#code) Title" wording.
 */
import { fbtraceId } from './ids';
export interface GraphErrorBody {
	error: {
		message: string;
		type: string;
		code: number;
		error_subcode?: number;
		error_data?: { messaging_product: 'whatsapp'; details: string };
		is_transient?: boolean;
		error_user_title?: string;
		error_user_msg?: string;
		fbtrace_id: string;
	};
}

export class GraphError extends Error {
	readonly body: GraphErrorBody;
	constructor(
		readonly status: number,
		code: number,
		message: string,
		opts: {
			type?: string;
			subcode?: number;
			details?: string;
			transient?: boolean;
			userTitle?: string;
			userMsg?: string;
			headers?: Record<string, string>;
		} = {},
	) {
		super(message);
		this.headers = opts.headers ?? {};
		this.body = {
			error: {
				message,
				type: opts.type ?? 'OAuthException',
				code,
				...(opts.subcode !== undefined ? { error_subcode: opts.subcode } : {}),
				...(opts.details !== undefined
					? { error_data: { messaging_product: 'whatsapp', details: opts.details } }
					: {}),
				...(opts.transient !== undefined ? { is_transient: opts.transient } : {}),
				...(opts.userTitle ? { error_user_title: opts.userTitle } : {}),
				...(opts.userMsg ? { error_user_msg: opts.userMsg } : {}),
				fbtrace_id: fbtraceId(),
			},
		};
	}
	readonly headers: Record<string, string>;
	get code(): number {
		return this.body.error.code;
	}
}

const GRAPH_DOCS =
	'Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api';

export const errors = {
	/** No token at all: code 104, as in the spec's 401 example "missing_token" of GET /{Phone-Number-ID}. */
	missingToken: () =>
		new GraphError(401, 104, 'An access token is required to request this resource.', {
			headers: {
				'WWW-Authenticate':
					'OAuth "Facebook Platform" "invalid_request" "An access token is required to request this resource."',
			},
		}),
	/** Token present but not one we issued (also: "Authorization: <token>" without "Bearer"). */
	invalidToken: () =>
		new GraphError(401, 190, 'Invalid OAuth access token - Cannot parse access token', {
			headers: {
				'WWW-Authenticate':
					'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token - Cannot parse access token"',
			},
		}),
	/** Spec 401 example "expired_token": code 190, subcode 463. */
	expiredToken: () =>
		new GraphError(
			401,
			190,
			'Error validating access token: Session has expired. The current time is later than the expiry time of the token.',
			{
				subcode: 463,
				headers: {
					'WWW-Authenticate':
						'OAuth "Facebook Platform" "invalid_token" "Error validating access token: Session has expired"',
				},
			},
		),
	/**
	 * Sandbox policy, not Meta's: Graph accepts ?access_token=, but a token in a URL ends up in
	 * proxy and n8n logs, and the package promises to send it only in the Authorization header.
	 */
	tokenInQuery: () =>
		new GraphError(
			401,
			190,
			'Invalid OAuth access token - the sandbox refuses access tokens in the URL query string',
			{
				details:
					'Send the token in the Authorization header as "Bearer <token>"; tokens in URLs leak into logs.',
			},
		),
	/**
	 * An ID that is not a node we know, or a node that does not support the operation. This is what
	 * Meta answers when a WABA ID is used where the phone number ID belongs (POST /{waba-id}/messages).
	 */
	unsupported: (method: string, id: string) =>
		new GraphError(
			400,
			100,
			`Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. ${GRAPH_DOCS}`,
			{ type: 'GraphMethodException', subcode: 33 },
		),
	/** Known node, unknown field or edge, e.g. GET /{waba-id}?fields=display_phone_number. */
	nonexistingField: (field: string, nodeType: string) =>
		new GraphError(
			400,
			100,
			`(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`,
		),
	invalidParameter: (details: string) =>
		new GraphError(400, 100, '(#100) Invalid parameter', { details }),
	/** Meta words missing top-level parameters this way, e.g. "The parameter to is required." */
	requiredParameter: (name: string) =>
		new GraphError(400, 100, `(#100) The parameter ${name} is required.`),
	unknownPath: (path: string) => new GraphError(400, 2500, `Unknown path components: ${path}`),
	missingRequired: (details: string) =>
		new GraphError(400, 131008, '(#131008) Required parameter is missing', { details }),
	invalidValue: (details: string) =>
		new GraphError(400, 131009, '(#131009) Parameter value is not valid', { details }),
	recipientIsSender: () =>
		new GraphError(400, 131021, '(#131021) Recipient cannot be sender', {
			details: 'Sender and recipient phone number is the same.',
		}),
	unsupportedType: (type: string) =>
		new GraphError(400, 131051, '(#131051) Unsupported message type', {
			details: `Message type '${type}' is not supported.`,
		}),
	/** Test numbers may only message the (up to 5) numbers on their allowed list. */
	notAllowed: () =>
		new GraphError(400, 131030, '(#131030) Recipient phone number not in allowed list', {
			details:
				'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.',
		}),
	/** Per-phone-number throughput (80 msg/s by default); HTTP 400 in Meta's error-code table. */
	throughput: () =>
		new GraphError(400, 130429, '(#130429) Rate limit hit', {
			details: 'Cloud API message throughput has been reached.',
		}),
	pairRate: () =>
		new GraphError(
			400,
			131056,
			'(#131056) (Business Account, Consumer Account) pair rate limit hit',
			{
				details:
					'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
			},
		),
	/** Plain HTTP 429 (application-level call limit), spec 429 example: code 4, subcode 2446079. */
	appRateLimit: (retryAfterSeconds: number) =>
		new GraphError(429, 4, 'Application request limit reached', {
			subcode: 2446079,
			transient: true,
			headers: { 'Retry-After': String(retryAfterSeconds) },
		}),
	server: (status = 500) =>
		status === 500
			? new GraphError(500, 131000, '(#131000) Something went wrong', {
					details: 'Something went wrong',
					transient: true,
				})
			: new GraphError(
					status,
					2,
					'An unexpected error has occurred. Please retry your request later.',
					{
						type: 'OAuthException',
						transient: true,
					},
				),
	templateParamCount: (details: string) =>
		new GraphError(
			400,
			132000,
			'(#132000) Number of parameters does not match the expected number of params',
			{ details },
		),
	/** 132001 has HTTP status 404 in Meta's error-code table. */
	templateMissing: (name: string, language: string) =>
		new GraphError(404, 132001, '(#132001) Template name does not exist in the translation', {
			details: `template name (${name}) does not exist in ${language}`,
		}),
	templateTooLong: (details: string) =>
		new GraphError(400, 132005, '(#132005) Translated text too long', { details }),
	templateFormat: (details: string) =>
		new GraphError(
			400,
			132012,
			'(#132012) Parameter format does not match format in the created template',
			{ details },
		),
	templatePaused: (name: string) =>
		new GraphError(400, 132015, '(#132015) Template is Paused', {
			details: `Template ${name} is paused due to low quality so it cannot be sent in a template message.`,
		}),
	/** Callback verification failure when an override URL is saved (Meta answers code 2200). */
	callbackVerification: (details: string) =>
		new GraphError(
			400,
			2200,
			`(#2200) Callback verification failed with the following errors: ${details}`,
		),
	templateExists: (name: string, language: string) =>
		new GraphError(400, 100, 'Invalid parameter', {
			subcode: 2388024,
			userTitle: 'Content in This Language Already Exists',
			userMsg: `There is already ${language} content for this template (${name}). You can create a new template and try again.`,
		}),
	mediaNotFound: (id: string) =>
		new GraphError(
			400,
			100,
			`Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. ${GRAPH_DOCS}`,
			{
				type: 'GraphMethodException',
				subcode: 33,
			},
		),
	payloadTooLarge: (limit: number) =>
		new GraphError(413, 100, '(#100) Invalid parameter', {
			details: `Request body larger than ${limit} bytes`,
		}),
};

/** Async error objects as they appear in a failed status's `errors` array (webhook shape). */
export interface WebhookError {
	code: number;
	title: string;
	message: string;
	error_data: { details: string };
	href: string;
}

const ERROR_HREF = '/documentation/business-messaging/whatsapp/support/error-codes';

function webhookError(code: number, title: string, details: string): WebhookError {
	return { code, title, message: title, error_data: { details }, href: ERROR_HREF };
}

export const asyncErrors = {
	/** The silent failure Meta's guide warns about: 200 on send, then this in a `failed` status. */
	reengagement: () =>
		webhookError(
			131047,
			'Re-engagement message',
			'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
		),
	mediaUpload: (id: string) =>
		webhookError(
			131053,
			'Media upload error',
			`Unable to download the media with ID ${id}: it does not exist or has expired.`,
		),
	generic: (code: number, title: string, details: string) => webhookError(code, title, details),
};
