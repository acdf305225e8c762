/**
 * The sender inside the real node, run by n8n-core against the Cloud API sandbox, with faults
 * scripted at chosen items: 130429, 429 + Retry-After, 131056, 5xx before and after Meta accepted,
 * a connection reset, a permanent error. Every item still ends with exactly one output, in
 * order; nothing is sent twice unless the user turned on "may send twice" (and then the sandbox
 * shows the duplicate that option warns about). Real time: the sender's waits are real here
 * (about 7 s in all, mostly the 131056 pause).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { startSandbox, type FaultSpec, type SandboxHandle } from '../../../sandbox';
import { runNode } from '../../support/n8n/runNode';

jest.setTimeout(60_000);

let sb: SandboxHandle;
beforeAll(async () => {
	sb = await startSandbox({ quiet: true, enforceWindow: false });
});
afterAll(async () => sb.close());
beforeEach(() => {
	sb.sandbox.reset({ keepKnobs: true });
	sb.sandbox.clearFaults();
});

const COUNT = 24;
/** A distinct recipient per item, so a fault can target one item. */
const digitsOf = (i: number) => `4470090${String(1000 + i)}`;
const inputItems = Array.from({ length: COUNT }, (_, i) => ({
	to: `+${digitsOf(i)}`,
	text: `Broadcast #${i}`,
}));

const sendText = (sending: IDataObject = {}): INodeParameters => ({
	resource: 'message',
	operation: 'sendText',
	recipient: '={{ $json.to }}',
	text: '={{ $json.text }}',
	sending: sending as INodeParameters,
});

const run = (parameters: INodeParameters, continueOnFail = true) =>
	runNode({
		nodeType: WhatsAppCloud,
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: { whatsAppCloudApi: { ...sb.credentials } },
		parameters,
		inputItems,
		continueOnFail,
	});

const at = (i: number, fault: Omit<FaultSpec, 'match'>): FaultSpec => ({
	...fault,
	match: { to: digitsOf(i) },
});

/** Accepted messages the sandbox recorded for item i's recipient. */
const accepted = (i: number) =>
	sb.sandbox.listMessages({ to: digitsOf(i), outcome: 'accepted' }).data.length;

const FAULTS = {
	throughputTwice: 3,
	http429: 5,
	server500: 8,
	server500AfterAccept: 11,
	reset: 14,
	notAllowed: 17,
	pairRate: 20,
};

function scriptFaults() {
	sb.sandbox.queueFaults([
		at(FAULTS.throughputTwice, { type: 'error', code: 130429, count: 2 }),
		at(FAULTS.http429, { type: '429', retryAfterSeconds: 1 }),
		at(FAULTS.server500, { type: '5xx', status: 500 }),
		at(FAULTS.server500AfterAccept, { type: '5xx', status: 500, afterAccept: true }),
		at(FAULTS.reset, { type: 'reset' }),
		at(FAULTS.notAllowed, { type: 'error', code: 131030 }),
		at(FAULTS.pairRate, { type: 'error', code: 131056 }),
	]);
}

describe('sender in the node, against the sandbox', () => {
	it('by default: rate limits are retried, maybe-sent and permanent failures are not; one output each, in order', async () => {
		scriptFaults();
		const started = Date.now();
		const { items, error } = await run(sendText());
		expect(error).toBeUndefined();
		expect(items).toHaveLength(COUNT);
		items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.recipient).toBe(`+${digitsOf(i)}`);
		});

		const failedAs: Record<number, unknown> = {
			[FAULTS.server500]: 131000,
			[FAULTS.server500AfterAccept]: 131000,
			[FAULTS.notAllowed]: 131030,
		};
		for (let i = 0; i < COUNT; i++) {
			const json = items[i].json;
			if (i in failedAs) {
				expect(json).toMatchObject({ code: failedAs[i] });
				expect(json.messageId).toBeUndefined();
			} else if (i === FAULTS.reset) {
				expect(json.networkCode).toBe('ECONNRESET');
				expect(json.messageId).toBeUndefined();
			} else {
				expect(json.error).toBeUndefined();
				expect(json.messageId).toMatch(/^wamid\./);
			}
		}
		// exactly one accepted message per delivered item; none for the failed ones except the
		// 5xx Meta sent anyway, and that one only once (not retried)
		for (let i = 0; i < COUNT; i++) {
			const expected =
				i === FAULTS.server500AfterAccept ? 1 : i in failedAs || i === FAULTS.reset ? 0 : 1;
			expect({ item: i, accepted: accepted(i) }).toEqual({ item: i, accepted: expected });
		}
		expect(sb.sandbox.pendingFaults()).toEqual([]);
		// 131056 held its recipient ~6 s; Retry-After 1 s was honoured
		expect(Date.now() - started).toBeGreaterThanOrEqual(6_000);
	});

	it('with "may send twice": 5xx and resets are retried too, and the sandbox shows the duplicate it risks', async () => {
		scriptFaults();
		const { items, error } = await run(sendText({ retryServerErrorsMaySendTwice: true }));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(COUNT);
		for (let i = 0; i < COUNT; i++) {
			const json = items[i].json;
			if (i === FAULTS.notAllowed) expect(json.code).toBe(131030);
			else expect(json.messageId).toMatch(/^wamid\./);
		}
		expect(accepted(FAULTS.server500)).toBe(1);
		expect(accepted(FAULTS.reset)).toBe(1);
		expect(accepted(FAULTS.server500AfterAccept)).toBe(2); // the double send the option warns about
	});

	it('without Continue On Fail: stops sending after the first failure and reports it', async () => {
		sb.sandbox.queueFaults([at(2, { type: 'error', code: 131030 })]);
		const { error, items } = await run(sendText({ messagesPerSecond: 10 }), false);
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/131030|allowed list/i);
		const sent = Array.from({ length: COUNT }, (_, i) => accepted(i)).reduce((a, b) => a + b, 0);
		// at 10/s, item 2's answer arrives long before item 4 is due: nothing after that goes out
		expect(sent).toBeLessThanOrEqual(3);
	});
});
