/**
 * The action node's description as n8n's editor and AI agents read it: identity, resources and
 * operations, the parameter names workflows store, descriptions, the resource mapper, options shown
 * per mode; and the package's codex files (documentation link, search aliases).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NodeHelpers, type INodeParameters, type INodeProperties } from 'n8n-workflow';

import { WhatsAppCloud } from '../../nodes/WhatsAppCloud/WhatsAppCloud.node';

const root = join(__dirname, '..', '..');

describe('node description', () => {
	const node = new WhatsAppCloud();
	const { description } = node;
	const props = description.properties;

	it('identity, credential, tool use, subtitle, icons', () => {
		expect(description).toMatchObject({
			displayName: 'WhatsApp Cloud',
			name: 'whatsAppCloud',
			usableAsTool: true,
			subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
			credentials: [{ name: 'whatsAppCloudApi', required: true }],
			icon: { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' },
		});
		expect(node.methods.listSearch.searchTemplates).toBeInstanceOf(Function);
		expect(node.methods.resourceMapping.getTemplateVariables).toBeInstanceOf(Function);
		expect(node.methods.loadOptions.getBodyVariables).toBeInstanceOf(Function);
	});

	it('resources and operations (internal names), sorted by display name, each with an action', () => {
		const resource = props.find((p) => p.name === 'resource')!;
		expect(resource.options).toEqual([
			{ name: 'Media', value: 'media' },
			{ name: 'Message', value: 'message' },
			{ name: 'Template', value: 'template' },
		]);
		const operations = props.filter((p) => p.name === 'operation');
		expect(
			operations.map((p) => [
				p.displayOptions?.show?.resource,
				(p.options as Array<{ value: string }>).map((o) => o.value),
				p.default,
			]),
		).toEqual([
			[
				['message'],
				[
					'markAsRead',
					'sendButtons',
					'sendContacts',
					'sendCtaUrl',
					'sendList',
					'sendLocation',
					'sendMedia',
					'sendReaction',
					'sendTemplate',
					'sendText',
				],
				'sendText',
			],
			[['media'], ['delete', 'download', 'getUrl', 'upload'], 'upload'],
			[['template'], ['create', 'delete', 'get', 'list'], 'list'],
		]);
		for (const operation of operations) {
			for (const option of operation.options as Array<{ action?: string; description?: string }>) {
				expect(option.action).toBeTruthy();
				expect(option.description).toBeTruthy();
			}
		}
	});

	const shown = (p: INodeProperties) => p.displayOptions?.show ?? {};
	const fieldsOf = (resource: string, operation: string) =>
		props
			.filter(
				(p) => shown(p).resource?.includes(resource) && shown(p).operation?.includes(operation),
			)
			.map((p) => p.name);

	it('parameter names per operation (what workflows store)', () => {
		expect(fieldsOf('message', 'sendText')).toEqual([
			'recipient',
			'text',
			'previewUrl',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendTemplate')).toEqual([
			'recipient',
			'template',
			'variablesMode',
			'variables',
			'components',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendMedia')).toEqual([
			'recipient',
			'mediaType',
			'source',
			'link',
			'binaryPropertyName',
			'mediaId',
			'caption',
			'fileName',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendButtons')).toEqual([
			'recipient',
			'body',
			'inputMode',
			'buttons',
			'buttonsJson',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendList')).toEqual([
			'recipient',
			'body',
			'buttonText',
			'inputMode',
			'rows',
			'sectionsJson',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendCtaUrl')).toEqual([
			'recipient',
			'body',
			'displayText',
			'url',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendLocation')).toEqual([
			'recipient',
			'latitude',
			'longitude',
			'name',
			'address',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendContacts')).toEqual([
			'recipient',
			'inputMode',
			'formattedName',
			'phones',
			'emails',
			'additionalFields',
			'contactsJson',
			'options',
			'sending',
		]);
		expect(fieldsOf('message', 'sendReaction')).toEqual([
			'recipient',
			'messageId',
			'emoji',
			'sending',
		]);
		expect(fieldsOf('message', 'markAsRead')).toEqual(['messageId', 'typingIndicator', 'sending']);
		expect(fieldsOf('media', 'upload')).toEqual(['binaryPropertyName', 'options']);
		expect(fieldsOf('media', 'getUrl')).toEqual(['mediaId']);
		expect(fieldsOf('media', 'download')).toEqual(['mediaId', 'binaryPropertyName', 'options']);
		expect(fieldsOf('media', 'delete')).toEqual(['mediaId']);
		expect(fieldsOf('template', 'list')).toEqual(['filters']);
		expect(fieldsOf('template', 'create')).toEqual([
			'name',
			'language',
			'category',
			'inputMode',
			'parameterFormat',
			'header',
			'body',
			'examples',
			'footer',
			'templateButtons',
			'addSecurityRecommendation',
			'codeExpirationMinutes',
			'otpButtonText',
			'components',
		]);
		expect(fieldsOf('template', 'delete')).toEqual(['name', 'templateId']);
		expect(fieldsOf('template', 'get')).toEqual(['template']);
	});

	it('every field has a description (for users and AI agents)', () => {
		for (const p of props.filter(
			(p) => !['resource', 'operation', 'options', 'filters', 'additionalFields'].includes(p.name),
		)) {
			expect(`${p.name}: ${p.description ?? ''}`.length).toBeGreaterThan(p.name.length + 10);
		}
	});

	it('template variables use the resource mapper, refreshed from Meta', () => {
		const variables = props.find((p) => p.name === 'variables')!;
		expect(variables.type).toBe('resourceMapper');
		expect(variables.typeOptions?.loadOptionsDependsOn).toEqual(['template.value']);
		expect(variables.typeOptions?.resourceMapper).toMatchObject({
			resourceMapperMethod: 'getTemplateVariables',
			mode: 'add',
			supportAutoMap: false,
			fieldWords: { singular: 'variable', plural: 'variables' },
		});
	});

	it("options that only apply to one mode are offered only in that mode (as n8n's editor decides it)", () => {
		/** Names of the Options collection's entries the editor offers for these parameters. */
		const offered = (parameters: Record<string, unknown>): string[] => {
			const nodeValues = { resource: 'message', options: {}, ...parameters } as INodeParameters;
			const collection = props.find(
				(p) =>
					p.name === 'options' && NodeHelpers.displayParameter(nodeValues, p, null, description),
			)!;
			return (collection.options as INodeProperties[])
				.filter((option) =>
					NodeHelpers.displayParameterPath(nodeValues, option, 'options', null, description),
				)
				.map((option) => option.name);
		};
		expect(offered({ operation: 'sendTemplate', variablesMode: 'map' })).toContain(
			'variableFormats',
		);
		expect(offered({ operation: 'sendTemplate', variablesMode: 'json' })).toEqual([
			'replyToMessageId',
		]);
		expect(offered({ operation: 'sendMedia', source: 'binary' })).toContain('mimeType');
		expect(offered({ operation: 'sendMedia', source: 'link' })).toEqual(['replyToMessageId']);
		expect(offered({ operation: 'sendMedia', source: 'id' })).toEqual(['replyToMessageId']);
	});
});

describe('codex (WhatsAppCloud.node.json, WhatsAppCloudTrigger.node.json)', () => {
	const codex = (file: string) =>
		JSON.parse(readFileSync(join(root, 'nodes', 'WhatsAppCloud', file), 'utf8')) as {
			alias?: string[];
			resources?: { credentialDocumentation?: Array<{ url: string }> };
		};

	it('no "SMS" alias: WhatsApp is not SMS, and searching for SMS should not offer this node', () => {
		for (const file of ['WhatsAppCloud.node.json', 'WhatsAppCloudTrigger.node.json']) {
			expect((codex(file).alias ?? []).map((a) => a.toLowerCase())).not.toContain('sms');
		}
	});

	it("the credential documentation link points at the README's Credential section", () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		expect(readme).toMatch(/^## Credential$/m);
		const urls =
			codex('WhatsAppCloud.node.json').resources?.credentialDocumentation?.map((d) => d.url) ?? [];
		expect(urls).toHaveLength(1);
		expect(urls[0]).toMatch(/#credential$/);
	});
});
