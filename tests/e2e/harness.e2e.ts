/**
 * Tests of the test harness itself: a checker that never fails proves nothing.
 * Each guard is shown a page that breaks its rule and must notice.
 */
import { expect, it } from 'vitest';
import { expectNoAxeViolations } from './support/axe';
import { describeInBrowser, useBrowser } from './support/browser';
import { poll } from './support/checks';
import { PageErrors, RequestGuard } from './support/guards';

describeInBrowser('the harness catches what it is meant to catch', () => {
	const browser = useBrowser();

	it('axe reports a violation with its rule id and target', async () => {
		const { page } = await browser.open();
		await page.setContent('<html lang="en"><title>t</title><main><h1>x</h1><img src="data:,"></main></html>');
		await expect(expectNoAxeViolations(page, 'broken page')).rejects.toThrow(/image-alt[\s\S]*img/);
	});

	it('axe also runs on pages without JavaScript', async () => {
		const { page } = await browser.open({ javaScriptEnabled: false });
		await page.goto('/');
		await expectNoAxeViolations(page, 'home without JavaScript');
		await page.setContent('<html lang="en"><title>t</title><main><h1>x</h1><input></main></html>');
		await expect(expectNoAxeViolations(page, 'broken page without JavaScript')).rejects.toThrow(/label/);
	});

	it('the request guard records a request to another origin', async () => {
		const context = await browser.browser().newContext();
		try {
			const guard = new RequestGuard('http://127.0.0.1:1');
			guard.watch(context);
			const page = await context.newPage();
			// 192.0.2.0/24 is TEST-NET-1: never routed, so nothing leaves this machine.
			await page.setContent('<img src="http://192.0.2.1/pixel.png" alt="">');
			await poll(() => guard.foreign.length).toBeGreaterThan(0);
			expect(() => guard.verify()).toThrow(/192\.0\.2\.1/);
		} finally {
			await context.close();
		}
	});

	it('the error collector records uncaught errors and CSP refusals', async () => {
		const context = await browser.browser().newContext();
		try {
			const page = await context.newPage();
			const errors = new PageErrors();
			errors.watch(page);
			await page.setContent('<script>setTimeout(() => { throw new Error("boom") })</script>');
			await poll(() => errors.uncaught.length).toBe(1);
			expect(() => errors.verify()).toThrow(/boom/);
		} finally {
			await context.close();
		}
	});
});
