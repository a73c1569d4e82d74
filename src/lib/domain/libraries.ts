/**
 * Libraries: the pure rules. What a library address (slug) may look like, the two
 * member roles, and the one policy that says who may do what to a library. The
 * service asks `decide()` before every write; the pages ask `can()` to show or hide
 * forms, so the rule that guards a write and the rule that shows its button are
 * the same rule.
 */
import type { MessageKey } from '../i18n/keys';

export const LIBRARY_ROLES = ['curator', 'contributor'] as const;
export type LibraryRole = (typeof LIBRARY_ROLES)[number];

export const LIBRARY_NAME_MAX = 120;
export const LIBRARY_DESCRIPTION_MAX = 2000;
export const LIBRARY_SLUG_MIN = 2;
export const LIBRARY_SLUG_MAX = 48;
export const LIBRARY_REASON_MAX = 500;

export function isLibraryRole(value: unknown): value is LibraryRole {
	return typeof value === 'string' && (LIBRARY_ROLES as readonly string[]).includes(value);
}

/**
 * Addresses that would shadow a page or read as something official. `new` and
 * `admin` are routes; the locale codes would confuse /ar/libraries/fr; the rest
 * are words a person could mistake for the instance speaking.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
	'new',
	'admin',
	'administrator',
	'api',
	'app',
	'edit',
	'settings',
	'members',
	'member',
	'create',
	'delete',
	'search',
	'login',
	'logout',
	'signup',
	'account',
	'accounts',
	'library',
	'libraries',
	'resources',
	'programs',
	'circles',
	'official',
	'moderator',
	'staff',
	'support',
	'help',
	'about',
	'static',
	'assets',
	'null',
	'undefined',
	'en',
	'ar',
	'fr'
]);

const SLUG_SHAPE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Letters NFKD does not take apart into an ASCII letter plus a mark. */
const LATIN_EXTRAS: Record<string, string> = {
	ß: 'ss',
	æ: 'ae',
	œ: 'oe',
	ø: 'o',
	đ: 'd',
	ð: 'd',
	ł: 'l',
	þ: 'th',
	ı: 'i'
};

/** What the person typed as an address, made comparable: NFKC, trimmed, lower case. */
export function normalizeSlug(input: string): string {
	return input.normalize('NFKC').trim().toLowerCase();
}

/** Why a slug cannot be used, or null when it can. Expects `normalizeSlug` output. */
export function slugIssue(slug: string): MessageKey | null {
	if (slug.length < LIBRARY_SLUG_MIN || slug.length > LIBRARY_SLUG_MAX) return 'library_slug_length';
	if (!SLUG_SHAPE.test(slug)) return 'library_slug_format';
	if (RESERVED_SLUGS.has(slug)) return 'library_slug_reserved';
	return null;
}

