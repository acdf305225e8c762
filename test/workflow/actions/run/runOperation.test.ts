/**
 * The run loop under n8n's error settings, against a fake Graph: with "On Error: Continue (using
 * error output)" a failed item leaves through the error output (n8n routes items that carry
 * `error`) while the sent ones stay on the success output; each Graph error Meta answers a send
 * with becomes an error item (Continue On Fail) or the node's error, with Meta's code, our title,
 * the fix and fbtrace_id, never the access token; bad input is never sent.
 */
import type { INodeParameters } from 'n8n-workflow';

import {
	accepted,
	credentials,
	MESSAGES_PATH,
	run,
	sends,
	serveTemplates,
	TOKEN,
} from '../../../support/actionNode';
import {
	graphError,
	startFakeGraph,
	type FakeGraph,
	type FakeResponse,
} from '../../../support/fakeGraph';
import * as t from '../../../support/templates.fixtures';

let graph: FakeGraph;
beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => graph.reset());
afterAll(async () => graph.close());

describe('On Error: Continue (using error output)', () => {
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

describe('Graph errors as a user sees them', () => {
	beforeEach(() => serveTemplates(graph, t.allTemplates, 50));

	const sendText = {
		resource: 'message',
		operation: 'sendText',
		recipient: '+14155550101',
		text: 'hello',
	};
	const sendTemplate = {
		resource: 'message',
		operation: 'sendTemplate',
		recipient: '+14155550101',
		template: { __rl: true, mode: 'list', value: 'plain_notice:en_US' },
		variables: {
			mappingMode: 'defineBelow',
			value: { body_1: 'Gym closed' },
			matchingColumns: [],
			schema: [],
		},
	};

	interface Case {
		code: number;
		answer: FakeResponse;
		parameters: INodeParameters;
		error: string;
		fix: RegExp;
	}

	const cases: Case[] = [
		{
			code: 100,
			answer: graphError(100, '(#100) Invalid parameter', {
				details: 'Parameter value is not valid',
				fbtraceId: 'Atrace100',
			}),
			parameters: sendText,
			error: 'WhatsApp error 100: Invalid parameter',
			fix: /^Meta rejected a parameter of the request/,
		},
		{
			code: 131030,
			answer: graphError(131030, '(#131030) Recipient phone number not in allowed list', {
				fbtraceId: 'Atrace131030',
			}),
			parameters: sendText,
			error: 'WhatsApp error 131030: Recipient not in the allowed list',
			fix: /add the recipient under WhatsApp > API Setup/,
		},
		{
			code: 131047,
			answer: graphError(131047, 'Re-engagement message', { fbtraceId: 'Atrace131047' }),
			parameters: sendText,
			error: 'WhatsApp error 131047: Customer service window closed (24 hours)',
			fix: /Send an approved template instead/,
		},
		{
			code: 132000,
			answer: graphError(
				132000,
				'(#132000) Number of parameters does not match the expected number of params',
				{ fbtraceId: 'Atrace132000' },
			),
			parameters: sendTemplate,
			error: 'WhatsApp error 132000: Template parameter count mismatch',
			fix: /^The template's variables changed in Meta; reopen the node to refresh the variable fields/,
		},
		{
			code: 132001,
			answer: graphError(132001, '(#132001) Template name does not exist in the translation', {
				status: 404,
				fbtraceId: 'Atrace132001',
			}),
			parameters: sendTemplate,
			error: 'WhatsApp error 132001: Template does not exist',
			fix: /^The template does not exist in this language, or is not approved yet: choose it again from the list/,
		},
	];

	describe.each(cases)('Graph error $code', ({ code, answer, parameters, error, fix }) => {
		it('under Continue On Fail: an error item with code, title, fix, fbtrace_id', async () => {
			graph.on('POST', MESSAGES_PATH, answer);
			const { items, error: runError } = await run(graph, parameters, { continueOnFail: true });
			expect(runError).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items[0].pairedItem).toEqual({ item: 0 });
			expect(items[0].json).toMatchObject({
				operation: parameters.operation,
				recipient: '+14155550101',
				error,
				code,
				fbtraceId: `Atrace${code}`,
				retryable: false,
			});
			expect(String(items[0].json.fix)).toMatch(fix);
			expect(String(items[0].json.title).length).toBeGreaterThan(5);
			expect(JSON.stringify(items)).not.toContain(TOKEN);
		});

		it('without it: the node stops with the same message and fix', async () => {
			graph.on('POST', MESSAGES_PATH, answer);
			const { error: runError } = await run(graph, parameters);
			expect(runError?.message).toBe(error);
			const fixLine = /^Fix: (.*)$/m.exec(String(runError?.description))?.[1];
			expect(fixLine).toMatch(fix);
			expect(runError?.description).toContain(`fbtrace_id Atrace${code}`);
			expect(JSON.stringify(runError)).not.toContain(TOKEN);
		});
	});

	it('a network failure before Meta answered is an error item naming the base URL', async () => {
		const closed = await startFakeGraph();
		const url = closed.url;
		await closed.close();
		const { items, error } = await run(
			graph,
			{ ...sendText, sending: { retries: 0 } },
			{ continueOnFail: true, credentials: credentials(graph, { baseUrl: url }) },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			operation: 'sendText',
			recipient: '+14155550101',
			error: 'Connection refused by the Graph API host',
			networkCode: 'ECONNREFUSED',
			fix: expect.stringContaining(`API Base URL (${url})`),
		});
	});
});

