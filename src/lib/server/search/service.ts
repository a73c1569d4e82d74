/**
 * Search over everything public: one query shape for both engines. Text matching is the
 * engine's (engine.ts); filters, facet counts, sorting and paging are plain SQL on
 * search_documents and its facet tables, so both engines return the same hits.
 *
 * Facets are disjunctive: each facet's counts apply every other facet's filters but not
 * its own, so choosing "Arabic" still shows how many French results there are. Filters
 * are AND across facets and OR within one.
 *
 * Privacy: only published versions are indexed (indexResource), and documents of
 * suspended libraries are left out at query time (suspension does not touch the index).
 */
import { DURATION_BANDS, indexTokens, makeSnippet, type Snippet } from '../../domain/search';
import type { Ctx } from '../context';
import type { Db, Executor } from '../db';
import { analyzeQuery, analyze, normalize } from './analysis';
import { engineFor, type TextAlternative, type TextQuery } from './engine';
import {
	facetIndex,
	memo,
	rememberedMatches,
	rememberMatches,
	type Column,
	type FacetIndex,
	type MultiColumn,
	type TextMatches
} from './facets';

export type Duration = (typeof DURATION_BANDS)[number];
export type SortOrder = 'relevance' | 'newest' | 'title';

export interface SearchQuery {
	q: string;
	/** The reader's language: ranked first, never a filter. */
	lang?: string;
	language?: string[];
	type?: string[];
	theme?: string[];
	license?: string[];
	/** Library slugs. */
	library?: string[];
	region?: string[];
	accessibility?: string[];
	duration?: Duration[];
	may_adapt?: boolean;
	may_commercial?: boolean;
	/** Default: relevance with a query, newest without. */
	sort?: SortOrder;
	page?: number;
	per_page?: number;
}

export interface SearchHit {
	id: string;
	title: string;
	summary: string;
	language: string;
	type: string;
	themes: string[];
	license: string;
	url: string;
	/** Plain text and the [start, end) ranges of matched words: render as text with <mark> parts (domain/search snippetParts). */
	snippet: Snippet;
	/** The other published languages of the same work ("also in"). */
	translations: { language: string; id: string }[];
	library: { slug: string; name: string };
	updated_at: string;
}

export const FACETS = [
	'language',
	'type',
	'theme',
	'license',
	'library',
	'region',
	'accessibility',
	'duration',
	'may_adapt',
	'may_commercial'
] as const;
export type Facet = (typeof FACETS)[number];

export interface SearchResult {
	total: number;
	page: number;
	per_page: number;
	hits: SearchHit[];
	/** Each facet's values with their counts (may_adapt / may_commercial: 'true' / 'false'). */
	facets: Record<Facet, Record<string, number>>;
}

export const PER_PAGE_DEFAULT = 20;
export const PER_PAGE_MAX = 50;
/** Deep pages cost an offset scan each; nobody reads past this. */
export const PAGE_MAX = 500;
const QUERY_MAX_CHARS = 500;
const TERMS_MAX = 16;
/** Shorter substrings would match half the titles. */
const SUBSTRING_MIN = 4;
/** Query languages: besides the reader's, each stemmer, and none (normalisation only). */
const QUERY_LANGUAGES = ['en', 'fr', 'ar', 'und'];

function clampInt(v: unknown, min: number, max: number, fallback: number): number {
	const n = typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : fallback;
	return Math.min(max, Math.max(min, n));
}

/** Strings only, deduplicated, bounded: filters come from URLs. */
function values(v: unknown): string[] {
	if (!Array.isArray(v)) return [];
	// PostgreSQL refuses NUL in text; such a value can match nothing anyway.
	const ok = (x: unknown): x is string =>
		typeof x === 'string' && x.length > 0 && x.length <= 200 && !x.includes('\u0000');
	return [...new Set(v.filter(ok))].slice(0, 50);
}

/**
 * The query analysed as each language would analyse it (documents are stemmed in their
 * own language, and a reader may search across languages): a document matches when any
 * reading matches.
 */
