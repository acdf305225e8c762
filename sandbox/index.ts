/** Public surface of the sandbox for tests, e2e scripts and benchmarks. */
export { startSandbox, DEFAULT_API_VERSION, type SandboxHandle } from './server';
export {
	Sandbox,
	type MessageRecord,
	type FaultSpec,
	type InjectOptions,
	type MessageFilter,
	type DeliveryFilter,
} from './sandbox';
export type { SandboxOptions, Knobs } from './config';
export { SEED, TEMPLATE, seedTemplates, type TemplateDefinition } from './seed';
export { signatureFor, asciiJson, type DeliveryRecord, type HandshakeRecord } from './webhooks';
export type { InboundSpec } from './payloads';
