/**
 * Text fields are measured as they are sent: blanks around a label are trimmed before its length is
 * checked, in every operation that takes one.
 */
import { buildListSections } from '../../../nodes/WhatsAppCloud/actions/message/interactive/listSections';
import { buildReplyButtons } from '../../../nodes/WhatsAppCloud/actions/message/interactive/replyButtons';
import { buildSendCtaUrlRequest } from '../../../nodes/WhatsAppCloud/actions/message/sendCtaUrl.operation';
import { buildSendListRequest } from '../../../nodes/WhatsAppCloud/actions/message/sendList.operation';
import { problem, value } from '../../support/result';

const PHONE_ID = '109876543210987';
const TO = '+4915123456789';

describe('labels are measured as sent: blanks around a title are trimmed before its length is checked', () => {
	// A mapped value often carries a trailing newline or space; the node sends it trimmed, so a
	// 20-character title with a trailing newline fits Meta's 20 and must not be refused.
	const twenty = 'Yes, Friday works ok';

	it('reply button titles', () => {
		expect(
			value(buildReplyButtons([{ title: `${twenty}\n` }, { title: ` No ` }], 'buttons')),
		).toEqual([
			{ type: 'reply', reply: { id: twenty, title: twenty } },
			{ type: 'reply', reply: { id: 'No', title: 'No' } },
		]);
		expect(problem(buildReplyButtons([{ title: `${twenty}!\n` }], 'buttons')).message).toBe(
			'Button 1 title is 21 characters; WhatsApp allows at most 20',
		);
	});

	it('list rows, the list button and the link button text', () => {
		const row = 'Tune-up and brake chk'.padEnd(24, 's');
		expect(value(buildListSections([{ rows: [{ title: ` ${row} ` }] }], 'rows'))).toEqual([
			{ rows: [{ id: row, title: row }] },
		]);
		const list = value(
			buildSendListRequest(
				{
					recipient: TO,
					body: 'Pick one',
					buttonText: ' See services\n'.padEnd(22, ' '),
					inputMode: 'fields',
					rows: [{ title: 'A' }],
				},
				PHONE_ID,
			),
		);
		expect((list.body?.interactive as { action: { button: string } }).action.button).toBe(
			'See services',
		);
		const cta = value(
			buildSendCtaUrlRequest(
				{
					recipient: TO,
					body: 'Track it',
					displayText: ` ${'Track your repair ok'} `,
					url: 'https://example.org/t',
				},
				PHONE_ID,
			),
		);
		expect(
			(cta.body?.interactive as { action: { parameters: { display_text: string } } }).action
				.parameters.display_text,
		).toBe('Track your repair ok');
	});
});
