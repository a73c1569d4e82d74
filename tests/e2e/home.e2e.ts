/**
 * The pages a visitor sees before signing in, in all three languages: each one
 * checked for <html lang dir>, a title, one h1 and zero axe violations (by the
 * page models), with no request leaving for another origin (by the fixture).
 */
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowser } from './support/browser';
import { poll } from './support/checks';
import { locales } from './support/messages';
import { Visitor } from './support/roles';

describeInBrowser('home and public pages', () => {
	const browser = useBrowser();

	for (const locale of locales) {
		it(`home, libraries, sign up and log in in ${locale}`, async () => {
			const { page, guard } = await browser.open();
			const visitor = new Visitor(page);
			await visitor.home(locale);
			const html = await page.evaluate(() => ({
				lang: document.documentElement.lang,
				dir: document.documentElement.dir
			}));
			expect(html).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
			await visitor.visit('/libraries', 'libraries');
			await visitor.visit('/signup', 'sign up');
			await visitor.visit('/login', 'log in');
			// The guard verifies after the test; this makes sure it saw the traffic at all.
			expect(guard.requests.length).toBeGreaterThan(3);
		});
	}

	it('the language switcher keeps the page: /libraries → /ar/libraries → /fr/libraries → /libraries', async () => {
		const { page } = await browser.open();
		const visitor = new Visitor(page);
		await visitor.visit('/libraries', 'libraries', 'en');
		await visitor.switchLanguage('ar');
		expect(new URL(page.url()).pathname).toBe('/ar/libraries');
		expect(await page.getAttribute('html', 'dir')).toBe('rtl');
		await visitor.switchLanguage('fr');
		expect(new URL(page.url()).pathname).toBe('/fr/libraries');
		await visitor.switchLanguage('en');
		expect(new URL(page.url()).pathname).toBe('/libraries');
		expect(await page.getAttribute('html', 'dir')).toBe('ltr');
	});

	it('an unknown page answers 404 with an accessible, translated error page', async () => {
		const { page } = await browser.open();
		const visitor = new Visitor(page);
		for (const path of ['/no-such-page', '/ar/no-such-page']) {
			const response = await page.goto(path);
			expect(response?.status()).toBe(404);
			await visitor.check(`404 ${path}`);
			await poll(() => page.getByText(visitor.t('error_not_found')).count()).toBeGreaterThan(0);
		}
	});
});
