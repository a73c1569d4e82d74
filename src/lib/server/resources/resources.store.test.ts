import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { newId } from '../../domain/ids';
import { licence } from '../../domain/licences';
import type { Actor, Ctx } from '../context';
import type { Db } from '../db';
import { describeEachDialect } from '../db/testing';
import * as libraries from '../libraries/service';
import { buildAccount, domainErrorOf } from '../testing/factories';
import type { CreateResourceInput } from './schemas';
import * as resources from './service';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/hostile-input');
const fixtureLines = (file: string) =>
	fs
		.readFileSync(path.join(FIXTURES, file), 'utf8')
		.split('\n')
		.filter((l, i, all) => i < all.length - 1 || l !== '');

let tick = 0;
function ctxFor(db: Db, actor: Actor | null): Ctx {
	// Each reading moves the clock on a second, so rows and events order by time.
	return { db, actor, addressHash: 'test', now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)) };
}

/** A library with a curator, a contributor, and a signed-in reader who belongs to none. */
async function setup(db: Db) {
	const curator = await buildAccount(db, 'curator');
	const contributor = await buildAccount(db, 'contributor');
	const reader = await buildAccount(db, 'reader');
	const lib = await libraries.createLibrary(ctxFor(db, curator), { name: 'Commons', slug: 'commons' });
	await libraries.addMember(ctxFor(db, curator), 'commons', { handle: 'contributor', role: 'contributor' });
	return { curator, contributor, reader, lib };
}

const base = (libraryId: string, over: Partial<CreateResourceInput> = {}): CreateResourceInput => ({
	library_id: libraryId,
	language: 'en',
	title: 'Mapping who is affected',
	summary: 'A short activity.',
	body: 'Step one.\nStep two.\n',
	type: 'activity',
	themes: ['who-is-my-community'],
	license: 'CC BY-NC-SA 4.0',
	authors: ['Circles team'],
	...over
});

const fields = (over: Record<string, unknown> = {}) => ({
	title: 'Mapping who is affected',
	summary: 'A short activity.',
	body: 'Step one.\nStep two.\n',
	type: 'activity' as const,
	license: 'CC BY-NC-SA 4.0',
	...over
});

async function events(db: Db, subjectId: string) {
	return db.kysely
		.selectFrom('events')
		.selectAll()
		.where('subject_id', '=', subjectId)
		.orderBy('created_at')
		.execute();
}

