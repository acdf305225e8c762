// What the n8n editor asks of the package, through n8n's own REST endpoints (the calls the editor
// makes when a user opens the nodes): both nodes and the credential are listed with their icons,
// the template picker lists the account's approved templates from every page, and choosing a
// template gives one field per variable labelled with the template's example value.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { connect } from './support.mjs';

const PACKAGE = 'n8n-nodes-whatsapp-cloud';
const ACTION = `${PACKAGE}.whatsAppCloud`;
const TRIGGER = `${PACKAGE}.whatsAppCloudTrigger`;

describe('the editor', () => {
	let api;
	let info;
	let credentials;
	before(async () => {
		({ api, info } = await connect());
		credentials = { whatsAppCloudApi: { id: info.credential.id, name: info.credential.name } };
	});

	const sendTemplateParameters = (template) => ({
		resource: 'message',
		operation: 'sendTemplate',
		recipient: '+15550109001',
		template,
		variablesMode: 'map',
		variables: { mappingMode: 'defineBelow', value: null, matchingColumns: [], schema: [] },
	});

	it('lists both nodes and the credential, with light and dark icons', async () => {
		const types = await api.nodeTypes();
		for (const name of [ACTION, TRIGGER]) {
			const node = types.find((t) => t.name === name);
			assert.ok(node, `${name} is loaded`);
			// n8n turns `icon: { light: 'file:…', dark: 'file:…' }` into URLs it serves itself.
			const icons = node.iconUrl;
			assert.ok(
				icons?.light && icons?.dark && icons.light !== icons.dark,
				`${name} has light and dark icons: ${JSON.stringify(icons)}`,
			);
			for (const url of [icons.light, icons.dark]) {
				const res = await fetch(new URL(url, `${info.n8nUrl}/`));
				assert.equal(res.status, 200, `${url} is served`);
				assert.match(await res.text(), /<svg[\s>]/, `${url} is an SVG`);
			}
			assert.deepEqual(
				node.credentials?.map((c) => c.name),
				['whatsAppCloudApi'],
			);
		}
		const action = types.find((t) => t.name === ACTION);
		assert.equal(action.usableAsTool, true);
		// n8n adds its own "Custom API Call" entry (__CUSTOM_API_CALL__) to nodes with a credential.
		const resources = action.properties
			.find((p) => p.name === 'resource')
			.options.map((o) => o.value)
			.filter((value) => value !== '__CUSTOM_API_CALL__');
		assert.deepEqual([...resources].sort(), ['media', 'message', 'template']);
		const credentialTypes = await api.credentialTypes();
		assert.ok(credentialTypes.some((c) => c.name === 'whatsAppCloudApi'));
	});

	it('the template picker lists approved templates from every page, each with language, category and status', async () => {
		const result = await api.request(
			'POST',
			'/rest/dynamic-node-parameters/resource-locator-results',
			{
				nodeTypeAndVersion: { name: ACTION, version: 1 },
				path: 'template',
				methodName: 'searchTemplates',
				currentNodeParameters: sendTemplateParameters({ __rl: true, mode: 'list', value: '' }),
				credentials,
			},
		);
		const seed =
			(await fetch(`${info.sandboxUrl}/_sandbox/seed`).then((r) => r.json())).templates ?? [];
		const approved = seed.filter((t) => t.status === 'APPROVED');
		assert.ok(approved.length > 25, 'the seed needs more than one page of approved templates');
		assert.equal(result.results.length, approved.length, 'every approved template, from all pages');
		const repair = result.results.find((r) => r.value === 'repair_ready:en_US');
		assert.ok(repair, 'repair_ready (en_US) is listed');
		assert.match(repair.name, /^repair_ready \(en_US\) · UTILITY · APPROVED$/);
	});

	it('a chosen template gives one required field per variable, in order, labelled with its example', async () => {
		const result = await api.request(
			'POST',
			'/rest/dynamic-node-parameters/resource-mapper-fields',
			{
				nodeTypeAndVersion: { name: ACTION, version: 1 },
				path: 'variables',
				methodName: 'getTemplateVariables',
				currentNodeParameters: sendTemplateParameters({
					__rl: true,
					mode: 'list',
					value: 'repair_ready:en_US',
				}),
				credentials,
			},
		);
		const fields = result.fields;
		assert.deepEqual(
			fields.map((f) => f.id),
			['body_1', 'body_2'],
		);
		assert.ok(fields.every((f) => f.required === true && f.display === true));
		assert.ok(
			fields.every((f) => /\(e\.g\. .+\)/.test(f.displayName)),
			`labels carry the example: ${fields.map((f) => f.displayName).join(', ')}`,
		);
	});

	it('a named-parameter template gives fields keyed by the parameter names', async () => {
		const result = await api.request(
			'POST',
			'/rest/dynamic-node-parameters/resource-mapper-fields',
			{
				nodeTypeAndVersion: { name: ACTION, version: 1 },
				path: 'variables',
				methodName: 'getTemplateVariables',
				currentNodeParameters: sendTemplateParameters({
					__rl: true,
					mode: 'name',
					value: 'order_confirmation_named:en_US',
				}),
				credentials,
			},
		);
		const ids = result.fields.map((f) => f.id);
		assert.ok(ids.includes('body_customer_name'), `named body variables: ${ids.join(', ')}`);
	});
});
