/**
 * What the trigger shows in n8n's editor: its subtitle, the words it uses for publishing (n8n 2.x
 * "publish/unpublish", not "activate/deactivate"), parameter internal names kept as contracts, and
 * the field names its registration errors use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import {
	checkRegistration,
	type RegistrationDeps,
} from '../../nodes/WhatsAppCloud/webhook/registration';
import { WhatsAppCloudTrigger } from '../../nodes/WhatsAppCloud/WhatsAppCloudTrigger.node';

const description = new WhatsAppCloudTrigger().description;
const root = join(__dirname, '..', '..');

/** Every text a user reads in the trigger's description, with where it comes from. */
function userTexts(): Array<[string, string]> {
	const texts: Array<[string, string]> = [];
	const add = (where: string, text: unknown) => {
		if (typeof text === 'string' && text !== '') texts.push([where, text]);
	};
	const walk = (
		properties: Array<INodeProperties | INodePropertyOptions | INodePropertyCollection>,
		path: string,
	) => {
		for (const property of properties) {
			const where = `${path}/${'name' in property ? String(property.name) : ''}`;
			if ('displayName' in property) add(`${where}.displayName`, property.displayName);
			if ('description' in property) add(`${where}.description`, property.description);
			if ('hint' in property) add(`${where}.hint`, property.hint);
			if ('placeholder' in property) add(`${where}.placeholder`, property.placeholder);
			if ('options' in property && Array.isArray(property.options)) walk(property.options, where);
			if ('values' in property && Array.isArray(property.values)) walk(property.values, where);
		}
	};
	add('description', description.description);
	add('subtitle', description.subtitle);
	const panel = description.triggerPanel;
	if (panel && typeof panel === 'object') {
		add('triggerPanel.header', panel.header);
		add('triggerPanel.activationHint', panel.activationHint);
		const help = panel.executionsHelp;
		if (help && typeof help === 'object') {
			add('triggerPanel.executionsHelp.active', help.active);
			add('triggerPanel.executionsHelp.inactive', help.inactive);
		}
	}
	walk(description.properties, 'properties');
	return texts;
}

/** n8n evaluates the subtitle as an expression with $parameter: the same here, for plain JS. */
function subtitleFor(registration: string): string {
	const match = /^=\{\{([\s\S]*)\}\}$/.exec(String(description.subtitle));
	if (!match) throw new Error(`subtitle is not an expression: ${String(description.subtitle)}`);
	const evaluate = new Function('$parameter', `return (${match[1]});`) as (
		p: Record<string, unknown>,
	) => unknown;
	return String(evaluate({ registration }));
}

describe('trigger wording', () => {
	it('subtitle: a readable label per registration mode, never the raw option value', () => {
		expect(subtitleFor('manual')).toBe('Manual webhook setup');
		expect(subtitleFor('subscribeApp')).toBe('Subscribes the app to the business account');
		expect(subtitleFor('phoneNumberOverride')).toBe("Routes this phone number's events here");
		for (const mode of ['manual', 'subscribeApp', 'phoneNumberOverride'])
			expect(subtitleFor(mode)).not.toContain(mode);
	});

	it('says publish / unpublish (n8n 2.x), not activate / deactivate', () => {
		const offending = userTexts().filter(([, text]) => /\b(de)?activat/i.test(text));
		expect(offending).toEqual([]);
		expect(
			description.triggerPanel &&
				typeof description.triggerPanel === 'object' &&
				description.triggerPanel.activationHint,
		).toMatch(/^Once published/);
	});

	it('internal parameter names stay as they are (workflows and examples store them)', () => {
		const names = description.properties.map((p) => p.name);
		expect(names).toEqual(
			expect.arrayContaining([
				'registration',
				'businessAccountId',
				'phoneNumberId',
				'unsubscribeOnDeactivate',
				'replaceExistingOverride',
				'events',
				'options',
			]),
		);
		expect(
			description.properties.find((p) => p.name === 'unsubscribeOnDeactivate')?.displayName,
		).toBe('Unsubscribe on Unpublish');
	});

	it('the README names the option as the node shows it', () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		expect(readme).toContain('*Unsubscribe on Unpublish*');
		expect(readme).not.toContain('Unsubscribe on Deactivation');
	});

	it("registration errors name the field by its display name, 'WhatsApp Business Account ID'", async () => {
		const field = description.properties.find((p) => p.name === 'businessAccountId');
		expect(field?.displayName).toBe('WhatsApp Business Account ID');
		const deps: RegistrationDeps = {
			call: async () => ({}),
			problem: (message, text) => Object.assign(new Error(message), { description: text }),
		};
		const error = (await checkRegistration('subscribeApp', deps, {
			webhookUrl: 'https://n8n.example/webhook',
			verifyToken: 'v',
			businessAccountId: 'abc',
		}).catch((e: Error) => e)) as Error & { description: string };
		expect(error.message).toBe('The WhatsApp Business Account ID "abc" is not a numeric ID');
		expect(error.description).toContain(
			'Set "WhatsApp Business Account ID" in the credential or in the node',
		);
	});
});
