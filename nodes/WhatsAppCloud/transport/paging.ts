/**
 * List reads across all pages: follows Meta's `paging.next` (re-based on the credential's base URL,
 * any access_token stripped) or the `after` cursor until the last page.
 */
import type { IDataObject } from 'n8n-workflow';

import type { GraphContext } from './credentials';
import { graphRequest, TOKEN_QUERY_KEYS } from './request';

export interface AllPagesOptions {
	itemIndex?: number;
	/** Stop after this many pages (default 1000). */
	maxPages?: number;
	/** Stop once this many rows are collected. */
	maxItems?: number;
}

interface Page<T> {
	data?: T[];
	paging?: { next?: string; cursors?: { after?: string } };
}

/**
 * GETs `path` and follows `paging.next` until the last page; returns every `data` row.
 * The next URL is re-based on the credential's base URL and stripped of any access_token, so
 * the token only ever travels in the Authorization header to the configured host.
 */
export async function graphRequestAllPages<T = IDataObject>(
	this: GraphContext,
	path: string,
	qs: IDataObject = {},
	options: AllPagesOptions = {},
): Promise<T[]> {
	const maxPages = options.maxPages ?? 1000;
	const rows: T[] = [];
	const seen = new Set<string>();
	let nextPath = path;
	let nextQs: IDataObject = qs;
	for (let page = 0; page < maxPages; page++) {
		const response = (await graphRequest.call(this, 'GET', nextPath, {
			qs: nextQs,
			itemIndex: options.itemIndex,
		})) as Page<T>;
		const data = Array.isArray(response?.data) ? response.data : [];
		rows.push(...data);
		if (options.maxItems !== undefined && rows.length >= options.maxItems)
			return rows.slice(0, options.maxItems);
		if (data.length === 0) break;
		const next = nextPageRequest(response.paging, path, qs);
		if (!next) break;
		const key = `${next.path}?${JSON.stringify(next.qs)}`;
		if (seen.has(key)) break;
		seen.add(key);
		nextPath = next.path;
		nextQs = next.qs;
	}
	return rows;
}

/** Turns paging.next (absolute URL) or paging.cursors.after into a path + query for graphRequest. */
export function nextPageRequest(
	paging: Page<unknown>['paging'],
	path: string,
	qs: IDataObject,
): { path: string; qs: IDataObject } | undefined {
	if (!paging) return undefined;
	if (typeof paging.next === 'string' && paging.next !== '') {
		try {
			const url = new URL(paging.next);
			const match = /^(?:.*?)\/v\d+(?:\.\d+)?(\/.+)$/.exec(url.pathname);
			if (match) {
				const nextQs: IDataObject = {};
				url.searchParams.forEach((value, key) => {
					if (!TOKEN_QUERY_KEYS.test(key)) nextQs[key] = value;
				});
				return { path: match[1], qs: nextQs };
			}
		} catch {
			// Not a URL: fall back to the cursor below.
		}
	}
	const after = paging.cursors?.after;
	if (typeof after === 'string' && after !== '' && typeof paging.next === 'string') {
		return { path, qs: { ...qs, after } };
	}
	return undefined;
}
