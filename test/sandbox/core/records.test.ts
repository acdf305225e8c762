import { startApi } from '../../support/sandbox/api';
import { template } from '../../support/sandbox/messages';

describe('message records', () => {
	it('message history is a ring: totals keep counting, old records (and their index) go', async () => {
		const api = await startApi({
			history: { messages: 50, requests: 20 },
			tier: 100_000,
			pairRateSeconds: 0,
			statuses: [],
		});
		try {
			const ids: string[] = [];
			for (let i = 0; i < 200; i++)
				ids.push(
					(await api.send(template(`1555060${String(i).padStart(4, '0')}`))).json.messages[0].id,
				);
			const list = await api.control('GET', '/messages');
			expect(list.json).toMatchObject({ total: 200, dropped: 150, cursor: 200 });
			expect(list.json.data).toHaveLength(50);
			expect(api.sb.sandbox.getMessage(ids[0])).toBeUndefined();
			expect(api.sb.sandbox.getMessage(ids[199])).toBeDefined();
			expect(api.sb.sandbox.requests.length).toBe(20);
			expect(api.sb.sandbox.counters.messages.accepted).toBe(200);
		} finally {
			await api.sb.close();
		}
	});
});