export function textQuery(q: string, lang: string | undefined): TextQuery | null {
	const text = q.slice(0, QUERY_MAX_CHARS).replaceAll('\u0000', ' ');
	if (text.trim() === '') return null;
	const alternatives: TextAlternative[] = [];
	const seen = new Set<string>();
	for (const language of new Set([...(lang ? [lang] : []), ...QUERY_LANGUAGES])) {
		const { terms, prefix } = analyzeQuery(text, language);
		const bounded = terms.slice(0, TERMS_MAX);
		const hasPrefix = prefix !== null && bounded.length === terms.length && terms.length > 0;
		const all = indexTokens(hasPrefix ? bounded.slice(0, -1) : bounded);
		const last = hasPrefix
			? { exact: indexTokens(bounded.slice(-1)), prefix: indexTokens([prefix]).at(-1) ?? null }
			: null;
		if (all.length === 0 && !last?.exact.length && !last?.prefix) continue;
		const key = JSON.stringify([all, last]);
		if (seen.has(key)) continue;
		seen.add(key);
		alternatives.push({ all, last });
	}
	const norm = normalize(text, lang ?? 'und')
		.replace(/\s+/g, ' ')
		.trim();
	const substring = [...norm].length >= SUBSTRING_MIN ? norm : null;
	if (alternatives.length === 0 && !substring) return { alternatives: [], substring: null };
	return { alternatives, substring };
}

interface Filters {
	language: string[];
	type: string[];
	theme: string[];
	license: string[];
	library: string[];
	region: string[];
	accessibility: string[];
	duration: string[];
	may_adapt: boolean | undefined;
	may_commercial: boolean | undefined;
}

function filtersOf(query: SearchQuery): Filters {
	const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
	return {
		language: values(query.language),
		type: values(query.type),
		theme: values(query.theme),
		license: values(query.license),
		library: values(query.library),
		region: values(query.region),
		accessibility: values(query.accessibility),
		duration: values(query.duration).filter((d) => (DURATION_BANDS as readonly string[]).includes(d)),
		may_adapt: bool(query.may_adapt),
		may_commercial: bool(query.may_commercial)
	};
}

interface LibraryRow {
	id: string;
	slug: string;
	name: string;
	suspended_at: string | null;
}

/** The libraries a search needs by id and slug; suspended ones are excluded from every search. */
async function libraryDirectory(k: Executor, f: Filters) {
	// Libraries are few next to resources; reading them whole is cheaper than a join per row.
	const rows: LibraryRow[] = await k
		.selectFrom('libraries')
		.select(['id', 'slug', 'name', 'suspended_at'])
		.execute();
	const byId = new Map(rows.map((r) => [r.id, r]));
	const wanted = new Set(f.library);
	return {
		byId,
		suspended: rows.filter((r) => r.suspended_at !== null).map((r) => r.id),
		filterIds: rows.filter((r) => wanted.has(r.slug) && r.suspended_at === null).map((r) => r.id)
	};
}

