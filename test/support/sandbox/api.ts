/** A quiet sandbox on an ephemeral port, with small fetch helpers for its Graph and control APIs. */
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../../sandbox';

const TOKEN = 'sandbox-access-token';

export interface Api {
	sb: SandboxHandle;
	get: (
		path: string,
		init?: { token?: string | null; headers?: Record<string, string> },
	) => Promise<{ status: number; json: any; headers: Headers }>;
	post: (
		path: string,
		body: unknown,
		init?: { token?: string | null; headers?: Record<string, string> },
	) => Promise<{ status: number; json: any; headers: Headers }>;
	del: (
		path: string,
		init?: { token?: string | null },
	) => Promise<{ status: number; json: any; headers: Headers }>;
	send: (
		message: Record<string, unknown>,
	) => Promise<{ status: number; json: any; headers: Headers }>;
	control: (method: string, path: string, body?: unknown) => Promise<{ status: number; json: any }>;
}

/** Starts a quiet sandbox and returns small fetch helpers. Paths starting with /v are absolute. */
export async function startApi(options: SandboxOptions = {}): Promise<Api> {
	const sb = await startSandbox({ quiet: true, ...options });
	const call = async (
		method: string,
		path: string,
		body?: unknown,
		init: { token?: string | null; headers?: Record<string, string> } = {},
	) => {
		const headers: Record<string, string> = { ...(init.headers ?? {}) };
		const token = init.token === undefined ? TOKEN : init.token;
		if (token !== null) headers.authorization = `Bearer ${token}`;
		let payload: string | undefined;
		if (body !== undefined) {
			payload = typeof body === 'string' ? body : JSON.stringify(body);
			headers['content-type'] ??= 'application/json';
		}
		const url = path.startsWith('http')
			? path
			: `${sb.url}${path.startsWith('/v') || path.startsWith('/_') || path.startsWith('/whatsapp') ? '' : '/v24.0'}${path}`;
		const res = await fetch(url, { method, headers, body: payload });
		const text = await res.text();
		let json: any = text;
		try {
			json = JSON.parse(text);
		} catch {
			/* not JSON */
		}
		return { status: res.status, json, headers: res.headers };
	};
	return {
		sb,
		get: (path, init) => call('GET', path, undefined, init),
		post: (path, body, init) => call('POST', path, body, init),
		del: (path, init) => call('DELETE', path, undefined, init),
		send: (message) =>
			call('POST', `/${sb.credentials.phoneNumberId}/messages`, {
				messaging_product: 'whatsapp',
				...message,
			}),
		control: async (method, path, body) => {
			const res = await fetch(`${sb.url}/_sandbox${path}`, {
				method,
				headers: body === undefined ? {} : { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			return { status: res.status, json: await res.json() };
		},
	};
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An object that stands for the one `current()` returns at the time of each use: a suite can
 * hand out its sandbox when it is declared, though the sandbox only starts in beforeAll.
 */
export function lazy<T extends object>(current: () => T | undefined): T {
	const target = () => {
		const t = current();
		if (!t) throw new Error('used before beforeAll started it');
		return t;
	};
	return new Proxy({} as T, {
		get: (_, key) => {
			const t = target();
			const value = Reflect.get(t, key);
			return typeof value === 'function' ? value.bind(t) : value;
		},
		set: (_, key, value) => Reflect.set(target(), key, value),
	});
}

/**
 * One sandbox for the enclosing describe block: started in beforeAll, closed in afterAll, and
 * reset before each test with `reset` (null: never).
 */
export function useSandbox(
	options: SandboxOptions = {},
	reset: { keepKnobs?: boolean } | null = {},
): Api {
	let api: Api | undefined;
	beforeAll(async () => {
		api = await startApi(options);
	});
	afterAll(async () => {
		await api?.sb.close();
	});
	if (reset) beforeEach(() => api?.sb.sandbox.reset(reset));
	return lazy(() => api);
}
