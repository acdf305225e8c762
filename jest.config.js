/** Jest projects: `unit` (pure functions), `workflow` (nodes run in-process by n8n-core),
 *  `sandbox` (the local Cloud API emulator). e2e runs outside jest: see scripts/e2e.mjs. */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json', isolatedModules: true }];

const project = (name, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	roots: [`<rootDir>/test/${name}`],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': tsJest },
	...extra,
});

// A project whose folder does not exist yet (git keeps no empty folders, so a fresh clone may
// lack one) is left out instead of failing the whole run on a missing `roots` entry.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

module.exports = {
	projects: ['unit', 'workflow', 'sandbox']
		.filter((name) => existsSync(join(__dirname, 'test', name)))
		.map((name) => project(name)),
};
