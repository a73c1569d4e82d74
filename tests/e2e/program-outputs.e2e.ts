/**
 * Issue 5, items 5-6, end to end in Chromium with two people: Amina's unlisted program is
 * remixed by Bilal, who edits two sessions in the remix's builder; Amina edits the original
 * in its builder; Bilal takes the original's change from the upstream page and keeps his own
 * edit (and his side of a conflict). The facilitator guide printed to PDF carries the
 * attributions; the offline zip, unpacked, opens from file:// with every link working and no
 * request leaving file://. Every page in English and Arabic passes axe.
 *
 * The starting program is made through the API (building it page by page is
 * programs.e2e.ts); the edits after the remix and everything about the outputs are clicked
 * through as a person would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync, unzlibSync } from 'fflate';
import { expect, it } from 'vitest';
import { tinyPng } from '../../src/lib/server/resources/attachments/test-files';
import { expectNoAxeViolations } from './support/axe';
import { describeInBrowser, useBrowser } from './support/browser';
import { poll } from './support/checks';
import { Client, unique } from './support/http';
import { baseURL } from './support/provided';
import { Author } from './support/resources';
import { exactly, Visitor } from './support/roles';
import { edit, getProgramApi, ok, ProgramReader, type ProgramView } from './support/program-outputs';
import { ProgramAuthor } from './support/programs';

const PASSPHRASE = 'the river remembers every stone';
/** The BY-SA resource's licence link, as the PDF keeps it (a link annotation's /URI). */
const LICENCE_URI = /\/URI\s*\(https?:\/\/creativecommons\.org\/licenses\/by-sa\/4\.0\/\)/;

/** Every text a PDF carries in its (mostly deflated) streams, for searching URIs and names. */
function pdfStreams(pdf: Buffer): string {
	const text = pdf.toString('latin1');
	const parts = [text];
	const re = /stream\r?\n/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text))) {
		const start = m.index + m[0].length;
		const end = text.indexOf('endstream', start);
		if (end < 0) break;
		try {
			parts.push(Buffer.from(unzlibSync(pdf.subarray(start, end))).toString('latin1'));
		} catch {
			// Not deflated (or an image): left as it is.
		}
	}
	return parts.join('\n');
}

