import { wamid } from '../../../sandbox/core/ids';

describe('IDs', () => {
	it("wamids decode to Meta's layout and are unique", () => {
		const ids = new Set(Array.from({ length: 1000 }, () => wamid('15550109001', 'outbound')));
		expect(ids.size).toBe(1000);
		const raw = Buffer.from([...ids][0].slice(6), 'base64');
		expect([...raw.subarray(0, 3)]).toEqual([0x1c, 0x18, 11]);
		expect(raw.subarray(3, 14).toString()).toBe('15550109001');
	});
});
