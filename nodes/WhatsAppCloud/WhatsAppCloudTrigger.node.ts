import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { describeGraphError } from './transport/errors/catalog';
import { getAccountInfo } from './transport/credentials';
import { graphRequest } from './transport/request';
import {
	DEFAULT_DEDUP_MAX_EVENTS,
	DEFAULT_DEDUP_WINDOW_MINUTES,
	MAX_DEDUP_MAX_EVENTS,
	REGISTRATION_MODES,
	triggerProperties,
	type RegistrationMode,
} from './webhook/description';
import { recentEventClaims, stateToSave } from './webhook/dedup';
import { buildFilter } from './webhook/filters';
import { verifyHandshake } from './webhook/handshake';
import { processDelivery } from './webhook/receive';
import {
	assertWebhookSecrets,
	checkRegistration,
	createRegistration,
	deleteRegistration,
	type RegistrationDeps,
	type RegistrationTarget,
} from './webhook/registration';
import { webhookSecretsCache, type WebhookSecrets } from './webhook/secrets';
import { SIGNATURE_HEADER } from './webhook/signature';

/** Key of the dedup memory inside this node's workflow static data. */
const DEDUP_STATE_KEY = 'deliveredEvents';

function registrationMode(value: unknown): RegistrationMode {
	return (REGISTRATION_MODES as readonly string[]).includes(String(value))
		? (value as RegistrationMode)
		: 'manual';
}

function clampNumber(value: unknown, fallback: number, min: number, max: number): number {
	const parsed = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(parsed)) return fallback;
	return Math.min(max, Math.max(min, parsed));
}

/** Everything the registration steps need, from the node's parameters and its credential. */
async function registrationTarget(this: IHookFunctions): Promise<RegistrationTarget> {
	const credentials = await this.getCredentials('whatsAppCloudApi');
	const account = await getAccountInfo.call(this);
	const businessAccountId = String(this.getNodeParameter('businessAccountId', '') || '').trim();
	const phoneNumberId = String(this.getNodeParameter('phoneNumberId', '') || '').trim();
	return {
		webhookUrl: this.getNodeWebhookUrl('default') ?? '',
		verifyToken: typeof credentials.verifyToken === 'string' ? credentials.verifyToken : '',
		businessAccountId: businessAccountId || account.businessAccountId || undefined,
		phoneNumberId: phoneNumberId || account.phoneNumberId || undefined,
		unsubscribeOnDeactivate: this.getNodeParameter('unsubscribeOnDeactivate', false) === true,
		replaceExistingOverride: this.getNodeParameter('replaceExistingOverride', false) === true,
		testing: this.getMode() === 'manual',
		webhookId: this.getNode().webhookId,
	};
}

/** Graph calls go through the shared transport (auth, error catalog); problems the user must fix
 *  become NodeOperationErrors. When publishing fails, n8n 2.41 shows only the message of a
 *  NodeOperationError (not its description), so the fix is part of the message too. */
function registrationDeps(context: IHookFunctions): RegistrationDeps {
	return {
		call: async (method, path, options) =>
			(await graphRequest.call(context, method, path, options)) as IDataObject,
		problem: (message, description) =>
			new NodeOperationError(context.getNode(), withFix(message, description), { description }),
	};
}

/** "What is wrong. What to do." unless the message already says what to do. */
export function withFix(message: string, description: string): string {
	if (!description || message.includes(description)) return message;
	return `${message.replace(/[.\s]+$/, '')}. ${description}`;
}

/**
 * Publishing (and listening for a test event) first runs checkExists, in every registration mode:
 * with an empty App Secret or Webhook Verify Token every request from Meta would get a 403, so it
 * fails there with an error naming the empty field(s) instead. n8n shows that error where the user
 * published; delete does not check, so unpublishing always works.
 */
async function requireWebhookSecrets(context: IHookFunctions): Promise<void> {
	const credentials = await context.getCredentials('whatsAppCloudApi');
	assertWebhookSecrets(
		registrationDeps(context).problem,
		credentials,
		context.getNode().credentials?.whatsAppCloudApi?.name,
	);
}

async function runRegistrationStep(
	context: IHookFunctions,
	step: typeof checkRegistration,
): Promise<boolean> {
	const mode = registrationMode(context.getNodeParameter('registration', 'manual'));
	if (mode === 'manual') return true; // the user registers the URL in Meta's dashboard
	const target = await registrationTarget.call(context);
	return await step(mode, registrationDeps(context), target);
}

export class WhatsAppCloudTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Cloud Trigger',
		name: 'whatsAppCloudTrigger',
		icon: { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' },
		group: ['trigger'],
		version: 1,
		// A readable label per registration mode (the raw option value means nothing to a user).
		subtitle:
			'={{ $parameter["registration"] === "subscribeApp" ? "Subscribes the app to the business account" : $parameter["registration"] === "phoneNumberOverride" ? "Routes this phone number\'s events here" : "Manual webhook setup" }}',
		description:
			'Starts the workflow on WhatsApp Cloud API webhooks: inbound messages, message statuses, errors, template and account updates',
		defaults: { name: 'WhatsApp Cloud Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppCloudApi', required: true }],
		webhooks: [
			// Meta's verification handshake (GET) and the deliveries (POST) share one URL.
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Meta only needs the 200; echoing event data back would be pointless exposure.
				responseData: 'noData',
				path: 'webhook',
			},
		],
		triggerPanel: {
			header: 'Waiting for WhatsApp events',
			executionsHelp: {
				inactive:
					"While you listen for a test event, Meta must call the <b>Test URL</b>: put it in the Meta app's webhook settings for now. Publish the workflow to use the Production URL.",
				active:
					"The workflow is published: Meta calls the <b>Production URL</b> for every event it delivers (use the verify token from the credential when you enter the URL in Meta's dashboard).",
			},
			activationHint:
				"Once published, paste the Production URL and the credential's Webhook Verify Token into the Meta app's webhook settings (or pick a registration mode that does it).",
		},
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await requireWebhookSecrets(this);
				return await runRegistrationStep(this, checkRegistration);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await runRegistrationStep(this, createRegistration);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Never throws: n8n 2.41 (ActiveWorkflowManager.clearWebhooks) removes the workflow's
				// webhooks from its own registry only after every delete returned, so a throw here (an
				// expired token, Meta unreachable) would leave this URL registered in n8n. The failure
				// is logged with what is left to undo by hand.
				try {
					return await runRegistrationStep(this, deleteRegistration);
				} catch (error) {
					this.logger.warn(
						`WhatsApp Cloud Trigger: unpublished, but Meta's side was not undone (${(error as Error).message}). ` +
							"Remove the phone number's webhook override or the app subscription in Meta's dashboard if it is no longer wanted.",
						{ node: this.getNode().name },
					);
					return false;
				}
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
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
}
