// Import/export of a library folder on both engines: the demo round trip (export → import →
// export gives identical folders), re-import updates instead of duplicating, bad files are
// reported and leave nothing behind while the good ones go in.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Db } from '../db';
import { openDatabase } from '../db/dialect';
import { migrateToLatest } from '../db/migrate';
import { describeEachDialect } from '../db/testing';
import { createLibrary } from '../libraries/service';
import { buildAccount, domainErrorOf, testCtx } from '../testing/factories';
import { FolderBlobStore } from './attachments/blob-store';
import type { AttachmentDeps } from './attachments/service';
import { tinyPng, tinyWav } from './attachments/test-files';
import { createResource, createTranslation } from './service';
import { exportLibrary, importLibrary, mayTransfer } from './transfer';

const DEMO = path.resolve('content/demo');
let root: string;
beforeEach(async () => {
	root = await fs.mkdtemp(path.join(os.tmpdir(), 'circles-transfer-'));
});
afterEach(async () => {
	await fs.rm(root, { recursive: true, force: true });
});

function deps(name = 'blobs'): AttachmentDeps {
	return {
		blobs: new FolderBlobStore(path.join(root, name)),
		limits: { maxBytes: 10_000_000, quotaBytes: 100_000_000 }
	};
}

/** Every file of a folder, name → bytes. */
async function folder(dir: string): Promise<Map<string, Buffer>> {
	const out = new Map<string, Buffer>();
	for (const name of (await fs.readdir(dir)).sort()) out.set(name, await fs.readFile(path.join(dir, name)));
	return out;
}

async function copyDemo(to: string): Promise<void> {
	await fs.mkdir(to, { recursive: true });
	for (const name of await fs.readdir(DEMO)) await fs.copyFile(path.join(DEMO, name), path.join(to, name));
}

async function counts(db: Db) {
	const k = db.kysely;
	const byLang = await k
		.selectFrom('resources')
		.select(['language', (eb) => eb.fn.countAll<number | string>().as('n')])
		.groupBy('language')
		.execute();
	const versions = await k
		.selectFrom('resource_versions')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirstOrThrow();
	const attachments = await k
		.selectFrom('attachments')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirstOrThrow();
	return {
		languages: Object.fromEntries(byLang.map((r) => [r.language, Number(r.n)])),
		versions: Number(versions.n),
		attachments: Number(attachments.n)
	};
}

