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
import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, useBrowser } from './support/browser';
import { expectInert } from './support/inert';
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
