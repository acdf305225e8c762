/**
 * Reply buttons (up to 3, unique IDs and titles of at most 20 characters), from fields or JSON.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	firstDuplicate,
	isPlainObject,
	parseJson,
	requiredText,
	requiredTrimmedText,
	textOf,
} from '../../../shared/fields';
import { LIMITS } from '../../../shared/limits';
import { fail, ok, type Result } from '../../../shared/problem';

export interface ReplyButtonInput {
	id?: unknown;
	title?: unknown;
}

/** Buttons (JSON): ["Yes", "No"], [{ "id": "yes", "title": "Yes" }] or Meta's
 *  [{ "type": "reply", "reply": { "id": "yes", "title": "Yes" } }]. */
export function parseButtonsJson(value: unknown): Result<ReplyButtonInput[]> {
	const example = '[{"id": "yes", "title": "Yes"}, {"id": "no", "title": "No"}]';
	const parsed = parseJson(value, 'Buttons (JSON)', 'buttonsJson', example);
	if (!parsed.ok) return parsed;
	const list =
		isPlainObject(parsed.value) && Array.isArray(parsed.value.buttons)
			? parsed.value.buttons
			: parsed.value;
	if (!Array.isArray(list)) {
		return fail(
			'Buttons (JSON) must be an array of buttons',
			`Give an array such as ${example}.`,
			'buttonsJson',
		);
	}
	const buttons: ReplyButtonInput[] = [];
	for (const [index, entry] of list.entries()) {
		if (typeof entry === 'string' || typeof entry === 'number') {
			buttons.push({ title: String(entry) });
		} else if (isPlainObject(entry)) {
			const reply = isPlainObject(entry.reply) ? entry.reply : entry;
			buttons.push({ id: reply.id, title: reply.title });
		} else {
			return fail(
				`Button ${index + 1} in Buttons (JSON) is not an object`,
				`Give each button as {"id": "...", "title": "..."}, e.g. ${example}.`,
				'buttonsJson',
			);
		}
	}
	return ok(buttons);
}

/** Pure: 1-3 reply buttons, titles <= 20 and ids <= 256 characters, both unique (spec:
 *  ActionObject.buttons). An empty ID takes the title, so a no-code user may give titles only. */
export function buildReplyButtons(input: ReplyButtonInput[], field: string): Result<IDataObject[]> {
	if (input.length === 0) {
		return fail(
			'No buttons',
			'Add 1 to 3 buttons: WhatsApp needs at least one reply button.',
			field,
		);
	}
	if (input.length > LIMITS.replyButtons) {
		return fail(
			`${input.length} buttons; WhatsApp allows at most ${LIMITS.replyButtons} reply buttons`,
			'Keep 3 buttons, or use Send List for up to 10 choices.',
			field,
		);
	}
	const buttons: IDataObject[] = [];
	for (const [index, button] of input.entries()) {
		const label = `Button ${index + 1}`;
		const title = requiredTrimmedText(button.title, {
			label: `${label} title`,
			field,
			max: LIMITS.replyButtonTitle,
			whenEmpty: `Give ${label} a title (what the user taps, up to ${LIMITS.replyButtonTitle} characters).`,
		});
		if (!title.ok) return title;
		const id = textOf(button.id)?.trim() || title.value;
		const idCheck = requiredText(id, { label: `${label} ID`, field, max: LIMITS.replyButtonId });
		if (!idCheck.ok) return idCheck;
		buttons.push({ type: 'reply', reply: { id, title: title.value } });
	}
	const reply = (b: IDataObject) => b.reply as { id: string; title: string };
	const duplicateId = firstDuplicate(buttons.map((b) => reply(b).id));
	if (duplicateId !== undefined) {
		return fail(
			`Two buttons have the ID "${duplicateId}"`,
			'Give every button its own ID (an empty ID takes the title): the ID tells you which button the user tapped.',
			field,
		);
	}
	const duplicateTitle = firstDuplicate(buttons.map((b) => reply(b).title));
	if (duplicateTitle !== undefined) {
		return fail(
			`Two buttons have the title "${duplicateTitle}"`,
			'WhatsApp requires unique button titles: change one.',
			field,
		);
	}
	return ok(buttons);
}
