/**
 * Message > Send List: Meta's list message (rows grouped into sections, header, footer), sections
 * from fields or JSON, and Meta's limits checked before sending.
 */
import {
	buildListSections,
	parseSectionsJson,
} from '../../../../nodes/WhatsAppCloud/actions/message/interactive/listSections';
import {
	buildSendListRequest,
	type SendListInput,
} from '../../../../nodes/WhatsAppCloud/actions/message/sendList.operation';
import { problem, value } from '../../../support/result';

const PHONE_ID = '109876543210987';
const TO = '+4915123456789';
const ENVELOPE = { messaging_product: 'whatsapp', recipient_type: 'individual', to: TO };

describe('Send List', () => {
	const list = (input: Partial<SendListInput>) =>
		buildSendListRequest(
			{
				recipient: TO,
				body: 'Which service?',
				buttonText: 'Services',
				inputMode: 'fields',
				...input,
			},
			PHONE_ID,
		);

	it("Meta's list shape: rows grouped into sections by their Section title, header and footer", () => {
		expect(
			value(
				list({
					rows: [
						{ section: 'Repairs', title: 'Tune-up', id: 'tune', description: '45 min' },
						{ section: 'Rentals', title: 'City bike', id: 'city' },
						{ section: 'Repairs', title: 'Brakes', id: '' },
					],
					headerText: 'Spoke & Chain',
					footer: 'Open 9-18',
				}),
			).body,
		).toEqual({
			...ENVELOPE,
			type: 'interactive',
			interactive: {
				type: 'list',
				header: { type: 'text', text: 'Spoke & Chain' },
				body: { text: 'Which service?' },
				footer: { text: 'Open 9-18' },
				action: {
					button: 'Services',
					sections: [
						{
							title: 'Repairs',
							rows: [
								{ id: 'tune', title: 'Tune-up', description: '45 min' },
								{ id: 'Brakes', title: 'Brakes' },
							],
						},
						{ title: 'Rentals', rows: [{ id: 'city', title: 'City bike' }] },
					],
				},
			},
		});
	});

	it('one untitled section is allowed; JSON sections, { sections } and plain row arrays are read', () => {
		expect(value(list({ rows: [{ title: 'Only' }] })).body?.interactive).toMatchObject({
			action: { sections: [{ rows: [{ id: 'Only', title: 'Only' }] }] },
		});
		expect(
			value(parseSectionsJson('[{"title": "A", "rows": [{"id": "1", "title": "One"}]}]')),
		).toEqual([{ title: 'A', rows: [{ id: '1', title: 'One' }] }]);
		expect(value(parseSectionsJson({ sections: [{ rows: [{ title: 'x' }] }] }))).toEqual([
			{ title: undefined, rows: [{ title: 'x' }] },
		]);
		expect(
			value(
				parseSectionsJson([
					{ id: 'a', title: 'A' },
					{ id: 'b', title: 'B' },
				]),
			),
		).toEqual([
			{
				rows: [
					{ id: 'a', title: 'A' },
					{ id: 'b', title: 'B' },
				],
			},
		]);
		expect(problem(parseSectionsJson('[{"title": "A"}, 3]'))).toMatchObject({
			field: 'sectionsJson',
		});
	});

	it('limits: 10 rows in all, 10 sections, titles 24, descriptions 72, ids 200 and unique, button 20, body 4096', () => {
		const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Row ${i}` }));
		expect(buildListSections([{ rows: rows(10) }], 'rows').ok).toBe(true);
		expect(
			problem(
				buildListSections(
					[
						{ title: 'a', rows: rows(6) },
						{ title: 'b', rows: rows(5) },
					],
					'rows',
				),
			).message,
		).toBe('The list has 11 rows; WhatsApp allows at most 10 across all sections');
		expect(problem(buildListSections([], 'rows')).message).toBe('The list has no rows');
		expect(
			problem(
				buildListSections(
					[{ title: 'a', rows: [{ title: 'x' }] }, { rows: [{ title: 'y' }] }],
					'rows',
				),
			).message,
		).toBe('Section 2 has no title');
		expect(
			problem(buildListSections([{ title: 's'.repeat(25), rows: [{ title: 'x' }] }], 'rows'))
				.message,
		).toBe('Section 1 title is 25 characters; WhatsApp allows at most 24');
		expect(
			problem(buildListSections([{ rows: [{ title: 'r'.repeat(25) }] }], 'rows')).message,
		).toBe('Row 1 title is 25 characters; WhatsApp allows at most 24');
		expect(
			problem(buildListSections([{ rows: [{ title: 'r', description: 'd'.repeat(73) }] }], 'rows'))
				.message,
		).toBe('Row 1 description is 73 characters; WhatsApp allows at most 72');
		expect(buildListSections([{ rows: [{ title: 'r', id: 'i'.repeat(200) }] }], 'rows').ok).toBe(
			true,
		);
		expect(
			problem(buildListSections([{ rows: [{ title: 'r', id: 'i'.repeat(201) }] }], 'rows')).message,
		).toBe('Row 1 ID is 201 characters; WhatsApp allows at most 200');
		expect(
			problem(
				buildListSections(
					[
						{ title: 'a', rows: [{ title: 'x', id: 'same' }] },
						{ title: 'b', rows: [{ title: 'y', id: 'same' }] },
					],
					'rows',
				),
			).message,
		).toBe('Two rows have the ID "same"');
		expect(
			problem(
				buildListSections(
					[
						{ title: 'a', rows: [{ title: 'x' }] },
						{ title: 'b', rows: [] },
					],
					'rows',
				),
			).message,
		).toBe('Section 2 has no rows');
		expect(problem(list({ rows: [{ title: 'x' }], buttonText: 'b'.repeat(21) }))).toMatchObject({
			message: 'Button Text is 21 characters; WhatsApp allows at most 20',
			field: 'buttonText',
		});
		expect(problem(list({ rows: [{ title: 'x' }], buttonText: '' }))).toMatchObject({
			field: 'buttonText',
		});
		expect(list({ rows: [{ title: 'x' }], body: 'b'.repeat(4096) }).ok).toBe(true);
		expect(problem(list({ rows: [{ title: 'x' }], body: 'b'.repeat(4097) })).message).toBe(
			'Body Text is 4097 characters; WhatsApp allows at most 4096',
		);
		expect(problem(list({ rows: [{ title: 'x' }], headerText: 'h'.repeat(61) }))).toMatchObject({
			field: 'options.headerText',
		});
	});
});
