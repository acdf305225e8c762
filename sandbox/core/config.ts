/**
 * Options of startSandbox() and what they resolve to: the account's identity (IDs, tokens,
 * secrets) and the knobs the control API can change at runtime. Every option has a default that
 * needs no setup; the library defaults are fast (tests), the CLI picks slower, Meta-like timings.
 */
import type { StatusName } from './records';
import { SEED } from './seed';

/** Options of startSandbox(). */
export interface SandboxOptions {
	/** 0 = ephemeral (tests). The CLI defaults to 4010. */
	port?: number;
	host?: string;
	/** Base URL used in paging.next and media URLs when the Host header is missing. */
	publicUrl?: string;

	accessToken?: string;
	/** Further tokens accepted as valid (e.g. a second "system user"). */
	extraTokens?: string[];
	/** Tokens answered with 190 / subcode 463 "Session has expired" (temporary-token pitfall). */
	expiredTokens?: string[];
	appSecret?: string;
	/** Verify token the sandbox sends in the handshake for the app-level callback URL. */
	verifyToken?: string;
	phoneNumberId?: string;
	wabaId?: string;
	displayPhoneNumber?: string;
	verifiedName?: string;

	/** App-level webhook callback URL (Meta's app dashboard setting). null/undefined = none. */
	callbackUrl?: string | null;
	/** Perform the GET handshake when a callback URL is set at start (default true). */
	handshakeOnStart?: boolean;
	/** Whether the app starts subscribed to the WABA (POST /{waba-id}/subscribed_apps). Default true. */
	subscribed?: boolean;

	/** Throughput tier in messages per second per phone number (130429 beyond). Default 80. */
	tier?: number;
	/** Bucket size for the tier (default = tier, one second's worth). */
	tierBurst?: number;
	/** Pair rate: one message per N seconds to the same recipient (131056); 0 disables. Default 6. */
	pairRateSeconds?: number;
	/** Pair-rate burst Meta allows before 131056 (its docs: 45 in a 6-second burst). Default 45. */
	pairBurst?: number;

	/** Added latency for Graph API answers in ms (+ random 0..latencyJitterMs). */
	latencyMs?: number;
	latencyJitterMs?: number;
	/** Share (0..1) of POST /messages answered with a 5xx. */
	errorRate?: number;
	/** HTTP status for those: 500 (code 131000) or 502/503 (code 2). */
	errorStatus?: number;
	/**
	 * When true a 5xx'd message was nevertheless accepted and sent (recorded, status webhooks
	 * follow): the ambiguous case a client must not blindly retry. Default false: nothing sent.
	 */
	fiveXxAfterAccept?: boolean;
	/** Share (0..1) of POST /messages whose connection is reset before any answer (not recorded). */
	resetRate?: number;
	/** Share (0..1) of POST /messages answered with a plain HTTP 429 + Retry-After. */
	rate429?: number;
	retryAfterSeconds?: number;
	/** Which requests the random faults hit: POST /messages only (default) or every Graph request. */
	faultScope?: 'messages' | 'all';

	/** Test number mode: only numbers on the allowlist may be messaged (131030). Default false. */
	testMode?: boolean;
	/** Allowed recipients in test mode (digits). Default: the seeded demo users. */
	allowlist?: string[];
	/** Enforce the 24-hour customer service window for free-form messages (131047). Default true. */
	enforceWindow?: boolean;

	/** Delay between successive statuses: sent at +d, delivered at +2d, read at +3d. */
	statusDelayMs?: number;
	/** Which statuses to emit for an accepted message. Default sent, delivered, read. */
	statuses?: StatusName[];
	/** How long the first due event waits for others to share its POST. */
	webhookBatchMs?: number;
	/** Most events per webhook POST. */
	webhookBatchMax?: number;
	webhookRetry?: Partial<RetryPolicy>;
	webhookTimeoutMs?: number;
	webhookConcurrency?: number;
	/** Meta escapes non-ASCII as \uXXXX; 'raw' sends UTF-8 bytes instead. */
	webhookUnicode?: 'escape' | 'raw';

	/** Auto-approve created templates after this many ms (0 = stay PENDING until the control API decides). */
	templateReviewMs?: number;
	/** access_token in the query string: 'reject' (default, 190) or 'record' (served, noted as a pitfall). */
	queryToken?: 'reject' | 'record';