export async function search(ctx: Pick<Ctx, 'db'>, query: SearchQuery): Promise<SearchResult> {
	const db = ctx.db;
	const k = db.kysely;
	const perPage = clampInt(query.per_page, 1, PER_PAGE_MAX, PER_PAGE_DEFAULT);
	const page = clampInt(query.page, 1, PAGE_MAX, 1);
	const lang =
		typeof query.lang === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(query.lang)
			? query.lang
			: undefined;
	const text = typeof query.q === 'string' ? textQuery(query.q, lang) : null;
	const sort: SortOrder = (['relevance', 'newest', 'title'] as const).includes(query.sort as SortOrder)
		? (query.sort as SortOrder)
		: text
			? 'relevance'
			: 'newest';
	const f = filtersOf(query);
	const libs = await libraryDirectory(k, f);
	const index = await facetIndex(db);
	const plan = planOf(index, f, libs);

	let total: number;
	let counts: Uint32Array[];
	let pageIds: number[];
	const wanted = page * perPage;
	const preferred = lang ? preferredLanguages(index, lang) : null;
	if (text) {
		const { level, candidates } = await textMatches(db, index, text);
		const counted = count(index, plan, candidates);
		total = counted.total;
		counts = counted.counts;
		const rank = index.newestRank;
		const score = (doc: number) => {
			const base = level[doc]! - 1;
			return preferred && preferred[index.language.ids[doc]!] ? base * 2 : base;
		};
		pageIds =
			sort === 'relevance'
				? top(counted.passing, wanted, (a, b) => score(b) - score(a) || rank[a]! - rank[b]!)
				: top(counted.passing, wanted, (a, b) =>
						sort === 'title' ? index.titleRank[a]! - index.titleRank[b]! : rank[a]! - rank[b]!
					);
	} else {
		// Browsing: the counts depend only on the filters, so they are remembered until the next change.
		const counted = memo(index, `browse:${plan.key}`, () => {
			const c = count(index, plan, index.byNewest);
			return { total: c.total, counts: c.counts };
		});
		total = counted.total;
		counts = counted.counts;
		const order = sort === 'title' ? index.byTitle : index.byNewest;
		pageIds =
			sort === 'relevance' && preferred
				? walk(order, wanted, (doc) => plan.passes(doc) && preferred[index.language.ids[doc]!] === 1)
				: [];
		if (pageIds.length < wanted) {
			const more = walk(
				order,
				wanted - pageIds.length,
				sort === 'relevance' && preferred
					? (doc) => plan.passes(doc) && preferred[index.language.ids[doc]!] !== 1
					: plan.passes
			);
			pageIds = pageIds.concat(more);
		}
	}
	pageIds = pageIds.slice((page - 1) * perPage, page * perPage);

	const facets = Object.fromEntries(FACETS.map((x) => [x, {}])) as Record<Facet, Record<string, number>>;
	FACETS.forEach((facet, i) => {
		const values = facetColumn(index, facet).values;
		const c = counts[i]!;
		for (let id = 1; id < c.length; id++) {
			if (c[id] === 0) continue;
			const value = values[id]!;
			facets[facet][facet === 'library' ? (libs.byId.get(value)?.slug ?? value) : value] = c[id]!;
		}
	});

	let rows: HitRow[] = [];
	if (pageIds.length > 0) {
		const found = await k
			.selectFrom('search_documents')
			.select([
				'doc_id',
				'resource_id',
				'title',
				'summary',
				'excerpt',
				'language',
				'type',
				'license',
				'library_id',
				'translation_group',
				'updated_at'
			])
			.where('doc_id', 'in', pageIds)
			.execute();
		const byDoc = new Map(found.map((r) => [r.doc_id, r]));
		rows = pageIds.map((id) => byDoc.get(id)).filter((r): r is HitRow => r !== undefined);
	}
	return { total, page, per_page: perPage, hits: await hitsOf(k, rows, libs, text, query.q, lang), facets };
}

/**
 * The documents a text matches, each with its relevance level: all the words in the title (3),
 * anywhere (2), only the title substring (1). Remembered per generation of the index (so never
 * older than the last committed change), within a byte budget: a common word matches tens of
 * thousands of documents, and the engine takes longer to list them than everything else a
 * search does; readers type the same common words again and again.
 */
async function textMatches(db: Db, index: FacetIndex, text: TextQuery): Promise<TextMatches> {
	const key = JSON.stringify(text);
	const known = rememberedMatches(index, key);
	if (known) return known;
	const m = await engineFor(db.engine).match(db.kysely, text);
	const level = new Uint8Array(index.size);
	const found: number[] = [];
	const mark = (list: number[], l: number) => {
		for (const doc of list) {
			if (doc >= index.size || !index.present[doc]) continue;
			if (level[doc] === 0) found.push(doc);
			if (level[doc]! < l) level[doc] = l;
		}
	};
	mark(m.substring, 1);
	mark(m.all, 2);
	mark(m.title, 3);
	const matches = { level, candidates: Uint32Array.from(found) };
	rememberMatches(index, key, matches);
	return matches;
}

function facetColumn(index: FacetIndex, facet: Facet): Column | MultiColumn {
	return index[facet];
}

