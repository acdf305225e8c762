import { seedTemplates, TEMPLATE } from '../../../sandbox';

describe('seeded templates', () => {
	it('the template names exported by the seed exist', () => {
		const names = new Set(seedTemplates().map((t) => t.name));
		for (const [key, name] of Object.entries(TEMPLATE))
			if (key !== 'generatedPrefix') expect(names.has(name)).toBe(true);
	});
});
