/** What the Graph handlers use of the sandbox's state (the Sandbox object provides it). */
import type { Identity, Knobs } from '../core/config';
import type { PairLimiter, TokenBucket } from '../core/limits';
import type { MediaStore } from '../core/media-store';
import type { Counters, MessageLog } from '../core/records';
import type { ServiceWindows } from '../core/windows';
import type { TemplateReview } from '../templates/review';
import type { TemplateStore } from '../templates/store';
import type { WebhookRouting } from '../webhooks/routing';
import type { StatusScheduler } from '../webhooks/statuses';
import type { Faults } from './faults';
import type { GraphResult, IncomingGraphRequest } from './request';

/**
 * The handler of /{id} for one kind of Graph object: undefined when `id` is not of its kind, or
 * when Graph serves neither that edge nor that method there.
 */
export type ObjectHandler = (
	ctx: GraphContext,
	req: IncomingGraphRequest,
	id: string,
	edge: string | undefined,
) => GraphResult | undefined;

/** The handler of /{id} and its edges for an object the account itself is (phone number, WABA). */
export type AccountObjectHandler = (
	ctx: GraphContext,
	req: IncomingGraphRequest,
	edge: string | undefined,
) => Promise<GraphResult>;

export interface GraphContext {
	readonly identity: Identity;
	readonly knobs: Knobs;
	readonly counters: Counters;
	readonly messages: MessageLog;
	readonly templates: TemplateStore;
	readonly review: TemplateReview;
	readonly media: MediaStore;
	readonly windows: ServiceWindows;
	/** messages per second of the business number (130429) */
	readonly throughput: TokenBucket;
	/** messages to one user (131056) */
	readonly pairs: PairLimiter;
	readonly statuses: StatusScheduler;
	readonly routing: WebhookRouting;
	readonly faults: Faults;
	readonly log: (line: string) => void;
	/** Records a mistake a client made that Meta would answer in a confusing way. */
	pitfall(kind: string, detail: string): void;
}
