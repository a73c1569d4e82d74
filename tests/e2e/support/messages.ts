/**
 * The UI text the tests look for, read from the same catalogues the app ships
 * (messages/{en,ar,fr}.json) and formatted by the app's own translator, so a
 * wording change in messages/ never breaks a test and tests never hard-code UI text.
 */
import en from '../../../messages/en.json';
import ar from '../../../messages/ar.json';
import fr from '../../../messages/fr.json';
import type { Catalogue } from '../../../src/lib/i18n/keys';
import { localeInfo, localizeHref, locales, type Locale } from '../../../src/lib/i18n/locales';
import { createTranslator, type Translator } from '../../../src/lib/i18n/translate';

export { localeInfo, localizeHref, locales, type Locale };

const catalogues: Record<Locale, Partial<Catalogue>> = {
	en: en as Partial<Catalogue>,
	ar: ar as Partial<Catalogue>,
	fr: fr as Partial<Catalogue>
};
const translators = new Map<Locale, Translator>();

/**
 * The text of `key` in `locale`. Keys are plain strings (not the app's typed keys)
 * because pages land while these tests are written; a key that is not in the
 * catalogue throws at once instead of making a locator wait for text that never comes.
 */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
	const catalogue = catalogues[locale] as Record<string, unknown>;
	if (!(key in catalogue)) {
		throw new Error(`message key "${key}" is not in messages/${locale}.json: the page model is out of date`);
	}
	let tr = translators.get(locale);
	if (!tr) {
		tr = createTranslator(locale, catalogues[locale]);
		translators.set(locale, tr);
	}
	return tr.t(key as keyof Catalogue, params);
}

/** Whether the catalogue has `key` (page models use it to pick between wordings that are still settling). */
export function hasKey(key: string): boolean {
	return key in (en as Record<string, unknown>);
}

/** The locale a page URL is in: `/ar/…` is Arabic, `/fr/…` French, anything else English. */
export function localeOfPath(pathname: string): Locale {
	const m = /^\/(ar|fr)(\/|$)/.exec(pathname);
	return m ? (m[1] as Locale) : 'en';
}
