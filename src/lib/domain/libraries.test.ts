import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	LIBRARY_SLUG_MAX,
	can,
	decide,
	deriveSlug,
	descriptionExcerpt,
	descriptionHasForbiddenCharacters,
	lastCuratorIssue,
	nameHasForbiddenCharacters,
	normalizeSlug,
	slugIssue,
	slugify,
	withSuffix,
	type LibraryAction
} from './libraries';

const ID = '0192f0c4-7a3b-7c1d-8e2f-a1b2c3d4e5f6';

describe('slugs', () => {
	it('derives an address from Latin names, dropping accents and punctuation', () => {
		expect(slugify('Mutual Aid Library')).toBe('mutual-aid-library');
		expect(slugify('  Écoles du Sud — été 2026!  ')).toBe('ecoles-du-sud-ete-2026');
		expect(slugify('Straße & Ærø')).toBe('strasse-aero');
		expect(slugify('ＦＵＬＬ width')).toBe('full-width');
	});

	it('finds no address in names without enough Latin letters', () => {
		expect(slugify('مكتبة التضامن')).toBeNull();
		expect(slugify('🙂🙂🙂')).toBeNull();
		expect(slugify('x')).toBeNull();
		expect(slugify('---')).toBeNull();
	});

	it('falls back to library-<short id> for other scripts', () => {
		expect(deriveSlug('مكتبة التضامن', ID)).toBe('library-c3d4e5f6');
		expect(slugIssue(deriveSlug('مكتبة التضامن', ID))).toBeNull();
	});

	it('keeps derived addresses within the limit, cut at a word', () => {
		const slug = deriveSlug('community organising and mutual aid resources for neighbourhood assemblies', ID);
		expect(slug.length).toBeLessThanOrEqual(LIBRARY_SLUG_MAX);
		expect(slug).toBe('community-organising-and-mutual-aid-resources');
		expect(slugify('a'.repeat(300))).toBe('a'.repeat(LIBRARY_SLUG_MAX));
	});

	it('adds a suffix to a derived address that is reserved', () => {
		expect(deriveSlug('Admin', ID)).toBe('admin-d4e5f6');
		expect(deriveSlug('New', ID)).toBe('new-d4e5f6');
	});

	it('suffixes within the limit', () => {
		const s = withSuffix('a'.repeat(48), ID);
		expect(s.length).toBeLessThanOrEqual(LIBRARY_SLUG_MAX);
		expect(s.endsWith('-d4e5f6')).toBe(true);
	});

	it('explains why a chosen address cannot be used', () => {
		expect(slugIssue('mutual-aid')).toBeNull();
		expect(slugIssue('a1')).toBeNull();
		expect(slugIssue('a')).toBe('library_slug_length');
		expect(slugIssue('a'.repeat(49))).toBe('library_slug_length');
		expect(slugIssue('-abc')).toBe('library_slug_format');
		expect(slugIssue('abc-')).toBe('library_slug_format');
		expect(slugIssue('with space')).toBe('library_slug_format');
		expect(slugIssue('ünï')).toBe('library_slug_format');
		expect(slugIssue('../etc')).toBe('library_slug_format');
		expect(slugIssue('new')).toBe('library_slug_reserved');
		expect(slugIssue('admin')).toBe('library_slug_reserved');
		expect(slugIssue(normalizeSlug('  ADMIN '))).toBe('library_slug_reserved');
		expect(slugIssue(normalizeSlug('ａｄｍｉｎ'))).toBe('library_slug_reserved');
	});

	it('always derives a usable address, whatever the name', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 300 }), (name) => {
				expect(slugIssue(deriveSlug(name, ID))).toBeNull();
			})
		);
	});
});

