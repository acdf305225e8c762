import { useSandbox } from '../../support/sandbox/api';

describe('Graph objects', () => {
	const api = useSandbox({ pairRateSeconds: 0 });

	it('an unknown object ID: 100 / subcode 33 "Unsupported get request"', async () => {
		const r = await api.get('/123456789012345');
		expect(r.status).toBe(400);
		expect(r.json.error).toMatchObject({
			code: 100,
			error_subcode: 33,
			type: 'GraphMethodException',
		});
		expect(r.json.error.message).toMatch(
			/^Unsupported get request\. Object with ID '123456789012345' does not exist/,
		);
	});
});
