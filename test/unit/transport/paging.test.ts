/**
 * graphRequestAllPages: following Meta's paging links without the token, and where it stops.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	graphRequestAllPages,
	nextPageRequest,
} from '../../../nodes/WhatsAppCloud/transport/paging';
import {
	catchError,
	fakeContext,
	n8nHttpError,
	TOKEN,
	WABA_ID,
} from '../../support/fakeHttpContext';

describe('graphRequestAllPages', () => {
	it('follows paging.next, re-based on the credential URL, without the token in the URL', async () => {
		const pages: IDataObject[] = [
			{
				data: [{ id: 1 }, { id: 2 }],
				paging: {
					cursors: { before: 'b0', after: 'a1' },
					next: `https://graph.facebook.com/v24.0/${WABA_ID}/message_templates?access_token=${TOKEN}&limit=2&after=a1`,
				},
			},
			{
				data: [{ id: 3 }, { id: 4 }],
				paging: {
					next: `https://other.example/v24.0/${WABA_ID}/message_templates?limit=2&after=a2`,
				},
			},
			{ data: [{ id: 5 }], paging: { cursors: { before: 'b2', after: 'a3' } } },
		];
		const { ctx, calls } = fakeContext((_o, i) => pages[i], { baseUrl: 'http://127.0.0.1:9999' });
		const rows = await graphRequestAllPages.call(ctx, `/${WABA_ID}/message_templates`, {
			limit: 2,
		});
		expect(rows).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }, { id: 5 }]);
		expect(calls.map((c) => [c.options.url, c.options.qs])).toEqual([
			[`http://127.0.0.1:9999/v24.0/${WABA_ID}/message_templates`, { limit: 2 }],
			[`http://127.0.0.1:9999/v24.0/${WABA_ID}/message_templates`, { limit: '2', after: 'a1' }],
			[`http://127.0.0.1:9999/v24.0/${WABA_ID}/message_templates`, { limit: '2', after: 'a2' }],
		]);
		expect(JSON.stringify(calls)).not.toContain(TOKEN);
	});

	it('stops on an empty page, a repeated next link, maxPages and maxItems', async () => {
		const loop = {
			data: [{ id: 1 }],
			paging: { next: 'https://graph.facebook.com/v24.0/1/x?after=same' },
		};
		const { ctx, calls } = fakeContext(() => loop);
		expect(await graphRequestAllPages.call(ctx, '/1/x')).toHaveLength(2); // first + one follow, then the repeat is detected
		expect(calls).toHaveLength(2);

		const { ctx: ctx2, calls: calls2 } = fakeContext((_o, i) => ({
			data: [{ id: i }],
			paging: { next: `https://graph.facebook.com/v24.0/1/x?after=${i}` },
		}));
		expect(await graphRequestAllPages.call(ctx2, '/1/x', {}, { maxPages: 3 })).toHaveLength(3);
		expect(calls2).toHaveLength(3);

		const { ctx: ctx3 } = fakeContext((_o, i) => ({
			data: [{ id: i }, { id: i + 0.5 }],
			paging: { next: `https://graph.facebook.com/v24.0/1/x?after=${i}` },
		}));
		expect(await graphRequestAllPages.call(ctx3, '/1/x', {}, { maxItems: 3 })).toHaveLength(3);

		const { ctx: ctx4, calls: calls4 } = fakeContext(() => ({
			data: [],
			paging: { next: 'https://graph.facebook.com/v24.0/1/x?after=z' },
		}));
		expect(await graphRequestAllPages.call(ctx4, '/1/x')).toEqual([]);
		expect(calls4).toHaveLength(1);
	});

	it('nextPageRequest falls back to cursors.after when next is not a Graph URL', () => {
		expect(
			nextPageRequest({ next: 'not a url', cursors: { after: 'c9' } }, '/1/x', { limit: 5 }),
		).toEqual({
			path: '/1/x',
			qs: { limit: 5, after: 'c9' },
		});
		expect(nextPageRequest({ cursors: { after: 'c9' } }, '/1/x', {})).toBeUndefined(); // no next: last page
		expect(nextPageRequest(undefined, '/1/x', {})).toBeUndefined();
	});

	it('a failing page throws WhatsAppApiError', async () => {
		const { ctx } = fakeContext((_o, i) =>
			i === 0
				? { data: [{ id: 1 }], paging: { next: 'https://graph.facebook.com/v24.0/1/x?after=1' } }
				: n8nHttpError(400, { error: { message: 'rate', code: 80007 } }),
		);
		const error = await catchError(graphRequestAllPages.call(ctx, '/1/x'));
		expect(error.graph).toMatchObject({ code: 80007, retryable: true });
	});
});
