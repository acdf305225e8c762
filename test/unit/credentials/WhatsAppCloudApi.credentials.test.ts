/**
 * The WhatsApp Cloud API credential: fields, the authenticate block, and the credential test as
 * n8n's CredentialsTester runs it (the harness's runCredentialTest does what
 * CredentialsTester.runRequestTest does: a RoutingNode request on a real n8n-core ExecuteContext,
 * then the `responseCode` rules), against a local server that plays Meta.
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	bearerToken,
	CREDENTIAL_TEST_MESSAGES,
	WhatsAppCloudApi,
} from '../../../credentials/WhatsAppCloudApi.credentials';
import { startFakeGraph, type FakeGraph } from '../../support/fakeGraph';
import { runCredentialTest } from '../../support/n8n/credentialTest';

const TOKEN = 'EAAGcredTestTOKEN0123456789abcdef';
const PHONE_ID = '106540352242922';
const credential = new WhatsAppCloudApi();

function field(name: string): INodeProperties {
	const property = credential.properties.find((p) => p.name === name);
	if (!property) throw new Error(`no field ${name}`);
	return property;
}

describe('credential fields', () => {
	it('is named whatsAppCloudApi / "WhatsApp Cloud API" with light and dark icons', () => {
		expect(credential.name).toBe('whatsAppCloudApi');
		expect(credential.displayName).toBe('WhatsApp Cloud API');
		expect(credential.icon).toEqual({ light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' });
		expect(credential.documentationUrl).toMatch(/^https:\/\/developers\.facebook\.com\//);
	});

	it('has exactly the contract fields, in order', () => {
		expect(credential.properties.map((p) => p.name)).toEqual([
			'accessToken',
			'phoneNumberId',
			'businessAccountId',
			'appSecret',
			'verifyToken',
			'apiVersion',
			'baseUrl',
		]);
	});

	it.each(['accessToken', 'appSecret', 'verifyToken'])('%s is a password field', (name) => {
		expect(field(name).typeOptions?.password).toBe(true);
		expect(field(name).type).toBe('string');
	});

	it.each(['phoneNumberId', 'businessAccountId', 'apiVersion', 'baseUrl'])(
		'%s is a plain string field',
		(name) => {
			expect(field(name).type).toBe('string');
			expect(field(name).typeOptions?.password).toBeUndefined();
		},
	);

	it('defaults: Graph v24.0 on https://graph.facebook.com', () => {
		expect(field('apiVersion').default).toBe('v24.0');
		expect(field('baseUrl').default).toBe('https://graph.facebook.com');
	});

	it('token and phone number ID are required; the phone number ID hint warns about the WABA ID', () => {
		expect(field('accessToken').required).toBe(true);
		expect(field('phoneNumberId').required).toBe(true);
		expect(field('phoneNumberId').hint).toMatch(
			/"Phone number ID".*API Setup.*not the WhatsApp Business Account ID/,
		);
		// Meta does not fix either ID's length (its examples have 15-digit WABA IDs): no digit counts.
		expect(field('phoneNumberId').hint).not.toMatch(/digit/);
	});

	it("descriptions say where each value comes from in Meta's dashboard", () => {
		expect(field('accessToken').description).toMatch(/System User.*24 hours/);
		expect(field('businessAccountId').description).toMatch(/API Setup.*templates.*webhooks/);
		expect(field('appSecret').description).toMatch(/App settings > Basic > App secret/);
		expect(field('verifyToken').description).toMatch(/Verify token/);
		expect(field('baseUrl').description).toMatch(
			/sandbox or a corporate proxy.*ECONNREFUSED, ENOTFOUND or ETIMEDOUT/,
		);
	});
});

describe('authenticate', () => {
	const authenticate = credential.authenticate as Exclude<
		typeof credential.authenticate,
		{ type: 'generic' }
	>;

	it('sets Authorization: Bearer <token> as a header, keeps other headers, adds no query parameter', async () => {
		expect(typeof authenticate).toBe('function');
		const out = await authenticate(
			{ accessToken: TOKEN },
			{
				url: 'https://graph.facebook.com/v24.0/1',
				headers: { Accept: 'application/json' },
				qs: { fields: 'id' },
			},
		);
		expect(out.headers).toEqual({ Accept: 'application/json', Authorization: `Bearer ${TOKEN}` });
		expect(out.qs).toEqual({ fields: 'id' });
		expect(out.url).toBe('https://graph.facebook.com/v24.0/1');
		expect(JSON.stringify({ url: out.url, qs: out.qs })).not.toContain(TOKEN);
	});

	it.each([
		[` ${TOKEN} `, TOKEN],
		[`Bearer ${TOKEN}`, TOKEN],
		[`bearer   ${TOKEN}\n`, TOKEN],
	])('tolerates a pasted token %j', async (pasted, expected) => {
		const out = await authenticate(
			{ accessToken: pasted },
			{ url: 'https://graph.facebook.com/v24.0/1' },
		);
		expect(out.headers?.Authorization).toBe(`Bearer ${expected}`);
		expect(bearerToken(pasted)).toBe(expected);
	});
});

describe('credential test (as n8n runs it)', () => {
	let graph: FakeGraph;
	beforeAll(async () => {
		graph = await startFakeGraph();
	});
	afterAll(async () => {
		await graph.close();
	});
	beforeEach(() => graph.reset());

	const test = async (data: Record<string, unknown> = {}) =>
		await runCredentialTest({
			credentialType: credential,
			credentials: { accessToken: TOKEN, phoneNumberId: PHONE_ID, baseUrl: graph.url, ...data },
		});

	it('declares GET {base}/{version}/{phone number id}?fields=display_phone_number,verified_name,quality_rating', () => {
		expect(credential.test.request.method).toBe('GET');
		expect(credential.test.request.qs).toEqual({
			fields: 'display_phone_number,verified_name,quality_rating',
		});
	});

	it('succeeds on a phone number object and sends exactly that request', async () => {
		graph.on('GET', `/v24.0/${PHONE_ID}`, {
			json: {
				display_phone_number: '+1 555-010-0000',
				verified_name: 'Test Shop',
				quality_rating: 'GREEN',
				id: PHONE_ID,
			},
		});
		expect(await test()).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(graph.requests).toHaveLength(1);
		const [req] = graph.requests;
		expect(req.method).toBe('GET');
		expect(req.path).toBe(`/v24.0/${PHONE_ID}`);
		expect(req.query).toEqual({ fields: 'display_phone_number,verified_name,quality_rating' });
		expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(req.url).not.toContain(TOKEN);
	});

	it('uses the configured version, trims a trailing slash and spaces, strips a pasted "Bearer "', async () => {
		graph.on('GET', `/v23.0/${PHONE_ID}`, { json: { id: PHONE_ID } });
		const result = await test({
			apiVersion: ' v23.0 ',
			baseUrl: `${graph.url}/`,
			phoneNumberId: ` ${PHONE_ID} `,
			accessToken: `Bearer ${TOKEN}`,
		});
		expect(result.status).toBe('OK');
		expect(graph.requests[0].path).toBe(`/v23.0/${PHONE_ID}`);
		expect(graph.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
	});

	it('an expired or invalid token (190, HTTP 401) points at the Access Token field', async () => {
		graph.on('GET', /.*/, {
			status: 401,
			json: {
				error: {
					message: 'Error validating access token: Session has expired',
					type: 'OAuthException',
					code: 190,
					error_subcode: 463,
					fbtrace_id: 'X',
				},
			},
		});
		const result = await test();
		expect(result.status).toBe('Error');
		expect(result.message).toBe(CREDENTIAL_TEST_MESSAGES[401]);
		expect(result.message).toMatch(
			/Access Token is invalid or expired \(error 190\).*24 hours.*System User token/,
		);
	});

	it('the WABA ID in Phone Number ID (100, HTTP 400) points at the Phone Number ID field', async () => {
		const wabaId = '1029384756102938';
		graph.on('GET', `/v24.0/${wabaId}`, {
			status: 400,
			json: {
				error: {
					message:
						'(#100) Tried accessing nonexisting field (display_phone_number) on node type (WhatsAppBusinessAccount)',
					type: 'OAuthException',
					code: 100,
					fbtrace_id: 'Y',
				},
			},
		});
		const result = await test({ phoneNumberId: wabaId });
		expect(result.status).toBe('Error');
		expect(result.message).toBe(CREDENTIAL_TEST_MESSAGES[400]);
		expect(result.message).toMatch(
			/Phone Number ID is not one \(error 100\).*WhatsApp Business Account ID.*copy the "Phone number ID" from WhatsApp > API Setup/,
		);
		expect(result.message).not.toMatch(/\d+-digit/);
	});

	it('a token Meta cannot parse (190, HTTP 400) gets the same message, which also names the token and its fix', async () => {
		graph.on('GET', /.*/, {
			status: 400,
			json: {
				error: {
					message: 'Invalid OAuth access token - Cannot parse access token',
					type: 'OAuthException',
					code: 190,
					fbtrace_id: 'Z',
				},
			},
		});
		const result = await test({ accessToken: 'EAAtruncat' });
		expect(result.status).toBe('Error');
		expect(result.message).toBe(CREDENTIAL_TEST_MESSAGES[400]);
		// Both causes, the likelier first, each with its fix.
		const text = result.message;
		expect(text.indexOf('Phone Number ID')).toBeGreaterThanOrEqual(0);
		expect(text.indexOf('Phone Number ID')).toBeLessThan(text.indexOf('Access Token'));
		expect(text).toMatch(
			/Meta cannot parse the Access Token \(error 190\): paste the complete token again/,
		);
		// Not blamed on the Phone Number ID alone any more.
		expect(text).not.toMatch(/^Meta does not know this Phone Number ID/);
		// 401 still points at the token only.
		expect(CREDENTIAL_TEST_MESSAGES[401]).toMatch(
			/^The Access Token is invalid or expired \(error 190\)/,
		);
		expect(CREDENTIAL_TEST_MESSAGES[401]).not.toMatch(/Phone Number ID/);
	});

	it('missing permissions (HTTP 403) and a wrong base URL path (HTTP 404) are explained', async () => {
		graph.once('GET', /.*/, {
			status: 403,
			json: { error: { message: '(#10) Permission denied', code: 10 } },
		});
		expect((await test()).message).toMatch(/whatsapp_business_messaging/);
		graph.once('GET', /.*/, { status: 404, body: 'Not Found' });
		expect((await test()).message).toMatch(/Check API Base URL/);
	});

	it('rate limiting and server errors say the credential may be fine', async () => {
		graph.once('GET', /.*/, { status: 429, json: { error: { message: 'limit', code: 4 } } });
		expect((await test()).message).toMatch(/rate-limiting.*test again/);
		graph.once('GET', /.*/, { status: 503, body: 'down' });
		expect((await test()).message).toMatch(/unavailable/);
	});

	it('a base URL where nothing listens fails with the network code (n8n shows only the code for network failures)', async () => {
		const closed = await startFakeGraph();
		await closed.close();
		const result = await test({ baseUrl: closed.url });
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
		// That is why the API Base URL field itself explains these codes.
		expect(field('baseUrl').description).toContain('ECONNREFUSED');
	});

	it('has one rule per HTTP status it explains', () => {
		expect(credential.test.rules?.map((r) => (r.properties as { value: number }).value)).toEqual([
			400, 401, 403, 404, 429, 500, 502, 503,
		]);
	});
});
