/**
 * Error catalogue entries for what happens to a message once the request is accepted: policy and
 * billing, delivery failures (often reported later in a "failed" status), templates, phone number
 * registration and the Marketing Messages API.
 */
import type { CatalogEntry } from './catalogEntry';

export const MESSAGING_ERRORS: Readonly<Record<string, CatalogEntry>> = {
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
