import { describe, expect, it } from 'vitest';
import { catalogues, translator } from './catalogues';
import { delocalize, localeFromAcceptLanguage, localizeHref } from './locales';
import { createTranslator } from './translate';

describe('locale in the URL', () => {
	it('splits the locale prefix off the path the router knows', () => {
		expect(delocalize('/')).toEqual({ locale: 'en', path: '/' });
		expect(delocalize('/ar')).toEqual({ locale: 'ar', path: '/' });
		expect(delocalize('/fr/libraries/x')).toEqual({ locale: 'fr', path: '/libraries/x' });
		expect(delocalize('/arabic')).toEqual({ locale: 'en', path: '/arabic' });
		expect(delocalize('/en/x')).toEqual({ locale: 'en', path: '/en/x' });
	});

	it('round-trips every path through every locale', () => {
		for (const path of ['/', '/libraries', '/libraries/demo?page=2', '/?q=x']) {
			for (const l of ['en', 'ar', 'fr'] as const) {
				const href = localizeHref(path, l);
				const [pathname, search = ''] = href.split('?');
				const back = delocalize(pathname!);
				expect(back.locale).toBe(l);
				expect(back.path + (search ? '?' + search : '')).toBe(path === '/?q=x' ? '/?q=x' : path);
			}
		}
	});

	it('picks the API language from Accept-Language by weight', () => {
		expect(localeFromAcceptLanguage('fr-CA,fr;q=0.9,en;q=0.5')).toBe('fr');
		expect(localeFromAcceptLanguage('de, ar;q=0.8')).toBe('ar');
		expect(localeFromAcceptLanguage('en;q=0.1, ar;q=0.9')).toBe('ar');
		expect(localeFromAcceptLanguage(null)).toBe('en');
		expect(localeFromAcceptLanguage('xx')).toBe('en');
	});
});

describe('messages', () => {
	it('interpolates parameters and formats numbers per locale', () => {
		const t = createTranslator('en', { a: 'Hello {name}, {n} items' } as never);
		expect(t.t('a' as never, { name: 'Amal', n: 12345 })).toBe('Hello Amal, 12,345 items');
	});

	it('chooses the six Arabic plural forms from CLDR rules', () => {
		const t = translator('ar');
		const forms = [0, 1, 2, 3, 11, 100].map((count) => t.t('home_stats', { count }));
		expect(new Set(forms).size).toBe(6);
		expect(forms[0]).toBe((catalogues.ar.home_stats as Record<string, string>).zero);
		expect(forms[2]).toBe((catalogues.ar.home_stats as Record<string, string>).two);
	});

	it('uses one/other in English and French, with French treating 0 and 1 as singular', () => {
		expect(translator('en').t('field_too_long', { count: 1 })).toBe('Use at most 1 character.');
		expect(translator('en').t('field_too_long', { count: 5 })).toBe('Use at most 5 characters.');
		expect(translator('fr').t('field_too_long', { count: 1 })).toContain('caractère.');
	});

	it('falls back to the key when a message is missing rather than throwing', () => {
		const t = createTranslator('en', {});
		expect(t.t('app_name')).toBe('app_name');
	});

	it('formats dates in the reader’s language', () => {
		const d = '2026-03-04T10:00:00.000Z';
		expect(translator('en').date(d)).toBe('March 4, 2026');
		expect(translator('fr').date(d)).toBe('4 mars 2026');
		expect(translator('ar').date(d)).toMatch(/مارس/);
		expect(translator('en').date('not a date')).toBe('');
	});

	it('has the same keys in every catalogue', () => {
		const en = Object.keys(catalogues.en).sort();
		expect(Object.keys(catalogues.ar).sort()).toEqual(en);
		expect(Object.keys(catalogues.fr).sort()).toEqual(en);
	});
});
