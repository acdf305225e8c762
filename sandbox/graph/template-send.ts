/**
 * The checks Meta applies when a template message is sent, against the stored template: status
 * (132001 / 132015), parameter counts and names (132000), header and button formats (132012),
 * text parameters (100) and the filled-in body length (132005).
 */
import { errors, type GraphError } from '../core/errors';
import type { TemplateStore } from '../templates/store';
import type { StoredTemplate } from '../templates/types';
import { fillVariables, templateVariables } from '../templates/variables';
import type { TemplateSend, TemplateSendComponent } from './message-schemas';

interface ParamLike {
	type: string;
	text?: string;
	parameter_name?: string;
	[key: string]: unknown;
}

function paramsOf(c: TemplateSendComponent | undefined): ParamLike[] {
	return (c?.parameters ?? []) as ParamLike[];
}

function countMismatch(where: string, got: number, expected: number): GraphError {
	return errors.templateParamCount(
		`${where}: number of localizable_params (${got}) does not match the expected number of params (${expected})`,
	);
}

/** Meta rejects text parameters with new lines, tabs or more than 4 consecutive spaces. */
function checkTextParam(where: string, p: ParamLike): string {
	if (p.type !== 'text')
		return String(
			(p as { currency?: { fallback_value?: string }; date_time?: { fallback_value?: string } })
				.currency?.fallback_value ??
				(p as { date_time?: { fallback_value?: string } }).date_time?.fallback_value ??
				'',
		);
	const text = p.text ?? '';
	if (!text.trim()) throw errors.missingRequired(`${where}: parameter text is missing or empty`);
	if (/[\n\t]|\s{5,}/.test(text)) {
		throw errors.invalidParameter(
			'Param text cannot have new-line/tab characters or more than 4 consecutive spaces',
		);
	}
	return text;
}

function checkVariables(
	where: string,
	vars: string[],
	format: 'POSITIONAL' | 'NAMED',
	params: ParamLike[],
	allowed: string[],
): Map<string, string> {
	const values = new Map<string, string>();
	for (const p of params) {
		if (!allowed.includes(p.type)) {
			throw errors.templateFormat(
				`${where}: parameter type ${p.type} is not allowed here (expected one of ${allowed.join(', ')})`,
			);
		}
	}
	if (format === 'NAMED') {
		const unnamed = params.filter((p) => !p.parameter_name);
		if (unnamed.length) {
			throw errors.templateParamCount(
				`${where}: this template uses named parameters; every parameter needs a parameter_name (expected: ${vars.join(', ') || 'none'})`,
			);
		}
		const given = params.map((p) => p.parameter_name as string);
		const missing = vars.filter((v) => !given.includes(v));
		const unexpected = given.filter((g) => !vars.includes(g));
		const dupes = given.filter((g, i) => given.indexOf(g) !== i);
		if (missing.length || unexpected.length || dupes.length || given.length !== vars.length) {
			const parts = [
				missing.length ? `missing: ${missing.join(', ')}` : '',
				unexpected.length ? `unexpected: ${unexpected.join(', ')}` : '',
				dupes.length ? `duplicated: ${dupes.join(', ')}` : '',
			].filter(Boolean);
			throw errors.templateParamCount(
				`${where}: number of localizable_params (${given.length}) does not match the expected number of params (${vars.length}); ${parts.join('; ')}`,
			);
		}
		for (const p of params) values.set(p.parameter_name as string, checkTextParam(where, p));
		return values;
	}
	if (params.length !== vars.length) throw countMismatch(where, params.length, vars.length);
	params.forEach((p, i) => values.set(String(i + 1), checkTextParam(where, p)));
	return values;
}

const BUTTON_SUBTYPE: Record<string, string> = {
	URL: 'url',
	COPY_CODE: 'copy_code',
	QUICK_REPLY: 'quick_reply',
	FLOW: 'flow',
	OTP: 'url',
	CATALOG: 'catalog',
	MPM: 'mpm',
	PHONE_NUMBER: 'phone_number',
};
const BUTTON_TYPE_NAME: Record<string, string> = {
	URL: 'Url',
	COPY_CODE: 'CopyCode',
	QUICK_REPLY: 'QuickReply',
	FLOW: 'Flow',
	OTP: 'Url',
};

/**
 * Checks a template message against the template's definition. Throws the GraphError Meta would
 * answer; returns the hydrated body text (handy for the received-messages list).
 */
