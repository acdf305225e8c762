/* global AbortSignal, URLSearchParams */
// A small client for n8n's internal REST API (/rest/*, what the editor UI itself calls), as of
// n8n 2.41: owner setup, cookie login, credentials (create, test), workflows (create, publish,
// publication status), executions (list, read with data), node types. Every call is bounded
// by a timeout and every failure names the endpoint, the status and n8n's own message.
//
// The endpoints used (found in n8n's cli dist, packages/cli/src/**/*.controller.ts upstream):
//   POST /rest/owner/setup                 {email, firstName, lastName, password} -> sets auth cookie
//   POST /rest/login                       {emailOrLdapLoginId, password}          -> sets auth cookie
//   POST /rest/credentials                 {name, type, data}
//   GET  /rest/credentials/:id?includeData=true  (secrets come back redacted)
//   POST /rest/credentials/test            {credentials: {id, name, type, data}}   -> {status, message}
//   POST /rest/workflows                   {name, nodes, connections, settings}    -> {id, versionId}
//   POST /rest/workflows/:id/activate      {versionId}   (2.x "Publish": queued in a publication outbox)
//   GET  /rest/workflows/:id/publication-status          -> {status: published|failed|partial|in_progress, triggers}
//   POST /rest/workflows/:id/deactivate    {}
//   POST /rest/workflows/:id/run           {triggerToStartFrom: {name}}  ("Execute workflow")  -> {executionId}
//   GET  /rest/executions?filter={"workflowId":..}&limit=N -> {results, count}
//   GET  /rest/executions/:id              -> {status, data: <flatted JSON string>}
//   GET  /types/nodes.json                 every loaded node type (ours included when installed)
// The auth cookie (n8n-auth) is bound to a browser id: every request sends the same `browser-id`.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { n8nInstallDir } from './n8n-install.mjs';

export class N8nApiError extends Error {
	constructor(method, url, status, body) {
		const message =
			(body && typeof body === 'object' && (body.message || body.error)) ||
			(typeof body === 'string' ? body.slice(0, 500) : '');
		super(`n8n ${method} ${new URL(url).pathname} -> ${status}${message ? `: ${message}` : ''}`);
		this.status = status;
		this.body = body;
	}
}

export class N8nApi {
	/** @param {string} baseUrl e.g. http://127.0.0.1:5678 */
	constructor(baseUrl, { timeoutMs = 30_000, installDir = n8nInstallDir() } = {}) {
		this.baseUrl = baseUrl.replace(/\/$/, '');
		this.timeoutMs = timeoutMs;
		this.browserId = randomUUID();
		this.cookie = undefined;
		this.installDir = installDir;
	}

	async request(method, pathname, body, { timeoutMs = this.timeoutMs, raw = false } = {}) {
		const url = `${this.baseUrl}${pathname}`;
		const headers = { 'browser-id': this.browserId, accept: 'application/json' };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (this.cookie) headers.cookie = this.cookie;
		const res = await fetch(url, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		for (const c of setCookie) {
			const m = /^(n8n-auth)=([^;]*)/.exec(c);
			if (m) this.cookie = `${m[1]}=${m[2]}`;
		}
		const text = await res.text();
		let parsed = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			// not JSON: keep the text for the error
		}
		if (!res.ok) throw new N8nApiError(method, url, res.status, parsed);
		if (raw) return parsed;
		// n8n's REST controllers wrap results in { data }.
		return parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
	}

	/** Creates the instance owner (only possible once per database); logs in as them. */
	async setupOwner({ email, password, firstName = 'Demo', lastName = 'Owner' }) {
		return await this.request('POST', '/rest/owner/setup', {
			email,
			password,
			firstName,
			lastName,
		});
	}

	/** Sets up the owner when the instance has none yet, else logs in. Returns 'created' | 'existing'. */
	async ensureOwner(owner) {
		const settings = await this.request('GET', '/rest/settings');
		const needsSetup = settings?.userManagement?.showSetupOnFirstLoad;
		if (needsSetup) {
			await this.setupOwner(owner);
			return 'created';
		}
		await this.login(owner);
		return 'existing';
	}

	async login({ email, password }) {
		return await this.request('POST', '/rest/login', { emailOrLdapLoginId: email, password });
	}

	async createCredential({ name, type, data }) {
		return await this.request('POST', '/rest/credentials', { name, type, data });
	}

	async listCredentials() {
		return await this.request('GET', '/rest/credentials');
	}

	async updateCredential(id, { name, type, data }) {
		return await this.request('PATCH', `/rest/credentials/${id}`, { name, type, data });
	}

	/** A stored credential; with includeData its fields, secrets redacted as the editor gets them. */
	async getCredential(id, { includeData = false } = {}) {
		return await this.request(
			'GET',
			`/rest/credentials/${id}${includeData ? '?includeData=true' : ''}`,
		);
	}

	/**
	 * Runs the credential type's test for a stored credential, the way the editor's "Test" button
	 * does: it sends the credential's fields as read back from n8n (secrets come back redacted
	 * and n8n puts the stored values in again), with `overrides` applied on top, as if the user
	 * had edited those fields. Returns { status: 'OK' | 'Error', message }.
	 */
	async testCredential(id, overrides = {}) {
		const stored = await this.getCredential(id, { includeData: true });
		const data = { ...(stored.data ?? {}), ...overrides };
		return await this.request('POST', '/rest/credentials/test', {
			credentials: { id, name: stored.name, type: stored.type, data },
		});
	}

