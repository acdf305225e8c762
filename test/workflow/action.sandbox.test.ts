/**
 * The action node against the project's Cloud API sandbox (which checks what Meta checks:
 * template exists and is approved, variable count and names per component, button parameters).
 * Every seeded template is discovered through the resource mapper, filled and sent: if our
 * variable discovery or components were wrong, the sandbox would answer 132000/132001.
 */
import type { INodeParameters, ResourceMapperValue } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { SEED, seedTemplates, startSandbox, TEMPLATE, type SandboxHandle } from '../../sandbox';
import { runListSearch, runResourceMapping } from '../support/n8n/loadOptions';
import { runNode } from '../support/n8n/runNode';

let sb: SandboxHandle;
beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
});
afterAll(async () => sb.close());

const setup = (parameters: INodeParameters) => ({
	nodeType: WhatsAppCloud,
	credentialTypes: [new WhatsAppCloudApi()],
	credentials: { whatsAppCloudApi: { ...sb.credentials } },
	parameters,
});

/** A plausible value for each kind of variable key. */
function valueFor(key: string): string | number {
	if (key === 'header_image') return SEED.media.image;
	if (key === 'header_video') return SEED.media.video;
	if (key === 'header_document') return SEED.media.document;
	if (key === 'header_document_filename') return 'invoice.pdf';
	if (key === 'header_latitude') return 52.5208;
	if (key === 'header_longitude') return 13.4094;
	if (key.startsWith('header_location')) return 'Workshop';
	if (key.endsWith('_coupon_code')) return 'SPOKE10';
	if (key.endsWith('_url')) return 'ref-42';
	if (key.endsWith('_payload')) return 'PAYLOAD';
	if (key.endsWith('_flow_token')) return 'flow-token-1';
	if (key.endsWith('_flow_action_data')) return '';
	if (key.endsWith('_otp_code')) return '123456';
	if (key === 'offer_expiration_time_ms') return 1893456000000;
	return `v-${key}`;
}

const approved = seedTemplates().filter((t) => t.status === 'APPROVED');
const recipient = SEED.users[0].waId;

describe('every approved seeded template: discovered, filled and accepted by the sandbox', () => {
	it.each(approved.map((t) => [`${t.name}:${t.language}`]))('%s', async (value) => {
		const template = { __rl: true, mode: 'list', value };
		const base = { resource: 'message', operation: 'sendTemplate', recipient, template };
		const { fields } = await runResourceMapping({ ...setup(base), method: 'getTemplateVariables' });
		const values: Record<string, string | number> = Object.fromEntries(
			fields.map((f) => [f.id, valueFor(f.id)]),
		);
		if (value === `${TEMPLATE.currencyDate}:en_US`)
			Object.assign(values, { body_1: 49.9, body_2: 'May 3, 2026' });
		const options =
			value === `${TEMPLATE.currencyDate}:en_US`
				? {
						variableFormats: {
							values: [
								{ variable: 'body_1', format: 'currency', currencyCode: 'USD' },
								{ variable: 'body_2', format: 'date_time' },
							],
						},
					}
				: {};
		const { items, error } = await runNode({
			...setup({
				...base,
				variables: {
					mappingMode: 'defineBelow',
					value: values,
					matchingColumns: [],
					schema: fields,
					attemptToConvertTypes: false,
					convertFieldsToString: false,
				} satisfies ResourceMapperValue,
				options,
			}),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ operation: 'sendTemplate', recipient: `+${recipient}` });
		expect(items[0].json.error).toBeUndefined();
		expect(items[0].json.messageId).toMatch(/^wamid\./);
		const record = sb.sandbox.getMessage(String(items[0].json.messageId));
		expect(record?.outcome).toBe('accepted');
	});
});

describe('sandbox realism', () => {
	it('the list search reads all pages of the 40 seeded templates', async () => {
		const { results } = await runListSearch({
			...setup({ resource: 'message', operation: 'sendTemplate' }),
			method: 'searchTemplates',
		});
		expect(results).toHaveLength(approved.length);
	});

	it('Template > List returns every seeded template', async () => {
		const { items } = await runNode(setup({ resource: 'template', operation: 'list' }));
		expect(items).toHaveLength(seedTemplates().length);
	});

	it.each([TEMPLATE.pending, TEMPLATE.rejected, TEMPLATE.paused])(
		'%s is refused before sending, naming its status',
		async (name) => {
			const before = sb.sandbox.listMessages().total;
			const { items } = await runNode({
				...setup({
					resource: 'message',
					operation: 'sendTemplate',
					recipient,
					template: { __rl: true, mode: 'name', value: name },
					variables: {
						mappingMode: 'defineBelow',
						value: { body_1: 'x', body_2: 'y' },
						matchingColumns: [],
						schema: [],
					},
				}),
				continueOnFail: true,
			});
			expect(String(items[0].json.error)).toMatch(
				/is not approved \(status (PENDING|REJECTED|PAUSED)\), so it cannot be sent/,
			);
			expect(sb.sandbox.listMessages().total).toBe(before);
		},
	);

	it('a text reply with reply-to is accepted', async () => {
		const { items } = await runNode(
			setup({
				resource: 'message',
				operation: 'sendText',
				recipient,
				text: 'Your bike is ready',
				options: { replyToMessageId: 'wamid.previous' },
			}),
		);
		expect(items[0].json.messageId).toMatch(/^wamid\./);
	});
});
