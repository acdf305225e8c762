/**
 * runWebhook: one HTTP request to a node's webhook() on a real n8n-core WebhookContext, answered
 * as n8n would answer it (the node's own response, or n8n's default one).
 */
import './env';

import { WebhookContext } from 'n8n-core';
import {
	isNodeClassInstance,
	type IDataObject,
	type INodeExecutionData,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentialsHelper';
import {
	createFakeRequest,
	FakeExpressResponse,
	parseBodyLikeN8n,
	type RecordedResponse,
	type WebhookRequest,
} from './fakeExpress';
import { getWebhookData, resolveDescriptionField, type WebhookSetup } from './webhookData';
import { buildWorkflow, withIsolate, type BuiltWorkflow } from './workflow';

export interface RunWebhookOptions extends WebhookSetup {
	request: WebhookRequest;
	/** Parse rawBody into body like n8n when `request.body` is not given (default true). */
	parseBody?: boolean;
}

export interface RunWebhookResult {
	/** What webhook() returned (undefined when it threw or n8n rejected the body). */
	result?: IWebhookResponseData;
	webhookResponse?: unknown;
	/** The items that would start the workflow: workflowData[0] is the first output. */
	workflowData?: INodeExecutionData[][];
	noWebhookResponse?: boolean;
	/** What the caller (Meta) receives: the node's own response, or n8n's default answer. */
	response: RecordedResponse;
	/** Error thrown by webhook() (n8n answers 500 "Workflow could not be started!"). */
	error?: Error;
	staticData: IDataObject;
	credentialsHelper: TestCredentialsHelper;
}

/** Call the node's webhook() for one HTTP request, on a real n8n-core WebhookContext. */
export async function runWebhook(options: RunWebhookOptions): Promise<RunWebhookResult> {
	const mode = options.mode ?? 'webhook';
	const built = buildWorkflow(options, mode);
	const method = (options.request.method ?? 'POST').toUpperCase();
	const webhookData = getWebhookData(built, options.webhookName, method);
	const req = createFakeRequest({ ...options.request, method }, webhookData.path);
	const res = new FakeExpressResponse();
	const base = { staticData: built.staticData, credentialsHelper: built.credentialsHelper };

	if (options.request.body === undefined && options.parseBody !== false) {
		const parsed = parseBodyLikeN8n(req);
		if (!parsed.ok) {
			// n8n rejects the request before the node runs (UnprocessableRequestError).
			const body = { code: 422, message: 'Failed to parse request body', hint: parsed.message };
			return {
				...base,
				response: {
					status: 422,
					headers: { 'content-type': 'application/json' },
					body,
					text: JSON.stringify(body),
					sent: true,
					sentBy: 'n8n',
				},
			};
		}
	}
	req.body ??= {};

	built.additionalData.httpRequest =
		req as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	built.additionalData.httpResponse =
		res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	const closeFunctions: Array<() => Promise<void>> = [];
	const context = new WebhookContext(
		built.workflow,
		built.node,
		built.additionalData,
		mode,
		webhookData,
		closeFunctions,
		null,
	);
	const nodeType = built.workflow.nodeTypes.getByNameAndVersion(
		built.node.type,
		built.node.typeVersion,
	);
	if (!nodeType.webhook)
		throw new Error(`harness: node "${nodeType.description.name}" has no webhook() method`);

	let result: IWebhookResponseData | undefined;
	let error: Error | undefined;
	try {
		result = await withIsolate(built.workflow, async () =>
			isNodeClassInstance(nodeType)
				? await nodeType.webhook!(context as never)
				: await nodeType.webhook!.call(context),
		);
	} catch (e) {
		error = e as Error;
	} finally {
		await Promise.allSettled(closeFunctions.map(async (fn) => await fn()));
	}

	const response = res.recorded.sent
		? res.recorded
		: defaultWebhookResponse(built, webhookData, result, error);
	return {
		...base,
		result,
		webhookResponse: result?.webhookResponse,
		workflowData: result?.workflowData,
		noWebhookResponse: result?.noWebhookResponse,
		response,
		error,
	};
}

/** What n8n's webhook helpers answer when the node did not answer itself (responseMode onReceived). */
function defaultWebhookResponse(
	built: BuiltWorkflow,
	webhookData: IWebhookData,
	result: IWebhookResponseData | undefined,
	error: Error | undefined,
): RecordedResponse {
	const answer = (status: number, body: unknown): RecordedResponse => ({
		status,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		body,
		text: JSON.stringify(body),
		sent: true,
		sentBy: 'n8n',
	});
	if (error)
		return answer(500, {
			code: 0,
			message: 'Workflow Webhook Error: Workflow could not be started!',
		});
	if (!result || result.noWebhookResponse) return { headers: {}, sent: false };
	const responseCode =
		Number(resolveDescriptionField(built, webhookData.webhookDescription, 'responseCode', 200)) ||
		200;
	if (result.workflowData === undefined) {
		return answer(
			responseCode,
			result.webhookResponse !== undefined
				? result.webhookResponse
				: { message: 'Webhook call received' },
		);
	}
	const responseMode = resolveDescriptionField(
		built,
		webhookData.webhookDescription,
		'responseMode',
		'onReceived',
	);
	if (responseMode !== 'onReceived') return { headers: {}, sent: false }; // answered after the run: out of scope here
	return answer(responseCode, { message: 'Workflow was started' });
}
