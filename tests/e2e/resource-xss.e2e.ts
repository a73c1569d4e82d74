/**
 * Stored XSS on the resource pages: every payload of ../shared/fixtures/hostile-input/xss.txt
 * is saved (through the API) as a resource's title, summary and body and as an attachment's
 * file name, published, and then every page that shows it is opened in Chromium: the
 * resource page (en and ar), its history, the diff between its versions, the library's
 * resource list and the open translation requests. No payload may run (`window.__pwned`
 * stays undefined), none may plant markup, and the title is still shown, as text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { tinyPdf } from '../../src/lib/server/resources/attachments/test-files';
import { describeInBrowser, useBrowser } from './support/browser';
import { Client, expectProblem, unique } from './support/http';
import { expectInert } from './support/inert';
import { Visitor } from './support/roles';

const fixtures = path.resolve(import.meta.dirname, '../../../shared/fixtures/hostile-input');
const payloads = readFileSync(path.join(fixtures, 'xss.txt'), 'utf8').replace(/\n$/, '').split('\n');
const PASSPHRASE = 'payloads are only text here';

interface Stored {
	payload: string;
	id: string;
	title: string;
	v1: string;
	v2: string;
	fileName: string | null;
}

describeInBrowser('stored XSS payloads stay text on resource pages', () => {
	const browser = useBrowser();
	const client = new Client();
	const handle = unique('rxss');
	const stored: Stored[] = [];
	let slug = '';

	beforeAll(async () => {
		expect(payloads.length).toBeGreaterThan(40);
		expect((await client.signUpApi(handle, PASSPHRASE)).status).toBe(201);
		await client.logInApi(handle, PASSPHRASE);
		const lib = await client.request('/api/v1/libraries', { json: { name: unique('XSS resources ') } });
		expect(lib.status, lib.text).toBe(201);
		const library = lib.json as { id: string; slug: string };
		slug = library.slug;
		const fields = (payload: string, i: number, title = payload) => ({
			title,
			summary: payload,
			body: `${payload}\n\nVersion ${i}.\n`,
			type: 'handout',
			themes: ['leadership'],
			license: 'CC BY 4.0',
			authors: [payload.slice(0, 120)],
			publish: true
		});
		for (const [i, payload] of payloads.entries()) {
			let res = await client.request('/api/v1/resources', {
				json: { library_id: library.id, language: 'en', ...fields(payload, 1) }
			});
			if (res.status !== 201) {
				// Refusing a payload as a title (control characters, say) is fine when it is a clear 4xx.
				expectProblem(res, `resource titled ${JSON.stringify(payload)}`);
				res = await client.request('/api/v1/resources', {
					json: { library_id: library.id, language: 'en', ...fields(payload, 1, `XSS ${i}`) }
				});
			}
			expect(res.status, res.text).toBe(201);
			const r = res.json as { id: string; version: { id: string; title: string } };
			const up = await client.request(
				`/api/v1/resources/${r.id}/attachments?filename=${encodeURIComponent(payload)}&title=${encodeURIComponent(payload.slice(0, 300))}`,
				{ body: tinyPdf().toString('latin1'), headers: { 'content-type': 'application/octet-stream' } }
			);
			let fileName: string | null = null;
			let attachmentIds: string[] = [];
			if (up.status === 201) {
				const a = up.json as { id: string; file_name: string };
				fileName = a.file_name;
				attachmentIds = [a.id];
			} else {
				expectProblem(up, `attachment named ${JSON.stringify(payload)}`);
			}
			const v2 = await client.request(`/api/v1/resources/${r.id}/versions`, {
				json: { ...fields(payload, 2, r.version.title), attachment_ids: attachmentIds }
			});
			expect(v2.status, v2.text).toBe(201);
			stored.push({
				payload,
				id: r.id,
				title: r.version.title,
				v1: r.version.id,
				v2: (v2.json as { id: string }).id,
				fileName
			});
			if (i % 8 === 0) {
				const req = await client.request(`/api/v1/resources/${r.id}/translation-requests`, {
					json: { language: 'fr' }
				});
				expect(req.status, req.text).toBe(201);
			}
		}
	}, 180_000);

	it('most payloads are stored as titles and as file names', () => {
		expect(stored.filter((s) => s.title === s.payload).length).toBeGreaterThanOrEqual(payloads.length - 8);
		expect(stored.filter((s) => s.fileName !== null).length).toBeGreaterThanOrEqual(payloads.length / 2);
	});

	it('each resource page, its history and its diff show the payload as text, and nothing runs', async () => {
		const { page } = await browser.open();
		const visitor = new Visitor(page);
		for (const [i, s] of stored.entries()) {
			// Every page is checked for planted markup; axe runs on a sample (the markup is the same).
			const audit = i % 6 === 0;
			for (const where of [
				`/resources/${s.id}`,
				`/resources/${s.id}/history`,
				`/resources/${s.id}/diff?from=${s.v1}&to=${s.v2}`
			]) {
				const response = await page.goto(where);
				expect(response?.status(), where).toBe(200);
				await expectInert(page, where, '.resource-body');
				if (audit) await visitor.check(`${where} with payload ${i}`);
			}
			await page.goto(`/resources/${s.id}`);
			expect((await page.locator('h1').textContent())?.trim(), `h1 of resource ${i}`).toBe(s.title.trim());
			if (s.fileName) {
				expect(await page.locator('main').textContent(), `file name on resource ${i}`).toContain(s.fileName);
			}
		}
	});

	it('the Arabic resource pages, the library list and the open requests list them as text', async () => {
		const { page } = await browser.open();
		const visitor = new Visitor(page);
		for (const s of stored.slice(0, 8)) {
			await visitor.visit(`/resources/${s.id}`, 'resource in Arabic', 'ar');
			await expectInert(page, `/ar/resources/${s.id}`, '.resource-body');
		}
		const pages = Math.ceil(stored.length / 20);
		for (let n = 1; n <= pages; n++) {
			await visitor.visit(
				`/libraries/${encodeURIComponent(slug)}/resources?page=${n}`,
				`resource list ${n}`,
				'en'
			);
			await expectInert(page, `resource list page ${n}`);
		}
		await visitor.visit('/translations/fr', 'open requests in French', 'en');
		await expectInert(page, '/translations/fr');
		await visitor.visit('/themes/leadership', 'theme page', 'ar');
		await expectInert(page, '/ar/themes/leadership');
	});
});
