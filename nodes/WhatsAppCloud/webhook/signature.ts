/**
 * Meta signs every webhook POST with HMAC-SHA256 over the raw request bytes, keyed with the App
 * Secret, and sends it as `X-Hub-Signature-256: sha256=<64 hex digits>`. Only the raw bytes count:
 * a body re-serialised from parsed JSON (for instance "é" as "\u00e9") has another signature.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-hub-signature-256';

export type SignatureFailure =
	| 'missing-secret'
	| 'missing-body'
	| 'missing-header'
	| 'malformed-header'
	| 'mismatch';

export type SignatureCheck = { valid: true } | { valid: false; reason: SignatureFailure };

const SIGNATURE_PATTERN = /^sha256=([0-9a-fA-F]{64})$/;

function toBytes(body: unknown): Buffer | undefined {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return undefined;
}

/** Computes the header value Meta would send for these bytes (used by tests and the sandbox). */
export function signBody(body: Buffer | Uint8Array | string, appSecret: string): string {
	const bytes = toBytes(body) ?? Buffer.alloc(0);
	return `sha256=${createHmac('sha256', appSecret).update(bytes).digest('hex')}`;
}

/**
 * Checks `header` against the HMAC of `rawBody`. Never throws; the comparison of the digests is
 * constant-time (hex is decoded first, so upper-case hex from a proxy still matches).
 */
export function verifySignature(
	rawBody: unknown,
	header: unknown,
	appSecret: unknown,
): SignatureCheck {
	// Meta's App Secret is hex: spaces or a line break around it can only come from pasting.
	const secret = typeof appSecret === 'string' ? appSecret.trim() : '';
	if (secret.length === 0) {
		return { valid: false, reason: 'missing-secret' };
	}
	const bytes = toBytes(rawBody);
	if (bytes === undefined) return { valid: false, reason: 'missing-body' };
	if (header === undefined || header === null || header === '') {
		return { valid: false, reason: 'missing-header' };
	}
	if (typeof header !== 'string') return { valid: false, reason: 'malformed-header' };
	const match = SIGNATURE_PATTERN.exec(header);
	if (!match) return { valid: false, reason: 'malformed-header' };

	const received = Buffer.from(match[1], 'hex');
	const expected = createHmac('sha256', secret).update(bytes).digest();
	// Both are 32 bytes here (the pattern fixed the length), so timingSafeEqual cannot throw.
	return timingSafeEqual(received, expected)
		? { valid: true }
		: { valid: false, reason: 'mismatch' };
}

/**
 * Constant-time string equality that does not leak the length either: both sides are hashed to
 * 32 bytes before the comparison.
 */
export function safeEqual(a: string, b: string): boolean {
	const left = createHash('sha256').update(a, 'utf8').digest();
	const right = createHash('sha256').update(b, 'utf8').digest();
	return timingSafeEqual(left, right) && a.length === b.length;
}
