/**
 * Deduplication of redelivered webhook events: the memory kept in static data, the per-process
 * claims for copies arriving at the same moment, and what is saved when both meet.
 */
import {
	dedupe,
	hashKey,
	loadState,
	mergeEntries,
	RecentEventClaims,
	stateToSave,
} from '../../../nodes/WhatsAppCloud/webhook/dedup';

describe('dedup', () => {
	const ev = (key?: string) => ({ dedupKey: key, name: key ?? 'no-key' });
	const opts = (
		nowSeconds: number,
		extra: Partial<{ windowSeconds: number; maxEntries: number }> = {},
	) => ({
		windowSeconds: 3600,
		maxEntries: 100,
		nowSeconds,
		...extra,
	});

	it('first delivery passes and is remembered; the redelivery is dropped', () => {
		const first = dedupe([ev('message:wamid.A'), ev('status:wamid.B:sent')], undefined, opts(1000));
		expect(first.kept).toHaveLength(2);
		expect(first.changed).toBe(true);
		const again = dedupe(
			[ev('message:wamid.A'), ev('status:wamid.B:sent')],
			first.state,
			opts(1500),
		);
		expect(again.kept).toEqual([]);
		expect(again.duplicates.map((e) => e.name)).toEqual(['message:wamid.A', 'status:wamid.B:sent']);
		expect(again.changed).toBe(false);
	});

	it('same message, next status is not a duplicate', () => {
		const first = dedupe([ev('status:wamid.B:sent')], undefined, opts(1000));
		const next = dedupe([ev('status:wamid.B:delivered')], first.state, opts(1001));
		expect(next.kept).toHaveLength(1);
	});

	it('a duplicate inside one delivery is dropped too', () => {
		const result = dedupe([ev('message:wamid.A'), ev('message:wamid.A')], undefined, opts(1000));
		expect(result.kept).toHaveLength(1);
		expect(result.duplicates).toHaveLength(1);
	});

	it('events without an ID are never dropped', () => {
		const first = dedupe([ev(), ev()], undefined, opts(1000));
		expect(first.kept).toHaveLength(2);
		expect(first.state.entries).toEqual([]);
	});

	it('after the window the same event passes again', () => {
		const first = dedupe([ev('message:wamid.A')], undefined, opts(1000));
		expect(dedupe([ev('message:wamid.A')], first.state, opts(1000 + 3599)).kept).toHaveLength(0);
		const late = dedupe([ev('message:wamid.A')], first.state, opts(1000 + 3600));
		expect(late.kept).toHaveLength(1);
	});

	it('memory is bounded: the oldest are forgotten first', () => {
		let state: unknown;
		for (let i = 0; i < 250; i++) {
			state = dedupe([ev(`message:wamid.${i}`)], state, opts(1000 + i, { maxEntries: 100 })).state;
		}
		const loaded = loadState(state);
		expect(loaded.entries).toHaveLength(100);
		expect(loaded.entries[0][0]).toBe(hashKey('message:wamid.150'));
		// 150..249 are remembered, 149 was forgotten.
		expect(
			dedupe([ev('message:wamid.249')], state, opts(1300, { maxEntries: 100 })).kept,
		).toHaveLength(0);
		expect(
			dedupe([ev('message:wamid.149')], state, opts(1300, { maxEntries: 100 })).kept,
		).toHaveLength(1);
	});

	it('stored state stays small: hashed keys, no message IDs', () => {
		const result = dedupe(
			[ev('message:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=')],
			undefined,
			opts(1000),
		);
		const json = JSON.stringify(result.state);
		expect(json).not.toContain('wamid');
		expect(result.state.entries[0][0]).toHaveLength(16);
		// 2000 entries fit in well under 100 KB.
		const many = Array.from({ length: 2000 }, (_, i) => ev(`message:wamid.${i}`));
		const state = dedupe(many, undefined, opts(1_700_000_000, { maxEntries: 2000 })).state;
		expect(JSON.stringify(state).length).toBeLessThan(70_000);
	});

	it('window 0 turns deduplication off and leaves the state alone', () => {
		const first = dedupe([ev('message:wamid.A')], undefined, opts(1000));
		const off = dedupe([ev('message:wamid.A')], first.state, opts(1001, { windowSeconds: 0 }));
		expect(off.kept).toHaveLength(1);
		expect(off.changed).toBe(false);
	});

	it('a corrupted stored state is forgotten, not trusted', () => {
		for (const bad of [
			null,
			'x',
			42,
			{ entries: 'x' },
			{ entries: [[1, 2], ['a'], null, ['ok', 5]] },
		]) {
			expect(() => dedupe([ev('message:wamid.A')], bad, opts(10))).not.toThrow();
		}
		expect(loadState({ entries: [[1, 2], ['a'], null, ['ok', 5]] }).entries).toEqual([['ok', 5]]);
	});
});

