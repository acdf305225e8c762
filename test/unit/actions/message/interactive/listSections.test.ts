/**
 * List rows given as fields, grouped into the sections of a list message.
 */
import { sectionsFromRows } from '../../../../../nodes/WhatsAppCloud/actions/message/interactive/listSections';

describe('list sections from rows', () => {
	it('rows are grouped into sections by Section title, in first-appearance order (with 10 rows at most, 10 sections is the most possible)', () => {
		expect(
			sectionsFromRows([
				{ section: 'a', title: '1' },
				{ section: 'b', title: '2' },
				{ section: 'a', title: '3' },
			]),
		).toEqual([
			{
				title: 'a',
				rows: [
					{ id: undefined, title: '1', description: undefined },
					{ id: undefined, title: '3', description: undefined },
				],
			},
			{ title: 'b', rows: [{ id: undefined, title: '2', description: undefined }] },
		]);
	});
});