/** Language value ids that are the reader's language (the same, its base, or a regional variant of it). */
function preferredLanguages(index: FacetIndex, lang: string): Uint8Array {
	const base = lang.split('-')[0]!;
	const out = new Uint8Array(index.language.values.length);
	index.language.values.forEach((v, id) => {
		if (id > 0 && (v === lang || v === base || v.startsWith(base + '-'))) out[id] = 1;
	});
	return out;
}

/** Which value ids each set filter allows, and which libraries are hidden. */
interface Plan {
	/** Per facet (FACETS order): allowed value ids, or null when the facet is not filtered. */
	allowed: (Uint8Array | null)[];
	hidden: Uint8Array;
	passes: (doc: number) => boolean;
	/** The filters as a string, for remembering browse counts. */
	key: string;
}

function planOf(index: FacetIndex, f: Filters, libs: { suspended: string[]; filterIds: string[] }): Plan {
	const allow = (c: Column | MultiColumn, chosen: string[]) => {
		const a = new Uint8Array(c.values.length);
		for (const v of chosen) {
			const id = c.byValue.get(v);
			if (id !== undefined) a[id] = 1;
		}
		return a;
	};
	const bool = (c: Column, v: boolean | undefined) => (v === undefined ? null : allow(c, [String(v)]));
	const chosen: Record<Facet, string[] | null> = {
		language: f.language,
		type: f.type,
		theme: f.theme,
		license: f.license,
		// Unknown or suspended slugs match nothing rather than being ignored.
		library: f.library.length === 0 ? [] : libs.filterIds,
		region: f.region,
		accessibility: f.accessibility,
		duration: f.duration,
		may_adapt: null,
		may_commercial: null
	};
	const allowed = FACETS.map((facet) => {
		if (facet === 'may_adapt') return bool(index.may_adapt, f.may_adapt);
		if (facet === 'may_commercial') return bool(index.may_commercial, f.may_commercial);
		const list = chosen[facet]!;
		if (facet === 'library' ? f.library.length === 0 : list.length === 0) return null;
		return allow(facetColumn(index, facet), list);
	});
	const hidden = allow(index.library, libs.suspended);
	const columns = FACETS.map((facet) => facetColumn(index, facet));
	const active = FACETS.map((_, i) => i).filter((i) => allowed[i] !== null);
	const passes = (doc: number) => {
		if (hidden[index.library.ids[doc]!]) return false;
		for (const i of active) if (!has(columns[i]!, allowed[i]!, doc)) return false;
		return true;
	};
	return { allowed, hidden, passes, key: JSON.stringify([f, libs.suspended, libs.filterIds]) };
}

/** Whether the document has one of the allowed values of the column. */
function has(c: Column | MultiColumn, allowed: Uint8Array, doc: number): boolean {
	if ('start' in c) {
		for (let j = c.start[doc]!, end = c.start[doc + 1]!; j < end; j++) if (allowed[c.ids[j]!]) return true;
		return false;
	}
	return allowed[c.ids[doc]!] === 1;
}

/**
 * Total, disjunctive counts and the documents that pass every filter. A facet's counts apply
 * every other facet's filters but not its own: a document failing exactly one filter is
 * counted in that facet only, one failing none everywhere.
 *
 * The loop runs over every text match (tens of thousands for a common word), so single- and
 * multi-valued columns are kept apart in flat arrays of one type each and every access is
 * monomorphic: the generic `has` and a closure per facet deoptimised it (3 ms → under 1 ms
 * over 33k matches of 100k documents).
 */
