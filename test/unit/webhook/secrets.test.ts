/**
 * The webhook secrets (App Secret, verify token) remembered per process for a minute.
 */
import { WebhookSecretsCache } from '../../../nodes/WhatsAppCloud/webhook/secrets';

describe('webhook secrets remembered per process', () => {
	it('reads the credential once per minute per key, then again', async () => {
		const cache = new WebhookSecretsCache(60_000, 10);
		let reads = 0;
		const load = async () => {
			reads++;
			return { appSecret: `secret-${reads}`, verifyToken: 'token' };
		};
		expect(await cache.get('wf:n:c', load, 1_000)).toEqual({
			secrets: { appSecret: 'secret-1', verifyToken: 'token' },
			fromCache: false,
		});
		for (let t = 1_001; t < 61_000; t += 5_000)
			expect((await cache.get('wf:n:c', load, t)).fromCache).toBe(true);
		expect(reads).toBe(1);
		expect(await cache.get('wf:n:c', load, 61_000)).toEqual({
			secrets: { appSecret: 'secret-2', verifyToken: 'token' },
			fromCache: false,
		});
		expect((await cache.get('other', load, 61_000)).secrets.appSecret).toBe('secret-3');
		expect(await cache.reload('wf:n:c', load, 62_000)).toEqual({
			appSecret: 'secret-4',
			verifyToken: 'token',
		});
		expect((await cache.get('wf:n:c', load, 62_001)).secrets.appSecret).toBe('secret-4');
	});

	it('is bounded: the oldest key is forgotten; a clock going back is not trusted', async () => {
		const cache = new WebhookSecretsCache(60_000, 2);
		const load = async () => ({ appSecret: 's', verifyToken: 't' });
		await cache.get('a', load, 0);
		await cache.get('b', load, 0);
		await cache.get('c', load, 0);
		expect((await cache.get('a', load, 1)).fromCache).toBe(false);
		expect((await cache.get('c', load, -5)).fromCache).toBe(false);
	});
});
