/**
 * What a Graph API / WhatsApp Cloud API error code means for the person running the workflow:
 * a short title, one actionable line ("fix") and whether retrying the same request can help.
 *
 * Facts (codes, HTTP statuses, retryability) follow Meta's published error-code table; the
 * wording is ours and is written for no-code users. Entries keyed "code:subcode" refine a code.
 */

export interface GraphErrorDescription {
	title: string;
	fix: string;
	/** A later retry of the same request can succeed (throttling, outages). */
	retryable: boolean;
}

export interface CatalogEntry extends GraphErrorDescription {
	/** The usual HTTP status Meta answers with, when known. */
	httpStatus?: number;
}

const SYSTEM_USER_TOKEN =
	'Create a permanent System User token in Meta Business Settings > Users > System users (with whatsapp_business_messaging and whatsapp_business_management) and paste it into the credential';

/** Known Cloud API / Graph API codes. Keys are the numeric code, or "code:subcode". */
export const ERROR_CATALOG: Readonly<Record<string, CatalogEntry>> = {
	// --- authorization and the access token -------------------------------------------------
	'0': {
		title: 'Authentication failed',
		fix: `Meta could not authenticate the app user behind the Access Token. ${SYSTEM_USER_TOKEN}.`,
		retryable: false,
		httpStatus: 401,
	},
	'190': {
		title: 'Access token expired or invalid',
		fix: `The Access Token in the credential is expired or invalid. Temporary tokens from WhatsApp > API Setup die after 24 hours; ${SYSTEM_USER_TOKEN.charAt(0).toLowerCase()}${SYSTEM_USER_TOKEN.slice(1)}. Paste only the token itself (no "Bearer ", quotes or spaces).`,
		retryable: false,
		httpStatus: 401,
	},
	'190:463': {
		title: 'Access token expired',
		fix: `The Access Token has expired (temporary tokens from API Setup last 24 hours). ${SYSTEM_USER_TOKEN} - it does not expire.`,
		retryable: false,
		httpStatus: 401,
	},
	'190:467': {
		title: 'Access token invalid',
		fix: `The Access Token is no longer valid (it was revoked, or the user logged out or changed password). ${SYSTEM_USER_TOKEN}.`,
		retryable: false,
		httpStatus: 401,
	},
	'190:460': {
		title: 'Access token invalidated by a password change',
		fix: `The user who created the Access Token changed their password, which invalidated it. ${SYSTEM_USER_TOKEN}.`,
		retryable: false,
		httpStatus: 401,
	},
	'2500': {
		title: 'No access token reached Meta',
		fix: 'Meta received the request without a usable access token. Fill the Access Token field of the credential (the node sends it as "Authorization: Bearer <token>"); if a proxy sits in the API Base URL, make sure it forwards the Authorization header.',
		retryable: false,
		httpStatus: 400,
	},
	'104': {
		title: 'No access token sent',
		fix: 'The request reached Meta without an access token. Fill the Access Token field of the credential (the node sends it as "Authorization: Bearer <token>"); if a proxy sits in the API Base URL, make sure it forwards the Authorization header.',
		retryable: false,
		httpStatus: 401,
	},
	'2200': {
		title: 'Webhook callback verification failed',
		fix: "Meta called the callback URL to verify it and did not get the challenge back. Activate the workflow first so its Production URL answers, check that n8n is reachable from the internet over HTTPS, and that the credential's Webhook Verify Token is the one being registered.",
		retryable: false,
		httpStatus: 400,
	},
	'3': {
		title: 'Capability or permission missing',
		fix: "The app behind the Access Token lacks the capability for this call. Check the token in Meta's Access Token Debugger: it needs whatsapp_business_messaging (sending) and whatsapp_business_management (templates, phone numbers).",
		retryable: false,
		httpStatus: 500,
	},
	'10': {
		title: 'Permission denied',
		fix: 'The Access Token lacks a permission for this object. Give the token whatsapp_business_messaging and whatsapp_business_management, and assign the WhatsApp Business Account (and its phone number) to the System User in Business Settings.',
		retryable: false,
		httpStatus: 403,
	},
	'200': {
		title: 'Permission missing or no access token',
		fix: "Either no access token was sent, or the token has no permission on this object. Check the Access Token field and assign the WhatsApp Business Account to the token's System User with whatsapp_business_messaging and whatsapp_business_management.",
		retryable: false,
		httpStatus: 403,
	},
	'131005': {
		title: 'Access denied',
		fix: "The Access Token is not allowed to do this. Check that it has whatsapp_business_messaging / whatsapp_business_management and that the phone number belongs to a WhatsApp Business Account assigned to the token's System User.",
		retryable: false,
		httpStatus: 403,
	},

	// --- wrong IDs and request parameters ------------------------------------------------------
	'100': {
		title: 'Invalid parameter',
		fix: 'Meta rejected a parameter of the request (unsupported, misspelled, too long, or the wrong ID). Read the details below; if the message mentions the ID in the URL, check that Phone Number ID is the "Phone number ID" from API Setup, not the WhatsApp Business Account ID shown next to it (both are long numbers).',
		retryable: false,
		httpStatus: 400,
	},
	'100:33': {
		title: 'Object does not exist or cannot be used with this token',
		fix: 'The ID in the request does not exist, or the Access Token cannot see it. For sending, Phone Number ID must be the "Phone number ID" from WhatsApp > API Setup, not the WhatsApp Business Account ID shown next to it (both are long numbers, their length does not tell them apart); for templates use the WhatsApp Business Account ID.',
		retryable: false,
		httpStatus: 400,
	},
	'100:2494010': {
		title: 'Template parameter invalid',
		fix: 'A template parameter is invalid. Compare the variables you send with the approved template (count, names and formats).',
		retryable: false,
		httpStatus: 400,
	},
	'33': {
		title: 'Business phone number deleted or wrong',
		fix: 'The phone number ID points to a number that was deleted or does not exist. Copy the current Phone Number ID from WhatsApp > API Setup into the credential.',
		retryable: false,
		httpStatus: 400,
	},
	'131008': {
		title: 'Required parameter missing',
		fix: 'A required field of the message is empty or missing. Check the node fields (recipient, message text, template name and language, media ID or link).',
		retryable: false,
		httpStatus: 400,
	},
	'131009': {
		title: 'Parameter value not valid',
		fix: 'A value in the request is not accepted, often the recipient number: send it in international (E.164) form with country code, e.g. +15551234567, and check other values (language code, media ID, button IDs).',
		retryable: false,
		httpStatus: 400,
	},
	'131021': {
		title: 'Recipient cannot be the sender',
		fix: 'The recipient is the business phone number itself. Send to a different WhatsApp number.',
		retryable: false,
		httpStatus: 400,
	},
	'131030': {
		title: 'Recipient not in the allowed list',
		fix: 'With a test phone number you can only message numbers on its allowlist: add the recipient under WhatsApp > API Setup > "To" > Manage phone number list (up to 5), or send from a registered production number.',
		retryable: false,
		// No HTTP status: Meta's current error-code page does not list 131030 at all.
	},
	'131051': {
		title: 'Unsupported message type',
		fix: 'This message type is not supported. Use one of text, template, image, video, audio, document, sticker, location, contacts, interactive or reaction.',
		retryable: false,
		httpStatus: 400,
	},
	'135000': {
		title: 'Generic user error',
		fix: 'Meta could not process the request parameters but gave no detail. Check the message fields and their formats; if it keeps happening with a valid request, contact Meta support with the fbtrace_id.',
		retryable: false,
		httpStatus: 400,
	},

	// --- throttling -------------------------------------------------------------------------
	'4': {
		title: 'App rate limit reached',
		fix: 'The Meta app made too many API calls. Wait and retry later (enable "Retry On Fail" or lower the node\'s rate), and reduce other calls made with this app.',
		retryable: true,
		httpStatus: 400,
	},
	'80007': {
		title: 'WhatsApp Business Account rate limit reached',
		fix: 'Too many management calls for this WhatsApp Business Account. Wait before retrying and avoid polling templates or phone numbers in a loop.',
		retryable: true,
		httpStatus: 400,
	},
	'130429': {
		title: 'Throughput limit reached',
		fix: "The phone number sent more messages per second than Meta allows (80/s by default). Lower the node's messages-per-second setting; the failed messages can be retried after a short wait.",
		retryable: true,
		httpStatus: 400,
	},
	'131048': {
		title: 'Spam rate limit hit',
		fix: "Meta restricted how many messages this number may send because many were blocked or flagged as spam. Check the number's quality in WhatsApp Manager and pause the campaign; immediate retries will fail.",
		retryable: false,
		httpStatus: 400,
	},
	'131056': {
		title: 'Too many messages to the same recipient',
		fix: 'Too many messages went from this business number to the same recipient in a short time. Wait before sending to that recipient again (other recipients are unaffected).',
		retryable: true,
		httpStatus: 400,
	},
	'131064': {
		title: 'Messaging limit due to template misclassification',
		fix: 'The account is limited because templates were submitted in the wrong category. Wait until the enforcement period ends and submit templates in the right category (marketing content as Marketing).',
		retryable: false,
	},
	'133016': {
		title: 'Registration rate limit exceeded',
		fix: 'Too many register/deregister attempts for this phone number. Wait until the number is unblocked before trying again.',
		retryable: true,
		httpStatus: 400,
	},

	// --- Meta side trouble ----------------------------------------------------------------------
	'1': {
		title: 'Unknown API error',
		fix: 'Meta reported an unknown error. Check metastatus.com; if there is no outage, check the request fields. A retry with back-off may help.',
		retryable: true,
		httpStatus: 400,
	},
	'2': {
		title: 'Graph API service temporarily unavailable',
		fix: 'Meta\'s service is down or overloaded. Retry later with back-off (enable "Retry On Fail").',
		retryable: true,
		httpStatus: 503,
	},
	'131000': {
		title: 'Something went wrong at Meta',
		fix: 'The message failed because of an unknown error at Meta. Retry; if it persists, contact Meta support with the fbtrace_id.',
		retryable: true,
		httpStatus: 500,
	},
	'131016': {
		title: 'Service unavailable',
		fix: 'A Meta service is temporarily unavailable. Check metastatus.com and retry later.',
		retryable: true,
		httpStatus: 500,
	},
	'131057': {
		title: 'Account in maintenance mode',
		fix: 'The WhatsApp Business Account is in maintenance (for example a throughput upgrade). Retry in a minute.',
		retryable: true,
		httpStatus: 500,
	},
	'133004': {
		title: 'Server temporarily unavailable',
		fix: "Meta's registration server is temporarily unavailable. Check metastatus.com and retry later.",
		retryable: true,
		httpStatus: 503,
	},

	// --- policy, account and billing ----------------------------------------------------------
	'368': {
		title: 'Temporarily blocked for policy violations',
		fix: 'The WhatsApp Business Account was restricted for a policy violation - often marketing content sent in a template submitted as Utility. Check Account Quality in WhatsApp Manager, submit promotional templates as Marketing, and do not retry automatically.',
		retryable: false,
		httpStatus: 403,
	},
	'130403': {
		title: 'Recipient blocked by the business',
		fix: 'This business has blocked the recipient on WhatsApp. Unblock the user before messaging them again.',
		retryable: false,
	},
	'130472': {
		title: 'Recipient is part of a Meta experiment',
		fix: 'Meta withheld this marketing message because the recipient is in an experiment group. Nothing to fix; do not resend.',
		retryable: false,
		httpStatus: 400,
	},
	'130497': {
		title: 'Messaging to this country is restricted',
		fix: "The WhatsApp Business Account may not message users in the recipient's country. Check the account's restrictions in WhatsApp Manager; retries will fail.",
		retryable: false,
	},
	'131031': {
		title: 'Business account locked',
		fix: "The WhatsApp Business Account is restricted or disabled (policy violation), or data in the request (such as a two-step PIN) could not be verified. Check the account's status in WhatsApp Manager.",
		retryable: false,
		httpStatus: 403,
	},
	'131037': {
		title: 'Display name not approved',
		fix: 'The sending number has no approved display name yet. Set or fix the display name in WhatsApp Manager and wait for approval.',
		retryable: false,
		httpStatus: 400,
	},
	'131042': {
		title: 'Payment method problem',
		fix: 'Meta could not charge the WhatsApp Business Account. Add or fix the payment method in Business Settings > WhatsApp accounts > Payment settings.',
		retryable: false,
		httpStatus: 400,
	},
	'131045': {
		title: 'Phone number not registered (certificate)',
		fix: 'The sending phone number has a registration problem. Register the number for Cloud API (POST /{phone-number-id}/register) or re-register it in WhatsApp Manager.',
		retryable: false,
		httpStatus: 500,
	},
	'131055': {
		title: 'Method not allowed on this API',
		fix: 'This API only accepts marketing template messages. Send a marketing template, or use the regular Cloud API messages endpoint.',
		retryable: false,
		httpStatus: 400,
	},
	'131063': {
		title: 'Marketing templates disabled for Cloud API',
		fix: 'Marketing templates are turned off for this account on Cloud API. Send it through the Marketing Messages API or re-enable marketing messages for Cloud API.',
		retryable: false,
	},
	'134011': {
		title: 'WhatsApp Payments terms not accepted',
		fix: "Accept the WhatsApp Payments terms of service for this WhatsApp Business Account (the link is in Meta's message), then retry.",
		retryable: false,
	},

	// --- delivery (often reported later in a "failed" status webhook) -----------------------------
	'131026': {
		title: 'Message undeliverable',
		fix: 'Meta could not deliver to this recipient: the number may not be on WhatsApp, uses an old app version, or has not accepted the latest terms. Check the number (E.164, with country code); do not retry blindly.',
		retryable: false,
		httpStatus: 400,
	},
	'131047': {
		title: 'Customer service window closed (24 hours)',
		fix: 'More than 24 hours passed since the recipient last wrote to you, so free-form messages are not delivered (the API may answer 200 and the message still never arrives). Send an approved template instead; free-form replies work again once the user answers.',
		retryable: false,
		httpStatus: 400,
	},
	'131049': {
		title: 'Not delivered to keep engagement healthy',
		fix: 'Meta held back this marketing message because the user received many marketing messages recently. Wait at least 24 hours before sending this user another marketing template.',
		retryable: false,
	},
	'131050': {
		title: 'Recipient stopped marketing messages',
		fix: 'The recipient opted out of marketing messages from your business. Do not resend marketing templates to this user.',
		retryable: false,
	},
	'131052': {
		title: "Could not download the user's media",
		fix: 'Meta could not download media the user sent. Ask the user to send it again; see the details for the reason.',
		retryable: false,
		httpStatus: 400,
	},
	'131053': {
		title: 'Media upload error',
		fix: 'The media for this message could not be used: check that the link is public HTTPS and the type and size are supported (e.g. JPEG/PNG up to 5 MB, MP4 up to 16 MB, PDF up to 100 MB). See the details.',
		retryable: false,
		httpStatus: 400,
	},

	// --- templates ------------------------------------------------------------------------------
	'132000': {
		title: 'Template parameter count mismatch',
		fix: 'The number of variables sent does not match the template. Provide exactly one value for every {{n}} / named variable in header, body and buttons.',
		retryable: false,
		httpStatus: 400,
	},
	'132001': {
		title: 'Template does not exist',
		fix: 'No approved template with this name exists in this language. Check the exact template name and language code (e.g. en_US vs en) and that its status is APPROVED in WhatsApp Manager.',
		retryable: false,
		httpStatus: 404,
	},
	'132005': {
		title: 'Template text too long',
		fix: 'The template text with your variable values filled in is too long. Shorten the variable values.',
		retryable: false,
		httpStatus: 400,
	},
	'132007': {
		title: 'Template violates WhatsApp policy',
		fix: 'The template content or a variable value breaks a WhatsApp formatting or content policy. Change the values (no newlines/tabs or more than 4 spaces in a row in variables) or edit the template.',
		retryable: false,
		httpStatus: 400,
	},
	'132012': {
		title: 'Template parameter format mismatch',
		fix: 'A variable value does not have the format the template expects (e.g. text where the header expects an image, positional values for a named template). Match each parameter to the template definition.',
		retryable: false,
		httpStatus: 400,
	},
	'132015': {
		title: 'Template paused',
		fix: 'The template is paused for low quality. Edit the template (or use another one) and wait for it to be active again.',
		retryable: false,
		httpStatus: 400,
	},
	'132016': {
		title: 'Template disabled',
		fix: 'The template was paused too often and is permanently disabled. Create a new template.',
		retryable: false,
		httpStatus: 400,
	},
	'132018': {
		title: 'Template validation error',
		fix: 'There is a problem with the template parameters. Compare every parameter you send with the template definition.',
		retryable: false,
		httpStatus: 400,
	},
	'132068': {
		title: 'Flow is blocked',
		fix: 'The WhatsApp Flow used in this message is blocked. Fix the Flow in WhatsApp Manager before sending it again.',
		retryable: false,
		httpStatus: 400,
	},
	'132069': {
		title: 'Flow is throttled',
		fix: "The Flow is throttled and already sent 10 messages in the last hour. Fix the Flow's health issues or wait for the hour to pass.",
		retryable: false,
		httpStatus: 400,
	},
	'2388019': {
		title: 'Message template limit reached',
		fix: 'The WhatsApp Business Account has the maximum number of templates. Delete unused templates or verify the business to raise the limit.',
		retryable: false,
	},

	// --- phone number registration ------------------------------------------------------------------
	'133000': {
		title: 'Incomplete deregistration',
		fix: 'A previous deregistration of this number failed. Deregister it again before registering.',
		retryable: false,
		httpStatus: 500,
	},
	'133005': {
		title: 'Two-step verification PIN mismatch',
		fix: 'The two-step verification PIN is wrong. Use the PIN set for this number, or reset it in WhatsApp Manager.',
		retryable: false,
		httpStatus: 400,
	},
	'133006': {
		title: 'Phone number needs re-verification',
		fix: 'Verify the phone number (request and enter a code) before registering it.',
		retryable: false,
		httpStatus: 400,
	},
	'133008': {
		title: 'Too many PIN guesses',
		fix: 'Too many wrong two-step verification PINs. Wait for the time given in the details before trying again.',
		retryable: true,
		httpStatus: 400,
	},
	'133009': {
		title: 'PIN entered too fast',
		fix: 'Two-step verification PINs were tried too quickly. Wait for the time given in the details, then retry.',
		retryable: true,
		httpStatus: 400,
	},
	'133010': {
		title: 'Phone number not registered',
		fix: 'The phone number is not registered on the WhatsApp Business Platform. Register it for Cloud API (WhatsApp Manager or POST /{phone-number-id}/register with a 6-digit PIN) before sending.',
		retryable: false,
		httpStatus: 400,
	},
	'133015': {
		title: 'Number was recently deleted',
		fix: 'The number was deleted recently and the deletion is not finished. Wait about 5 minutes, then register again.',
		retryable: true,
		httpStatus: 400,
	},

	// --- Marketing Messages API ---------------------------------------------------------------------
	'134100': {
		title: 'Only marketing messages supported',
		fix: 'This endpoint only sends marketing messages. Use a marketing template or the regular Cloud API endpoint.',
		retryable: false,
		httpStatus: 400,
	},
	'134101': {
		title: 'Template still syncing',
		fix: 'The template is still syncing (up to 10 minutes). Retry after a few minutes.',
		retryable: true,
		httpStatus: 400,
	},
	'134102': {
		title: 'Template unavailable for use',
		fix: "The template cannot be used on this API yet. Check the account's eligibility and onboarding status, or contact Meta support.",
		retryable: false,
		httpStatus: 500,
	},
};

