/**
 * Handles: pseudonymous names people choose. This module decides what a handle is
 * allowed to look like and the key under which it is unique.
 */

/** The key that makes two handles "the same": NFKC then case-folded. */
export function handleKey(handle: string): string {
	return handle.normalize('NFKC').toLowerCase().trim();
}