	/** Ring buffer sizes. */
	history?: { messages?: number; deliveries?: number; requests?: number; pitfalls?: number };
	/** Media download URLs expire like Meta's (5 minutes). */
	mediaUrlTtlMs?: number;
	/** Most bytes the media store keeps (oldest evicted). */
	maxMediaBytes?: number;

	/** Seed for the fault-injection PRNG (reproducible runs). */
	randomSeed?: number;
	quiet?: boolean;
	/** Where log lines go (default console.log unless quiet). Never receives secrets. */
	log?: (line: string) => void;
}

export interface RetryPolicy {
	/** total attempts including the first (1 = no redelivery) */
	maxAttempts: number;
	baseMs: number;
	factor: number;
	maxDelayMs: number;
}

export interface Knobs {
	tier: number;
	tierBurst: number;
	pairRateSeconds: number;
	pairBurst: number;
	latencyMs: number;
	latencyJitterMs: number;
	errorRate: number;
	errorStatus: number;
	fiveXxAfterAccept: boolean;
	resetRate: number;
	rate429: number;
	retryAfterSeconds: number;
	faultScope: 'messages' | 'all';
	testMode: boolean;
	allowlist: string[];
	enforceWindow: boolean;
	statusDelayMs: number;
	statuses: StatusName[];
	webhookBatchMs: number;
	webhookBatchMax: number;
	webhookRetry: RetryPolicy;
	webhookUnicode: 'escape' | 'raw';
	queryToken: 'reject' | 'record';
	subscribed: boolean;
	templateReviewMs: number;
}

export interface Identity {
	accessToken: string;
	extraTokens: string[];
	expiredTokens: string[];
	appSecret: string;
	verifyToken: string;
	phoneNumberId: string;
	wabaId: string;
	displayPhoneNumber: string;
	displayPhoneDigits: string;
	verifiedName: string;
}

export function resolveIdentity(o: SandboxOptions): Identity {
	const display = o.displayPhoneNumber ?? SEED.displayPhoneNumber;
	return {
		accessToken: o.accessToken ?? SEED.accessToken,
		extraTokens: o.extraTokens ?? [],
		expiredTokens: o.expiredTokens ?? [],
		appSecret: o.appSecret ?? SEED.appSecret,
		verifyToken: o.verifyToken ?? SEED.verifyToken,
		phoneNumberId: o.phoneNumberId ?? SEED.phoneNumberId,
		wabaId: o.wabaId ?? SEED.wabaId,
		displayPhoneNumber: display,
		displayPhoneDigits: display.replace(/\D/g, ''),
		verifiedName: o.verifiedName ?? SEED.verifiedName,
	};
}

export function resolveKnobs(o: SandboxOptions): Knobs {
	const tier = o.tier ?? 80;
	return {
		tier,
		tierBurst: o.tierBurst ?? tier,
		pairRateSeconds: o.pairRateSeconds ?? 6,
		pairBurst: o.pairBurst ?? 45,
		latencyMs: o.latencyMs ?? 0,
		latencyJitterMs: o.latencyJitterMs ?? 0,
		errorRate: o.errorRate ?? 0,
		errorStatus: o.errorStatus ?? 500,
		fiveXxAfterAccept: o.fiveXxAfterAccept ?? false,
		resetRate: o.resetRate ?? 0,
		rate429: o.rate429 ?? 0,
		retryAfterSeconds: o.retryAfterSeconds ?? 1,
		faultScope: o.faultScope ?? 'messages',
		testMode: o.testMode ?? false,
		allowlist: (o.allowlist ?? SEED.users.map((u) => u.waId)).map((n) => n.replace(/\D/g, '')),
		enforceWindow: o.enforceWindow ?? true,
		statusDelayMs: o.statusDelayMs ?? 20,
		statuses: o.statuses ?? ['sent', 'delivered', 'read'],
		webhookBatchMs: o.webhookBatchMs ?? 10,
		webhookBatchMax: o.webhookBatchMax ?? 100,
		webhookRetry: {
			maxAttempts: 4,
			baseMs: 50,
			factor: 2,
			maxDelayMs: 5_000,
			...(o.webhookRetry ?? {}),
		},
		webhookUnicode: o.webhookUnicode ?? 'escape',
		queryToken: o.queryToken ?? 'reject',
		subscribed: o.subscribed ?? true,
		templateReviewMs: o.templateReviewMs ?? 0,
	};
}