describeInBrowser('program outputs: remix, upstream, guide, offline', () => {
	const browser = useBrowser();

	it('remixes, takes upstream keeping its own edit, prints the guide with attributions, opens the offline copy from file://', async () => {
		const handles = { a: unique('amina'), b: unique('bilal') };
		const aS = await browser.open();
		const bS = await browser.open();

		// Amina: a library and a resource with an image, published (through the pages).
		await new Visitor(aS.page).home('en');
		await new Visitor(aS.page).signUp(handles.a, PASSPHRASE);
		const curator = await new Author(aS.page, handles.a).createLibrary(unique('Commons '));
		const amina = new Author(aS.page, handles.a);
		const mapTitle = unique('Mapping the street ');
		const mapId = await amina.addResource(curator.slug, {
			title: mapTitle,
			summary: 'Walk the street and map it.',
			body: 'Walk slowly.\n\n![A map of one street](street-map.png)\n\n[Elsewhere](https://example.org/x)\n',
			authors: 'Street kitchen team',
			file: { name: 'street-map.png', mimeType: 'image/png', buffer: tinyPng(), alt: 'A map of one street' },
			publish: true
		});

		// Two more resources and the program, through the API.
		const api = new Client();
		await api.logInApi(handles.a, PASSPHRASE);
		const lib = await ok<{ id: string }>(api, `/api/v1/libraries/${encodeURIComponent(curator.slug)}`);
		const resource = (title: string, license: string) =>
			ok<{ id: string }>(api, '/api/v1/resources', {
				library_id: lib.id,
				language: 'en',
				title,
				summary: '',
				body: `${title} text.\n`,
				type: 'activity',
				themes: [],
				license,
				authors: ['Circles team'],
				publish: true
			});
		const circlesTitle = unique('Listening circles ');
		const storyTitle = unique('A case story ');
		const r2 = await resource(circlesTitle, 'CC BY-SA 4.0');
		const r3 = await resource(storyTitle, 'CC BY-NC 4.0');
		const p = await ok<ProgramView>(api, '/api/v1/programs', {
			title: unique('Organizing basics '),
			format: 'multi_week_course',
			outcomes: ['Map who is affected']
		});
		let view = await edit(api, p.id, {
			op: 'add_session',
			session: { title: 'Who we are', duration_minutes: 60 }
		});
		const first = view.content.sessions.at(-1)!.id;
		view = await edit(api, p.id, {
			op: 'add_session',
			session: { title: 'What we do', duration_minutes: 90 }
		});
		const second = view.content.sessions.at(-1)!.id;
		await edit(api, p.id, { op: 'add_resource', session_id: first, resource_id: mapId });
		await edit(api, p.id, { op: 'add_resource', session_id: first, resource_id: r2.id, pin: true });
		await edit(api, p.id, { op: 'add_resource', session_id: second, resource_id: r3.id });
		await edit(api, p.id, {
			op: 'edit_session',
			session_id: second,
			fields: { materials: 'Paper and pens', facilitator_notes: 'Keep the circle small.' }
		});
		await ok(api, `/api/v1/programs/${p.id}/visibility`, { visibility: 'unlisted' });

		// Bilal remixes the unlisted program (from its link) and edits a session.
		await new Visitor(bS.page).home('en');
		await new Visitor(bS.page).signUp(handles.b, PASSPHRASE);
		const bilal = new ProgramReader(bS.page, handles.b);
		await bilal.openOutput(p.id, 'attributions');
		await bilal.expectAttributions([mapTitle, circlesTitle, storyTitle]);
		const fork = await bilal.remix(p.id, 'Organizing basics, our way');
		await bilal.check('the remix');
		const bilalAuthor = new ProgramAuthor(bS.page, handles.b);
		await bilalAuthor.openBuilder();
		await bilalAuthor.editSession('Who we are', { title: 'Who we are here' });
		await bilalAuthor.editSession('What we do', { materials: 'Chalk' });

		// Amina edits the original in its builder: the same session (another field), and the
		// same field Bilal changed.
		const aminaAuthor = new ProgramAuthor(aS.page, handles.a);
		await aminaAuthor.openProgram(p.id);
		await aminaAuthor.openBuilder();
		await aminaAuthor.editSession('Who we are', {
			objectives: 'Everyone names one place that matters to them.'
		});
		await aminaAuthor.editSession('What we do', { materials: 'Flip chart' });

		// Bilal sees what changed upstream, in English and Arabic, and takes both sessions.
		await bilal.openOutput(fork, 'upstream');
		await poll(() =>
			bS.page.getByText('Everyone names one place that matters to them.').count()
		).toBeGreaterThan(0);
		await poll(() => bS.page.getByText(bilal.t('prog_out_status_conflict')).count()).toBeGreaterThan(0);
		await bilal.visit(`/programs/${fork}/upstream`, 'upstream', 'ar');
		await bilal.visit(`/programs/${fork}/upstream`, 'upstream', 'en');
		await bilal.takeSession('Who we are');
		await poll(() => bS.page.getByText(bilal.t('prog_out_taken', { count: 1 })).count()).toBe(1);
		await bilal.takeSession('What we do', 'mine');
		await poll(() => bS.page.getByText(bilal.t('prog_out_upstream_none')).count()).toBe(1);

		const bApi = new Client();
		await bApi.logInApi(handles.b, PASSPHRASE);
		const after = await getProgramApi(bApi, fork);
		const [one, two] = after.content.sessions;
		expect(one?.title).toBe('Who we are here');
		expect(one?.objectives).toBe('Everyone names one place that matters to them.');
		expect(two?.materials).toBe('Chalk');

		// The fork's history names who did what; a diff between versions reads in words.
		await bilal.openOutput(fork, 'history');
		// (The builder takes no change note: version 2, the renamed session, is named by its author.)
		const renaming = bS.page.getByRole('listitem').filter({
			has: bS.page.getByRole('heading', {
				level: 3,
				name: exactly(bilal.t('history_version', { number: 2 }))
			})
		});
		await poll(() =>
			renaming.getByText(bilal.t('history_by', { name: handles.b }), { exact: true }).count()
		).toBe(1);
		await bS.page
			.getByRole('link', { name: bilal.t('history_changes_from_previous', { from: 1, to: 2 }) })
			.click();
		await bS.page.waitForURL((u) => u.searchParams.get('to') === '2');
		await bilal.check('history with a diff');
		await poll(() => bS.page.getByText('Who we are here').count()).toBeGreaterThan(0);

		// Every outputs page of the original, in English and Arabic, passes axe; the learner view has no notes.
		const aminaReader = new ProgramReader(aS.page, handles.a);
		for (const locale of ['en', 'ar'] as const) {
			for (const page of ['history', 'attributions', 'guide', 'learn', 'remix'] as const) {
				await aminaReader.visit(`/programs/${p.id}/${page}`, `program ${page}`, locale);
			}
			await bilal.visit(`/programs/${fork}/upstream`, 'upstream', locale);
		}
		await aminaReader.visit(`/programs/${p.id}/learn`, 'learn', 'en');
		expect(await aS.page.getByText('Keep the circle small.').count()).toBe(0);
		await aminaReader.visit(`/programs/${p.id}/guide`, 'guide', 'en');
		expect(await aS.page.getByText('Keep the circle small.').count()).toBe(1);

		// A private program (the remix) is not found for someone else.
		const stranger = await aS.page.request.get(`${baseURL()}/programs/${fork}/guide`, { maxRedirects: 0 });
		expect(stranger.status()).toBe(404);

		// The guide printed: the attributions are in the printed page and in the PDF.
		for (const locale of ['en', 'ar'] as const) {
			await aminaReader.visit(`/programs/${p.id}/guide`, 'guide', locale);
			const pdf = await aminaReader.printGuide(p.id);
			expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
			expect(pdf.length).toBeGreaterThan(5_000);
			const streams = pdfStreams(pdf);
			// Links survive printing as annotations: the licence of the BY-SA resource is one.
			expect(streams, `PDF (${locale}) links the BY-SA licence`).toMatch(LICENCE_URI);
			// Sessions start on their own pages: a cover, two sessions, the attributions.
			expect((streams.match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(4);
			await aS.page.emulateMedia({ media: 'print' });
			const credits = aS.page.getByRole('heading', { name: aminaReader.t('prog_out_attr_title') });
			expect(await credits.isVisible()).toBe(true);
			for (const title of [mapTitle, circlesTitle, storyTitle])
				expect(await aS.page.getByRole('heading', { level: 3, name: title }).isVisible()).toBe(true);
			expect(await aS.page.locator('.site-topbar, .site-nav, .site-footer').first().isVisible()).toBe(false);
			await aS.page.emulateMedia({ media: 'screen' });
		}

		// The offline copy: downloaded, unpacked, opened from file:// with every link followed.
		await aminaReader.visit(`/programs/${p.id}/guide`, 'guide', 'en');
		const download = await aminaReader.downloadOffline(p.id);
		const zipPath = await download.path();
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'circles-offline-'));
		try {
			const files = unzipSync(new Uint8Array(fs.readFileSync(zipPath)));
			const names = Object.keys(files);
			expect(names.some((n) => n.endsWith('/index.html'))).toBe(true);
			expect(names.some((n) => /\/files\/.*street-map\.png$/.test(n))).toBe(true);
			for (const [name, bytes] of Object.entries(files)) {
				expect(path.normalize(name).startsWith('..')).toBe(false);
				fs.mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
				fs.writeFileSync(path.join(dir, name), bytes);
			}
			const root = path.join(dir, names[0]!.split('/')[0]!);
			// Scripts stay enabled only so axe can run; the pages carry none (checked on each).
			const context = await browser.browser().newContext();
			const requests: string[] = [];
			context.on('request', (r) => requests.push(r.url()));
			const page = await context.newPage();
			const seen = new Set<string>();
			const queue = [pathToFileURL(path.join(root, 'index.html')).href];
			while (queue.length > 0) {
				const url = queue.shift()!;
				if (seen.has(url)) continue;
				seen.add(url);
				const file = decodeURIComponent(new URL(url).pathname);
				expect(fs.existsSync(file), `${url} is in the zip`).toBe(true);
				if (!file.endsWith('.html')) continue;
				await page.goto(url);
				expect((await page.title()).trim()).not.toBe('');
				expect(await page.locator('h1').count(), url).toBe(1);
				expect(await page.locator('script').count(), `no script on ${url}`).toBe(0);
				await expectNoAxeViolations(page, `offline ${path.basename(file)}`);
				const images = await page
					.locator('img')
					.evaluateAll((els) => els.map((e) => (e as HTMLImageElement).naturalWidth));
				for (const w of images) expect(w, `images load on ${url}`).toBeGreaterThan(0);
				const hrefs = await page
					.locator('a[href]')
					.evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href));
				for (const href of hrefs) {
					if (href.startsWith('file:')) queue.push(href.split('#')[0]!);
					else
						expect(href, `only credits and content links leave the copy (${url})`).toMatch(
							/^(https?:|mailto:)/
						);
				}
			}
			expect([...seen].some((u) => u.endsWith('/guide.html'))).toBe(true);
			expect([...seen].some((u) => u.endsWith('/learn.html'))).toBe(true);
			expect([...seen].some((u) => u.endsWith('/attributions.html'))).toBe(true);
			expect([...seen].some((u) => /\/session-2\.html$/.test(u))).toBe(true);
			expect([...seen].some((u) => /\/resource-.*\.html$/.test(u))).toBe(true);
			expect(
				requests.filter((u) => !u.startsWith('file:')),
				'no request leaves file://'
			).toEqual([]);
			await context.close();
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}, 300_000);
});
