/**
 * The UI languages. English is served at `/`, the others under `/<locale>/`.
 * Autonyms are data, not UI text: a language is always named in itself.
 */
export const locales = ['en', 'ar', 'fr'] as const;
export type Locale = (typeof locales)[number];
export const baseLocale: Locale = 'en';

export const localeInfo: Record<Locale, { autonym: string; dir: 'ltr' | 'rtl' }> = {
	en: { autonym: 'English', dir: 'ltr' },
	ar: { autonym: 'العربية', dir: 'rtl' },
	fr: { autonym: 'Français', dir: 'ltr' }
};

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Splits `/ar/libraries/x` into the locale and the path the router knows (`/libraries/x`). */
export function delocalize(pathname: string): { locale: Locale; path: string } {
	const m = /^\/(ar|fr)(\/.*)?$/.exec(pathname);
	if (!m) return { locale: baseLocale, path: pathname };
	return { locale: m[1] as Locale, path: m[2] || '/' };
}

/** The URL of `path` (a router path, optionally with ?query#hash) in `locale`. */
export function localizeHref(path: string, locale: Locale): string {
	if (!path.startsWith('/')) return path;
	if (locale === baseLocale) return path;
	if (path === '/') return `/${locale}`;
	if (path.startsWith('/?') || path.startsWith('/#')) return `/${locale}${path.slice(1)}`;
	return `/${locale}${path}`;
}

/** Picks the best UI locale from an Accept-Language header (used only for the API). */
export function localeFromAcceptLanguage(header: string | null): Locale {
	if (!header) return baseLocale;
	const ranked = header
		.split(',')
		.map((part) => {
			const [tag = '', ...rest] = part.trim().split(';');
			const q = rest.find((r) => r.trim().startsWith('q='));
			return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
		})
		.sort((a, b) => b.q - a.q);
	for (const { tag } of ranked) {
		const primary = tag.split('-')[0];
		if (isLocale(primary)) return primary;
	}
	return baseLocale;
}
