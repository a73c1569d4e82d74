/**
 * The rest of what the foundation's pages let people do, each page checked on the
 * way: remove a member and leave a library (confirmation dialogs, or in-page
 * sections without JavaScript), change the passphrase, log out from the /logout
 * page, delete the account (its library history then says "former member").
 * Run with JavaScript on in English and off in Arabic.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowser } from './support/browser';
import { poll } from './support/checks';
import { unique } from './support/http';
import { Visitor } from './support/roles';

const PASSPHRASE = 'copper kettles sing at noon';
const NEW_PASSPHRASE = 'seven birch trees by the well';

describeInBrowser('members and accounts', () => {
	const browser = useBrowser();

	for (const { locale, javaScriptEnabled } of [
		{ locale: 'en', javaScriptEnabled: true },
		{ locale: 'ar', javaScriptEnabled: false }
	] as const) {
		it(`remove, leave, change passphrase, log out, delete the account (${locale}, JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
			const [a, b, c] = [
				await browser.open({ javaScriptEnabled }),
				await browser.open({ javaScriptEnabled }),
				await browser.open({ javaScriptEnabled })
			];
			const [aHandle, bHandle, cHandle] = [unique('ra'), unique('rb'), unique('rc')];
			const signUp = async (page: typeof a.page, handle: string) => {
				const v = new Visitor(page);
				await v.home(locale);
				return v.signUp(handle, PASSPHRASE);
			};
			const first = await signUp(a.page, aHandle);
			const second = await signUp(b.page, bHandle);
			await signUp(c.page, cHandle);

			const curator = await first.createLibrary(unique(locale === 'ar' ? 'دائرة ' : 'Circle '));
			await curator.inviteMember(bHandle, 'curator');
			await curator.inviteMember(cHandle, 'contributor');
			await curator.removeMember(cHandle);
			expect(await curator.memberHandles()).toEqual(expect.arrayContaining([aHandle, bHandle]));

			await second.openLibrary(curator.slug);
			await second.leaveLibrary();

			await curator.changePassphrase(PASSPHRASE, NEW_PASSPHRASE);
			const out = await curator.logOutFromPage();
			const back = await out.logIn(aHandle, NEW_PASSPHRASE);
			const gone = await back.deleteAccount(NEW_PASSPHRASE);

			// The library stays; its history names the deleted account only as a former member.
			await gone.visit(`/libraries/${curator.slug}`, 'library after its curator left');
			const former = new RegExp(gone.t('former_member'), 'i');
			await poll(() => a.page.getByText(former).count()).toBeGreaterThan(0);
			expect(await a.page.getByText(aHandle).count()).toBe(0);
		});
	}
});
