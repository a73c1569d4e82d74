/**
 * Handles: pseudonymous names people choose. This module decides what a handle is
 * allowed to look like, the key under which it is unique, and the "skeleton"
 * under which two handles that look alike to a person collide.
 *
 * Three strings per handle:
 * - the handle as shown: NFKC of what was typed, trimmed (fullwidth ａｄｍｉｎ → admin);
 * - the key: the handle case-folded, Arabic vowel marks and tatweel removed, so
 *   "Admin" = "admin" and مُسْتَخْدِم = مستخدم (the same name to an Arabic reader);
 * - the skeleton: the key with look-alike characters replaced by the letter they
 *   imitate (UTS #39 in spirit, data from the `confusables` package), so "ɑdmin"
 *   collides with "admin" and "josé" with "jose".
 *
 * The rules follow the "highly restrictive" profile of UTS #39: one script per
 * handle (with the usual Han + kana/Hangul/Bopomofo allowances), no invisible or
 * control characters, and no handle in Cyrillic, Greek, etc. made entirely of
 * letters that pass for Latin ones.
 */
import { confusablesMap } from 'confusables';
import type { MessageKey } from '../i18n/keys';

export const HANDLE_MIN = 2;
export const HANDLE_MAX = 32;
/** Case folding can lengthen a handle (ß → ss, ΐ → three code points); the column holds 64. */
const KEY_MAX = 64;
/** Anything this long (in UTF-16 units) is refused before the costly normalisation. */
const RAW_MAX = 16 * HANDLE_MAX;

export type HandleProblem = Extract<
	MessageKey,
	| 'account_handle_required'
	| 'account_handle_too_short'
	| 'account_handle_too_long'
	| 'account_handle_control_chars'
	| 'account_handle_invisible_chars'
	| 'account_handle_whitespace'
	| 'account_handle_disallowed_chars'
	| 'account_handle_needs_letter'
	| 'account_handle_mixed_script'
	| 'account_handle_confusable'
	| 'account_handle_reserved'
>;

export type HandleCheck =
	| {
			ok: true;
			/** NFKC, trimmed: what is stored and shown. */
			handle: string;
			key: string;
			skeleton: string;
			/** True when the handle is reserved (only `circles admin create` may take it). */
			reserved: boolean;
	  }
	| { ok: false; problem: HandleProblem; params?: { count: number } };

// Spaces at the ends are trimmed, but not with String#trim: it also strips U+FEFF,
// which must be refused as an invisible character rather than silently dropped.
const EDGE_SPACE = /^\p{White_Space}+|\p{White_Space}+$/gu;
const trimSpace = (s: string) => s.replace(EDGE_SPACE, '');

/** Harakat, Quranic annotation marks and tatweel: they decorate a name without changing it. */
const ARABIC_DECORATION =
	/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED\u08D3-\u08E1\u08E3-\u08FF\u0640]/gu;

function keyStep(s: string): string {
	// toUpperCase then toLowerCase approximates full case folding (ß → ss, final ς = σ),
	// which plain toLowerCase does not do.
	const folded = trimSpace(s.normalize('NFKC')).toUpperCase().toLowerCase().normalize('NFKC');
	return trimSpace(folded.replace(ARABIC_DECORATION, '').normalize('NFKC'));
}

/** The key that makes two handles "the same": NFKC, case-folded, Arabic decoration removed. */
export function handleKey(handle: string): string {
	// One pass is a fixed point for every string we know of; the loop guarantees
	// idempotence even for a sequence where folding and NFKC interact in a new way.
	let current = keyStep(handle);
	for (let i = 0; i < 4; i++) {
		const next = keyStep(current);
		if (next === current) return current;
		current = next;
	}
	return current;
}

/** Scripts whose letters are drawn like Latin ones, so they can imitate Latin text. */
const LATIN_LOOKALIKE =
	/[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}\p{Script=Coptic}\p{Script=Lisu}\p{Script=Canadian_Aboriginal}\p{Script=Common}]/u;
const NON_LATIN_LOOKALIKE =
	/[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}\p{Script=Coptic}\p{Script=Lisu}\p{Script=Canadian_Aboriginal}]/u;

