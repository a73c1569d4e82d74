/**
 * Search (issue 4, "Done means"), in Chromium on the seeded demo library: a reader
 * of the Arabic interface searches in Arabic from the header, narrows the results by
 * theme and licence, opens a hit, and comes back with the browser's back button to
 * the same search with its filters still ticked. With JavaScript the results follow
 * the typing and the ticking (no submit), focus stays put and the count is announced;
 * without it the same search works as a plain GET form. Every page is checked (axe,
 * lang/dir, one h1) and no request may leave for another origin.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, useBrowser } from './support/browser';
import { poll } from './support/checks';
import { exactly, Visitor } from './support/roles';

/** "the group": in the Arabic demo resources on group agreements and talking circles (content/demo/*-ar.md). */
const WORDS = 'المجموعة';
const THEME = 'group-process';
const LICENCE = 'CC-BY-NC-SA-4.0';

class Searcher extends Visitor {
	get form() {
		return this.page.getByRole('main');
	}

	get queryBox() {
		return this.form.getByRole('searchbox', { name: exactly(this.t('search_field_label')) });
	}

	box(name: string, value: string) {
		return this.form.locator(`input[type="checkbox"][name="${name}"][value="${value}"]`);
	}

	/** The live region's text. */
	async count(): Promise<string> {
		return (await this.form.getByRole('status').textContent())?.trim() ?? '';
	}

	hits() {
		return this.form.locator('ol.hits > li');
	}

	/** Searches from the box in the site header (a plain GET form on every page). */
	async searchFromHeader(words: string): Promise<void> {
		const header = this.page.getByRole('search', { name: exactly(this.t('search_header_landmark')) });
		await header.getByRole('searchbox', { name: exactly(this.t('search_header_label')) }).fill(words);
		const target = this.href('/search');
		await Promise.all([
			this.page.waitForURL((u) => u.pathname === target && u.searchParams.get('q') === words),
			header.getByRole('button', { name: exactly(this.t('search_submit')) }).click()
		]);
		await this.check('search from the header');
	}
}

const params = (page: Page) => new URL(page.url()).searchParams;

describeInBrowser('search', () => {
	const browser = useBrowser();

	for (const scripted of [true, false]) {
		it(`search in Arabic, filter by theme and licence, open a hit, come back with the filters kept (JavaScript ${scripted ? 'on' : 'off'})`, async () => {
			const { page } = await browser.open({ javaScriptEnabled: scripted });
			const reader = new Searcher(page);
			await reader.home('ar');
			await reader.searchFromHeader(WORDS);
			expect(await reader.queryBox.inputValue()).toBe(WORDS);
			await poll(() => reader.hits().count()).toBeGreaterThan(0);
			const before = await reader.count();

			if (scripted) {
				// Typing updates the results without a submit or a page load, keeps the URL shareable and the focus in the box.
				await page.evaluate(() => Object.assign(window, { sameDocument: true }));
				await reader.queryBox.fill('');
				await reader.queryBox.pressSequentially('دائر', { delay: 40 });
				await page.waitForURL((u) => u.searchParams.get('q') === 'دائر');
				await poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('q');
				await reader.queryBox.fill(WORDS);
				await page.waitForURL((u) => u.searchParams.get('q') === WORDS);
				await poll(() => reader.count()).toBe(before);

				await reader.box('theme', THEME).check();
				await page.waitForURL((u) => u.searchParams.getAll('theme').includes(THEME));
				await poll(() =>
					page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)
				).toBe(THEME);
				await reader.box('license', LICENCE).check();
				await page.waitForURL((u) => u.searchParams.getAll('license').includes(LICENCE));
				expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
			} else {
				await reader.box('theme', THEME).check();
				await reader.box('license', LICENCE).check();
				await Promise.all([
					page.waitForURL((u) => u.searchParams.getAll('license').includes(LICENCE)),
					reader.form.getByRole('button', { name: exactly(reader.t('search_filters_apply')) }).click()
				]);
			}
			await reader.check('search with theme and licence');
			const filtered = params(page);
			expect(filtered.get('q')).toBe(WORDS);
			expect(filtered.getAll('theme')).toEqual([THEME]);
			expect(filtered.getAll('license')).toEqual([LICENCE]);

			// The count is said in words, with Arabic plurals, and matches the hits shown.
			const shown = await reader.hits().count();
			expect(shown).toBeGreaterThan(0);
			await poll(() => reader.count()).toBe(reader.t('search_results_count', { count: shown }));
			const first = reader.hits().first();
			// Arabic hits: the title carries its language; a match is marked in the snippet.
			const title = first.getByRole('heading', { level: 3 }).getByRole('link');
			expect(await title.getAttribute('lang')).toBe('ar');
			expect(await first.locator('mark').count()).toBeGreaterThan(0);
			// Its translations are named in their own languages.
			const alsoIn = first.locator('.also-in a');
			expect(await alsoIn.allTextContents()).toEqual(expect.arrayContaining(['English']));

			const searchUrl = page.url();
			const titleText = (await title.textContent())?.trim() ?? '';
			await Promise.all([page.waitForURL((u) => /\/ar\/resources\//.test(u.pathname)), title.click()]);
			await reader.check('a hit');
			await poll(() => reader.heading(titleText).count()).toBe(1);

			await page.goBack();
			await page.waitForURL(searchUrl);
			await reader.check('back to the search');
			await poll(() => reader.queryBox.inputValue()).toBe(WORDS);
			await poll(() => reader.box('theme', THEME).isChecked()).toBe(true);
			await poll(() => reader.box('license', LICENCE).isChecked()).toBe(true);
			await poll(() => reader.hits().count()).toBe(shown);
		});
	}

	it('a shared search URL opens the same search at 320 px, the filters folded into a usable disclosure', async () => {
		const { page } = await browser.open({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } });
		const reader = new Searcher(page);
		await reader.visit(`/search?q=${encodeURIComponent(WORDS)}&theme=${THEME}`, 'shared search', 'ar');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
		const box = reader.box('license', LICENCE);
		expect(await box.isVisible()).toBe(false);
		await reader.form.getByText(reader.t('search_filters'), { exact: true }).click();
		await box.check();
		await Promise.all([
			page.waitForURL((u) => u.searchParams.getAll('license').includes(LICENCE)),
			reader.form.getByRole('button', { name: exactly(reader.t('search_filters_apply')) }).click()
		]);
		await reader.check('search on a narrow screen');
		expect(params(page).getAll('theme')).toEqual([THEME]);
	});
});
