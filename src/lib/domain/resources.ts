/**
 * Resources: the pure rules. Which types, themes, languages, SDG targets and
 * accessibility features a resource may carry, the length limits of its fields,
 * who may create, edit, publish and restore, and whether an original has changed
 * since a translation was made. No I/O: the server feature and the importer share it.
 */
import type { LibraryRole } from './libraries';
import type { MessageKey } from '../i18n/keys';

export const RESOURCE_TYPES = [
	'module',
	'activity',
	'case-story',
	'handout',
	'facilitator-guide',
	'reading',
	'video',
	'audio',
	'toolkit'
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export function isResourceType(value: unknown): value is ResourceType {
	return typeof value === 'string' && (RESOURCE_TYPES as readonly string[]).includes(value);
}

/** The themes every instance starts with (issue 3); curators may add more. */
export const SEED_THEME_KEYS = [
	'group-process',
	'leadership',
	'what-is-community-mobilization',
	'who-is-my-community',
	'selecting-a-problem',
	'varieties-of-community-mobilization',
	'mobilizing-your-resources',
	'assessing-a-situation'
] as const;

export const THEME_KEY = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])$/;
export const THEME_LABEL_MAX = 120;

/** Field limits, shared by the schemas, the importer and the pages (maxlength). */
export const RESOURCE_LIMITS = {
	title: 200,
	summary: 1000,
	body: 200_000,
	tag: 60,
	tags: 30,
	themes: 12,
	audience: 200,
	region: 120,
	sdg: 20,
	authors: 20,
	author: 120,
	sourceUrl: 2000,
	changeNote: 500,
	changeLog: 4000,
	key: 128,
	/** Files one version carries. */
	attachments: 50,
	durationMax: 60 * 24 * 30
} as const;

/**
 * LRMI accessibilityFeature vocabulary, the concepts of
 * http://purl.org/dcx/lrmi-vocabs/accessibilityFeature/ (CC BY 4.0), as listed in
 * shared/fixtures/lrmi/vocabs/accessibilityFeature.ttl. Copied as data so the domain needs
 * no RDF parser; a unit test checks it still matches the file.
 */
export const ACCESSIBILITY_FEATURES = [
	'alternativeText',
	'annotations',
	'audioDescription',
	'bookMarks',
	'braille',
	'captions',
	'ChemML',
	'describedMath',
	'displayTransformability',
	'highContrastAudio',
	'highContrastDisplay',
	'index',
	'largePrint',
	'latex',
	'longDescription',
	'MathML',
	'none',
	'printPageNumbers',
	'readingOrder',
	'signLanguage',
	'structuralNavigation',
	'tableOfContents',
	'tactileGraphic',
	'tactileObject',
	'taggedPDF',
	'timingControl',
	'transcript',
	'ttsMarkup',
	'unlocked'
] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];

/** People and importers write "easy read", "Captions", "alternative-text": match on letters only. */
const byLetters = new Map<string, AccessibilityFeature>(
	ACCESSIBILITY_FEATURES.map((f) => [f.toLowerCase(), f])
);
export function parseAccessibilityFeature(input: string): AccessibilityFeature | null {
	return byLetters.get(input.replace(/[\s_-]+/g, '').toLowerCase()) ?? null;
}

/**
 * A BCP 47 language tag in its canonical form ("EN-gb" → "en-GB"), or null. Intl knows
 * the grammar; a 35-character cap keeps pasted text out of it.
 */
export function canonicalLanguage(input: string): string | null {
	const tag = input.trim();
	if (tag === '' || tag.length > 35 || !/^[A-Za-z0-9-]+$/.test(tag)) return null;
	try {
		const [canonical] = Intl.getCanonicalLocales(tag);
		return canonical ?? null;
	} catch {
		return null;
	}
}

/** The primary language subtag, so "fr-CA" and "fr" count as one language for translations. */
export const primaryLanguage = (tag: string) => tag.split('-')[0]?.toLowerCase() ?? tag;

/**
 * SDG targets: goal 1–17, then a target number or letter ("4.7", "16.b"). Goals alone
 * ("4") are allowed too, for material about a whole goal.
 */
const SDG = /^(?:[1-9]|1[0-7])(?:\.(?:[1-9][0-9]?|[a-j]))?$/;
export function isSdgTarget(value: string): boolean {
	return SDG.test(value);
}

/** Control characters other than tab and newline never belong in stored text (NUL breaks PostgreSQL). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export function hasForbiddenCharacters(value: string): boolean {
	return FORBIDDEN.test(value);
}

export function isWebUrl(value: string): boolean {
	try {
		const u = new URL(value);
		return u.protocol === 'https:' || u.protocol === 'http:';
	} catch {
		return false;
	}
}

/**
 * A resource is a link when it carries no text of its own and points elsewhere: only
 * then may it be "all rights reserved" (licences.ts isAllowedForResource).
 */
export function resourceKind(v: { body: string; source_url: string | null }): 'hosted' | 'link' {
	return v.body.trim() === '' && !!v.source_url ? 'link' : 'hosted';
}

// --- Policy ------------------------------------------------------------------

export type VersionState = 'draft' | 'published';

export type ResourceAction =
	'create' | 'propose' | 'publish' | 'unpublish' | 'restore' | 'read_drafts' | 'add_theme';

export type ResourceDecision =
	{ ok: true } | { ok: false; kind: 'unauthenticated' | 'forbidden'; reason: MessageKey };

/**
 * Contributors propose (their saves are drafts); curators publish, unpublish and
 * restore. Any member reads drafts. A suspended library takes no writes.
 */
export function decideResource(
	actor: { id: string } | null,
	action: ResourceAction,
	role: LibraryRole | null,
	library: { suspended: boolean }
): ResourceDecision {
	if (action === 'read_drafts') {
		return role ? { ok: true } : { ok: false, kind: 'forbidden', reason: 'resource_not_member' };
	}
	if (!actor) return { ok: false, kind: 'unauthenticated', reason: 'error_unauthenticated' };
	if (library.suspended) return { ok: false, kind: 'forbidden', reason: 'resource_library_suspended' };
	if (!role) return { ok: false, kind: 'forbidden', reason: 'resource_not_member' };
	if (action === 'create' || action === 'propose') return { ok: true };
	if (action === 'add_theme') {
		return role === 'curator' ? { ok: true } : { ok: false, kind: 'forbidden', reason: 'theme_curator_only' };
	}
	return role === 'curator'
		? { ok: true }
		: { ok: false, kind: 'forbidden', reason: 'resource_curator_only' };
}

/** What state a save leaves the new version in: only a curator who asks may publish at once. */
export function stateOfSave(role: LibraryRole, wantsPublish: boolean): VersionState {
	return role === 'curator' && wantsPublish ? 'published' : 'draft';
}

/**
 * "The original has changed since this translation": the original's published version is
 * newer than the one the translation was made from.
 */
export function originalChangedSince(
	madeFromNumber: number | null,
	originalPublishedNumber: number | null
): boolean {
	return (
		madeFromNumber !== null && originalPublishedNumber !== null && originalPublishedNumber > madeFromNumber
	);
}
