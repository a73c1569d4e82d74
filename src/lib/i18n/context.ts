/**
 * How components reach the current language: the root layout puts a translator in
 * Svelte context, components call `useI18n()`. No module-level locale, so
 * concurrent server renders in different languages never mix.
 */
import { getContext, setContext } from 'svelte';
import type { Catalogue, MessageKey, MessageParams } from './keys';
import { localeInfo, localizeHref, type Locale } from './locales';
import { createTranslator } from './translate';

export interface I18n {
	locale: Locale;
	dir: 'ltr' | 'rtl';
	t: (key: MessageKey, params?: MessageParams) => string;
	date: (value: string | Date, style?: 'date' | 'datetime') => string;
	number: (value: number) => string;
	/** The URL of a router path in the current language. */
	href: (path: string) => string;
}

const KEY = Symbol('i18n');

/**
 * `messages` is read on every lookup: after a client-side navigation into a route that
 * needs more of the catalogue (i18n/areas.ts) the root layout's data grows, and texts that
 * asked for a key re-render with it (reading `data.messages` inside a template is tracked).
 */
export function provideI18n(locale: Locale, messages: () => Partial<Catalogue>): I18n {
	const current = new Proxy({} as Partial<Catalogue>, {
		get: (_target, key) => (typeof key === 'string' ? messages()[key as MessageKey] : undefined)
	});
	const tr = createTranslator(locale, current);
	const i18n: I18n = {
		locale,
		dir: localeInfo[locale].dir,
		t: tr.t,
		date: tr.date,
		number: tr.number,
		href: (path) => localizeHref(path, locale)
	};
	setContext(KEY, i18n);
	return i18n;
}

export function useI18n(): I18n {
	const i18n = getContext<I18n | undefined>(KEY);
	if (!i18n) throw new Error('useI18n() outside the root layout');
	return i18n;
}
