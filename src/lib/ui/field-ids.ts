/**
 * Id conventions shared by the form components and the error summary, so that a
 * summary link `#field-<name>` always lands on the control that has the error.
 */
export function fieldId(name: string): string {
	return `field-${name}`;
}

/** The space-separated ids for aria-describedby, or undefined when there are none. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
	const present = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
	return present.length ? present.join(' ') : undefined;
}
