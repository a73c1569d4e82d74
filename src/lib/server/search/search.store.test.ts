// The search conformance suite: one body, both engines, exact expected ids, so SQLite FTS5
// and PostgreSQL return the same hits. The corpus is written through the resources service,
// so the index upkeep inside its transactions is what is being tested.
import fs from 'node:fs';
import { expect, it } from 'vitest';
import type { Actor, Ctx } from '../context';
import type { Db } from '../db';
import { describeEachDialect } from '../db/testing';
import * as libraries from '../libraries/service';
import type { CreateResourceInput } from '../resources/schemas';
import * as resources from '../resources/service';
import { buildAccount } from '../testing/factories';
import { checkIndex, reindexAll, search, type SearchQuery } from './index';

let tick = 0;
function ctxFor(db: Db, actor: Actor | null): Ctx {
	return { db, actor, addressHash: 'test', now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)) };
}

async function corpus(db: Db) {
	const curator = await buildAccount(db, 'curator');
	const admin = await buildAccount(db, 'admin', { isAdmin: true });
	const as = ctxFor(db, curator);
	const one = await libraries.createLibrary(as, { name: 'One', slug: 'one' });
	const two = await libraries.createLibrary(as, { name: 'Two', slug: 'two' });
	const make = (libraryId: string, over: Partial<CreateResourceInput>) =>
		resources.createResource(ctxFor(db, curator), {
			library_id: libraryId,
			language: 'en',
			title: 'Untitled',
			type: 'activity',
			license: 'CC BY 4.0',
			publish: true,
			...over
		});
	const en1 = await make(one.id, {
		title: 'Organizing a community meeting',
		summary: 'A step by step activity for mobilizers.',
		body: 'Invite your neighbours and listen first. See [the guide](https://example.org/x).',
		themes: ['group-process'],
		duration_minutes: 20,
		region: 'Beirut',
		accessibility: ['captions']
	});
	const translate = (language: string, title: string, summary: string, body: string) =>
		resources.createTranslation(ctxFor(db, curator), en1.id, {
			language,
			title,
			summary,
			body,
			type: 'activity',
			themes: ['group-process'],
			duration_minutes: 20,
			publish: true
		});
	const fr1 = await translate(
		'fr',
		'Organiser une réunion de la communauté',
		'Une activité pour les communautés locales.',
		'Invitez vos voisins.'
	);
	const ar1 = await translate('ar', 'تنظيم اجتماع المجتمع', 'نشاط خطوة بخطوة.', 'الْكِتَابُ مفيد للتعبئة.');
	const ar2 = await make(two.id, {
		language: 'ar',
		title: 'كتاب القيادة',
		summary: 'دليل عن تاريخ إسلام المجتمعات',
		body: 'القيادة في المجتمع',
		type: 'handout',
		themes: ['leadership'],
		license: 'CC BY-NC-ND 4.0',
		duration_minutes: 120
	});
	const en2 = await make(two.id, {
		title: 'Leadership handout',
		summary: 'Shared leadership in community groups.',
		body: 'Learn to organize groups.',
		type: 'handout',
		themes: ['leadership', 'group-process'],
		license: 'CC BY-NC-SA 4.0',
		duration_minutes: 300,
		accessibility: ['captions', 'transcript']
	});
	const draft = await make(one.id, { title: 'Community draft', summary: 'community', publish: false });
	const withdrawn = await make(one.id, { title: 'Community withdrawn', summary: 'community' });
	await resources.unpublish(ctxFor(db, curator), withdrawn.id);
	return {
		curator,
		admin,
		ids: { en1: en1.id, fr1: fr1.id, ar1: ar1.id, ar2: ar2.id, en2: en2.id, draft: draft.id }
	};
}

type Ids = Awaited<ReturnType<typeof corpus>>['ids'];