function cutAtHyphen(slug: string, max: number): string {
	if (slug.length <= max) return slug;
	const cut = slug.slice(0, max);
	const lastHyphen = cut.lastIndexOf('-');
	// Prefer ending on a word boundary, unless that would throw most of it away.
	return (lastHyphen >= max / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

/**
 * The Latin-letter part of a name as an address ("Écoles du Sud" → "ecoles-du-sud"),
 * or null when too little of the name is Latin (an Arabic name, emoji, punctuation).
 */
export function slugify(name: string): string | null {
	const ascii = Array.from(name.normalize('NFKD').toLowerCase())
		.map((ch) => LATIN_EXTRAS[ch] ?? ch)
		.join('')
		.replace(/\p{M}+/gu, '');
	const slug = cutAtHyphen(ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''), LIBRARY_SLUG_MAX);
	return slug.length >= LIBRARY_SLUG_MIN ? slug : null;
}

/** A few characters of the id's random tail: enough to tell same-named libraries apart. */
export function shortId(id: string, length = 6): string {
	return id
		.replace(/[^0-9a-f]/gi, '')
		.toLowerCase()
		.slice(-length);
}

/**
 * The address a library gets when its creator leaves the field empty: the name's
 * Latin letters, or `library-<short id>` for names in other scripts. A derived slug
 * that is reserved gets the short id appended, so a name like "Admin" still works.
 */
export function deriveSlug(name: string, id: string): string {
	const base = slugify(name);
	if (!base) return `library-${shortId(id, 8)}`;
	return RESERVED_SLUGS.has(base) ? withSuffix(base, id) : base;
}

/** `base` plus a short id, cut so the whole stays within the length limit. */
export function withSuffix(base: string, id: string): string {
	const suffix = shortId(id);
	return `${cutAtHyphen(base, LIBRARY_SLUG_MAX - suffix.length - 1)}-${suffix}`;
}

/**
 * Characters a name may not hold: control characters (they break terminals, logs
 * and PostgreSQL's text type) and the bidirectional overrides and isolates that
 * make a name display as something other than what it is.
 */
const NAME_FORBIDDEN = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
/** A description is a few paragraphs: line breaks and tabs are fine, other controls are not. */
const DESCRIPTION_FORBIDDEN = /(?![\t\n\r])\p{Cc}/u;

export function nameHasForbiddenCharacters(name: string): boolean {
	return NAME_FORBIDDEN.test(name);
}

export function descriptionHasForbiddenCharacters(description: string): boolean {
	return DESCRIPTION_FORBIDDEN.test(description);
}

/** The start of a description for a list: whole words, at most `max` characters, an ellipsis when cut. */
export function descriptionExcerpt(description: string, max = 160): string {
	const flat = description.replace(/\s+/g, ' ').trim();
	const chars = Array.from(flat);
	if (chars.length <= max) return flat;
	const cut = chars.slice(0, max).join('');
	const space = cut.lastIndexOf(' ');
	return (space > max / 2 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

// --- Policy ---------------------------------------------------------------

/** Who acts, as the policy needs it (the server's Actor fits this shape). */
export interface PolicyActor {
	id: string;
	isAdmin: boolean;
}

export interface PolicyLibrary {
	suspended: boolean;
}

export interface PolicyMembership {
	role: LibraryRole;
}

export type LibraryAction =
	| 'view'
	| 'create'
	| 'add_member'
	| 'change_role'
	| 'remove_member'
	| 'leave'
	| 'suspend'
	| 'lift_suspension';

export type Decision =
	{ ok: true } | { ok: false; kind: 'unauthenticated' | 'forbidden' | 'conflict'; reason: MessageKey };

const allow: Decision = { ok: true };
const deny = (kind: 'unauthenticated' | 'forbidden' | 'conflict', reason: MessageKey): Decision => ({
	ok: false,
	kind,
	reason
});

const MEMBER_CHANGES: ReadonlySet<LibraryAction> = new Set([
	'add_member',
	'change_role',
	'remove_member',
	'leave'
]);

/**
 * Whether `actor` may do `action` to `library`, given the actor's own membership
 * in it (null when not a member), and if not, why. Circular, not hierarchical:
 * curators hold the library together and each of them may do everything a curator
 * can; the instance administrator only suspends and lifts suspensions, and does
 * not manage members, so stewardship stays with the library's own people.
 */
export function decide(
	actor: PolicyActor | null,
	action: LibraryAction,
	library: PolicyLibrary | null,
	membership: PolicyMembership | null
): Decision {
	if (action === 'view') return allow;
	if (!actor) return deny('unauthenticated', 'error_unauthenticated');
	if (action === 'create') return allow;
	if (!library) return deny('forbidden', 'error_forbidden');

	if (action === 'suspend' || action === 'lift_suspension') {
		if (!actor.isAdmin) return deny('forbidden', 'library_admins_only');
		if (action === 'suspend' && library.suspended) return deny('conflict', 'library_already_suspended');
		if (action === 'lift_suspension' && !library.suspended) return deny('conflict', 'library_not_suspended');
		return allow;
	}

	if (MEMBER_CHANGES.has(action) && library.suspended)
		return deny('forbidden', 'library_suspended_no_changes');
	if (action === 'leave') return membership ? allow : deny('conflict', 'library_not_a_member');
	// add_member, change_role, remove_member
	return membership?.role === 'curator' ? allow : deny('forbidden', 'library_curators_only');
}

export function can(
	actor: PolicyActor | null,
	action: LibraryAction,
	library: PolicyLibrary | null,
	membership: PolicyMembership | null
): boolean {
	return decide(actor, action, library, membership).ok;
}

/**
 * The last-curator rule: a library always keeps at least one curator, so there is
 * always someone who can welcome new members. `next` is the member's new role, or
 * null when they leave or are removed.
 */
export function lastCuratorIssue(
	current: LibraryRole,
	next: LibraryRole | null,
	curatorCount: number
): MessageKey | null {
	if (current !== 'curator' || next === 'curator') return null;
	return curatorCount <= 1 ? 'library_last_curator' : null;
}
