/** Public surface of the sandbox for tests, e2e scripts and benchmarks. */
export { startSandbox, type SandboxHandle } from './server';
export { Sandbox, type DeliveryFilter, type SandboxCredentials } from './control/sandbox';
export type { SandboxOptions, Knobs } from './core/config';
export type { MessageRecord, MessageFilter } from './core/records';
export { SEED } from './core/seed';
export { DEFAULT_API_VERSION } from './graph/request';
export type { FaultSpec } from './graph/faults';
export { TEMPLATE, seedTemplates } from './templates/seed';
export type { StoredTemplate } from './templates/types';
export {
	signatureFor,
	asciiJson,
	type DeliveryRecord,
	type HandshakeRecord,
} from './webhooks/dispatcher';
export type { InjectOptions } from './webhooks/inbound';
export type { InboundSpec } from './webhooks/payloads';