describe('per-process claims (copies arriving at the same moment)', () => {
	const claimOpts = (nowSeconds: number, maxEntries = 100, windowSeconds = 600) => ({
		nowSeconds,
		maxEntries,
		windowSeconds,
	});
	const keyed = (dedupKey?: string) => ({ dedupKey });

	it('the second claim of a key within the window is a duplicate; other scopes are independent', () => {
		const claims = new RecentEventClaims();
		expect(claims.claim('wf1:n', [keyed('message:A')], claimOpts(1000)).kept).toHaveLength(1);
		const again = claims.claim('wf1:n', [keyed('message:A'), keyed('message:B')], claimOpts(1001));
		expect(again.duplicates.map((e) => e.dedupKey)).toEqual(['message:A']);
		expect(again.kept.map((e) => e.dedupKey)).toEqual(['message:B']);
		expect(claims.claim('wf2:n', [keyed('message:A')], claimOpts(1001)).kept).toHaveLength(1);
	});

	it('claims expire with the window, and window 0 claims nothing', () => {
		const claims = new RecentEventClaims();
		claims.claim('s', [keyed('message:A')], claimOpts(1000, 100, 60));
		expect(claims.claim('s', [keyed('message:A')], claimOpts(1061, 100, 60)).kept).toHaveLength(1);
		expect(claims.claim('s', [keyed('message:Z')], claimOpts(1000, 100, 0)).kept).toHaveLength(1);
		expect(claims.claim('s', [keyed('message:Z')], claimOpts(1000, 100, 0)).kept).toHaveLength(1);
	});

	it('memory is bounded per scope (oldest forgotten) and in scopes; keyless events always pass', () => {
		const claims = new RecentEventClaims(2);
		for (let i = 0; i < 5; i++) claims.claim('s', [keyed(`message:${i}`)], claimOpts(1000 + i, 3));
		expect(claims.claim('s', [keyed('message:0')], claimOpts(1010, 3)).kept).toHaveLength(1); // forgotten
		expect(claims.claim('s', [keyed('message:4')], claimOpts(1010, 3)).kept).toHaveLength(0); // recent
		claims.claim('t', [keyed('message:x')], claimOpts(1010));
		claims.claim('u', [keyed('message:x')], claimOpts(1010)); // evicts scope 's'
		expect(claims.claim('s', [keyed('message:4')], claimOpts(1011, 3)).kept).toHaveLength(1);
		expect(claims.claim('s', [keyed(), keyed()], claimOpts(1011)).kept).toHaveLength(2);
	});

	it('claims hold the same representation as the static data: hashed key and first-seen seconds, within the window', () => {
		const claims = new RecentEventClaims();
		claims.claim('s', [keyed('message:A')], claimOpts(1000));
		claims.claim('s', [keyed('message:B'), keyed('message:A')], claimOpts(1005));
		expect(claims.entries('s', claimOpts(1010))).toEqual([
			[hashKey('message:A'), 1000],
			[hashKey('message:B'), 1005],
		]);
		expect(JSON.stringify(claims.entries('s', claimOpts(1010)))).not.toContain('message:');
		expect(claims.entries('s', claimOpts(1601))).toEqual([[hashKey('message:B'), 1005]]); // A left the 600 s window
		expect(claims.entries('other', claimOpts(1010))).toEqual([]);
		expect(claims.entries('s', claimOpts(1010, 100, 0))).toEqual([]);
	});
});

