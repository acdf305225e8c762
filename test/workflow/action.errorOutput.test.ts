/**
 * Failed items and n8n's error settings: with "On Error: Continue (using error output)" a failed
 * item must leave through the error output (n8n routes items that carry `error`), while the sent
 * ones stay on the success output; and a template read that fails for a passing reason is read
 * again instead of failing the items that need it.
 */
import { graphError, startFakeGraph, type FakeGraph } from '../support/fakeGraph';
import * as t from '../support/templates.fixtures';
import {
	accepted,
	MESSAGES_PATH,
	run,
	sends,
	serveTemplates,
	TEMPLATES_PATH,
	TOKEN,
} from '../support/actionNode';

let graph: FakeGraph;
beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => graph.reset());
afterAll(async () => graph.close());

const sendText = {
	resource: 'message',
	operation: 'sendText',
	text: 'hello',
	recipient: '={{ $json.to }}',
};
const inputItems = [
	{ to: '+14155550101' },
	{ to: '+14155550102' },
	{ to: 'call me maybe' },
	{ to: '+14155550104' },
];

describe('On Error: Continue (using error output)', () => {
	it('sent items go to the success output, failed ones to the error output, each with pairedItem', async () => {
		graph.on('POST', MESSAGES_PATH, (req) =>
			req.json?.to === '+14155550102'
				? graphError(131030, '(#131030) Recipient phone number not in allowed list')
				: accepted(req),
		);
		const { outputs, error } = await run(graph, sendText, {
			inputItems,
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		const [success, failed] = outputs;
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(success.map((item) => item.json.recipient)).toEqual(['+14155550101', '+14155550104']);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		// n8n adds the input item's fields; our facts are under `details`.
		expect(failed[0].json).toMatchObject({
			to: '+14155550102',
			error: 'WhatsApp error 131030: Recipient not in the allowed list',
			details: {
				operation: 'sendText',
				code: 131030,
				recipient: '+14155550102',
				fix: expect.stringMatching(/allowlist/),
			},
		});
		expect(failed[1].json).toMatchObject({
			to: 'call me maybe',
			error: expect.stringMatching(/^Invalid phone number "call me maybe"/),
			details: { field: 'recipient', recipient: 'call me maybe' },
		});
		expect(JSON.stringify(outputs)).not.toContain(TOKEN);
	});

	it('with plain "Continue" every item stays on the one output, in input order', async () => {
		graph.on('POST', MESSAGES_PATH, (req) =>
			req.json?.to === '+14155550102'
				? graphError(131030, '(#131030) Recipient phone number not in allowed list')
				: accepted(req),
		);
		const { outputs, items, error } = await run(graph, sendText, {
			inputItems,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(outputs.length === 1 || outputs[1].length === 0).toBe(true);
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items.map((item) => item.json.code ?? item.json.messageId !== undefined)).toEqual([
			true,
			131030,
			false,
			true,
		]);
		expect(items[1].json).toMatchObject({
			code: 131030,
			recipient: '+14155550102',
			fix: expect.stringMatching(/allowlist/),
		});
		expect(items[2].json).toMatchObject({ field: 'recipient', recipient: 'call me maybe' });
	});
});

describe('a template read that fails for a passing reason', () => {
	const sendTemplate = {
		resource: 'message',
		operation: 'sendTemplate',
		recipient: '={{ $json.to }}',
		template: { __rl: true, mode: 'list', value: 'plain_notice:en_US' },
		variables: {
			mappingMode: 'defineBelow',
			value: { body_1: 'Gym closed' },
			matchingColumns: [],
			schema: [],
		},
		sending: { retries: 3 },
	};

	it('is read again on the retry (Continue On Fail), so every item is sent', async () => {
		graph.once('GET', TEMPLATES_PATH, {
			status: 503,
			json: {
				error: { message: 'Service temporarily unavailable', code: 2, fbtrace_id: 'Atrace2' },
			},
		});
		serveTemplates(graph, t.allTemplates, 50);
		graph.on('POST', MESSAGES_PATH, (req) => accepted(req));
		const { items, error } = await run(graph, sendTemplate, {
			inputItems: [{ to: '+14155550101' }, { to: '+14155550102' }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.messageId)).toEqual([
			expect.stringMatching(/^wamid\./),
			expect.stringMatching(/^wamid\./),
		]);
		expect(graph.find('GET', TEMPLATES_PATH).length).toBeGreaterThanOrEqual(2);
		expect(sends(graph)).toHaveLength(2);
	});

	it('a template that does not exist fails its items at once, without retries or sends', async () => {
		serveTemplates(graph, t.allTemplates, 50);
		const { items, error } = await run(
			graph,
			{ ...sendTemplate, template: { __rl: true, mode: 'name', value: 'no_such_template:en_US' } },
			{ inputItems: [{ to: '+14155550101' }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(String(items[0].json.error)).toMatch(/no_such_template/);
		expect(sends(graph)).toHaveLength(0);
	});
});
