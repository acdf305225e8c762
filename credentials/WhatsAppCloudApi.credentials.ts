/**
 * The WhatsApp Cloud API credential: access token, phone number ID, business account ID, app
 * secret and webhook verify token, sent as a Bearer header, with a test that reads the phone number.
 */
import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Messages the credential test shows, by the HTTP status Meta answers GET /{phone-number-id}
 * with. n8n's declarative credential test can only match on the HTTP status (see
 * CredentialsTester.runRequestTest in n8n's cli), so each status is mapped to the field that
 * usually causes it: 401 is Meta's code 190 (token). 400 is usually code 100 (the ID in the URL
 * is not a phone number ID), but Graph also answers some token problems with 400 and code 190
 * ("Invalid OAuth access token - Cannot parse access token", "Malformed access token"), so the
 * 400 message names both causes, the likelier first.
 */
export const CREDENTIAL_TEST_MESSAGES = {
	400: 'Meta refused the request (HTTP 400). Most likely the Phone Number ID is not one (error 100), e.g. it holds the WhatsApp Business Account ID shown next to it: copy the "Phone number ID" from WhatsApp > API Setup (both are long numbers, so their length does not tell them apart). Otherwise Meta cannot parse the Access Token (error 190): paste the complete token again, with nothing cut off or added (no quotes, spaces or line breaks inside it). Also check that Graph API Version looks like v24.0.',
	401: 'The Access Token is invalid or expired (error 190). Temporary tokens from API Setup die after 24 hours: create a System User token in Meta Business Settings > Users > System users and paste only the token, without "Bearer ".',
	403: 'The Access Token may not read this phone number (error 10/200). Give the token whatsapp_business_messaging and whatsapp_business_management, and assign the WhatsApp Business Account to its System User.',
	404: 'Nothing answered at this address. Check API Base URL (e.g. https://graph.facebook.com, no version or path after it) and Graph API Version (e.g. v24.0).',
	429: 'Meta is rate-limiting this app right now. The credential may be fine: test again in a minute.',
	500: 'Meta (or the server at API Base URL) failed with an internal error. Test again later; if you use a proxy or the local sandbox in API Base URL, check that it is running.',
	502: 'The server at API Base URL answered "bad gateway". If you use a proxy or the local sandbox there, check that it is running and forwards to Meta.',
	503: 'The Graph API (or the server at API Base URL) is unavailable right now. Test again later.',
} as const;

const testRules = (
	Object.keys(CREDENTIAL_TEST_MESSAGES) as Array<`${keyof typeof CREDENTIAL_TEST_MESSAGES}`>
).map((status) => ({
	type: 'responseCode' as const,
	properties: {
		value: Number(status),
		message: CREDENTIAL_TEST_MESSAGES[Number(status) as keyof typeof CREDENTIAL_TEST_MESSAGES],
	},
}));

/** The token as pasted, without surrounding spaces or a leading "Bearer ". */
export function bearerToken(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/^Bearer\s+/i, '');
}

export class WhatsAppCloudApi implements ICredentialType {
	name = 'whatsAppCloudApi';

	displayName = 'WhatsApp Cloud API';

	icon: Icon = { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' };

	documentationUrl = 'https://developers.facebook.com/docs/whatsapp/cloud-api/get-started';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A System User access token (Meta Business Settings > Users > System users > Generate new token, with whatsapp_business_messaging and whatsapp_business_management). The temporary token on WhatsApp > API Setup works for 24 hours only.',
		},
		{
			displayName: 'Phone Number ID',
			name: 'phoneNumberId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '106540352242922',
			// Meta does not fix the length of either ID: its own examples show 15-digit WABA IDs
			// (102290129340398) and 15- and 16-digit phone number IDs, so the hint names the label.
			hint: 'The "Phone number ID" from WhatsApp > API Setup, not the WhatsApp Business Account ID shown next to it',
			description:
				'ID of the business phone number that sends messages (it is not the phone number itself)',
		},
		{
			displayName: 'WhatsApp Business Account ID',
			name: 'businessAccountId',
			type: 'string',
			default: '',
			placeholder: '102290129340398',
			description:
				'The "WhatsApp Business Account ID" shown under the phone number on WhatsApp > API Setup. Needed to list and manage templates and to subscribe the app to webhooks.',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'From App settings > Basic > App secret in the Meta app dashboard. The trigger uses it to check the X-Hub-Signature-256 of every webhook.',
		},
		{
			displayName: 'Webhook Verify Token',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Any string you choose. Type the same value into WhatsApp > Configuration > Webhook > Verify token in the Meta app dashboard.',
		},
		{
			displayName: 'Graph API Version',
			name: 'apiVersion',
			type: 'string',
			default: 'v24.0',
			placeholder: 'v24.0',
			description: 'Graph API version used in every request URL, e.g. v24.0',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://graph.facebook.com',
			description:
				'Keep https://graph.facebook.com for Meta. Change it only for the local sandbox or a corporate proxy. If the credential test fails with ECONNREFUSED, ENOTFOUND or ETIMEDOUT, this URL cannot be reached.',
		},
	];

	/**
	 * Authorization: Bearer <token> header, never a query parameter. A function rather than a
	 * generic block with an expression: n8n 2.x evaluates a generic block's expression in its
	 * expression sandbox on every request, which measured about 1 ms of CPU per message (13% of
	 * the n8n process's time in a broadcast); this does the same thing directly. Tolerates a token
	 * pasted with its "Bearer " prefix or surrounding spaces.
	 */
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: {
			...(requestOptions.headers ?? {}),
			Authorization: `Bearer ${bearerToken(credentials.accessToken)}`,
		},
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ String($credentials.baseUrl || "https://graph.facebook.com").trim().replace(/\\/+$/, "") }}/{{ String($credentials.apiVersion || "v24.0").trim() }}',
			url: '=/{{ String($credentials.phoneNumberId).trim() }}',
			method: 'GET',
			qs: {
				fields: 'display_phone_number,verified_name,quality_rating',
			},
		},
		rules: testRules,
	};
}