describeEachDialect('resources service', ({ db }) => {
	it('seeds the eight themes with labels in en, ar and fr, and lets curators add one', async () => {
		const { curator, contributor } = await setup(db());
		const en = await resources.listThemes(ctxFor(db(), null), 'en');
		expect(en).toHaveLength(8);
		expect(en.find((t) => t.key === 'leadership')?.label).toBe('Leadership');
		const ar = await resources.listThemes(ctxFor(db(), null), 'ar');
		expect(ar.find((t) => t.key === 'leadership')?.label).toBe('القيادة');
		const fr = await resources.listThemes(ctxFor(db(), null), 'fr-CA');
		expect(fr.find((t) => t.key === 'selecting-a-problem')?.label).toBe('Choisir un problème');

		const id = newId();
		const added = await resources.addTheme(ctxFor(db(), curator), {
			id,
			key: 'food-security',
			labels: { en: 'Food security', ar: 'الأمن الغذائي', fr: 'Sécurité alimentaire' }
		});
		expect(added.key).toBe('food-security');
		// Replay of the same id by the same curator writes nothing more.
		await resources.addTheme(ctxFor(db(), curator), {
			id,
			key: 'food-security',
			labels: { en: 'Food security' }
		});
		expect(await resources.listThemes(ctxFor(db(), null), 'ar')).toHaveLength(9);
		expect(
			(
				await domainErrorOf(
					resources.addTheme(ctxFor(db(), curator), { key: 'leadership', labels: { en: 'x' } })
				)
			).messageKey
		).toBe('theme_key_taken');
		expect(
			(
				await domainErrorOf(
					resources.addTheme(ctxFor(db(), contributor), { key: 'other', labels: { en: 'x' } })
				)
			).kind
		).toBe('forbidden');
	});

	it('numbers immutable versions; contributors propose drafts, curators publish', async () => {
		const { curator, contributor, reader, lib } = await setup(db());
		const r = await resources.createResource(ctxFor(db(), contributor), base(lib.id));
		expect(r.version).toMatchObject({ number: 1, state: 'draft', author: { handle: 'contributor' } });
		expect(r.published_version_id).toBeNull();
		expect(r.viewer).toMatchObject({ role: 'contributor', propose: true, publish: false });

		// Not public yet: readers and anonymous visitors do not find it.
		expect((await domainErrorOf(resources.getResource(ctxFor(db(), reader), r.id))).kind).toBe('not_found');
		expect((await domainErrorOf(resources.getResource(ctxFor(db(), null), r.id))).kind).toBe('not_found');
		// Contributors cannot publish, even by asking to.
		expect((await domainErrorOf(resources.publishVersion(ctxFor(db(), contributor), r.id))).messageKey).toBe(
			'resource_curator_only'
		);
		const v2 = await resources.saveVersion(
			ctxFor(db(), contributor),
			r.id,
			fields({ title: 'Mapping who is affected (v2)', publish: true, change_note: 'Clearer title' })
		);
		expect(v2).toMatchObject({ number: 2, state: 'draft', change_note: 'Clearer title' });

		const published = await resources.publishVersion(ctxFor(db(), curator), r.id);
		expect(published.published_version_id).toBe(v2.id);
		expect((await resources.getResource(ctxFor(db(), reader), r.id)).version.title).toBe(
			'Mapping who is affected (v2)'
		);

		// A contributor's new draft does not change what readers see; members see it.
		const v3 = await resources.saveVersion(ctxFor(db(), contributor), r.id, fields({ title: 'Draft three' }));
		expect(v3.number).toBe(3);
		expect((await resources.getResource(ctxFor(db(), reader), r.id)).version.number).toBe(2);
		expect((await resources.getResource(ctxFor(db(), contributor), r.id)).version.number).toBe(3);
		expect(
			(await resources.getResource(ctxFor(db(), contributor), r.id, { as: 'reader' })).version.number
		).toBe(2);
		expect((await resources.listVersions(ctxFor(db(), reader), r.id)).map((v) => v.number)).toEqual([2]);
		expect((await resources.listVersions(ctxFor(db(), curator), r.id)).map((v) => v.number)).toEqual([
			3, 2, 1
		]);
		expect((await domainErrorOf(resources.getVersion(ctxFor(db(), null), v3.id))).kind).toBe('not_found');

		// A curator may save and publish in one step.
		const v4 = await resources.saveVersion(
			ctxFor(db(), curator),
			r.id,
			fields({ title: 'Four', publish: true })
		);
		expect(v4.state).toBe('published');
		expect((await resources.getResource(ctxFor(db(), null), r.id)).version.title).toBe('Four');

		// Versions are immutable: version 1 still reads as it was written.
		expect((await resources.getVersion(ctxFor(db(), curator), r.version.id)).title).toBe(
			'Mapping who is affected'
		);

		// Unpublishing hides it again; the events tell the story.
		await resources.unpublish(ctxFor(db(), curator), r.id);
		expect((await domainErrorOf(resources.getResource(ctxFor(db(), null), r.id))).kind).toBe('not_found');
		const actions = (await events(db(), r.id)).map((e) => e.action);
		expect(actions).toEqual([
			'created',
			'version_saved',
			'published',
			'version_saved',
			'version_saved',
			'published',
			'unpublished'
		]);
	});

	it('lists a library’s published resources, paginated and by theme', async () => {
		const { curator, lib } = await setup(db());
		for (let i = 0; i < 3; i++) {
			await resources.createResource(
				ctxFor(db(), curator),
				base(lib.id, { title: `R${i}`, publish: true, themes: i === 0 ? ['leadership'] : [] })
			);
		}
		await resources.createResource(ctxFor(db(), curator), base(lib.id, { title: 'Draft' }));
		const page = await resources.listLibraryResources(ctxFor(db(), null), 'commons', { per_page: 2 });
		expect(page.total).toBe(3);
		expect(page.items.map((i) => i.title)).toEqual(['R2', 'R1']);
		const byTheme = await resources.listLibraryResources(ctxFor(db(), null), 'commons', {
			theme: 'leadership'
		});
		expect(byTheme.items.map((i) => i.title)).toEqual(['R0']);
		expect((await domainErrorOf(resources.listLibraryResources(ctxFor(db(), null), 'nope'))).kind).toBe(
			'not_found'
		);
	});

	it('restore copies an old version as a new one; diff shows words and lines', async () => {
		const { curator, contributor, lib } = await setup(db());
		const r = await resources.createResource(ctxFor(db(), curator), base(lib.id, { publish: true }));
		const v2 = await resources.saveVersion(
			ctxFor(db(), curator),
			r.id,
			fields({ title: 'Mapping who is really affected', body: 'Step one.\nStep 2, changed.\n' })
		);
		expect(
			(await domainErrorOf(resources.restoreVersion(ctxFor(db(), contributor), r.id, r.version.id))).kind
		).toBe('forbidden');
		const v3 = await resources.restoreVersion(ctxFor(db(), curator), r.id, r.version.id, {
			change_note: 'Back to the first'
		});
		expect(v3).toMatchObject({
			number: 3,
			title: r.version.title,
			body: r.version.body,
			change_note: 'Back to the first',
			state: 'draft'
		});
		expect((await resources.getResource(ctxFor(db(), curator), r.id)).current_version_id).toBe(v3.id);
		expect((await events(db(), r.id)).map((e) => e.action)).toContain('restored');

		const d = await resources.diffVersions(ctxFor(db(), curator), r.id, r.version.id, v2.id);
		expect(d.from.number).toBe(1);
		expect(d.title.filter((c) => c.added).map((c) => c.value.trim())).toEqual(['really']);
		expect(d.title.some((c) => c.removed)).toBe(false);
		expect(d.body).toEqual([
			{ value: 'Step one.\n' },
			{ removed: true, value: 'Step two.' },
			{ added: true, value: 'Step 2, changed.' }
		]);
		expect(d.summary).toEqual([{ value: 'A short activity.' }]);
	});

	it('translations record their source version and show when the original changed', async () => {
		const { curator, contributor, reader, lib } = await setup(db());
		const orig = await resources.createResource(ctxFor(db(), curator), base(lib.id, { publish: true }));
		const ar = await resources.createTranslation(ctxFor(db(), curator), orig.id, {
			...fields({ title: 'رسم خريطة المتأثرين' }),
			language: 'ar',
			publish: true
		});
		expect(ar).toMatchObject({
			translation_group: orig.translation_group,
			translation_of: orig.id,
			translated_from_version: orig.version.id,
			language: 'ar'
		});
		// The licence carries over from the original.
		expect(ar.version.license).toBe('CC-BY-NC-SA-4.0');
		expect((await resources.translationStatus(ctxFor(db(), reader), ar.id)).self).toMatchObject({
			original_changed: false,
			made_from_number: 1,
			original_number: 1
		});

		// Unpublished edits to the original do not count; published ones do.
		await resources.saveVersion(ctxFor(db(), contributor), orig.id, fields({ title: 'Changed' }));
		expect((await resources.translationStatus(ctxFor(db(), reader), ar.id)).self?.original_changed).toBe(
			false
		);
		await resources.publishVersion(ctxFor(db(), curator), orig.id);
		const status = await resources.translationStatus(ctxFor(db(), reader), orig.id);
		expect(status.translations).toEqual([
			expect.objectContaining({
				language: 'ar',
				original_changed: true,
				made_from_number: 1,
				original_number: 2
			})
		]);

		expect((await resources.languagesOf(ctxFor(db(), reader), orig.id)).map((l) => l.language)).toEqual([
			'en',
			'ar'
		]);
		expect(
			(
				await domainErrorOf(
					resources.createTranslation(ctxFor(db(), curator), orig.id, { ...fields(), language: 'ar-EG' })
				)
			).messageKey
		).toBe('resource_translation_exists');
		expect(
			(
				await domainErrorOf(
					resources.createTranslation(ctxFor(db(), curator), orig.id, { ...fields(), language: 'en-GB' })
				)
			).messageKey
		).toBe('resource_translation_same_language');
		// A translation cannot carry a licence the original's does not allow.
		const e = await domainErrorOf(
			resources.createTranslation(ctxFor(db(), curator), orig.id, {
				...fields(),
				language: 'fr',
				license: 'CC BY 4.0'
			})
		);
		expect(e).toMatchObject({
			messageKey: 'resource_licence_not_allowed',
			params: { reason: 'licence-not-allowed' }
		});
	});

	it('translation requests: request, claim, publish the translation closes it', async () => {
		const { curator, contributor, reader, lib } = await setup(db());
		const orig = await resources.createResource(ctxFor(db(), curator), base(lib.id, { publish: true }));
		const reqId = newId();
		const req = await resources.requestTranslation(ctxFor(db(), reader), orig.id, {
			id: reqId,
			language: 'fr'
		});
		expect(req).toMatchObject({
			status: 'open',
			language: 'fr',
			requested_by: { handle: 'reader' },
			resource_title: 'Mapping who is affected'
		});
		// Replay by the same person returns the same request.
		expect(
			(await resources.requestTranslation(ctxFor(db(), reader), orig.id, { id: reqId, language: 'fr' })).id
		).toBe(reqId);
		expect(
			(
				await domainErrorOf(
					resources.requestTranslation(ctxFor(db(), contributor), orig.id, { language: 'fr-CA' })
				)
			).messageKey
		).toBe('resource_request_exists');
		expect(
			(await domainErrorOf(resources.requestTranslation(ctxFor(db(), null), orig.id, { language: 'ar' })))
				.kind
		).toBe('unauthenticated');

		expect((await resources.listOpenRequests(ctxFor(db(), null), 'fr')).map((r) => r.id)).toEqual([reqId]);
		expect(await resources.listOpenRequests(ctxFor(db(), null), 'ar')).toEqual([]);

		const claimed = await resources.claimRequest(ctxFor(db(), contributor), reqId);
		expect(claimed).toMatchObject({ status: 'claimed', claimed_by: { handle: 'contributor' } });
		expect((await domainErrorOf(resources.claimRequest(ctxFor(db(), reader), reqId))).messageKey).toBe(
			'resource_request_not_open'
		);

		// The contributor's translation is a draft: the request stays claimed until a curator publishes it.
		const fr = await resources.createTranslation(ctxFor(db(), contributor), orig.id, {
			...fields({ title: 'Qui est concerné ?' }),
			language: 'fr'
		});
		expect((await resources.listOpenRequests(ctxFor(db(), null), 'fr')).map((r) => r.status)).toEqual([
			'claimed'
		]);
		// A draft translation is not listed for readers; members of its library see it.
		expect((await resources.translationStatus(ctxFor(db(), reader), orig.id)).translations).toEqual([]);
		expect((await resources.translationStatus(ctxFor(db(), curator), orig.id)).translations).toEqual([
			expect.objectContaining({ language: 'fr', published: false, original_changed: false })
		]);
		expect((await resources.languagesOf(ctxFor(db(), reader), orig.id)).map((l) => l.language)).toEqual([
			'en'
		]);
		await resources.publishVersion(ctxFor(db(), curator), fr.id);
		expect(await resources.listOpenRequests(ctxFor(db(), null), 'fr')).toEqual([]);
		const row = await db()
			.kysely.selectFrom('translation_requests')
			.selectAll()
			.where('id', '=', reqId)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ status: 'done', translation_id: fr.id });
		expect((await events(db(), orig.id)).map((e) => e.action)).toEqual(
			expect.arrayContaining(['translation_requested', 'translation_claimed', 'translation_request_closed'])
		);
		// Done: a new request for another language is fine, French now exists.
		expect(
			(await domainErrorOf(resources.requestTranslation(ctxFor(db(), reader), orig.id, { language: 'fr' })))
				.messageKey
		).toBe('resource_translation_exists');
	});

	it('ND resources cannot be translated, requested or adapted', async () => {
		const { curator, reader, lib } = await setup(db());
		const nd = await resources.createResource(
			ctxFor(db(), curator),
			base(lib.id, { license: 'CC BY-ND 4.0', publish: true })
		);
		for (const attempt of [
			() => resources.requestTranslation(ctxFor(db(), reader), nd.id, { language: 'fr' }),
			() => resources.createTranslation(ctxFor(db(), curator), nd.id, { ...fields(), language: 'fr' }),
			() =>
				resources.adaptResource(ctxFor(db(), curator), nd.version.id, {
					...fields(),
					library_id: lib.id,
					change_log: 'Shortened'
				})
		]) {
			expect(await domainErrorOf(attempt())).toMatchObject({
				kind: 'forbidden',
				messageKey: 'resource_no_derivatives',
				params: { reason: 'no-derivatives' }
			});
		}
	});

	it('adapting follows the licence rules and keeps the attribution', async () => {
		const { curator, contributor, lib } = await setup(db());
		const other = await libraries.createLibrary(ctxFor(db(), contributor), { name: 'Other', slug: 'other' });
		const source = (license: string) =>
			resources.createResource(
				ctxFor(db(), curator),
				base(lib.id, {
					license,
					publish: true,
					authors: ['Amina', 'Yusuf'],
					source_url: 'https://example.org/original'
				})
			);
		const adapt = (versionId: string, license?: string) =>
			resources.adaptResource(ctxFor(db(), contributor), versionId, {
				...fields({ title: 'Mapping, adapted for youth groups' }),
				...(license ? { license } : { license: undefined }),
				library_id: other.id,
				change_log: 'Shortened for youth groups; new example.'
			});

		const sa = await source('CC BY-SA 4.0');
		const fromSa = await adapt(sa.version.id);
		expect(fromSa.version.license).toBe('CC-BY-SA-4.0');
		expect(fromSa.derived_from_version).toBe(sa.version.id);
		expect(fromSa.library.slug).toBe('other');
		// The adapter is curator of their own library, so it may publish there; here it is a draft.
		expect(fromSa.version.state).toBe('draft');
		expect(await domainErrorOf(adapt(sa.version.id, 'CC BY 4.0'))).toMatchObject({
			messageKey: 'resource_licence_not_allowed',
			params: { reason: 'licence-not-allowed' }
		});

		const nc = await source('CC BY-NC 4.0');
		const fromNc = await adapt(nc.version.id, 'CC BY-NC-SA 4.0');
		expect(fromNc.version.license).toBe('CC-BY-NC-SA-4.0');
		expect((await domainErrorOf(adapt(nc.version.id, 'CC BY 4.0'))).messageKey).toBe(
			'resource_licence_not_allowed'
		);

		const by = await source('CC BY 4.0');
		const fromBy = await adapt(by.version.id, 'CC BY-SA 4.0');
		expect(fromBy.version.change_log).toBe('Shortened for youth groups; new example.');
		expect(resources.attributionFor(fromBy.version)).toEqual({
			title: 'Mapping, adapted for youth groups',
			authors: [],
			sourceUrl: null,
			licenceId: 'CC-BY-SA-4.0',
			licenceUrl: licence('CC-BY-SA-4.0').url,
			changes: 'Shortened for youth groups; new example.',
			basedOn: {
				resourceId: by.id,
				versionNumber: 1,
				title: 'Mapping who is affected',
				authors: ['Amina', 'Yusuf'],
				sourceUrl: 'https://example.org/original',
				licenceId: 'CC-BY-4.0',
				licenceUrl: licence('CC-BY-4.0').url
			}
		});
		// Later versions keep the provenance, and cannot drop to a licence the source forbids.
		const v2 = await resources.saveVersion(
			ctxFor(db(), contributor),
			fromSa.id,
			fields({ license: 'CC BY-SA 4.0' })
		);
		expect(v2.adapted_from?.resource_id).toBe(sa.id);
		expect(
			(
				await domainErrorOf(
					resources.saveVersion(ctxFor(db(), contributor), fromSa.id, fields({ license: 'CC0 1.0' }))
				)
			).messageKey
		).toBe('resource_licence_not_allowed');
	});

	it('all rights reserved only for links; membership and themes are checked', async () => {
		const { curator, reader, lib } = await setup(db());
		const e = await domainErrorOf(
			resources.createResource(ctxFor(db(), curator), base(lib.id, { license: 'All rights reserved' }))
		);
		expect(e.fields).toEqual([{ field: 'license', message: 'resource_licence_link_only' }]);
		const link = await resources.createResource(
			ctxFor(db(), curator),
			base(lib.id, {
				license: 'All rights reserved',
				body: '',
				source_url: 'https://example.org/video',
				type: 'video'
			})
		);
		expect(link.version.license).toBe('all-rights-reserved');
		expect(resources.attributionFor(link.version).licenceUrl).toBeNull();
		expect(
			(await domainErrorOf(resources.createResource(ctxFor(db(), reader), base(lib.id)))).messageKey
		).toBe('resource_not_member');
		expect(
			(
				await domainErrorOf(
					resources.createResource(ctxFor(db(), curator), base(lib.id, { themes: ['made-up'] }))
				)
			).fields[0]?.field
		).toBe('themes.0');
		expect(
			(await domainErrorOf(resources.createResource(ctxFor(db(), curator), base(lib.id, { license: 'GPL' }))))
				.fields[0]
		).toMatchObject({ field: 'license', message: 'resource_licence_invalid' });
		expect(
			(
				await domainErrorOf(
					resources.createResource(ctxFor(db(), curator), base(lib.id, { language: 'english please' }))
				)
			).fields[0]?.field
		).toBe('language');
	});

	it('replaying a create with the same client id writes once; another person gets a conflict', async () => {
		const { curator, contributor, lib } = await setup(db());
		const id = newId();
		const versionId = newId();
		const a = await resources.createResource(
			ctxFor(db(), curator),
			base(lib.id, { id, version_id: versionId })
		);
		const b = await resources.createResource(
			ctxFor(db(), curator),
			base(lib.id, { id, version_id: versionId })
		);
		expect(b.id).toBe(a.id);
		const count = await db()
			.kysely.selectFrom('resource_versions')
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(1);
		expect(
			(await domainErrorOf(resources.createResource(ctxFor(db(), contributor), base(lib.id, { id }))))
				.messageKey
		).toBe('resource_id_taken');

		const saveId = newId();
		const s1 = await resources.saveVersion(
			ctxFor(db(), curator),
			id,
			fields({ version_id: saveId, title: 'Two' })
		);
		const s2 = await resources.saveVersion(
			ctxFor(db(), curator),
			id,
			fields({ version_id: saveId, title: 'Two' })
		);
		expect(s2).toEqual(s1);
		expect((await resources.listVersions(ctxFor(db(), curator), id)).map((v) => v.number)).toEqual([2, 1]);
	});

	it('stores hostile text verbatim, and refuses what is too long or not text', async () => {
		const { curator, lib } = await setup(db());
		const lines = [...fixtureLines('xss.txt'), ...fixtureLines('names.txt')];
		let stored = 0;
		for (const line of lines) {
			const input = base(lib.id, { title: line, summary: line, body: line });
			const expected = line.normalize('NFC').trim();
			try {
				const r = await resources.createResource(ctxFor(db(), curator), input);
				expect(r.version.title).toBe(expected);
				expect(r.version.summary).toBe(expected);
				expect(r.version.body).toBe(expected);
				stored++;
			} catch (e) {
				// Never a crash: empty, oversized or control-character lines get field errors.
				const err = await domainErrorOf(Promise.reject(e));
				expect(err.kind).toBe('invalid');
				expect(err.fields.length).toBeGreaterThan(0);
			}
		}
		expect(stored).toBeGreaterThan(50);
		const big = await domainErrorOf(
			resources.createResource(
				ctxFor(db(), curator),
				base(lib.id, { title: 'x'.repeat(201), summary: 'y'.repeat(1001), tags: Array(31).fill('t') })
			)
		);
		expect(big.fields.map((f) => [f.field, f.message])).toEqual([
			['title', 'field_too_long'],
			['summary', 'field_too_long'],
			['tags', 'field_too_many']
		]);
		const wrong = await domainErrorOf(
			resources.createResource(ctxFor(db(), curator), {
				...base(lib.id),
				duration_minutes: 'ten',
				sdg: ['4.7', '99'],
				accessibility: ['captions', 'glitter'],
				extra: 1
			} as unknown as CreateResourceInput)
		);
		expect(wrong.fields.map((f) => f.field).sort()).toEqual([
			'accessibility.1',
			'duration_minutes',
			'extra',
			'sdg.1'
		]);
		// Ids from URLs that are not ids are simply not found.
		expect((await domainErrorOf(resources.getResource(ctxFor(db(), null), "1' or '1'='1"))).kind).toBe(
			'not_found'
		);
	});
});
