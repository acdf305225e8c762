/**
 * One Graph call for one item as an operation describes it: all pages of a list, or one request
 * with a JSON or raw body.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { graphRequestAllPages } from '../../transport/paging';
import { graphRequest } from '../../transport/request';
import type { GraphRequest } from '../types';

/** One Graph call for one item: all pages of a list, or one request with a JSON or raw body. */
export async function callGraph(
	context: IExecuteFunctions,
	request: GraphRequest,
	itemIndex: number,
): Promise<unknown> {
	if (request.allPages) {
		return await graphRequestAllPages.call(context, request.path, request.qs ?? {}, { itemIndex });
	}
	return await graphRequest.call(context, request.method, request.path, {
		body: request.body,
		qs: request.qs,
		itemIndex,
		...(request.rawBody !== undefined ? { rawBody: request.rawBody } : {}),
		...(request.headers ? { headers: request.headers } : {}),
		...(request.timeout !== undefined ? { timeout: request.timeout } : {}),
	});
}
