/**
 * The node's parameter list built from the operation registry: an operation's fields get its
 * resource/operation display options without further wiring.
 */
import { buildNodeProperties } from '../../../nodes/WhatsAppCloud/actions/nodeProperties';

describe('node parameters from the registry', () => {
	it('adding an operation is one definition: its fields get resource/operation display options', () => {
		const extra = buildNodeProperties([
			{
				value: 'message',
				name: 'Message',
				defaultOperation: 'react',
				operations: [
					{
						value: 'react',
						name: 'React',
						action: 'React to a message',
						description: 'Send an emoji reaction',
						sendsMessage: true,
						properties: [{ displayName: 'Emoji', name: 'emoji', type: 'string', default: '' }],
						readParameters: () => ({}),
						buildRequest: () => ({ ok: false, problem: { message: '', description: '' } }),
						toOutput: () => [],
					},
				],
			},
		]);
		expect(extra.map((p) => [p.name, p.displayOptions?.show])).toEqual([
			['resource', undefined],
			['operation', { resource: ['message'] }],
			['emoji', { resource: ['message'], operation: ['react'] }],
			['sending', { resource: ['message'], operation: ['react'] }],
		]);
	});
});
