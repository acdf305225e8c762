/**
 * Graph errors as a user sees them: each code Meta answers a send with becomes an error item
 * (Continue On Fail) or the node's error, with Meta's code, our title, the fix and fbtrace_id,
 * and never the access token.
 */
import type { INodeParameters } from 'n8n-workflow';

import {
	graphError,
	startFakeGraph,
	type FakeGraph,
	type FakeResponse,
} from '../support/fakeGraph';
import * as t from '../support/templates.fixtures';
import { credentials, MESSAGES_PATH, run, serveTemplates, TOKEN } from '../support/actionNode';

let graph: FakeGraph;
beforeAll(async () => {
	graph = await startFakeGraph();
});
beforeEach(() => {
	graph.reset();
	serveTemplates(graph, t.allTemplates, 50);
});
afterAll(async () => graph.close());

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
