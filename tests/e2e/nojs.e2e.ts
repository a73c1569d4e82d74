/**
 * The key steps of the main flow with JavaScript OFF: every form must work as a
 * plain POST answered by a 303 redirect (or the same page with its error summary),
 * in English and in Arabic. Pages are still checked by axe (from a snapshot, see
 * support/axe.ts) and for <html lang dir>.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowser } from './support/browser';
import { poll } from './support/checks';
import { unique } from './support/http';
import { Visitor } from './support/roles';

const PASSPHRASE = 'a quiet garden behind the school';

describeInBrowser('main flow (JavaScript off)', () => {
	const browser = useBrowser();

	for (const locale of ['en', 'ar'] as const) {
		it(`sign up, create a library, add a member, log out, log in (${locale})`, async () => {
			const a = await browser.open({ javaScriptEnabled: false });
			const b = await browser.open({ javaScriptEnabled: false });
			const aHandle = unique('nojsa');
			const bHandle = unique('nojsb');

			const visitor = new Visitor(a.page);
			await visitor.home(locale);
			const member = await visitor.signUp(aHandle, PASSPHRASE);
			expect(await a.page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');

			const other = new Visitor(b.page);
			await other.home(locale);
			await other.signUp(bHandle, PASSPHRASE);

			const curator = await member.createLibrary(
				unique(locale === 'ar' ? 'مكتبة ' : 'Library '),
				'No scripts needed.'
			);
			await curator.inviteMember(bHandle, 'contributor');
			expect(await curator.memberHandles()).toEqual(expect.arrayContaining([aHandle, bHandle]));

			await curator.switchLanguage(locale === 'ar' ? 'en' : 'ar');
			const out = await curator.logOut();
			await out.expectSignedOut();
			await out.logIn(aHandle, PASSPHRASE);
		});
	}

	it('a refused sign-up re-renders the form with its error summary and keeps the handle typed', async () => {
		const { page } = await browser.open({ javaScriptEnabled: false });
		const visitor = new Visitor(page);
		await visitor.visit('/signup', 'sign up', 'en');
		await visitor.field('account_field_handle').fill('x');
		await visitor.field('account_field_passphrase').fill('short');
		await visitor.field('account_field_passphrase_confirm').fill('different');
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			visitor.button('account_signup_submit').click()
		]);
		expect(response.status()).toBeGreaterThanOrEqual(400);
		expect(response.status()).toBeLessThan(500);
		await page.waitForLoadState('load');
		await poll(() => page.getByRole('heading', { name: visitor.t('form_errors_heading') }).count()).toBe(1);
		expect(await visitor.field('account_field_handle').inputValue()).toBe('x');
		// Passphrases are never sent back into the page.
		expect(await visitor.field('account_field_passphrase').inputValue()).toBe('');
		await visitor.check('sign up refused');
	});
});
