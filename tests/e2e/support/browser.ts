/**
 * The browser fixture: one Chromium per test file, a fresh context (cookies,
 * storage) per session, several sessions per test when a flow needs two people.
 * Every context is watched by a RequestGuard and every page by PageErrors; both
 * are verified, and the contexts closed, after each test.
 *
 * Usage:
 *   describeInBrowser('sign up', () => {
 *     const browser = useBrowser();
 *     it('…', async () => { const { page } = await browser.open(); … });
 *   });
 */
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from 'playwright-core';
import { markScriptless } from './axe';
import { PageErrors, RequestGuard, type PageErrorOptions } from './guards';
import { baseURL, browserPath } from './provided';

/** The flags the brief asks for: headless, no sandbox (containers), and no background traffic of its own. */
export const CHROMIUM_ARGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export async function launchChromium(): Promise<Browser> {
	// chromium.launch gives every browser a fresh temporary profile (--user-data-dir) and removes it on close.
	return chromium.launch({ executablePath: browserPath(), args: CHROMIUM_ARGS });
}

/**
 * describe() when a browser is available, describe.skip() otherwise. global-setup.ts
 * already failed the run when CI=true and Chromium is missing, so skipping only
 * happens on a developer's machine, and it says so.
 */
export function describeInBrowser(name: string, body: () => void): void {
	// The tag lets the run's summary count the tests that ran in a real browser.
	describe.skipIf(!browserPath())(`${name} [chromium]`, body);
}

export interface Session {
	context: BrowserContext;
	page: Page;
	guard: RequestGuard;
	errors: PageErrors;
}

export interface OpenOptions extends BrowserContextOptions, PageErrorOptions {}

export interface BrowserFixture {
	browser(): Browser;
	/** A new context and page, watched; closed and verified after the test. */
	open(options?: OpenOptions): Promise<Session>;
}

export function useBrowser(): BrowserFixture {
	let browser: Browser | undefined;
	let sessions: Session[] = [];

	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
	});
	afterEach(async () => {
		const open = sessions;
		sessions = [];
		const failures: string[] = [];
		for (const s of open) {
			await s.context.close().catch(() => undefined);
			for (const check of [() => s.guard.verify(), () => s.errors.verify()]) {
				try {
					check();
				} catch (err) {
					failures.push(err instanceof Error ? err.message : String(err));
				}
			}
		}
		if (failures.length > 0) throw new Error(failures.join('\n'));
	});

	return {
		browser() {
			if (!browser) throw new Error('the browser is not launched yet (use it inside a test)');
			return browser;
		},
		async open(options: OpenOptions = {}) {
			if (!browser) throw new Error('the browser is not launched yet (use it inside a test)');
			const { allowCspViolations, ...contextOptions } = options;
			const context = await browser.newContext({ baseURL: baseURL(), ...contextOptions });
			context.setDefaultTimeout(15_000);
			context.setDefaultNavigationTimeout(30_000);
			const guard = new RequestGuard(new URL(baseURL()).origin);
			guard.watch(context);
			const errors = new PageErrors({ allowCspViolations });
			// Every page the context opens (the first one included) is watched.
			context.on('page', (p) => {
				errors.watch(p);
				if (contextOptions.javaScriptEnabled === false) markScriptless(p);
			});
			const page = await context.newPage();
			const session = { context, page, guard, errors };
			sessions.push(session);
			return session;
		}
	};
}
