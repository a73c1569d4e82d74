/**
 * Who may write a translation. Claiming an open request is the curators' invitation: whoever
 * holds the claim for an original and a language may create that translation in the original's
 * library and publish it, whether or not they belong to the library. Without a claim, the
 * library's own rules apply (decideResource: members create, curators publish).
 */
import type { LibraryRole } from './libraries';

/** The role a translator writes with in the original's library. */
export function translatorRole(role: LibraryRole | null, holdsClaim: boolean): LibraryRole | null {
	return holdsClaim ? 'curator' : role;
}

/**
 * A claimant who is not a member could not see a draft in a library they do not belong to,
 * so their translation is published as it is created.
 */
export function publishesAtOnce(role: LibraryRole | null, holdsClaim: boolean): boolean {
	return holdsClaim && role === null;
}
