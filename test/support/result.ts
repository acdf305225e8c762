/**
 * Unwraps the Result<T> the pure builders return: `value` when the test expects success,
 * `problem` when it expects the message and fix the user would see.
 */
import type { Result } from '../../nodes/WhatsAppCloud/shared/problem';

export function value<T>(result: Result<T>): T {
	if (!result.ok) throw new Error(`expected ok, got problem: ${result.problem.message}`);
	return result.value;
}

export function problem<T>(result: Result<T>) {
	if (result.ok) throw new Error('expected a problem');
	return result.problem;
}
