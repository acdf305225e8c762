/**
 * What publishing and unpublishing the trigger do, as n8n's webhook lifecycle hooks call them:
 * check the credential's webhook secrets, then run the chosen registration mode's step
 * (registration.ts) with the node's parameters and the shared Graph transport.
 */
import { NodeOperationError, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { getAccountInfo } from '../transport/credentials';
import { graphRequest } from '../transport/request';
import { REGISTRATION_MODES, type RegistrationMode } from './description';
import {
	assertWebhookSecrets,
	checkRegistration,
	createRegistration,
	deleteRegistration,
	type RegistrationDeps,
	type RegistrationTarget,
} from './registration';

function registrationMode(value: unknown): RegistrationMode {
	return (REGISTRATION_MODES as readonly string[]).includes(String(value))
		? (value as RegistrationMode)
		: 'manual';
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
 *  become NodeOperationErrors. When publishing fails, n8n shows only the message of a
 *  NodeOperationError, not its description (docs/n8n-internals.md, 5), so the fix is part of the
 *  message too. */
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

/** checkExists: refuses to publish with empty webhook secrets, then checks Meta's side. */
export async function checkWebhookExists(this: IHookFunctions): Promise<boolean> {
	await requireWebhookSecrets(this);
	return await runRegistrationStep(this, checkRegistration);
}

export async function createWebhook(this: IHookFunctions): Promise<boolean> {
	return await runRegistrationStep(this, createRegistration);
}

export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	// Never throws: n8n removes the workflow's webhooks from its registry only after every delete
	// returned (docs/n8n-internals.md, 4), so a throw here (an expired token, Meta unreachable)
	// would leave this URL registered in n8n. The failure is logged with what is left to undo.
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
}