/** Codes 200-299 are Graph's permission family: one shared explanation. */
const PERMISSION_FAMILY: GraphErrorDescription = {
	title: 'API permission missing',
	fix: "The Access Token lacks a permission needed for this call. Give it whatsapp_business_messaging and whatsapp_business_management and assign the WhatsApp Business Account to the token's System User.",
	retryable: false,
};

/** Fallbacks by HTTP status when Meta's code is unknown or missing. */
function describeByHttpStatus(
	code: number | undefined,
	httpStatus: number | undefined,
): GraphErrorDescription {
	const codeText = code === undefined ? '' : ` (code ${code})`;
	if (httpStatus === 429) {
		return {
			title: 'Too many requests',
			fix: 'The API is throttling requests. Wait and retry (enable "Retry On Fail") or lower the node\'s rate.',
			retryable: true,
		};
	}
	if (httpStatus !== undefined && httpStatus >= 500) {
		return {
			title: `Graph API server error${codeText}`,
			fix: 'Meta (or the server at the API Base URL) failed to process the request. Retry later; check metastatus.com if it persists.',
			retryable: true,
		};
	}
	if (httpStatus === 401) {
		return {
			title: `Not authorized${codeText}`,
			fix: 'The Access Token was rejected. Paste a valid token into the credential (a System User token does not expire; temporary API Setup tokens last 24 hours).',
			retryable: false,
		};
	}
	if (httpStatus === 403) {
		return {
			title: `Forbidden${codeText}`,
			fix: 'The Access Token is not allowed to do this. Check its permissions (whatsapp_business_messaging, whatsapp_business_management) and that the phone number and WhatsApp Business Account are assigned to it.',
			retryable: false,
		};
	}
	if (httpStatus === 404) {
		return {
			title: `Not found${codeText}`,
			fix: 'Nothing exists at this address. Check the Phone Number ID / WhatsApp Business Account ID, the Graph API Version (e.g. v24.0) and the API Base URL (default https://graph.facebook.com, without a version or trailing path).',
			retryable: false,
		};
	}
	return {
		title:
			code === undefined
				? `Graph API request failed${httpStatus ? ` (HTTP ${httpStatus})` : ''}`
				: `WhatsApp Cloud API error ${code}`,
		fix: "Meta rejected the request. Read Meta's message and details, correct the node's fields, and look the code up in Meta's WhatsApp Cloud API error-code reference if needed.",
		retryable: false,
	};
}

/**
 * Title, one-line fix and retryability for a Graph error. Every argument is optional: an
 * unknown code falls back to the HTTP status (429 and 5xx are retryable), then to a generic
 * explanation.
 */
export function describeGraphError(
	code?: number,
	subcode?: number,
	httpStatus?: number,
): GraphErrorDescription {
	if (code !== undefined && subcode !== undefined) {
		const specific = ERROR_CATALOG[`${code}:${subcode}`];
		if (specific)
			return { title: specific.title, fix: specific.fix, retryable: specific.retryable };
	}
	if (code !== undefined) {
		const entry = ERROR_CATALOG[String(code)];
		if (entry) return { title: entry.title, fix: entry.fix, retryable: entry.retryable };
		if (code >= 200 && code <= 299) return { ...PERMISSION_FAMILY };
	}
	return describeByHttpStatus(code, httpStatus);
}

/** The codes the catalog knows (numeric part only, without subcode refinements). */
export function catalogedCodes(): number[] {
	return Object.keys(ERROR_CATALOG)
		.filter((key) => !key.includes(':'))
		.map(Number)
		.sort((a, b) => a - b);
}
