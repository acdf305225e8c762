/**
 * What every interactive message (Meta: type "interactive") shares: an optional text or media
 * header, the body, an optional footer, checked against Meta's limits.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	isPlainObject,
	optionalText,
	requiredText,
	requiredTrimmedText,
	textOf,
} from '../../../shared/fields';
import { LIMITS } from '../../../shared/limits';
import { readMediaReference } from '../../../shared/media';
import { fail, ok, type Result } from '../../../shared/problem';

export interface HeaderInput {
	type?: unknown;
	text?: unknown;
	media?: unknown;
	fileName?: unknown;
}

/** The Header option's value -> HeaderInput (or undefined when not added). */
export function readHeaderOption(options: IDataObject): HeaderInput | undefined {
	const header = (options.header as IDataObject | undefined)?.header;
	return isPlainObject(header) ? (header as HeaderInput) : undefined;
}

/** Pure: Meta's header object; media headers only where the message type allows them. */
export function buildHeader(
	input: HeaderInput | undefined,
	allowMedia: boolean,
): Result<IDataObject | undefined> {
	if (!input) return ok(undefined);
	const type = textOf(input.type)?.trim().toLowerCase() || 'text';
	if (type === 'text') {
		const text = requiredTrimmedText(input.text, {
			label: 'Header Text',
			field: 'options.header.text',
			max: LIMITS.interactiveHeaderText,
			whenEmpty: 'Type the header title, or remove the Header option.',
		});
		if (!text.ok) return text;
		return ok({ type: 'text', text: text.value });
	}
	if (!['image', 'video', 'document'].includes(type)) {
		return fail(
			`"${type}" is not a header type`,
			'Choose Text, Image, Video or Document.',
			'options.header.type',
		);
	}
	if (!allowMedia) {
		return fail(
			'This message type only allows a text header',
			'Use a text header, or send the file in a Send Media message first.',
			'options.header.type',
		);
	}
	const media = readMediaReference(input.media, 'Header Media', 'options.header.media');
	if (!media.ok) return media;
	const object: IDataObject = { ...media.value };
	const fileName = textOf(input.fileName)?.trim();
	if (type === 'document' && fileName) object.filename = fileName;
	return ok({ type, [type]: object });
}

/** Pure: { type, header?, body, footer?, action } in Meta's key order. */
export function interactiveObject(
	type: string,
	parts: { header?: IDataObject; body: string; footer?: string; action: IDataObject },
): IDataObject {
	const interactive: IDataObject = { type };
	if (parts.header) interactive.header = parts.header;
	interactive.body = { text: parts.body };
	if (parts.footer !== undefined) interactive.footer = { text: parts.footer };
	interactive.action = parts.action;
	return interactive;
}

export function readBody(value: unknown, max: number): Result<string> {
	return requiredText(value, {
		label: 'Body Text',
		field: 'body',
		max,
		whenEmpty:
			'Type the message text under Body Text: WhatsApp requires it for interactive messages.',
	});
}

export function readFooter(value: unknown): Result<string | undefined> {
	return optionalText(value, {
		label: 'Footer Text',
		field: 'options.footer',
		max: LIMITS.interactiveFooter,
	});
}
