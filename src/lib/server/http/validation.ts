/**
 * Turns zod issues into field issues that carry message keys, so the same schema
 * gives a translated message on a form, in problem+json and in the CLI.
 */
import { z } from 'zod';
import { DomainError, type FieldIssue } from '../../domain/errors';
import type { MessageKey } from '../../i18n/keys';

/** Attach a message key to a custom refinement: `.refine(fn, keyed('handle_confusable'))`. */
export const keyed = (key: MessageKey) => ({ message: key, params: { messageKey: key } });

function issueToField(issue: z.core.$ZodIssue): FieldIssue {
	const field = issue.path.map(String).join('.') || '_';
	switch (issue.code) {
		case 'invalid_type':
			return issue.input === undefined || issue.input === null
				? { field, message: 'field_required' }
				: { field, message: 'field_wrong_type' };
		case 'too_big':
			if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
				return { field, message: 'field_number_too_large', params: { max: Number(issue.maximum) } };
			if (issue.origin === 'array' || issue.origin === 'set')
				return { field, message: 'field_too_many', params: { count: Number(issue.maximum) } };
			return { field, message: 'field_too_long', params: { count: Number(issue.maximum) } };
		case 'too_small':
			if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
				return { field, message: 'field_number_too_small', params: { min: Number(issue.minimum) } };
			if (issue.origin === 'array' || issue.origin === 'set') return { field, message: 'field_required' };
			return Number(issue.minimum) <= 1 && issue.origin === 'string'
				? { field, message: 'field_required' }
				: { field, message: 'field_too_short', params: { count: Number(issue.minimum) } };
		case 'invalid_value':
			return { field, message: 'field_invalid_choice' };
		case 'invalid_format':
			if (issue.format === 'email') return { field, message: 'field_invalid_email' };
			if (issue.format === 'uuid') return { field, message: 'field_invalid_id' };
			return { field, message: 'field_invalid' };
		case 'unrecognized_keys':
			return { field: issue.keys[0] ?? field, message: 'field_unknown' };
		case 'custom': {
			const key = (issue.params as { messageKey?: MessageKey } | undefined)?.messageKey;
			return { field, message: key ?? 'field_invalid' };
		}
		default:
			return { field, message: 'field_invalid' };
	}
}

/** Parses `input` with `schema` or throws a DomainError('invalid') listing each field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	// reportInput lets us tell a missing field from one of the wrong type; issues are never logged.
	const result = schema.safeParse(input, { reportInput: true });
	if (result.success) return result.data;
	const seen = new Set<string>();
	const fields = result.error.issues.map(issueToField).filter((f) => {
		if (seen.has(f.field)) return false;
		seen.add(f.field);
		return true;
	});
	throw new DomainError('invalid', 'error_invalid_input', { fields });
}

/** A trimmed, NFC-normalised single line of text with a length limit, as forms send it. */
export const text = (max: number, min = 1) =>
	z
		.string()
		.transform((s) => s.normalize('NFC').trim())
		.pipe(z.string().min(min).max(max));

/** Optional text: empty becomes undefined so "not given" and "blank" mean the same. */
export const optionalText = (max: number) =>
	z
		.string()
		.transform((s) => s.normalize('NFC').trim())
		.pipe(z.string().max(max))
		.optional()
		.transform((s) => (s ? s : undefined));
