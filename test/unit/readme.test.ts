/**
 * What README.md promises about the action node, checked against the node itself, so the page
 * cannot drift from the code: which operations have Reply To Message ID, what Template > Delete
 * needs, the shape of a failed item under each "On Error: Continue" setting, the Sending options'
 * defaults and limits, and which HTTP statuses the credential test explains.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_TEST_MESSAGES } from '../../credentials/WhatsAppCloudApi.credentials';
import { buildDeleteTemplateRequest } from '../../nodes/WhatsAppCloud/actions/template/delete.operation';
import { errorOutputJson } from '../../nodes/WhatsAppCloud/actions/run/errorItems';
import { sendingOptionsProperty } from '../../nodes/WhatsAppCloud/actions/sendingOptions';
import { WhatsAppCloud } from '../../nodes/WhatsAppCloud/WhatsAppCloud.node';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8').replace(
	/\r\n/g,
	'\n',
);
/** README prose with line breaks folded, so a sentence can be matched across lines. */
const prose = readme.replace(/\n(?!\n)/g, ' ').replace(/ {2,}/g, ' ');
const properties = new WhatsAppCloud().description.properties;

function messageOperations(): Array<{ value: string; name: string }> {
	const operation = properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('message'),
	);
	return (operation?.options ?? []) as Array<{ value: string; name: string }>;
}

/** Whether an operation's parameters offer replyToMessageId (in an Options collection). */
function hasReplyTo(operation: string): boolean {
	return properties
		.filter(
			(p) =>
				p.displayOptions?.show?.resource?.includes('message') &&
				p.displayOptions?.show?.operation?.includes(operation),
		)
		.some(
			(p) =>
				p.name === 'replyToMessageId' ||
				((p.options ?? []) as INodeProperties[]).some((o) => o.name === 'replyToMessageId'),
		);
}

describe('README: Reply To Message ID', () => {
	it('names exactly the message operations that have it, and those that do not', () => {
		const match =
			/\n\n([^\n]*?(?:\n[^\n]+)*?) have \*\*Reply To Message ID\*\*[^;]*; ([^.]*?) do not\./.exec(
				readme,
			);
		expect(match).not.toBeNull();
		const names = (text: string) =>
			messageOperations()
				.map((o) => o.name)
				.filter((name) =>
					new RegExp(`\\b${name}\\b`).test(text.replace(/\s+/g, ' ').replace(/\([^)]*\)/g, '')),
				);
		const withIt = messageOperations()
			.filter((o) => hasReplyTo(o.value))
			.map((o) => o.name);
		const without = messageOperations()
			.filter((o) => !hasReplyTo(o.value))
			.map((o) => o.name);
		expect(names(match![1]).sort()).toEqual([...withIt].sort());
		expect(names(match![2]).sort()).toEqual([...without].sort());
		expect(without.sort()).toEqual(['Mark as Read', 'Send Reaction']);
		expect(prose).not.toMatch(/Every message operation has \*\*Reply To Message ID\*\*/);
	});
});

describe('README: Template > Delete', () => {
	it('says the name is always needed and the optional ID goes to Meta as hsm_id, as the request does', () => {
		expect(prose).toMatch(
			/Delete always needs the template \*\*name\*\*; the optional \*\*Template ID\*\* \(sent to Meta as `hsm_id` with the name\)/,
		);
		const byName = buildDeleteTemplateRequest({ name: 'repair_ready' }, '102290129340398');
		const byId = buildDeleteTemplateRequest(
			{ name: 'repair_ready', templateId: '1387372356726668' },
			'102290129340398',
		);
		const idOnly = buildDeleteTemplateRequest(
			{ name: '', templateId: '1387372356726668' },
			'102290129340398',
		);
		expect(byName.ok && byName.value.qs).toEqual({ name: 'repair_ready' });
		expect(byId.ok && byId.value.qs).toEqual({ name: 'repair_ready', hsm_id: '1387372356726668' });
		expect(idOnly.ok).toBe(false);
	});
});

describe('README: failed items under "On Error: Continue"', () => {
	it('error output: { error, details: {...} } as errorOutputJson builds it; plain Continue: a flat item in the main output', () => {
		expect(prose).toMatch(
			/\*\*On Error: Continue \(using error output\)\*\*: the failed item leaves through the node's error output as `\{ error, details: \{ operation, recipient, code,/,
		);
		expect(prose).toMatch(/plus the input item's own fields/);
		expect(prose).toMatch(
			/\*\*On Error: Continue\*\*: the failed item stays in the main output, in its place among the sent ones, as a flat item/,
		);
		const flat = {
			operation: 'sendText',
			recipient: '+14155550102',
			error: 'WhatsApp error 131030',
			code: 131030,
			title: 'Recipient not in the allowed list',
			fix: 'Add it',
			fbtraceId: 'Atrace',
		};
		expect(errorOutputJson(flat)).toEqual({
			error: 'WhatsApp error 131030',
			details: {
				operation: 'sendText',
				recipient: '+14155550102',
				code: 131030,
				title: 'Recipient not in the allowed list',
				fix: 'Add it',
				fbtraceId: 'Atrace',
			},
		});
	});
});

describe('README: credential test table', () => {
	it('has a row for every HTTP status the credential test explains', () => {
		const table = readme.slice(
			readme.indexOf('| Meta answers | The test says'),
			readme.indexOf('## Performance'),
		);
		const rows = table.split('\n').filter((line) => line.startsWith('| HTTP '));
		const covered = rows.flatMap((row) =>
			(/^\| HTTP ([\d, ]+) \|/.exec(row)?.[1] ?? '').split(/,\s*/).map(Number),
		);
		expect(covered.sort()).toEqual(Object.keys(CREDENTIAL_TEST_MESSAGES).map(Number).sort());
	});
});

describe('README: Sending options', () => {
	it('states the defaults and limits the node has', () => {
		const option = (name: string) =>
			(sendingOptionsProperty.options as INodeProperties[]).find((o) => o.name === name)!;
		const rate = option('messagesPerSecond');
		const retries = option('retries');
		const fmt = (n: unknown) => Number(n).toLocaleString('en-US');
		expect(prose).toContain(
			`*Messages per Second* (default ${fmt(rate.default)}, Meta's standard tier; ${fmt(rate.typeOptions?.minValue)} to ${fmt(rate.typeOptions?.maxValue)})`,
		);
		expect(prose).toContain(
			`*Retries* (default ${fmt(retries.default)}, at most ${fmt(retries.typeOptions?.maxValue)})`,
		);
		expect(prose).toContain(
			`*Max Requests in Flight* (${fmt(option('maxInFlight').default)} = automatic)`,
		);
		expect(option('retryServerErrorsMaySendTwice').default).toBe(false);
		// Every operation that shows the Sending options is a Message operation.
		const sending = properties.find((p) => p.name === 'sending');
		expect(sending?.displayOptions?.show?.resource).toEqual(['message']);
		expect([...(sending?.displayOptions?.show?.operation ?? [])].sort()).toEqual(
			messageOperations()
				.map((o) => o.value)
				.sort(),
		);
	});
});
