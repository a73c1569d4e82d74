// The reading side on both engines: theme pages across libraries, a library's list and its
// language filter, the resource page's data, and who may download an attachment (with ranges).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { newId } from '../../domain/ids';
import type { Actor, Ctx } from '../context';
import type { Db } from '../db';
import { describeEachDialect } from '../db/testing';
import * as libraries from '../libraries/service';
import { buildAccount, domainErrorOf } from '../testing/factories';
import { FolderBlobStore, readAll } from './attachments/blob-store';
import type { AttachmentDeps } from './attachments/service';
import { tinyPdf, tinyPng } from './attachments/test-files';
import { downloadAttachment, libraryResources, readListQuery, readResource, themeResources } from './reading';
import type { CreateResourceInput } from './schemas';
import * as resources from './service';

let root: string;
beforeEach(async () => {
	root = await fs.mkdtemp(path.join(os.tmpdir(), 'circles-reading-'));
});
afterEach(async () => {
	await fs.rm(root, { recursive: true, force: true });
});
const deps = (): AttachmentDeps => ({
	blobs: new FolderBlobStore(root),
	limits: { maxBytes: 1_000_000, quotaBytes: 10_000_000 }
});

let tick = 0;
function ctxFor(db: Db, actor: Actor | null): Ctx {
	return { db, actor, addressHash: 'test', now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)) };
}

async function setup(db: Db) {
	const curator = await buildAccount(db, 'curator');
	const contributor = await buildAccount(db, 'contributor');
	const reader = await buildAccount(db, 'reader');
	const one = await libraries.createLibrary(ctxFor(db, curator), { name: 'One', slug: 'one' });
	const two = await libraries.createLibrary(ctxFor(db, curator), { name: 'Two', slug: 'two' });
	await libraries.addMember(ctxFor(db, curator), 'one', { handle: 'contributor', role: 'contributor' });
	return { curator, contributor, reader, one, two };
}

const base = (libraryId: string, over: Partial<CreateResourceInput> = {}): CreateResourceInput => ({
	library_id: libraryId,
	language: 'en',
	title: 'Mapping who is affected',
	summary: 'A short activity.',
	body: 'Step one.\n\n![A tree drawn in three parts](tree.png)\n',
	type: 'activity',
	themes: ['who-is-my-community'],
	license: 'CC BY-NC-SA 4.0',
	authors: ['Circles team'],
	publish: true,
	...over
});

