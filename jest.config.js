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

module.exports = {
	projects: [project('unit'), project('workflow'), project('sandbox')],
};
