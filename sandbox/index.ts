/** Public surface of the sandbox for tests, e2e scripts and benchmarks. */
export { startSandbox, DEFAULT_API_VERSION, type SandboxHandle } from './server';
export { Sandbox, type FaultSpec, type InjectOptions, type DeliveryFilter } from './sandbox';
export type { MessageRecord, MessageFilter } from './core/records';
export type { SandboxOptions, Knobs } from './core/config';
export { SEED } from './core/seed';
export { TEMPLATE, seedTemplates } from './templates/seed';
export type { StoredTemplate } from './templates/types';
export { signatureFor, asciiJson, type DeliveryRecord, type HandshakeRecord } from './webhooks';
export type { InboundSpec } from './payloads';
