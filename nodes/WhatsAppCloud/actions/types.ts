/**
 * The contract every operation of the WhatsApp Cloud node implements. An operation is one file
 * under actions/<resource>/ exporting an OperationDefinition; the resource's index.ts lists it.
 * The node's execute() (router.ts, then run/runOperation.ts) does the rest: reads each item's parameters, builds
 * its request, sends through the rate-limited sender (or reads, for lookups), and turns each
 * answer into output items with pairedItem, in input order.
 */
import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';

import type { BinaryUpload } from '../shared/media';
import type { AccountInfo } from '../transport/credentials';
import type { Result } from '../shared/problem';
import type { TemplateCache } from '../templates/lookup';

/** One Graph call for one item, built by a pure function from that item's parameters. */
export interface GraphRequest {
	method: IHttpRequestMethods;
	/** Relative to {baseUrl}/{apiVersion}, starting with '/', e.g. `/1234/messages`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Follow `paging.next` and answer with all `data` rows (list reads). */
	allPages?: boolean;
	/** E.164 recipient of a message: shown in the output and used to pace one recipient. */
	recipient?: string;
	/** Facts for the item's output and error items (e.g. template name, language). */
	meta?: IDataObject;
	/** Already answered while preparing (e.g. a template read through the execution's cache):
	 *  no HTTP call is made and this is handed to toOutput as the response. */
	answered?: unknown;
	/** A non-JSON body (multipart form data for a media upload); wins over `body`. */
	rawBody?: Buffer;
	/** Extra request headers (e.g. the multipart Content-Type); never Authorization. */
	headers?: IDataObject;
	/** Request timeout in ms (large uploads and downloads). */
	timeout?: number;
	/** A file from the item's binary data to upload to Meta's media endpoint before (or as) the
	 *  request: read by the operation's own `perform` (Media > Upload, Send Media from a file). */
	upload?: BinaryUpload & {
		/** Where to upload: `/{phone-number-id}/media`. */
		path: string;
	};
}

/** What an operation's own `perform` gets for one item. */
export interface PerformContext {
	itemIndex: number;
	/** Kept across retries of this item within the execution, e.g. the media ID of a file already
	 *  uploaded, so a retried send does not upload it again. */
	state: IDataObject;
	/** One Graph call as the router makes it (JSON or raw body, all pages), errors as
	 *  WhatsAppApiError. */
	call(request: GraphRequest): Promise<unknown>;
}

/** Shared by all items of one execution. */
export interface ExecutionEnv {
	account: AccountInfo;
	/** Template definitions read at most once per execution. */
	templates: TemplateCache;
}

export interface OperationDefinition<P = unknown> {
	/** Internal value, e.g. 'sendText' (what workflows store as `operation`). */
	value: string;
	/** Shown in the Operation dropdown, e.g. 'Send Text'. */
	name: string;
	/** Shown in the actions panel and to AI agents, e.g. 'Send a text message'. */
	action: string;
	/** One sentence for users and AI agents: what it does and when to use it. */
	description: string;
	/** This operation's fields. The resource index adds displayOptions for resource/operation. */
	properties: INodeProperties[];
	/** Sends a WhatsApp message: goes through the rate-limited sender, shows the Sending options,
	 *  and is never retried when Meta may already have sent it. Reads use a plain loop. */
	sendsMessage: boolean;
	/** The n8n edge: reads item `itemIndex`'s parameters (expressions resolved). Synchronous, no
	 *  HTTP; throws only what getNodeParameter throws. */
	readParameters(this: IExecuteFunctions, itemIndex: number): P;
	/** Turns one item's parameters into its Graph request, or says what is wrong with the input (a
	 *  Problem: nothing is sent for that item). Pure apart from reading template definitions
	 *  through `env.templates` (one read per template and execution). */
	buildRequest(
		parameters: P,
		env: ExecutionEnv,
	): Result<GraphRequest> | Promise<Result<GraphRequest>>;
	/** Message operations: the recipient as the user gave it (paces one recipient's messages and
	 *  names the recipient on error items, even when it is invalid). */
	recipientOf?(parameters: P): unknown;
	/** Operations whose work for one item is more than one plain Graph call (upload then send,
	 *  download the bytes behind a media URL): does it and returns what toOutput receives. Runs
	 *  inside the sender for message operations, so it may be called again on a retry (keep
	 *  finished steps in `context.state`). Without it the router makes the one call itself. */
	perform?(
		this: IExecuteFunctions,
		request: GraphRequest,
		context: PerformContext,
	): Promise<unknown>;
	/** Graph's answer -> output JSON objects for the item (usually one). */
	toOutput(response: unknown, request: GraphRequest): IDataObject[];
	/** Binary data for the item's (first) output item, e.g. a downloaded file. */
	binaryOf?(response: unknown, request: GraphRequest): IBinaryKeyData | undefined;
	/** Operation-specific advice for a Graph error code, added to the transport's fix. */
	adviseOnError?(code: number | undefined, request: GraphRequest): string | undefined;
}

/** Keeps an operation's parameter type inside its file; the registry holds erased definitions. */
export function defineOperation<P>(definition: OperationDefinition<P>): OperationDefinition {
	return definition as unknown as OperationDefinition;
}

export interface ResourceDefinition {
	/** Internal value, e.g. 'message'. */
	value: string;
	name: string;
	/** Operations in any order; the Operation dropdown is sorted by name. */
	operations: OperationDefinition[];
	/** Operation value selected when the resource is picked. */
	defaultOperation: string;
}