describe('bad input', () => {
	it('Continue On Fail: bad input is never sent, a Graph error becomes an error item, the rest goes out, in order', async () => {
		graph.on('POST', MESSAGES_PATH, (req) =>
			req.json.to === '+14155550199'
				? graphError(131047, 'Re-engagement message', {
						details: 'More than 24 hours have passed',
						fbtraceId: 'AtraceWin',
					})
				: accepted(req),
		);
		const { items, error } = await run(
			graph,
			{
				resource: 'message',
				operation: 'sendButtons',
				recipient: '={{ $json.phone }}',
				body: 'Choose',
				inputMode: 'json',
				buttonsJson: '={{ JSON.stringify($json.buttons) }}',
			},
			{
				continueOnFail: true,
				inputItems: [
					{ phone: '+14155550101', buttons: ['A', 'B'] },
					{ phone: '+14155550102', buttons: ['A', 'B', 'C', 'D'] },
					{ phone: '+14155550199', buttons: ['A'] },
					{
						phone: '+14155550103',
						buttons: [
							{ id: 'x', title: 'Same' },
							{ id: 'y', title: 'Same' },
						],
					},
					{ phone: '+14155550104', buttons: ['Z'] },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(
			sends(graph)
				.map((r) => r.json.to)
				.sort(),
		).toEqual(['+14155550101', '+14155550104', '+14155550199']);
		expect(items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(items[0].json.messageId).toMatch(/^wamid\./);
		expect(items[1].json).toMatchObject({
			operation: 'sendButtons',
			recipient: '+14155550102',
			error: '4 buttons; WhatsApp allows at most 3 reply buttons',
			title: 'Not sent: the input is not valid',
			field: 'buttonsJson',
		});
		expect(items[2].json).toMatchObject({
			operation: 'sendButtons',
			recipient: '+14155550199',
			code: 131047,
			fbtraceId: 'AtraceWin',
		});
		expect(String(items[2].json.fix)).toContain(
			'Interactive messages reach users only within 24 hours',
		);
		expect(items[3].json).toMatchObject({ error: 'Two buttons have the title "Same"' });
		expect(items[4].json.messageId).toMatch(/^wamid\./);
	});

	it('without Continue On Fail a bad item stops the node before anything is sent', async () => {
		graph.on('POST', MESSAGES_PATH, (req) => accepted(req));
		const { error } = await run(
			graph,
			{
				resource: 'message',
				operation: 'sendList',
				recipient: '+14155550101',
				body: 'x',
				buttonText: '={{ $json.label }}',
				rows: { row: [{ title: 'A' }] },
			},
			{ inputItems: [{ label: 'Open' }, { label: 'A label that is far too long' }] },
		);
		expect(error?.message).toBe('Button Text is 28 characters; WhatsApp allows at most 20');
		expect(sends(graph)).toHaveLength(0);
	});
});