describeEachDialect('reading', ({ db }) => {
	it('lists a theme’s published resources across libraries, with their library', async () => {
		const { curator, contributor, one, two } = await setup(db());
		const c = ctxFor(db(), curator);
		const a = await resources.createResource(c, base(one.id, { title: 'A' }));
		const b = await resources.createResource(c, base(two.id, { title: 'B', language: 'fr' }));
		await resources.createResource(c, base(one.id, { title: 'Other', themes: ['leadership'] }));
		// A contributor's save is a draft: not listed.
		await resources.createResource(ctxFor(db(), contributor), base(one.id, { title: 'Draft' }));

		const page = await themeResources(
			ctxFor(db(), null),
			'who-is-my-community',
			readListQuery(new URLSearchParams()),
			'fr'
		);
		expect(page.theme.label).toBe('Qui est ma communauté ?');
		expect(page.page.total).toBe(2);
		expect(page.page.items.map((i) => [i.title, i.library.slug])).toEqual([
			['B', 'two'],
			['A', 'one']
		]);
		expect(page.page.items[1]).toMatchObject({
			id: a.id,
			themes: ['who-is-my-community'],
			version_number: 1
		});

		const fr = await themeResources(
			ctxFor(db(), null),
			'who-is-my-community',
			readListQuery(new URLSearchParams('language=fr')),
			'en'
		);
		expect(fr.page.items.map((i) => i.id)).toEqual([b.id]);

		expect((await domainErrorOf(themeResources(ctxFor(db(), null), 'nope', {}, 'en'))).kind).toBe(
			'not_found'
		);
	});

	it('reads list queries leniently: a bad value is dropped, not refused', () => {
		expect(readListQuery(new URLSearchParams('page=3&theme=leadership&language=FR-ca'))).toMatchObject({
			page: 3,
			theme: 'leadership',
			language: 'fr-CA'
		});
		expect(readListQuery(new URLSearchParams('page=-1&theme=%22x&language=!!'))).toMatchObject({
			page: 1,
			theme: undefined,
			language: undefined
		});
	});

	it('gives a library’s list with the languages its published resources are in', async () => {
		const { curator, contributor, one } = await setup(db());
		await resources.createResource(ctxFor(db(), curator), base(one.id));
		await resources.createResource(ctxFor(db(), curator), base(one.id, { language: 'ar', title: 'ع' }));
		await resources.createResource(ctxFor(db(), contributor), base(one.id, { language: 'fr' }));
		const list = await libraryResources(
			ctxFor(db(), null),
			'one',
			readListQuery(new URLSearchParams('language=ar')),
			'en'
		);
		expect(list.languages).toEqual(['ar', 'en']);
		expect(list.page.items.map((i) => i.language)).toEqual(['ar']);
		expect(list.query).toEqual({ theme: null, language: 'ar' });
		expect(list.themes.length).toBeGreaterThanOrEqual(8);
		expect((await domainErrorOf(libraryResources(ctxFor(db(), null), 'none', {}, 'en'))).kind).toBe(
			'not_found'
		);
	});

	it('gives the resource page its body with attachment images, its translations and what may be done with it', async () => {
		const { curator, reader, one } = await setup(db());
		const c = ctxFor(db(), curator);
		const original = await resources.createResource(
			c,
			base(one.id),
			[{ fileName: 'tree.png', bytes: tinyPng(), altText: 'A tree' }],
			deps()
		);
		const image = original.attachments[0];
		expect(image?.kind).toBe('image');

		const page = await readResource(ctxFor(db(), reader), original.id, { locale: 'ar' });
		expect(page.bodyHtml).toContain(`src="/attachments/${image?.id}"`);
		expect(page.themes).toEqual([{ key: 'who-is-my-community', label: expect.any(String) }]);
		expect(page.reuse).toEqual({ ok: true });
		expect(page.attribution).toMatchObject({
			title: 'Mapping who is affected',
			licenceId: 'CC-BY-NC-SA-4.0'
		});

		const fr = await resources.createTranslation(c, original.id, {
			language: 'fr',
			title: 'Qui est concerné',
			type: 'activity',
			publish: true
		});
		await resources.saveVersion(c, original.id, {
			title: 'Mapping who is affected (2)',
			type: 'activity',
			license: 'CC BY-NC-SA 4.0',
			publish: true
		});
		const translation = await readResource(ctxFor(db(), null), fr.id, { locale: 'en' });
		expect(translation.original).toEqual({
			id: original.id,
			title: 'Mapping who is affected (2)',
			language: 'en'
		});
		expect(translation.translations.self).toMatchObject({
			original_changed: true,
			made_from_number: 1,
			original_number: 2
		});
		expect(translation.languages.map((l) => [l.language, l.is_self])).toEqual([
			['en', false],
			['fr', true]
		]);

		const nd = await resources.createResource(c, base(one.id, { license: 'CC BY-ND 4.0' }));
		expect((await readResource(ctxFor(db(), null), nd.id, { locale: 'en' })).reuse).toEqual({
			ok: false,
			reason: 'no-derivatives'
		});
		expect((await domainErrorOf(readResource(ctxFor(db(), null), newId(), { locale: 'en' }))).kind).toBe(
			'not_found'
		);
	});

	it('serves a published attachment to anyone, whole or by range; a draft’s only to members', async () => {
		const { curator, contributor, reader, one } = await setup(db());
		const pdf = tinyPdf();
		const published = await resources.createResource(
			ctxFor(db(), curator),
			base(one.id),
			[{ fileName: 'handout.pdf', bytes: pdf }],
			deps()
		);
		const file = published.attachments[0];
		if (!file) throw new Error('no attachment');

		const whole = await downloadAttachment(ctxFor(db(), null), file.id, { download: true }, deps());
		expect(whole.status).toBe(200);
		expect(whole.headers['Content-Disposition']).toMatch(/^attachment;/);
		expect(whole.headers['Cache-Control']).toMatch(/public/);
		expect(whole.body && (await readAll(whole.body))).toEqual(pdf);

		const part = await downloadAttachment(
			ctxFor(db(), reader),
			file.id,
			{ download: false, range: 'bytes=0-9' },
			deps()
		);
		expect(part.status).toBe(206);
		expect(part.headers['Content-Range']).toBe(`bytes 0-9/${pdf.length}`);
		expect(part.headers['Content-Disposition']).toMatch(/^inline;/);
		expect(part.body && (await readAll(part.body))).toEqual(pdf.subarray(0, 10));

		// If-Range with another validator: the whole file, not a piece of a different one.
		const stale = await downloadAttachment(
			ctxFor(db(), null),
			file.id,
			{ download: false, range: 'bytes=0-9', ifRange: '"other"' },
			deps()
		);
		expect(stale.status).toBe(200);
		stale.body?.destroy();

		const beyond = await downloadAttachment(
			ctxFor(db(), null),
			file.id,
			{ download: false, range: `bytes=${pdf.length + 10}-` },
			deps()
		);
		expect(beyond.status).toBe(416);
		expect(beyond.headers['Content-Range']).toBe(`bytes */${pdf.length}`);

		// A contributor's draft carries a file only members may fetch.
		const draft = await resources.createResource(
			ctxFor(db(), contributor),
			base(one.id, { publish: false }),
			[{ fileName: 'draft.pdf', bytes: tinyPdf('draft') }],
			deps()
		);
		const hidden = draft.attachments[0];
		if (!hidden) throw new Error('no attachment');
		for (const who of [null, reader]) {
			const e = await domainErrorOf(
				downloadAttachment(ctxFor(db(), who), hidden.id, { download: true }, deps())
			);
			expect(e.kind).toBe('not_found');
		}
		const asMember = await downloadAttachment(ctxFor(db(), curator), hidden.id, { download: true }, deps());
		expect(asMember.status).toBe(200);
		expect(asMember.headers['Cache-Control']).toMatch(/private/);
		asMember.body?.destroy();

		// Unpublishing hides the files too.
		await resources.unpublish(ctxFor(db(), curator), published.id);
		expect(
			(await domainErrorOf(downloadAttachment(ctxFor(db(), null), file.id, { download: true }, deps()))).kind
		).toBe('not_found');
		for (const bad of ['nope', '', newId()]) {
			expect(
				(await domainErrorOf(downloadAttachment(ctxFor(db(), null), bad, { download: true }, deps()))).kind
			).toBe('not_found');
		}
	});
});