/** Where the `confusables` data (written for profanity filters) is wrong for names. */
const SKELETON_OVERRIDES: Record<string, string> = { ı: 'i', ɩ: 'i', ß: 'ss' };

function confusableBase(ch: string): string | undefined {
	return SKELETON_OVERRIDES[ch] ?? confusablesMap.get(ch);
}

/**
 * What a handle looks like, reduced to plain letters: two handles with the same
 * skeleton are too easy to mistake for each other. Only Latin-like scripts are
 * mapped, so an Arabic handle is never turned into Latin letters.
 */
export function handleSkeleton(key: string): string {
	let out = '';
	let afterLatinLike = false;
	for (const ch of key.normalize('NFD')) {
		if (/\p{M}/u.test(ch)) {
			// Diacritics on Latin-like letters are dropped (é looks enough like e);
			// marks in other scripts (Devanagari vowel signs...) are part of the letter.
			if (!afterLatinLike) out += ch;
			continue;
		}
		afterLatinLike = LATIN_LOOKALIKE.test(ch);
		out += afterLatinLike ? (confusableBase(ch) ?? ch) : ch;
	}
	return out.toLowerCase().replace(/1/g, 'l').replace(/0/g, 'o').replace(/rn/g, 'm').normalize('NFC');
}

// The scripts we tell apart; letters of any other script count as one "other" script.
const SCRIPTS = [
	'Latin',
	'Cyrillic',
	'Greek',
	'Armenian',
	'Georgian',
	'Cherokee',
	'Coptic',
	'Lisu',
	'Canadian_Aboriginal',
	'Arabic',
	'Hebrew',
	'Syriac',
	'Thaana',
	'Nko',
	'Tifinagh',
	'Ethiopic',
	'Devanagari',
	'Bengali',
	'Gurmukhi',
	'Gujarati',
	'Oriya',
	'Tamil',
	'Telugu',
	'Kannada',
	'Malayalam',
	'Sinhala',
	'Thai',
	'Lao',
	'Tibetan',
	'Myanmar',
	'Khmer',
	'Mongolian',
	'Han',
	'Hiragana',
	'Katakana',
	'Bopomofo',
	'Hangul',
	'Vai',
	'Adlam'
] as const;
const scriptTests = SCRIPTS.map((name) => ({ name, re: new RegExp(`\\p{Script=${name}}`, 'u') }));
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

function scriptsOf(s: string): Set<string> {
	const found = new Set<string>();
	for (const ch of s) {
		if (NEUTRAL.test(ch)) continue;
		found.add(scriptTests.find((t) => t.re.test(ch))?.name ?? 'other');
	}
	return found;
}

/** Writing systems that legitimately combine scripts in one word (UTS #39, highly restrictive). */
const ALLOWED_MIXES = [
	new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
	new Set(['Latin', 'Han', 'Bopomofo']),
	new Set(['Latin', 'Han', 'Hangul'])
];

function mixesScripts(s: string): boolean {
	const scripts = scriptsOf(s);
	if (scripts.size <= 1) return false;
	return !ALLOWED_MIXES.some((allowed) => [...scripts].every((x) => allowed.has(x)));
}

const isAsciiAlnum = (c: string) => /^[A-Za-z0-9]$/.test(c);

/**
 * True when a Cyrillic, Greek... handle is made only of letters that pass for
 * Latin ones of the same case (асе, РОР, ορο): it would read as Latin text.
 * Lowercase т maps to capital T in the data and looks like it, so тест stays
 * allowed: only same-case look-alikes deceive.
 */
function passesForLatin(handle: string): boolean {
	if (!NON_LATIN_LOOKALIKE.test(handle)) return false;
	for (const ch of handle) {
		if (/[\p{M}._-]/u.test(ch) || /^[0-9]$/.test(ch)) continue;
		if (/^[A-Za-z]$/.test(ch)) continue;
		const base = confusableBase(ch);
		if (!base || base.length !== 1 || !isAsciiAlnum(base)) return false;
		if (/[0-9]/.test(base)) continue;
		const lower = ch !== ch.toUpperCase();
		if (lower !== (base !== base.toUpperCase())) return false;
	}
	return true;
}

