/**
 * What every page must satisfy, checked after each navigation or form submit by
 * the page models: <html lang dir> right for the URL's language (dir="rtl" on every
 * /ar/ page), a <title>, exactly one <h1>, and zero axe violations.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from './axe';
import { localeInfo, localeOfPath } from './messages';

/**
 * expect.poll with a timeout fit for a loaded CI machine (vitest's default is 1 s):
 * for what appears after a navigation, a hydration or an enhanced submit.
 */
export function poll<T>(fn: () => T | Promise<T>, message?: string) {
	return expect.poll(fn, { timeout: 10_000, message });
}

export async function expectLocaleAttributes(page: Page): Promise<void> {
	const locale = localeOfPath(new URL(page.url()).pathname);
	const html = await page.evaluate(() => ({
		lang: document.documentElement.getAttribute('lang'),
		dir: document.documentElement.getAttribute('dir')
	}));
	expect(html, `<html lang dir> on ${page.url()}`).toEqual({ lang: locale, dir: localeInfo[locale].dir });
}

export async function checkPage(page: Page, label: string): Promise<void> {
	await page.waitForLoadState('load');
	await expectLocaleAttributes(page);
	const title = await page.title();
	expect(title.trim(), `<title> of ${label} (${page.url()})`).not.toBe('');
	expect(await page.locator('h1').count(), `number of <h1> on ${label} (${page.url()})`).toBe(1);
	await expectNoAxeViolations(page, label);
}
