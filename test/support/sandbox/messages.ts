/** Bodies of POST /{phone-number-id}/messages for the sandbox tests (messaging_product is added by Api.send). */
import { SEED, TEMPLATE } from '../../../sandbox';

const USER = SEED.users[0].waId;

export function text(to: string, body = 'Hello from the test'): Record<string, unknown> {
	return { to, type: 'text', text: { body } };
}

/** The seeded template without variables, to `to`. */
export const template = (to: string) => ({
	to,
	type: 'template',
	template: { name: TEMPLATE.noVariables, language: { code: 'en_US' } },
});

/** A template message to the first demo user. */
export function tpl(name: string, components?: unknown[], language = 'en_US') {
	return {
		to: USER,
		type: 'template',
		template: { name, language: { code: language }, ...(components ? { components } : {}) },
	};
}

/** A body component with positional text parameters. */
export const body = (...texts: string[]) => ({
	type: 'body',
	parameters: texts.map((t) => ({ type: 'text', text: t })),
});

/** A body component with named text parameters. */
export const named = (pairs: Record<string, string>) => ({
	type: 'body',
	parameters: Object.entries(pairs).map(([parameter_name, text]) => ({
		type: 'text',
		parameter_name,
		text,
	})),
});
