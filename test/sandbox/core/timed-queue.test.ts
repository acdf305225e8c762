import { TimedQueue } from '../../../sandbox/core/timed-queue';

describe('TimedQueue', () => {
	it('timed queue pops due items in time order', () => {
		const q = new TimedQueue<string>();
		q.push(30, 'c');
		q.push(10, 'a');
		q.push(20, 'b');
		q.push(10, 'a2');
		expect(q.popDue(15, 10)).toEqual(['a', 'a2']);
		expect(q.peekTime()).toBe(20);
		expect(q.popDue(100, 1)).toEqual(['b']);
		expect(q.size).toBe(1);
	});
});