	async createWorkflow(workflow) {
		const {
			name,
			nodes,
			connections,
			settings = { executionOrder: 'v1' },
			pinData,
			meta,
		} = workflow;
		return await this.request('POST', '/rest/workflows', {
			name,
			nodes,
			connections,
			settings,
			...(pinData ? { pinData } : {}),
			...(meta ? { meta } : {}),
		});
	}

	async getWorkflow(id) {
		return await this.request('GET', `/rest/workflows/${id}`);
	}

	async listWorkflows() {
		return await this.request('GET', '/rest/workflows');
	}

	async deleteWorkflow(id) {
		await this.request('POST', `/rest/workflows/${id}/archive`, {}).catch(() => undefined);
		return await this.request('DELETE', `/rest/workflows/${id}`);
	}

	async publicationStatus(id) {
		return await this.request('GET', `/rest/workflows/${id}/publication-status`);
	}

	/**
	 * Publishes (activates) a workflow's current version and waits until n8n reports every
	 * trigger of it live. Throws with the triggers' own error messages when publication fails.
	 */
	async publishWorkflow(id, { versionId, timeoutMs = 60_000 } = {}) {
		const wf = versionId ? { versionId } : await this.getWorkflow(id);
		await this.request('POST', `/rest/workflows/${id}/activate`, { versionId: wf.versionId });
		const deadline = Date.now() + timeoutMs;
		let status;
		while (Date.now() < deadline) {
			status = await this.publicationStatus(id);
			if (status.status === 'published') return status;
			if (status.status === 'failed' || status.status === 'partial') {
				const reasons = (status.triggers ?? [])
					.filter((t) => t.status === 'failed')
					.map((t) => t.errorMessage)
					.join('; ');
				throw new Error(`n8n could not publish workflow ${id}: ${reasons || status.status}`);
			}
			await sleep(200);
		}
		throw new Error(
			`workflow ${id} not published after ${timeoutMs} ms (last status: ${JSON.stringify(status)})`,
		);
	}

	/**
	 * Runs a saved workflow now, from the given trigger node, as the editor's "Execute workflow"
	 * button does (a manual execution of the saved version). Returns { executionId }.
	 */
	async runWorkflow(id, triggerName) {
		const result = await this.request('POST', `/rest/workflows/${id}/run`, {
			triggerToStartFrom: { name: triggerName },
		});
		if (!result?.executionId)
			throw new Error(`n8n did not start workflow ${id}: ${JSON.stringify(result)}`);
		return result;
	}

	/** Waits until an execution has finished; returns it decoded (see getExecution). */
	async waitForExecution(executionId, { timeoutMs = 60_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		let last;
		while (Date.now() < deadline) {
			last = await this.getExecution(executionId).catch(() => undefined);
			if (last && last.finished !== false && !['new', 'running', 'waiting'].includes(last.status))
				return last;
			if (last && ['success', 'error', 'crashed', 'canceled'].includes(last.status)) return last;
			await sleep(250);
		}
		throw new Error(
			`execution ${executionId} not finished after ${timeoutMs} ms (status ${last?.status ?? 'unknown'})`,
		);
	}

	async deactivateWorkflow(id) {
		return await this.request('POST', `/rest/workflows/${id}/deactivate`, {});
	}

	/** Executions, newest first: [{ id, workflowId, status, mode, startedAt, stoppedAt }]. */
	async listExecutions({ workflowId, status, limit = 100 } = {}) {
		const filter = {};
		if (workflowId) filter.workflowId = workflowId;
		if (status) filter.status = status;
		const qs = new URLSearchParams({ limit: String(limit) });
		if (Object.keys(filter).length) qs.set('filter', JSON.stringify(filter));
		const result = await this.request('GET', `/rest/executions?${qs}`);
		return result?.results ?? [];
	}

	/** One execution with its run data decoded: { ..., status, data: { resultData: { runData, error } } }. */
	async getExecution(id) {
		const execution = await this.request('GET', `/rest/executions/${id}`);
		if (execution && typeof execution.data === 'string') {
			// Execution data is stored in the `flatted` format (circular-safe JSON); n8n ships the parser.
			const require = createRequire(
				path.join(this.installDir, 'node_modules', 'n8n', 'package.json'),
			);
			execution.data = require('flatted').parse(execution.data);
		}
		return execution;
	}

	/** Waits until the workflow has at least `count` finished executions; returns them (newest first). */
	async waitForExecutions(workflowId, { count = 1, timeoutMs = 30_000, finishedOnly = true } = {}) {
		const deadline = Date.now() + timeoutMs;
		let list = [];
		while (Date.now() < deadline) {
			list = await this.listExecutions({ workflowId });
			const done = finishedOnly
				? list.filter((e) => !['new', 'running', 'waiting'].includes(e.status))
				: list;
			if (done.length >= count) return done;
			await sleep(250);
		}
		throw new Error(
			`workflow ${workflowId}: expected ${count} execution(s) within ${timeoutMs} ms, found ${list.length} (${list.map((e) => e.status).join(', ')})`,
		);
	}

	/** All node types n8n loaded (built-in and community): [{ name, displayName, version, ... }]. */
	async nodeTypes() {
		return await this.request('GET', '/types/nodes.json', undefined, { raw: true });
	}

	async credentialTypes() {
		return await this.request('GET', '/types/credentials.json', undefined, { raw: true });
	}
}

/** The output items of one node in a decoded execution: [{ json, ... }] of the first run, output 0 (or `output`). */
export function nodeOutput(execution, nodeName, { run = 0, output = 0 } = {}) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	return runs?.[run]?.data?.main?.[output] ?? [];
}
