/**
 * Identifiers shaped like Meta's, and the wa_id digits of a phone number as a client typed it.
 *
 * A real wamid is `wamid.` + base64 of a small binary record: 0x1c 0x18 <len> <wa_id> 0x15 0x02
 * 0x00 <0x11 outbound | 0x12 inbound> 0x18 <len> <20 upper-case hex chars> 0x00 (decode any wamid
 * in Meta's webhook examples to see it). We build the same layout so code that logs, stores or
 * pattern-matches wamids sees realistic values; uniqueness comes from a counter plus randomness.
 */
import { randomFillSync } from 'node:crypto';

let counter = 0;

/**
 * Random bytes from a pre-filled pool: one randomFillSync per 64 KiB instead of one per ID, which
 * matters at thousands of requests per second (IDs need to be unique, not secret).
 */
const pool = Buffer.alloc(64 * 1024);
let poolOffset = pool.length;
function randomSlice(n: number): Buffer {
	if (poolOffset + n > pool.length) {
		randomFillSync(pool);
		poolOffset = 0;
	}
	const out = pool.subarray(poolOffset, poolOffset + n);
	poolOffset += n;
	return out;
}

export function wamid(waId: string, direction: 'outbound' | 'inbound'): string {
	counter = (counter + 1) % 0xffffffff;
	const hex = (
		counter.toString(16).padStart(8, '0') + randomSlice(6).toString('hex')
	).toUpperCase();
	const phone = waId.slice(0, 20);
	const raw =
		String.fromCharCode(0x1c, 0x18, phone.length) +
		phone +
		String.fromCharCode(
			0x15,
			0x02,
			0x00,
			direction === 'outbound' ? 0x11 : 0x12,
			0x18,
			hex.length,
		) +
		hex +
		'\x00';
	return `wamid.${Buffer.from(raw, 'latin1').toString('base64')}`;
}

/**
 * Graph object IDs are long decimal strings (templates, media: 15 to 16 digits). The first digit
 * stays below 9 so a 16-digit ID is still exact as a JSON number (Meta sends
 * message_template_id as a number in template status webhooks).
 */
export function numericId(digits = 16): string {
	let s = String(1 + Math.floor(Math.random() * 8));
	while (s.length < digits) s += String(Math.floor(Math.random() * 10));
	return s;
}

/** fbtrace_id as Meta sends it: 'A' + 22 url-safe base64 characters. */
export function fbtraceId(): string {
	return `A${randomSlice(17).toString('base64url').slice(0, 22)}`;
}

/** Small deterministic PRNG (mulberry32) so fault injection can be reproduced with --random-seed. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Conversation IDs are 32 hex characters at Meta; one per (business, user, category) and day here.
 * FNV-1a with four seeds instead of md5: thousands of statuses per second go through this.
 */
export function conversationId(key: string): string {
	let out = '';
	for (const seed of [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b]) {
		let h = seed >>> 0;
		for (let i = 0; i < key.length; i++) {
			h ^= key.charCodeAt(i);
			h = Math.imul(h, 0x01000193) >>> 0;
		}
		out += h.toString(16).padStart(8, '0');
	}
	return out;
}

/** '+1 (555) 010-9001' -> '15550109001': what Graph compares recipients by. */
export function digitsOf(value: string): string {
	return value.replace(/[\s\-().]/g, '').replace(/^\+/, '');
}
