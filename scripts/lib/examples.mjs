// The demo workflows in examples/ (n8n's workflow export format): loading them, pointing their
// WhatsApp nodes at a credential, importing them into n8n and publishing the ones with a
// trigger n8n can activate. Also used by the e2e tests, so the tests run the same workflows.
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_DIR } from './package-install.mjs';

export const EXAMPLES_DIR = path.join(PROJECT_DIR, 'examples');
export const BOT_FILE = 'whatsapp-auto-reply-bot.json';
export const BROADCAST_FILE = 'whatsapp-broadcast.json';
export const TRIGGER_TYPE = 'n8n-nodes-whatsapp-cloud.whatsAppCloudTrigger';

/** A fresh copy of an example workflow. */
export function loadExample(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

/** Points every node that uses a whatsAppCloudApi credential at `credential` ({ id, name }). */
export function withCredential(workflow, credential) {
	const copy = JSON.parse(JSON.stringify(workflow));
	for (const node of copy.nodes) {
		if (node.credentials?.whatsAppCloudApi)
			node.credentials.whatsAppCloudApi = { id: credential.id, name: credential.name };
	}
	return copy;
}

/** The production URL n8n serves a webhook-node of `workflow` at ({base}/webhook/{webhookId}/{path}). */
export function productionWebhookUrl(
	n8nUrl,
	workflow,
	{ nodeType = TRIGGER_TYPE, path: webhookPath = 'webhook' } = {},
) {
	const node = workflow.nodes.find((n) => n.type === nodeType);
	if (!node?.webhookId)
		throw new Error(`workflow "${workflow.name}" has no ${nodeType} node with a webhookId`);
	return `${n8nUrl}/webhook/${node.webhookId}/${webhookPath}`;
}

/** True when n8n can publish (activate) the workflow: it has a trigger other than the manual one. */
export function isPublishable(workflow) {
	return workflow.nodes.some(
		(n) => n.type !== 'n8n-nodes-base.manualTrigger' && (/Trigger$/i.test(n.type) || n.webhookId),
	);
}

/**
 * Imports `workflow` (credential set) unless a workflow with its name exists (`replace` deletes
 * that one first), and publishes what it created when it can be published.
 * Returns { id, name, created, published, workflow }.
 */
export async function importWorkflow(
	api,
	workflow,
	{ publish = isPublishable(workflow), replace = false } = {},
) {
	const existing = (await api.listWorkflows()).filter(
		(w) => w.name === workflow.name && !w.isArchived,
	);
	if (replace) {
		for (const w of existing) await api.deleteWorkflow(w.id);
	}
	let id;
	let created = false;
	let saved;
	if (!replace && existing.length) {
		id = existing[0].id;
		saved = await api.getWorkflow(id);
	} else {
		saved = await api.createWorkflow(workflow);
		id = saved.id;
		created = true;
	}
	// n8n itself re-activates published workflows when it starts; an existing workflow keeps
	// whatever state the user left it in (published or not, edited or not).
	let published = Boolean(saved.activeVersionId);
	if (publish && created) {
		await api.publishWorkflow(id, { versionId: saved.versionId });
		published = true;
	}
	return { id, name: workflow.name, created, published, workflow: saved };
}
