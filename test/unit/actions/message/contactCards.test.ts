/**
 * Contact cards for Send Contacts: one card from the node's fields, or up to 257 cards as JSON in
 * Meta's shape, each refused with the field to fix when it is not valid.
 */
import {
	buildContactFromFields,
	parseContactsJson,
} from '../../../../nodes/WhatsAppCloud/actions/message/contactCards';
import { problem, value } from '../../../support/result';

describe('contact cards (Send Contacts)', () => {
	it('fields -> one card: name (full name doubles as first name), phones with wa_id, emails, org, website, birthday', () => {
		expect(
			value(
				buildContactFromFields({
					formattedName: 'Ada Byrne',
					phones: [
						{ phone: '+1 555 010 9001', type: 'CELL', waId: '+15550109001' },
						{ phone: '+1 555 010 0000', type: 'WORK' },
					],
					emails: [{ email: 'ada@example.org', type: 'WORK' }],
					company: 'Spoke & Chain',
					jobTitle: 'Mechanic',
					website: 'https://example.org',
					birthday: '1990-04-21',
				}),
			),
		).toEqual({
			name: { formatted_name: 'Ada Byrne', first_name: 'Ada Byrne' },
			phones: [
				{ phone: '+1 555 010 9001', type: 'CELL', wa_id: '15550109001' },
				{ phone: '+1 555 010 0000', type: 'WORK' },
			],
			emails: [{ email: 'ada@example.org', type: 'WORK' }],
			org: { company: 'Spoke & Chain', title: 'Mechanic' },
			urls: [{ url: 'https://example.org', type: 'WORK' }],
			birthday: '1990-04-21',
		});
		expect(
			value(buildContactFromFields({ formattedName: 'Bo Lind', firstName: 'Bo', lastName: 'Lind' }))
				.name,
		).toEqual({
			formatted_name: 'Bo Lind',
			first_name: 'Bo',
			last_name: 'Lind',
		});
	});

	it("JSON: up to 257 full cards in Meta's shape (contacts docs), checked", () => {
		const card = {
			name: { formatted_name: 'Cy Ode', last_name: 'Ode' },
			addresses: [{ city: 'Lagos', type: 'HOME' }],
			phones: [{ phone: '+234 801 000 0000' }],
		};
		expect(value(parseContactsJson(JSON.stringify([card])))).toEqual([card]);
		expect(value(parseContactsJson(card))).toEqual([card]);
		expect(value(parseContactsJson(Array(257).fill(card)))).toHaveLength(257);
		expect(problem(parseContactsJson(Array(258).fill(card))).message).toBe(
			'Contacts (JSON) has 258 contacts; WhatsApp takes 1 to 257 per message',
		);
		// Meta's current contacts page asks only for formatted_name: not refused before sending.
		expect(parseContactsJson([{ name: { formatted_name: 'Only' } }]).ok).toBe(true);
		expect(problem(parseContactsJson([{ phones: [] }])).message).toBe(
			'Contact 1 has no name object',
		);
		expect(problem(parseContactsJson([{ name: { first_name: 'A' } }])).message).toBe(
			'Contact 1 has no name.formatted_name',
		);
		expect(problem(parseContactsJson([{ ...card, phones: [{ type: 'HOME' }] }])).message).toBe(
			'Contact 1 has a phone entry without "phone"',
		);
		expect(problem(parseContactsJson([{ ...card, emails: [{ email: 'nope' }] }])).message).toBe(
			'Contact 1 has an email entry without a valid "email"',
		);
		expect(problem(parseContactsJson([{ ...card, urls: 'x' }])).message).toBe(
			'Contact 1: "urls" must be an array',
		);
	});

	it('bad fields are refused with the field to fix', () => {
		expect(problem(buildContactFromFields({ formattedName: ' ' }))).toMatchObject({
			message: 'Full Name is empty',
			field: 'formattedName',
		});
		expect(
			problem(buildContactFromFields({ formattedName: 'A', phones: [{ phone: '' }] })),
		).toMatchObject({ field: 'phones' });
		expect(
			problem(buildContactFromFields({ formattedName: 'A', phones: [{ phone: '1', waId: 'abc' }] }))
				.message,
		).toContain('is not a WhatsApp ID');
		expect(
			problem(buildContactFromFields({ formattedName: 'A', emails: [{ email: 'a@b' }] })).message,
		).toBe('"a@b" is not an email address');
		expect(
			problem(buildContactFromFields({ formattedName: 'A', birthday: '21.04.1990' })),
		).toMatchObject({ field: 'additionalFields.birthday' });
	});
});
