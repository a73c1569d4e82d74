/**
 * The main flow of issue item 12, in Chromium with JavaScript on: sign up, log
 * out and in again, create a library, add a second person (signed up in their own
 * browser context) as a member, switch to Arabic on the library page (same page,
 * /ar/…, right to left), log out. The page models check every page on the way
 * (axe, <html lang dir>, title, one h1) and the fixture fails the test on any
 * request to another origin or any uncaught error in a page.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowser } from './support/browser';
import { poll } from './support/checks';
import { unique } from './support/http';
import { adminCredentials } from './support/provided';
import { Admin, Visitor } from './support/roles';

const PASSPHRASE = 'lanterns over the river at dusk';

describeInBrowser('main flow (JavaScript on)', () => {
	const browser = useBrowser();

	it('sign up → log out → log in → create a library → add a member → switch to Arabic → log out', async () => {
		const amina = await browser.open();
		const bilal = await browser.open();
		const aminaHandle = unique('amina');
		const bilalHandle = unique('bilal');

		await new Visitor(amina.page).home('en');
		const first = await new Visitor(amina.page).signUp(aminaHandle, PASSPHRASE);
		const out = await first.logOut();
		const member = await out.logIn(aminaHandle, PASSPHRASE);

		const libraryName = unique('Neighbourhood kitchen ');
		const curator = await member.createLibrary(libraryName, 'Recipes and rotas for the shared kitchen.');
		expect(await curator.memberHandles()).toEqual([aminaHandle]);

		// The second person signs up in a browser of their own.
		await new Visitor(bilal.page).home('en');
		const other = await new Visitor(bilal.page).signUp(bilalHandle, PASSPHRASE);

		await curator.inviteMember(bilalHandle, 'contributor');
		expect(await curator.memberHandles()).toEqual(expect.arrayContaining([aminaHandle, bilalHandle]));

		// The new member sees the library and themselves in it.
		await other.openLibrary(curator.slug);
		expect(await other.memberHandles()).toContain(bilalHandle);

		// The language switcher keeps the page: the same library, now in Arabic, right to left.
		await curator.switchLanguage('ar');
		const url = new URL(amina.page.url());
		expect(url.pathname).toBe(`/ar/libraries/${curator.slug}`);
		expect(await amina.page.getAttribute('html', 'dir')).toBe('rtl');
		expect(await amina.page.getAttribute('html', 'lang')).toBe('ar');
		await poll(() => curator.heading(libraryName).count()).toBe(1);
		expect(await curator.memberHandles()).toEqual(expect.arrayContaining([aminaHandle, bilalHandle]));

		const gone = await curator.logOut();
		expect(new URL(amina.page.url()).pathname).toBe('/ar');
		await gone.expectSignedOut();
	});

	it('the same flow in Arabic from the first page, with the account pages on the way', async () => {
		const hala = await browser.open();
		const karim = await browser.open();
		const halaHandle = unique('hala');
		const karimHandle = unique('karim');

		const visitor = new Visitor(hala.page);
		await visitor.home('ar');
		const member = await visitor.signUp(halaHandle, PASSPHRASE);
		expect(new URL(hala.page.url()).pathname).toBe('/ar');
		for (const path of ['/account', '/account/passphrase', '/account/delete']) {
			await member.visit(path);
		}
		const out = await member.logOut();
		await out.logInFails(halaHandle, 'not the passphrase at all');
		const back = await out.logIn(halaHandle, PASSPHRASE);
		// An account made in Arabic comes back to the Arabic pages after logging in.
		expect(new URL(hala.page.url()).pathname).toBe('/ar');

		await new Visitor(karim.page).home('ar');
		await new Visitor(karim.page).signUp(karimHandle, PASSPHRASE);

		const curator = await back.createLibrary(unique('مكتبة الحي '), 'موارد للتعلّم معًا.');
		expect(new URL(hala.page.url()).pathname).toBe(`/ar/libraries/${curator.slug}`);
		await curator.inviteMember(karimHandle, 'curator');
		await curator.visit('/libraries');
		await curator.switchLanguage('en');
		expect(new URL(hala.page.url()).pathname).toBe('/libraries');
		await curator.switchLanguage('ar');
		await curator.logOut();
	});

	it('the instance administrator (made with `circles admin create`) suspends a library', async () => {
		const creds = adminCredentials();
		expect(creds, 'circles admin create failed in global setup; see its warning above').not.toBeNull();
		const owner = await browser.open();
		const ownerHandle = unique('owner');
		await new Visitor(owner.page).home('en');
		const curator = await (
			await new Visitor(owner.page).signUp(ownerHandle, PASSPHRASE)
		).createLibrary(unique('To suspend '));
		const libraryName = await curator.heading('', 1).page().locator('h1').innerText();

		const { page } = await browser.open();
		await new Visitor(page).home('en');
		const signedIn = await new Visitor(page).logIn(creds!.handle, creds!.passphrase);
		const admin = new Admin(page, signedIn.handle);
		await admin.suspendLibrary(libraryName, 'Testing the suspension from the browser.');
		await admin.switchLanguage('ar');
		await admin.openAdministration();

		await curator.openLibrary(curator.slug);
		await poll(() => owner.page.getByText(curator.t('library_suspended_title')).count()).toBe(1);
	});
});
