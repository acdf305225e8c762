/**
 * Changing knobs at runtime (POST /_sandbox/config, Sandbox.configure): each value checked and
 * range-limited, unknown keys refused, so a typo cannot silently leave a knob unchanged.
 */
import type { Identity, Knobs, RetryPolicy } from '../core/config';
import { errors } from '../core/errors';
import { digitsOf } from '../core/ids';

export type KnobPatch = Partial<Omit<Knobs, 'webhookRetry'>> & {
	webhookRetry?: Partial<RetryPolicy>;
	accessToken?: string;
	appSecret?: string;
};

/**
 * Applies the patch key by key; the first bad value throws a GraphError (100), and the keys
 * checked before it stay applied.
 */
export function applyKnobPatch(k: Knobs, identity: Identity, patch: KnobPatch): void {
	const num = (key: keyof Knobs, min: number, max = Number.POSITIVE_INFINITY) => {
		const v = (patch as Record<string, unknown>)[key];
		if (v === undefined) return;
		if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
			throw errors.invalidParameter(`${key} must be a number between ${min} and ${max}`);
		(k as unknown as Record<string, number>)[key] = v;
	};
	const bool = (key: keyof Knobs) => {
		const v = (patch as Record<string, unknown>)[key];
		if (v === undefined) return;
		if (typeof v !== 'boolean') throw errors.invalidParameter(`${key} must be true or false`);
		(k as unknown as Record<string, boolean>)[key] = v;
	};
	const known = new Set<string>([...Object.keys(k), 'accessToken', 'appSecret']);
	for (const key of Object.keys(patch))
		if (!known.has(key)) throw errors.invalidParameter(`Unknown setting '${key}'`);
	const tierBefore = k.tier;
	num('tier', 0.001);
	num('tierBurst', 1);
	if (patch.tier !== undefined && patch.tierBurst === undefined && k.tierBurst === tierBefore)
		k.tierBurst = k.tier;
	num('pairRateSeconds', 0);
	num('pairBurst', 1);
	num('latencyMs', 0, 120_000);
	num('latencyJitterMs', 0, 120_000);
	num('errorRate', 0, 1);
	num('errorStatus', 500, 599);
	num('resetRate', 0, 1);
	num('rate429', 0, 1);
	num('retryAfterSeconds', 0, 3600);
	num('statusDelayMs', 0, 3_600_000);
	num('webhookBatchMs', 0, 60_000);
	num('webhookBatchMax', 1, 10_000);
	num('templateReviewMs', 0, 86_400_000);
	bool('fiveXxAfterAccept');
	bool('testMode');
	bool('enforceWindow');
	bool('subscribed');
	if (patch.faultScope !== undefined) {
		if (!['messages', 'all'].includes(patch.faultScope))
			throw errors.invalidParameter('faultScope must be messages or all');
		k.faultScope = patch.faultScope;
	}
	if (patch.queryToken !== undefined) {
		if (!['reject', 'record'].includes(patch.queryToken))
			throw errors.invalidParameter('queryToken must be reject or record');
		k.queryToken = patch.queryToken;
	}
	if (patch.webhookUnicode !== undefined) {
		if (!['escape', 'raw'].includes(patch.webhookUnicode))
			throw errors.invalidParameter('webhookUnicode must be escape or raw');
		k.webhookUnicode = patch.webhookUnicode;
	}
	if (patch.allowlist !== undefined) {
		if (!Array.isArray(patch.allowlist))
			throw errors.invalidParameter('allowlist must be an array of phone numbers');
		k.allowlist = patch.allowlist.map((n) => digitsOf(String(n)));
	}
	if (patch.statuses !== undefined) {
		if (
			!Array.isArray(patch.statuses) ||
			patch.statuses.some((s) => !['sent', 'delivered', 'read'].includes(s))
		) {
			throw errors.invalidParameter('statuses must be a list of sent, delivered, read');
		}
		k.statuses = patch.statuses;
	}
	if (patch.webhookRetry !== undefined)
		k.webhookRetry = { ...k.webhookRetry, ...patch.webhookRetry };
	if (patch.accessToken !== undefined) identity.accessToken = String(patch.accessToken);
	if (patch.appSecret !== undefined) identity.appSecret = String(patch.appSecret);
}
