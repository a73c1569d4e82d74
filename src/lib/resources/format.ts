/**
 * Small formatting helpers for the reading pages, shared by server render and browser:
 * file sizes and language names in the reader's language (from Intl, so no table to
 * keep), and the text form of <bdi> for names put inside translated sentences.
 */

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** A file size as people read it: "850 bytes", "3.2 kB", "1.4 MB" (decimal units, as their names say). */
export function humanSize(bytes: number, locale: string): string {
	let value = Math.max(0, bytes);
	let unit = 0;
	while (value >= 1000 && unit < UNITS.length - 1) {
		value /= 1000;
		unit++;
	}
	return new Intl.NumberFormat(locale, {
		style: 'unit',
		unit: UNITS[unit],
		unitDisplay: unit === 0 ? 'long' : 'short',
		maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1
	}).format(value);
}

/** A language's name in the reader's language ("French", "الفرنسية"), or the tag itself. */
export function languageName(tag: string, locale: string): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
	} catch {
		return tag;
	}
}

/** A language's name in itself ("français", "العربية"): how its readers recognise it. */
export function autonym(tag: string): string {
	return languageName(tag, tag);
}

/**
 * Languages offered for translation requests: the interface's own, then widely used ones
 * among the people Circles serves. Any BCP 47 tag is accepted by the server; this is only
 * the list to choose from.
 */
export const OFFERED_LANGUAGES = [
	'en',
	'ar',
	'fr',
	'es',
	'pt',
	'sw',
	'fa',
	'ur',
	'ps',
	'ku',
	'tr',
	'so',
	'am',
	'ti',
	'ha',
	'yo',
	'bn',
	'hi',
	'ru',
	'uk',
	'zh',
	'id',
	'de'
] as const;

/**
 * First Strong Isolate … Pop Directional Isolate around a name that goes inside a
 * translated sentence, so an Arabic file name in English text (or the reverse) keeps its
 * own direction. (Code points, not literals, keep invisible characters out of the source.)
 */
export const isolate = (text: string) => String.fromCodePoint(0x2068) + text + String.fromCodePoint(0x2069);

/** Stands in for a link inside a translated sentence, so the page can split the text around it. */
export const SLOT = String.fromCodePoint(0xe000);

/** The text before and after SLOT in a translated sentence (all of it before, when there is none). */
export function aroundSlot(text: string): [string, string] {
	const i = text.indexOf(SLOT);
	return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + SLOT.length)];
}

/**
 * A language's two names, to mark up separately (the own name carries its own lang):
 * the autonym is null when it adds nothing ("English" on an English page).
 */
export function languageParts(tag: string, locale: string): { name: string; autonym: string | null } {
	const name = languageName(tag, locale);
	const own = autonym(tag);
	return { name, autonym: own === name || own === tag ? null : own };
}