describeEachDialect('search', ({ db }) => {
	const find = async (query: Partial<SearchQuery>) => search({ db: db() }, { q: '', ...query });
	/** The names of the hits, in order. */
	const names = (ids: Ids, hits: { id: string }[]) => {
		const byId = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
		return hits.map((h) => byId.get(h.id) ?? h.id);
	};
	const sorted = (xs: string[]) => [...xs].sort();

	it('finds by analysed terms across languages, never drafts or unpublished ones', async () => {
		const { ids } = await corpus(db());
		const q = async (text: string, extra: Partial<SearchQuery> = {}) =>
			sorted(names(ids, (await find({ q: text, ...extra })).hits));
		expect(await q('community ')).toEqual(['en1', 'en2']);
		expect(await q('communautés ')).toEqual(['fr1']);
		expect(await q('organizing ')).toEqual(['en1', 'en2']);
		expect(await q('organize ')).toEqual(['en1', 'en2']);
		// Arabic: the article, vowel marks both ways, hamza.
		expect(await q('كتاب ')).toEqual(['ar1', 'ar2']);
		expect(await q('الكتاب ')).toEqual(['ar1', 'ar2']);
		expect(await q('الْكِتَابُ ')).toEqual(['ar1', 'ar2']);
		expect(await q('اسلام ')).toEqual(['ar2']);
		// Every term must match.
		expect(await q('leadership community ')).toEqual(['en2']);
		expect(await q('leadership nothingmatches ')).toEqual([]);
	});

	it('matches the last word typed as a prefix, and title substrings', async () => {
		const { ids } = await corpus(db());
		const q = async (text: string) => names(ids, (await find({ q: text })).hits);
		expect(await q('leaders')).toContain('en2');
		expect(await q('organiz')).toEqual(expect.arrayContaining(['en1', 'en2']));
		expect(await q('القياد')).toContain('ar2');
		expect(await q('unity meet ')).toEqual(['en1']);
	});

	it('filters (AND across facets, OR within one) with disjunctive facet counts', async () => {
		const { ids } = await corpus(db());
		const r = await find({ language: ['ar'] });
		expect(sorted(names(ids, r.hits))).toEqual(['ar1', 'ar2']);
		expect(r.total).toBe(2);
		expect(r.facets.language).toEqual({ en: 2, fr: 1, ar: 2 });
		expect(r.facets.type).toEqual({ activity: 1, handout: 1 });
		expect(r.facets.library).toEqual({ one: 1, two: 1 });
		expect(r.facets.may_adapt).toEqual({ true: 1, false: 1 });

		const f = async (query: Partial<SearchQuery>) => sorted(names(ids, (await find(query)).hits));
		expect(await f({ theme: ['leadership'] })).toEqual(['ar2', 'en2']);
		expect(await f({ theme: ['leadership', 'group-process'] })).toEqual(['ar1', 'ar2', 'en1', 'en2', 'fr1']);
		expect(await f({ theme: ['leadership'], language: ['en'] })).toEqual(['en2']);
		expect(await f({ may_adapt: true })).toEqual(['ar1', 'en1', 'en2', 'fr1']);
		expect(await f({ may_commercial: false })).toEqual(['ar2', 'en2']);
		expect(await f({ duration: ['short'] })).toEqual(['ar1', 'en1', 'fr1']);
		expect(await f({ duration: ['long', 'extended'] })).toEqual(['ar2', 'en2']);
		expect(await f({ accessibility: ['captions'] })).toEqual(['en1', 'en2']);
		expect(await f({ library: ['two'] })).toEqual(['ar2', 'en2']);
		expect(await f({ library: ['nope'] })).toEqual([]);
		expect(await f({ region: ['Beirut'] })).toEqual(['en1']);
		expect(await f({ license: ['CC-BY-NC-ND-4.0'] })).toEqual(['ar2']);
		expect(await f({ q: 'community ', type: ['handout'] })).toEqual(['en2']);

		const all = await find({});
		expect(all.facets.theme).toEqual({ 'group-process': 4, leadership: 2 });
		expect(all.facets.duration).toEqual({ short: 3, long: 1, extended: 1 });
		expect(all.facets.accessibility).toEqual({ captions: 2, transcript: 1 });
		expect(all.facets.region).toEqual({ Beirut: 1 });
		expect(all.facets.license).toEqual({ 'CC-BY-4.0': 3, 'CC-BY-NC-ND-4.0': 1, 'CC-BY-NC-SA-4.0': 1 });
		expect(all.facets.may_commercial).toEqual({ true: 3, false: 2 });
		// A facet's own filter does not narrow its counts; the others' do.
		const themed = await find({ theme: ['leadership'] });
		expect(themed.facets.theme).toEqual({ 'group-process': 4, leadership: 2 });
		expect(themed.facets.language).toEqual({ en: 1, ar: 1 });
	});

	it('sorts by newest, title and relevance with the reader’s language first, and pages', async () => {
		const { ids } = await corpus(db());
		expect(names(ids, (await find({})).hits)).toEqual(['en2', 'ar2', 'ar1', 'fr1', 'en1']);
		expect(names(ids, (await find({ sort: 'title' })).hits)).toEqual(['en2', 'fr1', 'en1', 'ar1', 'ar2']);
		expect(names(ids, (await find({ sort: 'relevance', lang: 'ar' })).hits)).toEqual([
			'ar2',
			'ar1',
			'en2',
			'fr1',
			'en1'
		]);
		const p2 = await find({ per_page: 2, page: 2 });
		expect(names(ids, p2.hits)).toEqual(['ar1', 'fr1']);
		expect([p2.total, p2.page, p2.per_page]).toEqual([5, 2, 2]);
		const clamped = await find({ per_page: 5000, page: -3 });
		expect([clamped.page, clamped.per_page]).toEqual([1, 50]);
		// A title match outranks a summary match.
		expect(names(ids, (await find({ q: 'leadership ' })).hits)).toEqual(['en2']);
		expect(names(ids, (await find({ q: 'community ' })).hits)[0]).toBe('en1');
	});

	it('returns snippets as text with ranges, translations and the library', async () => {
		const { ids } = await corpus(db());
		const r = await find({ q: 'shared leadership ' });
		const hit = r.hits[0]!;
		expect(hit.snippet).toEqual({
			text: 'Shared leadership in community groups.',
			marks: [
				[0, 6],
				[7, 17]
			]
		});
		expect(hit).toMatchObject({
			id: ids.en2,
			url: `/resources/${ids.en2}`,
			library: { slug: 'two', name: 'Two' },
			themes: ['group-process', 'leadership'],
			license: 'CC-BY-NC-SA-4.0',
			translations: []
		});
		const en1 = (await find({ q: 'neighbours ' })).hits[0]!;
		expect(en1.id).toBe(ids.en1);
		expect(en1.translations).toEqual([
			{ language: 'ar', id: ids.ar1 },
			{ language: 'fr', id: ids.fr1 }
		]);
		// Matched in the body: the snippet comes from it, without the link's address.
		expect(en1.snippet.text).toContain('Invite your neighbours');
		expect(en1.snippet.text).not.toContain('example.org');
		const ar = (await find({ q: 'المجتمعات ' })).hits.find((h) => h.id === ids.ar2)!;
		expect(ar.snippet.marks.length).toBeGreaterThan(0);
	});

	it('keeps the index in step: edits, unpublish, suspension, check and reindex', async () => {
		const { ids, curator, admin } = await corpus(db());
		const as = ctxFor(db(), curator);
		await resources.saveVersion(as, ids.en2, {
			title: 'Facilitation handout',
			type: 'handout',
			license: 'CC BY-NC-SA 4.0',
			publish: true
		});
		expect((await find({ q: 'leadership ' })).hits).toEqual([]);
		expect(names(ids, (await find({ q: 'facilitation ' })).hits)).toEqual(['en2']);
		// A draft edit leaves the published text searchable.
		await resources.saveVersion(as, ids.en2, {
			title: 'Draft words',
			type: 'handout',
			license: 'CC BY-NC-SA 4.0'
		});
		expect(names(ids, (await find({ q: 'facilitation ' })).hits)).toEqual(['en2']);
		await resources.publishVersion(as, ids.draft);
		expect(names(ids, (await find({ q: 'draft ' })).hits)).toEqual(['draft']);
		await resources.unpublish(as, ids.en2);
		expect((await find({ q: 'facilitation ' })).hits).toEqual([]);
		// en1's "also in" loses nothing; its French translation withdrawn disappears from it.
		await resources.unpublish(as, ids.fr1);
		expect((await find({ q: 'neighbours ' })).hits[0]!.translations).toEqual([
			{ language: 'ar', id: ids.ar1 }
		]);
		expect(await checkIndex(db())).toEqual({ missing: [], stale: [], orphaned: [] });

		await libraries.suspendLibrary(ctxFor(db(), admin), 'two', 'Spam');
		const r = await find({});
		expect(sorted(names(ids, r.hits))).toEqual(['ar1', 'draft', 'en1']);
		expect(r.facets.library).toEqual({ one: 3 });
		expect(await find({ library: ['two'] })).toMatchObject({ total: 0 });
		await libraries.liftSuspension(ctxFor(db(), admin), 'two');
		expect((await find({})).total).toBe(4);

		// Drift, made by hand, is found and repaired.
		const k = db().kysely;
		await k.deleteFrom('search_documents').where('resource_id', '=', ids.ar1).execute();
		await k.updateTable('search_documents').set({ terms: 'x' }).where('resource_id', '=', ids.ar2).execute();
		const gone = await k
			.selectFrom('search_documents')
			.select('doc_id')
			.where('resource_id', '=', ids.en1)
			.executeTakeFirstOrThrow();
		await k.deleteFrom('search_document_themes').where('doc_id', '=', gone.doc_id).execute();
		const drift = await checkIndex(db());
		expect({ ...drift, stale: sorted(drift.stale) }).toEqual({
			missing: [ids.ar1],
			stale: sorted([ids.ar2, ids.en1]),
			orphaned: []
		});
		const seen: number[] = [];
		expect(await reindexAll(db(), (p) => seen.push(p.indexed))).toEqual({ indexed: 4, removed: 0 });
		expect(seen).toEqual([4]);
		expect(await checkIndex(db())).toEqual({ missing: [], stale: [], orphaned: [] });
		expect(sorted(names(ids, (await find({ q: 'كتاب ' })).hits))).toEqual(['ar1', 'ar2']);
		// Up to date, a rebuild rewrites nothing: the generation every write bumps stays where it was.
		const generation = async () =>
			Number((await k.selectFrom('search_state').select('generation').executeTakeFirstOrThrow()).generation);
		const before = await generation();
		expect(await reindexAll(db())).toEqual({ indexed: 4, removed: 0 });
		expect(await generation()).toBe(before);
	});

	it('answers hostile and syntax-laden queries without failing', async () => {
		const { ids } = await corpus(db());
		const fixtures = ['xss.txt', 'names.txt'].flatMap((f) =>
			fs
				.readFileSync(new URL(`../../../../../shared/fixtures/hostile-input/${f}`, import.meta.url), 'utf8')
				.split('\n')
		);
		const syntax = [
			'"',
			'""',
			"'",
			'\\',
			'*',
			'a*',
			'community OR leadership',
			'NOT community',
			'community AND',
			'title:community',
			'NEAR(community leadership)',
			'(community',
			')',
			'^community',
			'a & b | !c',
			"'community':*",
			':*',
			'community -leadership',
			'{terms}: x',
			'%_%',
			'\u0000community\u202e',
			'x'.repeat(5000),
			'community '.repeat(200),
			'🙂🙂🙂🙂'
		];
		for (const q of [...fixtures, ...syntax]) {
			const r = await find({ q, sort: 'relevance', theme: [q], language: [q], library: [q] }).catch((e) => {
				throw new Error(`${JSON.stringify(q)}: ${e}`);
			});
			expect(r.total).toBeGreaterThanOrEqual(0);
			const plain = await find({ q });
			expect(plain.hits.length).toBeLessThanOrEqual(20);
		}
		expect(names(ids, (await find({ q: '"leadership" (handout*' })).hits)).toEqual(['en2']);
	});
});
