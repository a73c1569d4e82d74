/**
 * Stored XSS: every payload in ../shared/fixtures/hostile-input/xss.txt becomes a
 * library's name and description (through the API), then the pages that render
 * them are opened in Chromium. No payload may run (`window.__pwned` stays
 * undefined), each must show as the literal text it is, no element may gain an
 * event-handler attribute or a javascript: URL, no request may leave for another
 * origin and the CSP must have nothing to refuse (escaped text asks for nothing).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, useBrowser } from './support/browser';
import { Client, expectProblem, unique } from './support/http';
import { Member, Visitor } from './support/roles';

const fixtures = path.resolve(import.meta.dirname, '../../../shared/fixtures/hostile-input');
const payloads = readFileSync(path.join(fixtures, 'xss.txt'), 'utf8').replace(/\n$/, '').split('\n');
const PASSPHRASE = 'payloads are only text here';

interface Stored {
	payload: string;
	slug: string;
	name: string;
	description: string | null;
}

/**
 * What a payload could have planted if it were parsed as HTML instead of shown as
 * text. Every payload in the file names `__pwned` or example.org, so an attribute
 * or script carrying either is planted; so is any event-handler attribute, any
 * script-bearing URL, and any element the app itself never renders.
 */
async function plantedMarkup(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const found: string[] = [];
		const foreign = [
			'iframe',
			'object',
			'embed',
			'base',
			'marquee',
			'xss',
			'isindex',
			'animate',
			'set',
			'mglyph'
		];
		for (const el of Array.from(document.querySelectorAll('body *'))) {
			const tag = el.localName;
			if (foreign.includes(tag)) found.push(`<${tag}>`);
			// SvelteKit's own inline script carries the page data (payloads escaped as JS strings);
			// a payload that broke out of it would be a script of its own.
			const code = el.textContent ?? '';
			if (tag === 'script' && /__pwned/.test(code) && !code.includes('__sveltekit'))
				found.push(`<script>${code.slice(0, 80)}</script>`);
			for (const attr of Array.from(el.attributes)) {
				const name = attr.name.toLowerCase();
				// Browsers drop tabs, newlines and other controls inside URL schemes; so does this check.
				const squeezed = Array.from(attr.value)
					.filter((c) => c.charCodeAt(0) > 0x20)
					.join('')
					.toLowerCase();
				if (
					name.startsWith('on') ||
					/__pwned|example\.org/.test(attr.value) ||
					/^(javascript|vbscript|data:text\/html)/.test(squeezed)
				) {
					found.push(`<${tag} ${name}="${attr.value}">`);
				}
			}
		}
		return found;
	});
}

async function expectInert(page: Page, where: string): Promise<void> {
	// Give onerror/onload/animation payloads time to fire if they were live.
	await page.waitForTimeout(50);
	expect(
		await page.evaluate(() => (window as { __pwned?: unknown }).__pwned),
		`window.__pwned on ${where}`
	).toBeUndefined();
	expect(await plantedMarkup(page), `markup planted on ${where}`).toEqual([]);
}

describeInBrowser('stored XSS payloads stay text', () => {
	const browser = useBrowser();
	const client = new Client();
	const handle = unique('xss');
	const stored: Stored[] = [];
	const refused: string[] = [];

	beforeAll(async () => {
		expect(payloads.length).toBeGreaterThan(40);
		expect((await client.signUpApi(handle, PASSPHRASE)).status).toBe(201);
		await client.logInApi(handle, PASSPHRASE);
		for (const [i, payload] of payloads.entries()) {
			let res = await client.request('/api/v1/libraries', { json: { name: payload, description: payload } });
			if (res.status !== 201) {
				// Refusing a payload is fine when it is a clear 4xx (e.g. bidi overrides are not allowed in names).
				expectProblem(res, `library named ${JSON.stringify(payload)}`);
				res = await client.request('/api/v1/libraries', { json: { name: `XSS ${i}`, description: payload } });
			}
			if (res.status !== 201) {
				expectProblem(res, `library described ${JSON.stringify(payload)}`);
				refused.push(payload);
				continue;
			}
			const lib = res.json as { slug: string; name: string; description: string | null };
			stored.push({ payload, slug: lib.slug, name: lib.name, description: lib.description });
		}
	}, 120_000);

	it('most payloads are stored (a refusal is a 4xx, and rare)', () => {
		expect(stored.length).toBeGreaterThanOrEqual(payloads.length - 5);
		if (refused.length)
			console.log(`payloads refused with a 4xx: ${refused.map((p) => JSON.stringify(p)).join(', ')}`);
	});

	it('each library page shows its payload as text, and nothing runs', async () => {
		const { page } = await browser.open();
		const visitor = new Visitor(page);
		for (const [i, lib] of stored.entries()) {
			const url = `/libraries/${encodeURIComponent(lib.slug)}`;
			const response = await page.goto(url);
			expect(response?.status(), url).toBe(200);
			await expectInert(page, url);
			const h1 = page.locator('h1');
			expect(await h1.textContent(), `h1 of ${url}`).toBe(lib.name);
			expect(await h1.isVisible()).toBe(true);
			if (lib.description) {
				const shown = await page.locator('main').textContent();
				expect(shown, `description on ${url}`).toContain(lib.description);
			}
			await visitor.check(`library page with payload ${i}`);
		}
	});

	it('the libraries index (every page, en and ar) lists the payloads as text', async () => {
		const { page } = await browser.open();
		const visitor = new Visitor(page);
		for (const locale of ['en', 'ar'] as const) {
			// Other test files add libraries too: ask how many there are now.
			const list = await client.request('/api/v1/libraries?per_page=1');
			const pages = Math.ceil((list.json as { total: number }).total / 20);
			expect(pages).toBeGreaterThanOrEqual(Math.ceil(stored.length / 20));
			for (let n = 1; n <= pages; n++) {
				await visitor.visit(`/libraries?page=${n}`, `libraries page ${n}`, locale);
				await expectInert(page, `${locale} libraries page ${n}`);
			}
		}
		for (const lib of stored.slice(0, 3)) {
			await visitor.visit(`/libraries/${encodeURIComponent(lib.slug)}`, 'library in Arabic', 'ar');
			await expectInert(page, `/ar/libraries/${lib.slug}`);
		}
	});

	it('a curator sees the payloads in the member forms too (own library page with forms)', async () => {
		const { page } = await browser.open();
		const member = await new Visitor(page).logIn(handle, PASSPHRASE);
		expect(member).toBeInstanceOf(Member);
		for (const lib of stored.slice(0, 10)) {
			await member.openLibrary(lib.slug);
			await expectInert(page, `curator view of ${lib.slug}`);
		}
	});

	it('these checks notice a payload that does run (so their silence above means something)', async () => {
		const { page } = await browser.open();
		await page.setContent('<p>ok</p><img src="x" alt="" onerror="window.__pwned=1">');
		await expect(expectInert(page, 'a page with a live payload')).rejects.toThrow(/__pwned/);
		await page.setContent('<p>ok</p><a href="javascript:void 0">x</a>');
		await expect(expectInert(page, 'a page with a javascript: link')).rejects.toThrow(/javascript:/);
	});
});
