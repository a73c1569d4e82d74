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
import { sql, type RawBuilder } from 'kysely';
import { DURATION_BANDS, indexTokens, makeSnippet, type Snippet } from '../../domain/search';
import type { Ctx } from '../context';
import type { Db, Executor } from '../db';
import { analyzeQuery, analyze, normalize } from './analysis';
import { engineFor, type TextAlternative, type TextQuery } from './engine';

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

/** The SQL condition of one facet's filter on documents `d`, or null when it is not set. */
function condition(f: Filters, facet: Facet, libraryIds: string[]): RawBuilder<unknown> | null {
	const inList = (column: string, list: string[]) =>
		list.length === 0 ? null : sql`${sql.ref(column)} in (${sql.join(list)})`;
	switch (facet) {
		case 'language':
			return inList('d.language', f.language);
		case 'type':
			return inList('d.type', f.type);
		case 'license':
			return inList('d.license', f.license);
		case 'region':
			return inList('d.region', f.region);
		case 'duration':
			return inList('d.duration_band', f.duration);
		case 'library':
			// Unknown slugs match nothing rather than being ignored.
			return f.library.length === 0
				? null
				: libraryIds.length === 0
					? sql`1 = 0`
					: inList('d.library_id', libraryIds);
		case 'theme':
			return f.theme.length === 0
				? null
				: sql`d.doc_id in (select doc_id from search_document_themes where theme in (${sql.join(f.theme)}))`;
		case 'accessibility':
			return f.accessibility.length === 0
				? null
				: sql`d.doc_id in (select doc_id from search_document_features where feature in (${sql.join(f.accessibility)}))`;
		case 'may_adapt':
			return f.may_adapt === undefined ? null : sql`d.may_adapt = ${f.may_adapt ? 1 : 0}`;
		case 'may_commercial':
			return f.may_commercial === undefined ? null : sql`d.may_commercial = ${f.may_commercial ? 1 : 0}`;
	}
}

/** What a facet counts, on documents `d` (a join for the multi-valued ones). */
const FACET_VALUE: Record<Facet, { value: string; join?: RawBuilder<unknown> }> = {
	language: { value: 'd.language' },
	type: { value: 'd.type' },
	license: { value: 'd.license' },
	library: { value: 'd.library_id' },
	region: { value: 'd.region' },
	duration: { value: 'd.duration_band' },
	may_adapt: { value: 'd.may_adapt' },
	may_commercial: { value: 'd.may_commercial' },
	theme: { value: 'x.theme', join: sql`join search_document_themes x on x.doc_id = d.doc_id` },
	accessibility: { value: 'x.feature', join: sql`join search_document_features x on x.doc_id = d.doc_id` }
};

function where(conditions: (RawBuilder<unknown> | null)[]): RawBuilder<unknown> {
	const present = conditions.filter((c): c is RawBuilder<unknown> => c !== null);
	return present.length === 0 ? sql`` : sql`where ${sql.join(present, sql` and `)}`;
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
	const engine = engineFor(db.engine);
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

	const visible = libs.suspended.length === 0 ? null : sql`d.library_id not in (${sql.join(libs.suspended)})`;
	const cond = (facet: Facet) => condition(f, facet, libs.filterIds);
	const allFilters = [visible, ...FACETS.map(cond)];
	const withMatch = text ? sql`with m as materialized (${engine.match(text)}) ` : sql``;
	const source = text ? sql`search_documents d join m on m.doc_id = d.doc_id` : sql`search_documents d`;

	// One statement for the total and every facet, so the text match runs once for all of them.
	const branches = [
		sql`select '_total' as facet, '' as value, count(*) as n from ${source} ${where(allFilters)}`,
		...FACETS.map((facet) => {
			const { value, join } = FACET_VALUE[facet];
			const others = [
				visible,
				...FACETS.filter((o) => o !== facet).map(cond),
				sql`${sql.ref(value)} is not null`
			];
			return sql`select ${sql.lit(facet)} as facet, cast(${sql.ref(value)} as varchar(200)) as value, count(*) as n
				from ${source} ${join ?? sql``} ${where(others)} group by ${sql.ref(value)}`;
		})
	];
	const counts = await sql<{ facet: string; value: string; n: number | string }>`${withMatch}${sql.join(
		branches,
		sql` union all `
	)}`.execute(k);

	const facets = Object.fromEntries(FACETS.map((x) => [x, {}])) as Record<Facet, Record<string, number>>;
	let total = 0;
	for (const row of counts.rows) {
		const n = Number(row.n);
		if (row.facet === '_total') {
			total = n;
			continue;
		}
		const facet = row.facet as Facet;
		let key = row.value;
		if (facet === 'library') key = libs.byId.get(row.value)?.slug ?? row.value;
		if (facet === 'may_adapt' || facet === 'may_commercial') key = Number(row.value) === 1 ? 'true' : 'false';
		facets[facet][key] = n;
	}

	const preferred = lang
		? sql`case when d.language = ${lang} or d.language like ${lang.split('-')[0] + '-%'} or d.language = ${lang.split('-')[0]} then 1 else 0 end`
		: sql`0`;
	const order =
		sort === 'title'
			? sql`${engine.titleOrder}, d.resource_id`
			: sort === 'newest'
				? sql`d.updated_at desc, d.resource_id desc`
				: text
					? sql`m.score * (1 + ${preferred}) desc, d.updated_at desc, d.resource_id desc`
					: lang
						? sql`${preferred} desc, d.updated_at desc, d.resource_id desc`
						: sql`d.updated_at desc, d.resource_id desc`;
	const rows =
		total === 0
			? []
			: (
					await sql<HitRow>`${withMatch}select d.doc_id, d.resource_id, d.title, d.summary, d.excerpt, d.language,
						d.type, d.license, d.library_id, d.translation_group, d.updated_at
						from ${source} ${where(allFilters)} order by ${order}
						limit ${perPage} offset ${(page - 1) * perPage}`.execute(k)
				).rows;

	return { total, page, per_page: perPage, hits: await hitsOf(k, rows, libs, text, query.q, lang), facets };
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
	return (word, language) => {
		const { terms, prefixes } = forLanguage(language);
		return indexTokens(analyze(word, language)).some(
			(t) => terms.has(t) || prefixes.some((p) => t.startsWith(p))
		);
	};
}

export type { Db };
