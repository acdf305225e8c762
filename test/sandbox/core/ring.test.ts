import { Ring } from '../../../sandbox/core/ring';

describe('Ring', () => {
	it('keeps the newest entries, counts all, and reads by cursor', () => {
		const evicted: number[] = [];
		const r = new Ring<number>(3, (v) => evicted.push(v));
		for (let i = 1; i <= 5; i++) r.push(i * 10);
		expect(r.values()).toEqual([30, 40, 50]);
		expect(r.total).toBe(5);
		expect(evicted).toEqual([10, 20]);
		expect(r.since(0)).toEqual({
			items: [
				{ seq: 3, value: 30 },
				{ seq: 4, value: 40 },
				{ seq: 5, value: 50 },
			],
			dropped: 2,
			cursor: 5,
		});
		expect(r.since(4).items.map((i) => i.value)).toEqual([50]);
		expect(r.since(3, 1)).toMatchObject({ items: [{ seq: 4, value: 40 }], cursor: 4, dropped: 0 });
		expect(r.since(0, 10, (v) => v > 35).items.map((i) => i.value)).toEqual([40, 50]);
		expect(r.last()).toBe(50);
		expect(r.find((v) => v < 45)).toBe(40);
		r.clear();
		expect([r.length, r.total, r.last()]).toEqual([0, 0, undefined]);
	});

	it('stays bounded under 100,000 pushes', () => {
		const r = new Ring<{ n: number }>(100);
		for (let i = 0; i < 100_000; i++) r.push({ n: i });
		expect(r.length).toBe(100);
		expect(r.values()[0].n).toBe(99_900);
	});
});
