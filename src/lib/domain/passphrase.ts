/**
 * What a passphrase must be. Length is the only strength rule (NIST SP 800-63B):
 * composition rules push people to weaker, harder-to-remember secrets. Passphrases
 * are NFKC-normalised before hashing, so the same words typed on another keyboard
 * (fullwidth, composed or decomposed accents) still match.
 */
import type { MessageKey } from '../i18n/keys';
import { handleKey } from './handles';

export const PASSPHRASE_MIN = 10;
export const PASSPHRASE_MAX = 1024;

export type PassphraseProblem = Extract<
	MessageKey,
	'account_passphrase_too_short' | 'account_passphrase_too_long' | 'account_passphrase_same_as_handle'
>;

export function normalizePassphrase(passphrase: string): string {
	return passphrase.normalize('NFKC');
}

/** Null when the passphrase is acceptable for an account with this handle. */
export function checkPassphrase(
	passphrase: string,
	handle: string
): { problem: PassphraseProblem; params?: { count: number } } | null {
	// Cheap bound first: a megabyte of text is not worth normalising.
	if (passphrase.length > 4 * PASSPHRASE_MAX)
		return { problem: 'account_passphrase_too_long', params: { count: PASSPHRASE_MAX } };
	const length = [...normalizePassphrase(passphrase)].length;
	if (length < PASSPHRASE_MIN)
		return { problem: 'account_passphrase_too_short', params: { count: PASSPHRASE_MIN } };
	if (length > PASSPHRASE_MAX)
		return { problem: 'account_passphrase_too_long', params: { count: PASSPHRASE_MAX } };
	if (handleKey(passphrase) === handleKey(handle)) return { problem: 'account_passphrase_same_as_handle' };
	return null;
}
