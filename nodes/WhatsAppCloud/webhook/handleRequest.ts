/**
 * One request to the trigger's URL, as n8n hands it to the node's webhook(): Meta's verification
 * handshake (GET), or a delivery (POST) checked, filtered, deduplicated and answered at once,
 * with the events to run the workflow on.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { describeGraphError } from '../transport/errors/catalog';
import { recentEventClaims, stateToSave } from './dedup';
import {
	DEFAULT_DEDUP_MAX_EVENTS,
	DEFAULT_DEDUP_WINDOW_MINUTES,
	MAX_DEDUP_MAX_EVENTS,
} from './description';
import { buildFilter } from './filters';
import { verifyHandshake } from './handshake';
import { processDelivery } from './receive';
import { webhookSecretsCache, type WebhookSecrets } from './secrets';
import { SIGNATURE_HEADER } from './signature';

/** Key of the dedup memory inside this node's workflow static data. */
const DEDUP_STATE_KEY = 'deliveredEvents';

function clampNumber(value: unknown, fallback: number, min: number, max: number): number {
	const parsed = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(parsed)) return fallback;
	return Math.min(max, Math.max(min, parsed));
}

export async function handleWebhookRequest(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const res = this.getResponseObject();
	// App Secret and Verify Token, remembered for a minute in this process (webhook/secrets.ts);
	// a check that fails with remembered values is repeated once with fresh ones.
	const node = this.getNode();
	const secretsKey = `${this.getWorkflow().id ?? ''}:${node.id ?? node.name}:${node.credentials?.whatsAppCloudApi?.id ?? ''}`;
	const loadSecrets = async (): Promise<WebhookSecrets> => {
		const credentials = await this.getCredentials('whatsAppCloudApi');
		return { appSecret: credentials.appSecret, verifyToken: credentials.verifyToken };
	};
	const remembered = await webhookSecretsCache.get(secretsKey, loadSecrets, Date.now());
	const freshSecrets = async (): Promise<WebhookSecrets | undefined> =>
		remembered.fromCache
			? await webhookSecretsCache.reload(secretsKey, loadSecrets, Date.now())
			: undefined;

	if (this.getWebhookName() === 'setup') {
		// GET: Meta's verification handshake. Never runs the workflow.
		let handshake = verifyHandshake(this.getQueryData(), remembered.secrets.verifyToken);
		if (!handshake.ok) {
			const fresh = await freshSecrets();
			if (fresh) handshake = verifyHandshake(this.getQueryData(), fresh.verifyToken);
		}
		if (handshake.ok) {
			res.status(200).type('text/plain').send(handshake.challenge);
		} else {
			this.logger.warn(`WhatsApp webhook verification refused (${handshake.reason})`, {
				node: this.getNode().name,
			});
			res.status(403).type('text/plain').send('Forbidden');
		}
		return { noWebhookResponse: true };
	}

	// POST: a delivery. The signature covers the raw bytes, so read them, not the parsed body.
	const req = this.getRequestObject();
	if (req.rawBody === undefined && typeof req.readRawBody === 'function') {
		try {
			await req.readRawBody();
		} catch {
			// Left undefined: the signature check below refuses the request with 403.
			this.logger.warn('WhatsApp webhook body could not be read', { node: this.getNode().name });
		}
	}
	const headers = this.getHeaderData() as IDataObject;
	const contentType = String(headers['content-type'] ?? '');
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const staticData = this.getWorkflowStaticData('node');

	const dedupWindowSeconds =
		clampNumber(options.dedupWindowMinutes, DEFAULT_DEDUP_WINDOW_MINUTES, 0, 60 * 24 * 30) * 60;
	const dedupMaxEntries = clampNumber(
		options.dedupMaxEvents,
		DEFAULT_DEDUP_MAX_EVENTS,
		1,
		MAX_DEDUP_MAX_EVENTS,
	);
	const nowSeconds = Math.floor(Date.now() / 1000);
	const deliver = (secrets: WebhookSecrets) =>
		processDelivery({
			rawBody: req.rawBody,
			parsedBody: contentType.startsWith('application/json') ? this.getBodyData() : undefined,
			signatureHeader: headers[SIGNATURE_HEADER],
			appSecret: secrets.appSecret,
			filter: buildFilter(
				this.getNodeParameter('events', []),
				options.messageTypes,
				options.phoneNumberIds,
			),
			dedup: {
				windowSeconds: dedupWindowSeconds,
				maxEntries: dedupMaxEntries,
				nowSeconds,
				state: staticData[DEDUP_STATE_KEY],
			},
			describeError: (code) => describeGraphError(code),
		});
	let outcome = deliver(remembered.secrets);
	if (outcome.action === 'reject') {
		const fresh = await freshSecrets();
		if (fresh) outcome = deliver(fresh);
	}

	if (outcome.action === 'reject') {
		this.logger.warn(`WhatsApp webhook refused: signature ${outcome.reason}`, {
			node: this.getNode().name,
		});
		res.status(403).type('text/plain').send('Forbidden');
		return { noWebhookResponse: true };
	}
	if (outcome.action === 'badRequest') {
		this.logger.warn('WhatsApp webhook refused: signed body is not valid JSON', {
			node: this.getNode().name,
		});
		res.status(400).type('text/plain').send('Bad Request');
		return { noWebhookResponse: true };
	}
	if (outcome.action === 'ignore') {
		this.logger.debug(`WhatsApp webhook ignored: object "${outcome.object ?? ''}"`, {
			node: this.getNode().name,
		});
		return { webhookResponse: 'EVENT_RECEIVED' };
	}

	// Copies of one event arriving at the same moment all pass the static-data check (each request
	// loaded it before any saved); the per-process claim drops all but the first.
	const dedupOptions = {
		windowSeconds: dedupWindowSeconds,
		nowSeconds,
		maxEntries: dedupMaxEntries,
	};
	const claimScope = `${this.getWorkflow().id ?? ''}:${this.getNode().id ?? this.getNode().name}`;
	const claimed = recentEventClaims.claim(claimScope, outcome.events, dedupOptions);
	// Saved with every event this process claimed, so a concurrent delivery of other events that
	// loaded the same static data cannot erase this one's entries when it saves after it.
	const dedupState = stateToSave(
		staticData[DEDUP_STATE_KEY],
		outcome.dedupState,
		recentEventClaims.entries(claimScope, dedupOptions),
		dedupOptions,
	);
	if (dedupState) staticData[DEDUP_STATE_KEY] = dedupState as unknown as IDataObject;
	outcome.events = claimed.kept;
	outcome.duplicates += claimed.duplicates.length;
	if (outcome.duplicates > 0) {
		this.logger.debug(`WhatsApp webhook: ${outcome.duplicates} redelivered event(s) dropped`, {
			node: this.getNode().name,
		});
	}
	if (outcome.events.length === 0) return { webhookResponse: 'EVENT_RECEIVED' };
	// Answer Meta now and tell n8n so (noWebhookResponse): n8n then saves the dedup memory before
	// it starts the execution. Returning only workflowData would answer after the execution was
	// created, by when n8n no longer sees the static data as changed (see webhook/dedup.ts).
	res.status(200).type('text/plain').send('EVENT_RECEIVED');
	return {
		noWebhookResponse: true,
		workflowData: [outcome.events.map((event) => ({ json: event.json }))],
	};
}
