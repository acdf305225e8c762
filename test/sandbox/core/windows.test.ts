import { ServiceWindows, WINDOW_MS } from '../../../sandbox/core/windows';

describe('24-hour customer service windows', () => {
	it('an inbound message opens the window; an older one does not move it back', () => {
		const w = new ServiceWindows();
		const now = Date.now();
		expect(w.of('15550109001')).toEqual({ lastInboundAt: null, open: false, expiresAt: null });
		w.inbound('15550109001', now);
		w.inbound('15550109001', now - WINDOW_MS - 1000);
		expect(w.lastInboundAt('15550109001')).toBe(now);
		expect(w.of('15550109001')).toEqual({
			lastInboundAt: new Date(now).toISOString(),
			open: true,
			expiresAt: new Date(now + WINDOW_MS).toISOString(),
		});
	});

	it('the control API sets and closes windows by the number as typed', () => {
		const w = new ServiceWindows();
		w.set('+1 (555) 010-9001', Date.now() - WINDOW_MS - 1000);
		expect(w.of('15550109001').open).toBe(false);
		expect(w.lastInboundAt('15550109001')).toBeDefined();
		w.set('15550109001', null);
		expect([w.size, w.of('+15550109001').lastInboundAt]).toEqual([0, null]);
	});
});