describe('saving: the static-data state merged with the per-process claims', () => {
	const ev = (key: string) => ({ dedupKey: key });
	const opts = (nowSeconds: number, maxEntries = 100, windowSeconds = 600) => ({
		nowSeconds,
		maxEntries,
		windowSeconds,
	});

	it('two interleaved deliveries of different events, each with its own copy of the state loaded before either saved: the later save holds both', () => {
		const claims = new RecentEventClaims();
		// S: one event already remembered in the static data.
		const stored = JSON.parse(
			JSON.stringify(dedupe([ev('message:S')], undefined, opts(990)).state),
		) as unknown;
		const copyA = JSON.parse(JSON.stringify(stored)) as unknown;
		const copyB = JSON.parse(JSON.stringify(stored)) as unknown;

		// A (event X), then B (event Y), in one process; B loaded S before A saved.
		const a = dedupe([ev('message:X')], copyA, opts(1000));
		claims.claim('wf:n', a.kept, opts(1000));
		const savedA = stateToSave(
			copyA,
			a.changed ? a.state : undefined,
			claims.entries('wf:n', opts(1000)),
			opts(1000),
		);
		const b = dedupe([ev('message:Y')], copyB, opts(1001));
		claims.claim('wf:n', b.kept, opts(1001));
		const savedB = stateToSave(
			copyB,
			b.changed ? b.state : undefined,
			claims.entries('wf:n', opts(1001)),
			opts(1001),
		);

		expect(savedA?.entries.map(([hash]) => hash)).toEqual([
			hashKey('message:S'),
			hashKey('message:X'),
		]);
		// Last write wins on the whole static data: B's save must not lose X.
		expect(savedB?.entries).toEqual([
			[hashKey('message:S'), 990],
			[hashKey('message:X'), 1000],
			[hashKey('message:Y'), 1001],
		]);
		// A fresh process reading B's save drops a redelivery of either event.
		expect(dedupe([ev('message:X'), ev('message:Y')], savedB, opts(1100)).kept).toEqual([]);
	});

	it('nothing new and no claims beyond what was loaded: nothing to save; window 0 leaves the state alone', () => {
		const first = dedupe([ev('message:A')], undefined, opts(1000));
		const again = dedupe([ev('message:A')], first.state, opts(1001));
		expect(again.changed).toBe(false);
		expect(
			stateToSave(first.state, undefined, [[hashKey('message:A'), 1000]], opts(1001)),
		).toBeUndefined();
		expect(
			stateToSave(first.state, undefined, [[hashKey('message:Z'), 1000]], opts(1001, 100, 0)),
		).toBeUndefined();
		// A claim the loaded copy lacks is worth a save even when this delivery brought nothing new.
		expect(
			stateToSave(first.state, undefined, [[hashKey('message:Z'), 1001]], opts(1001))?.entries,
		).toEqual([
			[hashKey('message:A'), 1000],
			[hashKey('message:Z'), 1001],
		]);
	});

	it('merge: one entry per key with its earliest first-seen, outside the window left out, newest maxEntries kept, oldest first', () => {
		const state = {
			v: 1 as const,
			entries: [
				[hashKey('old'), 100],
				[hashKey('a'), 500],
				[hashKey('b'), 700],
			] as Array<[string, number]>,
		};
		const merged = mergeEntries(
			state,
			[
				[hashKey('b'), 650],
				[hashKey('c'), 800],
				[hashKey('d'), 600],
			],
			opts(900, 100, 600),
		);
		expect(merged.entries).toEqual([
			[hashKey('a'), 500],
			[hashKey('d'), 600],
			[hashKey('b'), 650],
			[hashKey('c'), 800],
		]);
		expect(
			mergeEntries(
				state,
				[
					[hashKey('c'), 800],
					[hashKey('d'), 600],
				],
				opts(900, 2, 600),
			).entries,
		).toEqual([
			[hashKey('b'), 700],
			[hashKey('c'), 800],
		]);
	});
});