export function validateTemplateSend(
	store: TemplateStore,
	send: TemplateSend,
): { template: StoredTemplate; bodyText: string } {
	const t = store.find(send.name, send.language.code);
	// 132001 covers "does not exist in this language" and "not approved" (Meta's error-code table).
	if (!t || t.status === 'PENDING' || t.status === 'REJECTED' || t.status === 'DISABLED') {
		throw errors.templateMissing(send.name, send.language.code);
	}
	if (t.status === 'PAUSED') throw errors.templatePaused(t.name);
	const format = t.parameter_format;
	const sent = send.components ?? [];
	const header = sent.find((c) => c.type === 'header');
	const body = sent.find((c) => c.type === 'body');
	const buttons = sent.filter((c) => c.type === 'button');

	const defHeader = t.components.find((c) => c.type === 'HEADER');
	const defBody = t.components.find((c) => c.type === 'BODY');
	const defButtons = t.components.find((c) => c.type === 'BUTTONS')?.buttons ?? [];

	// Header.
	if (defHeader && defHeader.format && defHeader.format !== 'TEXT') {
		const expected = defHeader.format;
		const p = paramsOf(header)[0];
		const received = p ? String(p.type).toUpperCase() : 'UNKNOWN';
		if (received !== expected || paramsOf(header).length !== 1) {
			throw errors.templateFormat(
				`header: Format mismatch, expected ${expected}, received ${received}`,
			);
		}
	} else {
		const vars = defHeader ? templateVariables(defHeader.text, format) : [];
		if (vars.length || paramsOf(header).length)
			checkVariables('header', vars, format, paramsOf(header), ['text']);
	}

	// Body.
	const bodyVars = templateVariables(defBody?.text, format);
	const values = checkVariables('body', bodyVars, format, paramsOf(body), [
		'text',
		'currency',
		'date_time',
	]);
	const bodyText = defBody?.text ? fillVariables(defBody.text, values, format) : '';
	// Meta's template parameter reference: body text may be 1024 characters when the template has
	// other components, 32768 when the body is its only component (the node checks the same limits).
	const bodyLimit = t.components.some((c) => c.type !== 'BODY') ? 1024 : 32768;
	if (bodyText.length > bodyLimit)
		throw errors.templateTooLong(
			`body: hydrated text is ${bodyText.length} characters; the limit is ${bodyLimit}`,
		);

	// Buttons.
	for (const b of buttons) {
		const index = Number(b.index ?? -1);
		const def = defButtons[index];
		if (!def)
			throw errors.invalidParameter(
				`Button at index ${b.index ?? '(missing)'} does not exist in template ${t.name}.`,
			);
		const expectedSub = BUTTON_SUBTYPE[def.type] ?? def.type.toLowerCase();
		if (b.sub_type !== expectedSub) {
			throw errors.templateFormat(
				`button at index ${index}: expected sub_type ${expectedSub}, received ${b.sub_type ?? 'none'}`,
			);
		}
	}
	defButtons.forEach((def, index) => {
		const sentButton = buttons.find((b) => Number(b.index) === index);
		const params = paramsOf(sentButton);
		const dynamicUrl = def.type === 'URL' && /\{\{\s*1\s*\}\}/.test(def.url ?? '');
		if (dynamicUrl || def.type === 'COPY_CODE' || def.type === 'OTP') {
			if (params.length !== 1) {
				if (!params.length)
					throw errors.templateParamCount(
						`Button at index ${index} of type ${BUTTON_TYPE_NAME[def.type]} requires a parameter`,
					);
				throw countMismatch(`button at index ${index}`, params.length, 1);
			}
			const wantType = def.type === 'COPY_CODE' ? 'coupon_code' : 'text';
			if (params[0].type !== wantType) {
				throw errors.templateFormat(
					`button at index ${index}: expected a ${wantType} parameter, received ${params[0].type}`,
				);
			}
			if (wantType === 'text') checkTextParam(`button at index ${index}`, params[0]);
		} else if (def.type === 'QUICK_REPLY') {
			if (params.length > 1 || (params[0] && params[0].type !== 'payload')) {
				throw errors.templateFormat(
					`button at index ${index}: a quick reply button takes at most one payload parameter`,
				);
			}
		} else if (def.type === 'FLOW') {
			if (params.length > 1 || (params[0] && params[0].type !== 'action')) {
				throw errors.templateFormat(
					`button at index ${index}: a flow button takes at most one action parameter`,
				);
			}
		} else if (params.length) {
			throw countMismatch(`button at index ${index}`, params.length, 0);
		}
	});
	return { template: t, bodyText };
}
