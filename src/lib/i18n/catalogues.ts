/**
 * All catalogues, for the server only: a page ships just its own language's
 * messages through the root layout's data, never this module.
 */
import en from '../../../messages/en.json';
import ar from '../../../messages/ar.json';
import fr from '../../../messages/fr.json';
import type { Catalogue } from './keys';
import type { Locale } from './locales';
import { createTranslator, type Translator } from './translate';

export const catalogues: Record<Locale, Catalogue> = {
	en: en satisfies Catalogue,
	ar: ar as Catalogue,
	fr: fr as Catalogue
};

const translators = new Map<Locale, Translator>();
export function translator(locale: Locale): Translator {
	let t = translators.get(locale);
	if (!t) {
		t = createTranslator(locale, catalogues[locale]);
		translators.set(locale, t);
	}
	return t;
}
