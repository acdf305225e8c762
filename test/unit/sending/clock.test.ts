/**
 * The production clock: real sleeps through n8n-workflow, ended early by the cancel signal.
 */
import { systemClock } from '../../../nodes/WhatsAppCloud/sending/clock';

describe('systemClock', () => {
	it('sleeps for real through n8n-workflow and ends early on abort without throwing', async () => {
		const controller = new AbortController();
		const clock = systemClock(controller.signal);
		const start = clock.now();
		await clock.sleep(5);
		expect(clock.now() - start).toBeGreaterThanOrEqual(4);
		const long = clock.sleep(60_000);
		controller.abort();
		await expect(long).resolves.toBeUndefined();
		const r = clock.random();
		expect(r).toBeGreaterThanOrEqual(0);
		expect(r).toBeLessThan(1);
	});
});