function count(
	index: FacetIndex,
	plan: Plan,
	docs: Uint32Array
): { total: number; counts: Uint32Array[]; passing: number[] } {
	const counts = FACETS.map((facet) => new Uint32Array(facetColumn(index, facet).values.length));
	const single: number[] = [];
	const multi: number[] = [];
	FACETS.forEach((facet, i) => ('start' in facetColumn(index, facet) ? multi : single).push(i));
	const sIds = single.map((i) => facetColumn(index, FACETS[i]!).ids);
	const sN = single.map((i) => counts[i]!);
	const sAllowed = single.map((i) => plan.allowed[i] ?? null);
	const mCols = multi.map((i) => facetColumn(index, FACETS[i]!) as MultiColumn);
	const mStart = mCols.map((c) => c.start);
	const mIds = mCols.map((c) => c.ids);
	const mN = multi.map((i) => counts[i]!);
	const mAllowed = multi.map((i) => plan.allowed[i] ?? null);
	// The filtered columns, as positions in the lists above.
	const sActive = sAllowed.flatMap((a, j) => (a ? [j] : []));
	const mActive = mAllowed.flatMap((a, j) => (a ? [j] : []));
	const libraryIds = index.library.ids;
	const hidden = plan.hidden;
	const passing: number[] = [];
	for (let x = 0; x < docs.length; x++) {
		const doc = docs[x]!;
		if (hidden[libraryIds[doc]!] === 1) continue;
		// The one filter this document fails (-1: none; -2: more than one), as single j or multi (-3 - j).
		let failed = -1;
		for (let a = 0; a < sActive.length && failed !== -2; a++) {
			const j = sActive[a]!;
			if (sAllowed[j]![sIds[j]![doc]!] !== 1) failed = failed === -1 ? j : -2;
		}
		for (let a = 0; a < mActive.length && failed !== -2; a++) {
			const j = mActive[a]!;
			const allowed = mAllowed[j]!;
			const ids = mIds[j]!;
			let ok = false;
			for (let p = mStart[j]![doc]!, end = mStart[j]![doc + 1]!; p < end && !ok; p++)
				ok = allowed[ids[p]!] === 1;
			if (!ok) failed = failed === -1 ? -3 - j : -2;
		}
		if (failed === -2) continue;
		if (failed === -1) {
			passing.push(doc);
			for (let j = 0; j < sIds.length; j++) sN[j]![sIds[j]![doc]!]!++;
			for (let j = 0; j < mIds.length; j++) countValues(mStart[j]!, mIds[j]!, mN[j]!, doc);
		} else if (failed >= 0) sN[failed]![sIds[failed]![doc]!]!++;
		else countValues(mStart[-3 - failed]!, mIds[-3 - failed]!, mN[-3 - failed]!, doc);
	}
	// Value id 0 is "none": counted like the others, never reported.
	for (const n of counts) n[0] = 0;
	return { total: passing.length, counts, passing };
}

/** Counts each value a document has in a multi-valued column (typed arguments: stays monomorphic). */
function countValues(start: Uint32Array, ids: Uint16Array, n: Uint32Array, doc: number): void {
	for (let p = start[doc]!, end = start[doc + 1]!; p < end; p++) n[ids[p]!]!++;
}

/** The first `n` of `docs` in `compare` order, without sorting all of them when n is small. */
function top(docs: number[], n: number, compare: (a: number, b: number) => number): number[] {
	if (n <= 0) return [];
	if (docs.length <= n * 4) return [...docs].sort(compare).slice(0, n);
	const best: number[] = [];
	for (const doc of docs) {
		if (best.length === n && compare(doc, best[n - 1]!) >= 0) continue;
		let lo = 0;
		let hi = best.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (compare(best[mid]!, doc) <= 0) lo = mid + 1;
			else hi = mid;
		}
		best.splice(lo, 0, doc);
		if (best.length > n) best.pop();
	}
	return best;
}

/** The first `n` documents of a ranked order that pass. */
function walk(order: Uint32Array, n: number, passes: (doc: number) => boolean): number[] {
	const out: number[] = [];
	for (let i = 0; i < order.length && out.length < n; i++) if (passes(order[i]!)) out.push(order[i]!);
	return out;
}

interface HitRow {
	doc_id: number;
	resource_id: string;
	title: string;
	summary: string;
	excerpt: string;
	language: string;
	type: string;
	license: string;
	library_id: string;
	translation_group: string;
	updated_at: string;
}