describeEachDialect('library import and export', ({ db, engine }) => {
	it('round-trips the demo library byte for byte, and re-import changes nothing', async () => {
		const ctx = testCtx(db());
		const t0 = performance.now();
		const progress: string[] = [];
		const report = await importLibrary(ctx, DEMO, {
			slug: 'demo',
			deps: deps(),
			onProgress: (p) => progress.push(`${p.index}/${p.total} ${p.file} ${p.outcome}`)
		});
		const ms = Math.round(performance.now() - t0);
		console.log(`import of content/demo on ${engine}: ${ms} ms`);
		expect(report.failed).toEqual([]);
		expect(report).toMatchObject({ created: 42, updated: 0, unchanged: 0, libraryCreated: true });
		expect(progress).toHaveLength(42);
		expect(progress[41]).toMatch(/^42\/42 .*-(ar|fr)\.md created$/);
		const c = await counts(db());
		expect(c.languages).toEqual({ en: 26, ar: 8, fr: 8 });
		expect(c.versions).toBe(42);
		expect(c.attachments).toBeGreaterThanOrEqual(3);

		const out1 = path.join(root, 'out1');
		expect(await exportLibrary(ctx, out1, { slug: 'demo', deps: deps() })).toMatchObject({
			resources: 42,
			attachments: 3
		});
		const demo = await folder(DEMO);
		demo.delete('README.md');
		const first = await folder(out1);
		expect([...first.keys()]).toEqual([...demo.keys()]);
		for (const [name, bytes] of demo) expect(first.get(name)?.equals(bytes), name).toBe(true);

		// Re-importing the same folder: all unchanged, no new versions.
		const again = await importLibrary(ctx, DEMO, { slug: 'demo', deps: deps() });
		expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 42, failed: [], libraryCreated: false });
		expect((await counts(db())).versions).toBe(42);

		// Export refuses a non-empty folder unless forced.
		expect((await domainErrorOf(exportLibrary(ctx, out1, { slug: 'demo', deps: deps() }))).messageKey).toBe(
			'transfer_folder_not_empty'
		);
		await exportLibrary(ctx, out1, { slug: 'demo', deps: deps(), force: true });
	});

	it('imports an export into an empty database and exports it again identically', async () => {
		const ctx = testCtx(db());
		await importLibrary(ctx, DEMO, { slug: 'demo', deps: deps() });
		const out1 = path.join(root, 'out1');
		await exportLibrary(ctx, out1, { slug: 'demo', deps: deps() });
		// A second, empty database (SQLite; on the PostgreSQL run this also crosses engines).
		const fresh = openDatabase({ kind: 'sqlite', file: ':memory:' });
		try {
			await migrateToLatest(fresh);
			const ctx2 = testCtx(fresh);
			const r = await importLibrary(ctx2, out1, { slug: 'demo', deps: deps('blobs2') });
			expect(r).toMatchObject({ created: 42, failed: [], libraryCreated: true });
			const out2 = path.join(root, 'out2');
			await exportLibrary(ctx2, out2, { slug: 'demo', deps: deps('blobs2') });
			const a = await folder(out1);
			const b = await folder(out2);
			expect([...b.keys()]).toEqual([...a.keys()]);
			for (const [name, bytes] of a) expect(b.get(name)?.equals(bytes), name).toBe(true);
		} finally {
			await fresh.close();
		}
	});

	it('an edited body makes exactly one new version', async () => {
		const ctx = testCtx(db());
		const dir = path.join(root, 'demo');
		await copyDemo(dir);
		await importLibrary(ctx, dir, { slug: 'demo', deps: deps() });
		const file = path.join(dir, 'river-of-life.md');
		await fs.writeFile(file, (await fs.readFile(file, 'utf8')) + '\nOne more line.\n');
		const r = await importLibrary(ctx, dir, { slug: 'demo', deps: deps() });
		expect(r).toMatchObject({ created: 0, updated: 1, unchanged: 41, failed: [] });
		const rows = await db()
			.kysely.selectFrom('resource_versions')
			.innerJoin('resources', 'resources.id', 'resource_versions.resource_id')
			.select(['resource_versions.number', 'resource_versions.body', 'resources.published_version_id'])
			.where('resources.key', '=', 'river-of-life')
			.orderBy('resource_versions.number')
			.execute();
		expect(rows.map((v) => v.number)).toEqual([1, 2]);
		expect(rows[1]?.body.endsWith('One more line.')).toBe(true);
		expect((await counts(db())).versions).toBe(43);

		// The original changes: its translation still records the version it was made from;
		// once the translation changes too, it follows the original as it is now.
		const byKey = (key: string) =>
			db().kysely.selectFrom('resources').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
		const madeFrom = (await byKey('talking-circle-basics-fr')).translated_from_version;
		const append = async (name: string) => {
			const f = path.join(dir, name);
			await fs.writeFile(f, (await fs.readFile(f, 'utf8')) + '\nEncore.\n');
		};
		await append('talking-circle-basics.md');
		expect(await importLibrary(ctx, dir, { slug: 'demo', deps: deps() })).toMatchObject({ updated: 1 });
		const original = await byKey('talking-circle-basics');
		expect(original.published_version_id).not.toBe(madeFrom);
		expect((await byKey('talking-circle-basics-fr')).translated_from_version).toBe(madeFrom);
		await append('talking-circle-basics-fr.md');
		expect(await importLibrary(ctx, dir, { slug: 'demo', deps: deps() })).toMatchObject({ updated: 1 });
		expect((await byKey('talking-circle-basics-fr')).translated_from_version).toBe(
			original.published_version_id
		);
	});

	it('reports each bad file with field and code, writes nothing from it, imports the rest', async () => {
		const ctx = testCtx(db());
		const dir = path.join(root, 'mixed');
		await fs.mkdir(dir);
		const good = (id: string, extra = '') =>
			`---\nid: ${id}\ntitle: Good ${id}\nlanguage: en\ntype: handout\nthemes:\n  - leadership\nlicense: CC-BY-4.0\n${extra}---\n\nBody of ${id}.\n`;
		await fs.writeFile(path.join(dir, 'good.md'), good('good'));
		await fs.writeFile(path.join(dir, 'nd.md'), good('nd').replace('CC-BY-4.0', 'CC-BY-ND-4.0'));
		await fs.writeFile(path.join(dir, 'pic.png'), tinyPng());
		const files: Record<string, string> = {
			'bad-licence.md': good('bad-licence').replace('CC-BY-4.0', 'CC-WHATEVER'),
			'unknown-key.md': good('unknown-key', 'licence: CC-BY-4.0\n'),
			'yaml.md': '---\nid: yaml\ntitle: [unclosed\n---\n\nx\n',
			'missing-attachment.md': good('missing-attachment', 'attachments:\n  - nothere.pdf\n'),
			'no-alt.md': good('no-alt', 'attachments:\n  - pic.png\n'),
			'orphan.md': good('orphan', 'translation_of: nobody\n').replace('language: en', 'language: fr'),
			'nd-fr.md': good('nd-fr', 'translation_of: nd\n')
				.replace('language: en', 'language: fr')
				.replace('CC-BY-4.0', 'CC-BY-ND-4.0'),
			'unknown-theme.md': good('unknown-theme').replace('leadership', 'astrology'),
			// Hostile names: spaces, quotes, a leading dash, right-to-left override, Arabic.
			'-- "odd" name\u202e.md': good('odd-name'),
			'مرحبا.md': good('marhaba'),
			'line\nbreak.md': good('line-break')
		};
		for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(dir, name), text);
		// A symlink to a Markdown file outside the folder is not followed.
		await fs.writeFile(path.join(root, 'outside.md'), good('outside'));
		await fs.symlink(path.join(root, 'outside.md'), path.join(dir, 'link.md'));
		// A sub-folder is not read.
		await fs.mkdir(path.join(dir, 'sub.md'));

		const r = await importLibrary(ctx, dir, { slug: 'mixed', deps: deps() });
		const byFile = (f: string) => r.failed.filter((x) => x.file === f).map((x) => `${x.field} ${x.code}`);
		expect(byFile('bad-licence.md')).toEqual(['license invalid-licence']);
		expect(byFile('unknown-key.md')).toEqual(['licence unknown-key']);
		expect(byFile('yaml.md')[0]).toBe('front-matter yaml-syntax');
		expect(byFile('missing-attachment.md')).toEqual(['attachments[0].file missing-file']);
		expect(byFile('no-alt.md')).toEqual(['attachments[0].alt alt-required']);
		expect(byFile('orphan.md')).toEqual(['translation_of unknown-original']);
		expect(byFile('nd-fr.md')).toEqual(['translation_of original-no-derivatives']);
		expect(byFile('unknown-theme.md')).toEqual(['themes[0] unknown-theme']);
		expect(new Set(r.failed.map((f) => f.file)).size).toBe(8);
		expect(r.created).toBe(5);

		const keys = (await db().kysely.selectFrom('resources').select('key').execute()).map((x) => x.key).sort();
		expect(keys).toEqual(['good', 'line-break', 'marhaba', 'nd', 'odd-name']);
		// Nothing from the refused image file: no attachment row.
		expect((await counts(db())).attachments).toBe(0);
	});

	it('exports resources made in the app by id, and re-importing them changes nothing', async () => {
		const curator = await buildAccount(db(), 'curator1');
		const member = testCtx(db(), curator);
		const lib = await createLibrary(member, { name: 'App made', slug: 'app-made' });
		const input = {
			library_id: lib.id,
			language: 'en',
			title: 'Made in the app',
			body: 'Step one.\nStep two.\n',
			type: 'activity' as const,
			themes: ['leadership'],
			license: 'CC-BY-SA-4.0',
			authors: ['Someone'],
			publish: true
		};
		const original = await createResource(member, input);
		await createTranslation(member, original.id, { ...input, language: 'fr', title: 'Fait dans l’app' });
		await createResource(member, { ...input, title: 'Only a draft', publish: false });
		const out = path.join(root, 'app');
		const ctx = testCtx(db());
		expect(await exportLibrary(ctx, out, { slug: 'app-made', deps: deps() })).toMatchObject({ resources: 2 });
		const text = await fs.readFile(path.join(out, `${original.id}.md`), 'utf8');
		expect(text).toContain(`id: ${original.id}`);
		const r = await importLibrary(ctx, out, { slug: 'app-made', deps: deps() });
		expect(r).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: [] });
		expect((await counts(db())).versions).toBe(3);
	});

	it('carries an audio file’s transcript out and back; a transcript that is not UTF-8 text is refused', async () => {
		const ctx = testCtx(db());
		const dir = path.join(root, 'audio');
		await fs.mkdir(dir);
		const file = (id: string, transcript: string) =>
			`---\nid: ${id}\ntitle: Listening ${id}\nlanguage: en\ntype: audio\nthemes:\n  - leadership\nlicense: CC-BY-4.0\nattachments:\n  - file: talk.wav\n    transcript: ${transcript}\n---\n\nListen first.\n`;
		await fs.writeFile(path.join(dir, 'talk.wav'), tinyWav());
		await fs.writeFile(path.join(dir, 'words.txt'), '  Welcome — أهلاً — bienvenue.\n');
		await fs.writeFile(path.join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
		await fs.writeFile(path.join(dir, 'talk.md'), file('talk', 'words.txt'));
		await fs.writeFile(path.join(dir, 'bad.md'), file('bad', 'latin1.txt'));
		const r = await importLibrary(ctx, dir, { slug: 'audio', deps: deps() });
		expect(r.failed.map((f) => `${f.file} ${f.field} ${f.code}`)).toEqual([
			'bad.md attachments[0].transcript attachment-invalid'
		]);
		const stored = await db().kysely.selectFrom('attachments').select('transcript').execute();
		expect(stored).toEqual([{ transcript: 'Welcome — أهلاً — bienvenue.' }]);

		const out = path.join(root, 'audio-out');
		await exportLibrary(ctx, out, { slug: 'audio', deps: deps() });
		expect(await fs.readFile(path.join(out, 'talk.transcript.txt'), 'utf8')).toBe(
			'Welcome — أهلاً — bienvenue.'
		);
		expect(await fs.readFile(path.join(out, 'talk.md'), 'utf8')).toContain('transcript: talk.transcript.txt');
		// The export, imported again, is unchanged; and it exports identically.
		expect(await importLibrary(ctx, out, { slug: 'audio', deps: deps() })).toMatchObject({
			unchanged: 1,
			failed: []
		});
		const again = path.join(root, 'audio-again');
		await exportLibrary(ctx, again, { slug: 'audio', deps: deps() });
		expect(await folder(again)).toEqual(await folder(out));
	});

	it('only the instance or an administrator may transfer', async () => {
		const member = await buildAccount(db(), 'member1');
		expect(mayTransfer({ actor: null })).toBe(true);
		expect(mayTransfer({ actor: { ...member, isAdmin: true } })).toBe(true);
		const e = await domainErrorOf(importLibrary(testCtx(db(), member), DEMO, { slug: 'demo', deps: deps() }));
		expect(e.messageKey).toBe('transfer_forbidden');
	});
});
