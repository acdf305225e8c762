/**
 * What a pure builder returns instead of throwing when an item's input cannot be sent: the
 * message says what is wrong (naming the field or template), the description what to do.
 * The node turns it into a NodeOperationError for that item (or an error output item under
 * Continue On Fail), so nothing is sent for it.
 */
export interface Problem {
	message: string;
	description: string;
	/** The parameter or variable at fault, when there is one. */
	field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(
	message: string,
	description: string,
	field?: string,
): Result<T> => ({
	ok: false,
	problem: { message, description, ...(field ? { field } : {}) },
});
