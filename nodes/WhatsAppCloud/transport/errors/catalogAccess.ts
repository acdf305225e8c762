/**
 * Error catalogue entries for getting a request accepted at all: the access token and
 * permissions, wrong IDs and parameters, throttling, and trouble on Meta's side.
 */
import type { CatalogEntry } from './catalogEntry';

const SYSTEM_USER_TOKEN =
	'Create a permanent System User token in Meta Business Settings > Users > System users (with whatsapp_business_messaging and whatsapp_business_management) and paste it into the credential';

export const ACCESS_ERRORS: Readonly<Record<string, CatalogEntry>> = {
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
};