describe('text checks', () => {
	it('refuses control and bidi-override characters in names', () => {
		expect(nameHasForbiddenCharacters('Mutual aid')).toBe(false);
		expect(nameHasForbiddenCharacters('مكتبة ‏التضامن')).toBe(false);
		expect(nameHasForbiddenCharacters('a\u0000b')).toBe(true);
		expect(nameHasForbiddenCharacters('line\nbreak')).toBe(true);
		expect(nameHasForbiddenCharacters('\u202eevil.exe')).toBe(true);
		expect(nameHasForbiddenCharacters('\u2067isolate')).toBe(true);
	});

	it('lets descriptions hold paragraphs but not other controls', () => {
		expect(descriptionHasForbiddenCharacters('one\n\ntwo\tthree\r\n')).toBe(false);
		expect(descriptionHasForbiddenCharacters('bell\u0007')).toBe(true);
		expect(descriptionHasForbiddenCharacters('c1\u0085')).toBe(true);
	});

	it('excerpts at a word boundary', () => {
		expect(descriptionExcerpt('short')).toBe('short');
		expect(descriptionExcerpt('one two three four', 10)).toBe('one two…');
		expect(descriptionExcerpt('line\n\nbreaks   collapse')).toBe('line breaks collapse');
		expect(Array.from(descriptionExcerpt('🙂'.repeat(200), 10))).toHaveLength(11);
	});
});

describe('policy', () => {
	const alice = { id: 'a', isAdmin: false };
	const admin = { id: 'z', isAdmin: true };
	const open = { suspended: false };
	const suspended = { suspended: true };
	const curator = { role: 'curator' as const };
	const contributor = { role: 'contributor' as const };
	const memberActions: LibraryAction[] = ['add_member', 'change_role', 'remove_member'];

	it('lets anyone view and anyone signed in create', () => {
		expect(can(null, 'view', open, null)).toBe(true);
		expect(can(null, 'create', null, null)).toBe(false);
		expect(decide(null, 'create', null, null)).toMatchObject({ ok: false, kind: 'unauthenticated' });
		expect(can(alice, 'create', null, null)).toBe(true);
	});

	it('lets curators, and only curators, manage members', () => {
		for (const a of memberActions) {
			expect(can(alice, a, open, curator)).toBe(true);
			expect(decide(alice, a, open, contributor)).toEqual({
				ok: false,
				kind: 'forbidden',
				reason: 'library_curators_only'
			});
			expect(can(alice, a, open, null)).toBe(false);
			// The administrator suspends; stewardship of members stays with the library.
			expect(can(admin, a, open, null)).toBe(false);
		}
	});

	it('lets any member leave, and says so to non-members', () => {
		expect(can(alice, 'leave', open, contributor)).toBe(true);
		expect(can(alice, 'leave', open, curator)).toBe(true);
		expect(decide(alice, 'leave', open, null)).toMatchObject({ reason: 'library_not_a_member' });
	});

	it('freezes members while suspended, for everyone', () => {
		for (const a of [...memberActions, 'leave' as const]) {
			expect(decide(alice, a, suspended, curator)).toMatchObject({
				ok: false,
				reason: 'library_suspended_no_changes'
			});
			expect(can(admin, a, suspended, curator)).toBe(false);
		}
	});

	it('lets only the administrator suspend and lift, each once', () => {
		expect(decide(alice, 'suspend', open, curator)).toMatchObject({ reason: 'library_admins_only' });
		expect(can(alice, 'lift_suspension', suspended, curator)).toBe(false);
		expect(can(admin, 'suspend', open, null)).toBe(true);
		expect(decide(admin, 'suspend', suspended, null)).toMatchObject({
			kind: 'conflict',
			reason: 'library_already_suspended'
		});
		expect(can(admin, 'lift_suspension', suspended, null)).toBe(true);
		expect(decide(admin, 'lift_suspension', open, null)).toMatchObject({ reason: 'library_not_suspended' });
	});

	it('keeps a last curator', () => {
		expect(lastCuratorIssue('curator', null, 1)).toBe('library_last_curator');
		expect(lastCuratorIssue('curator', 'contributor', 1)).toBe('library_last_curator');
		expect(lastCuratorIssue('curator', 'curator', 1)).toBeNull();
		expect(lastCuratorIssue('curator', null, 2)).toBeNull();
		expect(lastCuratorIssue('contributor', null, 1)).toBeNull();
	});
});