async function hitsOf(
	k: Executor,
	rows: HitRow[],
	libs: { byId: Map<string, LibraryRow>; suspended: string[] },
	text: TextQuery | null,
	q: string,
	lang: string | undefined
): Promise<SearchHit[]> {
	if (rows.length === 0) return [];
	const docIds = rows.map((r) => r.doc_id);
	const themeRows = await k
		.selectFrom('search_document_themes')
		.select(['doc_id', 'theme'])
		.where('doc_id', 'in', docIds)
		.orderBy('theme')
		.execute();
	const groups = [...new Set(rows.map((r) => r.translation_group))];
	let siblingsQuery = k
		.selectFrom('search_documents')
		.select(['resource_id', 'language', 'translation_group'])
		.where('translation_group', 'in', groups)
		.orderBy('language');
	if (libs.suspended.length > 0) siblingsQuery = siblingsQuery.where('library_id', 'not in', libs.suspended);
	const siblings = await siblingsQuery.execute();
	const matcher = text ? wordMatcher(q, lang) : null;
	return rows.map((r) => {
		const lib = libs.byId.get(r.library_id);
		const isMatch = matcher ? (word: string) => matcher(word, r.language) : () => false;
		const inSummary = makeSnippet(r.summary, isMatch);
		const snippet =
			inSummary.marks.length === 0 && r.excerpt && matcher
				? ((s) => (s.marks.length > 0 ? s : inSummary))(makeSnippet(r.excerpt, isMatch))
				: inSummary;
		return {
			id: r.resource_id,
			title: r.title,
			summary: r.summary,
			language: r.language,
			type: r.type,
			themes: themeRows.filter((t) => t.doc_id === r.doc_id).map((t) => t.theme),
			license: r.license,
			url: `/resources/${r.resource_id}`,
			snippet,
			translations: siblings
				.filter((s) => s.translation_group === r.translation_group && s.resource_id !== r.resource_id)
				.map((s) => ({ language: s.language, id: s.resource_id })),
			library: { slug: lib?.slug ?? '', name: lib?.name ?? '' },
			updated_at: r.updated_at
		};
	});
}

/**
 * Whether a word of a hit's text matches the query: the word analysed in the hit's
 * language against the query analysed in that language (and the prefix of its last word).
 */
function wordMatcher(q: string, lang: string | undefined): (word: string, language: string) => boolean {
	const byLanguage = new Map<string, { terms: Set<string>; prefixes: string[] }>();
	const forLanguage = (language: string) => {
		let entry = byLanguage.get(language);
		if (!entry) {
			const terms = new Set<string>();
			const prefixes: string[] = [];
			for (const l of new Set([language, ...(lang ? [lang] : []), ...QUERY_LANGUAGES])) {
				const a = analyzeQuery(q.slice(0, QUERY_MAX_CHARS), l);
				for (const t of indexTokens(a.terms)) terms.add(t);
				if (a.prefix) prefixes.push(...indexTokens([a.prefix]));
			}
			entry = { terms, prefixes };
			byLanguage.set(language, entry);
		}
		return entry;
	};
	// Twenty snippets repeat their words (and, or, the…): each is decided once per search.
	const decided = new Map<string, Map<string, boolean>>();
	return (word, language) => {
		let known = decided.get(language);
		if (!known) decided.set(language, (known = new Map()));
		let yes = known.get(word);
		if (yes === undefined) {
			const { terms, prefixes } = forLanguage(language);
			yes = wordTokens(word, language).some((t) => terms.has(t) || prefixes.some((p) => t.startsWith(p)));
			known.set(word, yes);
		}
		return yes;
	};
}

/**
 * A word's index tokens, remembered: snippets analyse every word of twenty summaries and
 * excerpts per search, the same words again and again (measured: two thirds of a search's
 * time went to stemming them). Bounded; emptied when full.
 */
const wordCache = new Map<string, string[]>();
const WORD_CACHE_MAX = 50_000;

function wordTokens(word: string, language: string): string[] {
	const key = language + '\u0000' + word;
	let tokens = wordCache.get(key);
	if (!tokens) {
		if (wordCache.size >= WORD_CACHE_MAX) wordCache.clear();
		tokens = indexTokens(analyze(word, language));
		wordCache.set(key, tokens);
	}
	return tokens;
}

export type { Db };
