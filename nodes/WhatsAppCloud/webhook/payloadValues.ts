/**
 * Reading Meta's webhook JSON defensively: objects, arrays, strings, numbers, booleans and Unix
 * times that may be missing or of another type, and the camelCase copies items show.
 */
import type { IDataObject } from 'n8n-workflow';

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function objOf(value: unknown): Obj | undefined {
	return isObj(value) ? value : undefined;
}

export function arr(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

/** Strings stay strings; numbers (Meta sends some IDs as numbers) become their decimal text. */
export function str(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

export function num(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
		return Number(value);
	}
	return undefined;
}

export function bool(value: unknown): boolean | undefined {
	return typeof value === 'boolean' ? value : undefined;
}

/** Unix seconds (string or number) -> seconds, or undefined. */
export function unixSeconds(value: unknown): number | undefined {
	const seconds = num(value);
	return seconds === undefined || seconds < 0 ? undefined : seconds;
}

export function isoFromSeconds(seconds: number | undefined): string | undefined {
	if (seconds === undefined) return undefined;
	const date = new Date(seconds * 1000);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function camel(key: string): string {
	return key.replace(/_([a-z0-9])/g, (_match, char: string) => char.toUpperCase());
}

/** Shallow camelCase copy (nested values stay as Meta sent them). */
export function camelShallow(value: Obj): IDataObject {
	const out: IDataObject = {};
	for (const [key, inner] of Object.entries(value)) out[camel(key)] = inner as IDataObject[string];
	return out;
}

/** Drops undefined fields so items only show what Meta sent. */
export function compact(value: IDataObject): IDataObject {
	for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
	return value;
}
