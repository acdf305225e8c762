/**
 * Scrubs secrets from text we surface: the credential's own values (also URL-encoded) and
 * anything shaped like a token (Bearer/OAuth values, EAA... tokens, token query parameters).
 */

const REDACTED = '[redacted]';

const SECRET_PATTERNS: Array<[RegExp, string]> = [
	// Query parameters that carry tokens or proofs.
	[
		/((?:access_token|input_token|appsecret_proof|client_secret|hub\.verify_token|verify_token|fb_exchange_token)=)[^&\s"'<>]+/gi,
		`$1${REDACTED}`,
	],
	// Authorization header values.
	[/\b(Bearer|OAuth)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
	// Meta access tokens start with "EAA".
	[/\bEAA[A-Za-z0-9]{20,}/g, REDACTED],
	// user:password@ in URLs.
	[/(\/\/)[^/\s:@]+:[^/\s@]+@/g, `$1${REDACTED}@`],
];

/** Replaces every known secret and token-looking value in `text`. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
	let out = text;
	const ordered = [...secrets]
		.filter((s) => typeof s === 'string' && s.length >= 4)
		.sort((a, b) => b.length - a.length);
	for (const secret of ordered) {
		if (out.includes(secret)) out = out.split(secret).join(REDACTED);
		const encoded = encodeURIComponent(secret);
		if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join(REDACTED);
	}
	for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
	return out;
}