/**
 * Names that would let someone pass for the instance itself or its volunteers.
 * Compared by skeleton with . _ - removed, so "Ad.min" and "ɑdmin" are caught too.
 */
export const RESERVED_HANDLES = [
	'admin',
	'administrator',
	'administrateur',
	'root',
	'system',
	'systeme',
	'sysadmin',
	'superuser',
	'circles',
	'circle',
	'support',
	'assistance',
	'help',
	'aide',
	'moderator',
	'moderateur',
	'mod',
	'steward',
	'stewards',
	'former-member',
	'ancien-membre',
	'staff',
	'team',
	'equipe',
	'official',
	'officiel',
	'security',
	'owner',
	'webmaster',
	'postmaster',
	'hostmaster',
	'abuse',
	'noreply',
	'no-reply',
	'api',
	'www',
	'null',
	'undefined',
	'anonymous',
	'deleted',
	'everyone',
	'مدير',
	'المدير',
	'مشرف',
	'المشرف',
	'إدارة',
	'الإدارة',
	'دوائر',
	'الدعم',
	'عضو_سابق'
];

const reservedForm = (key: string) => handleSkeleton(key).replace(/[._-]/g, '');
const RESERVED = new Set(RESERVED_HANDLES.map((h) => reservedForm(handleKey(h))));

export function isReservedHandle(handle: string): boolean {
	return RESERVED.has(reservedForm(handleKey(handle)));
}

const CONTROL = /\p{Cc}/u;
// \p{Cf} covers U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+FEFF, U+00AD, U+061C…;
// Default_Ignorable adds the Hangul fillers and variation selectors that render as nothing.
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u200B-\u200F\u2060-\u206F\uFEFF\u00AD]/u;
const WHITESPACE = /\p{White_Space}/u;
const ALLOWED_CHAR = /^[\p{L}\p{M}\p{Nd}._-]$/u;
// A leading mark would attach to whatever text precedes the handle; long stacks of
// marks ("Zalgo" text) spill over neighbouring lines.
const BAD_MARKS = /^\p{M}|\p{M}{5,}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;

const codePoints = (s: string) => [...s].length;

/**
 * Decides whether `raw` may be a handle. Pure: whether it is already taken is the
 * service's question. Reserved handles pass with `reserved: true` when
 * `allowReserved` (for `circles admin create`), and are refused otherwise.
 */
export function checkHandle(raw: string, options: { allowReserved?: boolean } = {}): HandleCheck {
	const fail = (problem: HandleProblem, count?: number): HandleCheck =>
		count === undefined ? { ok: false, problem } : { ok: false, problem, params: { count } };

	if (trimSpace(raw) === '') return fail('account_handle_required');
	if (raw.length > RAW_MAX) return fail('account_handle_too_long', HANDLE_MAX);
	const handle = trimSpace(raw.normalize('NFKC'));
	if (handle === '') return fail('account_handle_required');
	if (CONTROL.test(handle)) return fail('account_handle_control_chars');
	if (INVISIBLE.test(handle)) return fail('account_handle_invisible_chars');
	if (WHITESPACE.test(handle)) return fail('account_handle_whitespace');
	if (codePoints(handle) > HANDLE_MAX) return fail('account_handle_too_long', HANDLE_MAX);
	for (const ch of handle) if (!ALLOWED_CHAR.test(ch)) return fail('account_handle_disallowed_chars');
	if (BAD_MARKS.test(handle)) return fail('account_handle_disallowed_chars');

	const key = handleKey(handle);
	if (codePoints(key) > KEY_MAX) return fail('account_handle_too_long', HANDLE_MAX);
	if (!LETTER_OR_DIGIT.test(key)) return fail('account_handle_needs_letter');
	if (codePoints(key) < HANDLE_MIN) return fail('account_handle_too_short', HANDLE_MIN);
	if (mixesScripts(handle)) return fail('account_handle_mixed_script');
	if (passesForLatin(handle)) return fail('account_handle_confusable');

	const reserved = isReservedHandle(handle);
	if (reserved && !options.allowReserved) return fail('account_handle_reserved');
	return { ok: true, handle, key, skeleton: handleSkeleton(key), reserved };
}
