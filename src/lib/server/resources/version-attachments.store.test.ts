// Files travel with versions: uploaded with a save (all-or-nothing), kept by later saves
// unless dropped, restored with an old version, and shown with the version a reader sees.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Actor, Ctx } from '../context';
import type { Db } from '../db';
import { describeEachDialect } from '../db/testing';
import * as libraries from '../libraries/service';
import { buildAccount, domainErrorOf } from '../testing/factories';
import { FolderBlobStore } from './attachments/blob-store';
import type { AttachmentDeps } from './attachments/service';
import { tinyPdf, tinyPng } from './attachments/test-files';
import * as resources from './service';

let root: string;
beforeEach(async () => {
	root = await fs.mkdtemp(path.join(os.tmpdir(), 'circles-version-files-'));
});
afterEach(async () => {
	await fs.rm(root, { recursive: true, force: true });
});

const deps = (limits: Partial<AttachmentDeps['limits']> = {}): AttachmentDeps => ({
	blobs: new FolderBlobStore(root),
	limits: { maxBytes: 100_000, quotaBytes: 1_000_000, ...limits }
});

let tick = 0;
const ctxFor = (db: Db, actor: Actor | null): Ctx => ({
	db,
	actor,
	addressHash: 'test',
	now: () => new Date(Date.UTC(2026, 1, 1, 0, 0, tick++))
});

const fields = {
	title: 'Mapping who is affected',
	summary: 'A short activity.',
	body: 'Step one.\n\n![A hand-drawn map of a street](map.png)\n',
	type: 'activity' as const,
	license: 'CC BY-NC-SA 4.0'
};

describeEachDialect('version attachments', ({ db }) => {
	async function setup() {
		const curator = await buildAccount(db(), 'curator');
		const contributor = await buildAccount(db(), 'contributor');
		const stranger = await buildAccount(db(), 'stranger');
		const lib = await libraries.createLibrary(ctxFor(db(), curator), { name: 'Commons', slug: 'commons' });
		await libraries.addMember(ctxFor(db(), curator), 'commons', {
			handle: 'contributor',
			role: 'contributor'
		});
		return { curator, contributor, stranger, lib };
	}

	it('a create carries its upload; later saves keep, drop or add files; restore brings old files back', async () => {
		const { curator, contributor, lib } = await setup();
		const r = await resources.createResource(
			ctxFor(db(), contributor),
			{ ...fields, library_id: lib.id, language: 'en' },
			[{ fileName: 'map.png', bytes: tinyPng(), altText: 'A hand-drawn map of a street' }],
			deps()
		);
		expect(r.attachments.map((a) => [a.fileName, a.kind, a.altText])).toEqual([
			['map.png', 'image', 'A hand-drawn map of a street']
		]);
		const map = r.attachments[0]!;

		// A save without attachment_ids keeps the previous version's files and adds the new upload.
		const v2 = await resources.saveVersion(
			ctxFor(db(), contributor),
			r.id,
			{ ...fields, change_note: 'Adds the handout' },
			[{ fileName: 'handout.pdf', bytes: tinyPdf() }],
			deps()
		);
		let seen = await resources.getResource(ctxFor(db(), curator), r.id);
		expect(seen.version.id).toBe(v2.id);
		expect(seen.attachments.map((a) => a.fileName)).toEqual(['map.png', 'handout.pdf']);

		// Naming the files to keep drops the others from the new version (not from the history).
		const v3 = await resources.saveVersion(ctxFor(db(), curator), r.id, {
			...fields,
			attachment_ids: [map.id],
			publish: true
		});
		seen = await resources.getResource(ctxFor(db(), null), r.id);
		expect(seen.version.id).toBe(v3.id);
		expect(seen.attachments.map((a) => a.fileName)).toEqual(['map.png']);

		const v4 = await resources.restoreVersion(ctxFor(db(), curator), r.id, v2.id, { publish: true });
		seen = await resources.getResource(ctxFor(db(), null), r.id);
		expect(seen.version.id).toBe(v4.id);
		expect(seen.attachments.map((a) => a.fileName)).toEqual(['map.png', 'handout.pdf']);
	});

	it('a refused upload writes nothing; a stranger cannot upload; foreign attachment ids are refused', async () => {
		const { curator, stranger, lib } = await setup();
		const input = { ...fields, library_id: lib.id, language: 'en' };
		const noAlt = await domainErrorOf(
			resources.createResource(
				ctxFor(db(), curator),
				input,
				[{ fileName: 'map.png', bytes: tinyPng() }],
				deps()
			)
		);
		expect(noAlt.fields?.[0]).toMatchObject({ field: 'altText', message: 'attach_alt_required' });
		expect(await db().kysely.selectFrom('resources').select('id').execute()).toEqual([]);

		const big = await domainErrorOf(
			resources.createResource(
				ctxFor(db(), curator),
				input,
				[{ fileName: 'handout.pdf', bytes: tinyPdf('x'.repeat(2000)) }],
				deps({ maxBytes: 500 })
			)
		);
		expect(big.kind).toBe('too_large');
		expect(await db().kysely.selectFrom('resources').select('id').execute()).toEqual([]);

		const denied = await domainErrorOf(
			resources.createResource(
				ctxFor(db(), stranger),
				input,
				[{ fileName: 'handout.pdf', bytes: tinyPdf() }],
				deps()
			)
		);
		expect(denied.kind).toBe('forbidden');
		const stored = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
		expect(stored.filter((e) => e.isFile())).toEqual([]);

		const a = await resources.createResource(
			ctxFor(db(), curator),
			input,
			[{ fileName: 'handout.pdf', bytes: tinyPdf() }],
			deps()
		);
		const b = await resources.createResource(ctxFor(db(), curator), input);
		const foreign = await domainErrorOf(
			resources.saveVersion(ctxFor(db(), curator), b.id, {
				...fields,
				attachment_ids: [a.attachments[0]!.id]
			})
		);
		expect(foreign.fields?.[0]).toMatchObject({ field: 'attachment_ids.0', message: 'attach_not_found' });
		expect((await resources.listVersions(ctxFor(db(), curator), b.id)).length).toBe(1);
	});

	it('replaying a save with its upload stores the file once', async () => {
		const { curator, lib } = await setup();
		const r = await resources.createResource(ctxFor(db(), curator), {
			...fields,
			library_id: lib.id,
			language: 'en'
		});
		const versionId = '01934f4e-0000-7000-8000-000000000001';
		const save = () =>
			resources.saveVersion(
				ctxFor(db(), curator),
				r.id,
				{ ...fields, version_id: versionId },
				[{ fileName: 'handout.pdf', bytes: tinyPdf() }],
				deps()
			);
		const first = await save();
		const again = await save();
		expect(again.id).toBe(first.id);
		const rows = await db()
			.kysely.selectFrom('attachments')
			.select('id')
			.where('resource_id', '=', r.id)
			.execute();
		expect(rows.length).toBe(1);
	});
});
