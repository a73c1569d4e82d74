/**
 * What a schema refuses, as { field: message key }: the shape the form pages and the API
 * show, so a test states the whole refusal in one toEqual. Test-only.
 */
import { DomainError } from '../../domain/errors';
import { parseOrThrow } from '../http/validation';

export function refusedFields(
	schema: Parameters<typeof parseOrThrow>[0],
	input: unknown
): Record<string, string> {
	try {
		parseOrThrow(schema, input);
	} catch (e) {
		if (!(e instanceof DomainError)) throw e;
		return Object.fromEntries(e.fields.map((f) => [f.field, f.message]));
	}
	throw new Error('expected the input to be refused');
}
