/**
 * The two text engines behind one interface. Everything else (facets, filters, ranking,
 * sorting, pagination) is the service's, over the in-memory facet columns (facets.ts), so
 * both engines return the same hits in the same order; an engine only answers "which
 * documents match this text, and which match it in their title alone".
 */
import { sql } from 'kysely';
import type { Engine, Executor } from '../db';

/** One reading of the query, as tokens the engines index (domain/search indexTokens). */
export interface TextAlternative {
	/** Every one must match (AND). */
	all: string[];
	/** The last word typed: matches as itself or as a prefix of an indexed token. */
	last: { exact: string[]; prefix: string | null } | null;
}

/** A document matches when any alternative (the query analysed per language) matches, or the substring. */
export interface TextQuery {
	alternatives: TextAlternative[];
	/** The normalised query when long enough to look for inside titles, else null. */
	substring: string | null;
}

/** Document ids (doc_id), each list without duplicates, in no particular order. */
export interface TextMatch {
	/** Every term matched somewhere in the title or the text. */
	all: number[];
	/** Every term matched in the title (a subset of `all`). */
	title: number[];
	/** The title contains the substring (may overlap `all`). */
	substring: number[];
}

export interface SearchEngine {
	match(k: Executor, q: TextQuery): Promise<TextMatch>;
}

/**
 * The alternatives with what another one already covers taken out: the query read in four
 * languages often yields the same one-word reading, or a prefix (`commun*`) that covers
 * another's exact word (`community`) or longer prefix. Fewer, broader terms are cheaper for
 * both engines and match the same documents.
 */
export function simplify(alternatives: TextAlternative[]): TextAlternative[] {
	const single = alternatives.filter((a) => a.all.length === 0 && a.last);
	const prefixes = [...new Set(single.map((a) => a.last!.prefix).filter((p): p is string => !!p))];
	const covered = (t: string, self: string | null) =>
		prefixes.some((p) => p !== self && t.startsWith(p) && (t !== p || self === null));
	const out: TextAlternative[] = [];
	const seen = new Set<string>();
	for (const a of alternatives) {
		let alt = a;
		if (a.all.length === 0 && a.last) {
			const exact = a.last.exact.length === 1 && covered(a.last.exact[0]!, null) ? [] : a.last.exact;
			const prefix = a.last.prefix && covered(a.last.prefix, a.last.prefix) ? null : a.last.prefix;
			if (exact.length === 0 && !prefix) continue;
			alt = { all: [], last: { exact, prefix } };
		}
		const key = JSON.stringify(alt);
		if (!seen.has(key)) {
			seen.add(key);
			out.push(alt);
		}
	}
	return out;
}

/** `(a) OR (b)` of the non-empty expressions; one alone needs no parentheses. */
function anyOf(expressions: string[], or: string): string {
	const present = [...new Set(expressions.filter((e) => e.length > 0))];
	if (present.length <= 1) return present[0] ?? '';
	return present.map((e) => `(${e})`).join(or);
}

function expression(
	q: TextQuery,
	quote: (t: string) => string,
	prefix: (t: string) => string,
	and: string,
	or: string
): string {
	return anyOf(
		simplify(q.alternatives).map((a) => {
			const parts = a.all.map(quote);
			if (a.last) {
				const last = anyOf(
					[a.last.exact.map(quote).join(and), a.last.prefix ? prefix(a.last.prefix) : ''],
					or
				);
				if (last) parts.push(`(${last})`);
			}
			return parts.join(and);
		}),
		or
	);
}

// Tokens are letters and digits only (indexTokens), so quoting them is all the escaping needed;
// the substring is arbitrary text and is quoted by doubling.
const fts5Quote = (t: string) => `"${t.replace(/"/g, '""')}"`;

async function ids(k: Executor, query: ReturnType<typeof sql>): Promise<number[]> {
	const r = await sql<{ ids: string | number[] | null }>`${query}`.execute(k);
	const v = r.rows[0]?.ids ?? null;
	if (v === null) return [];
	return typeof v === 'string' ? (JSON.parse(v) as number[]) : v.map(Number);
}

const sqlite: SearchEngine = {
	async match(k, q) {
		const expr = expression(q, fts5Quote, (p) => `${fts5Quote(p)}*`, ' AND ', ' OR ');
		// One row with every id (json_group_array) instead of a row per match: tens of thousands of
		// rows cost more to hand to JavaScript one by one than to find.
		const [all, title, substring] = await Promise.all([
			expr
				? ids(k, sql`select json_group_array(rowid) as ids from search_fts where search_fts match ${expr}`)
				: [],
			expr
				? ids(
						k,
						sql`select json_group_array(rowid) as ids from search_fts_title where search_fts_title match ${expr}`
					)
				: [],
			q.substring
				? ids(
						k,
						sql`select json_group_array(rowid) as ids from search_titles where search_titles match ${fts5Quote(q.substring)}`
					)
				: []
		]);
		return { all, title, substring };
	}
};

// tsquery lexemes in quotes; tokens have no quotes or backslashes to escape.
const tsQuote = (t: string) => `'${t}'`;

/**
 * The ids a tsvector query matches, always through its GIN index. search_text keeps its
 * tsvectors out of line, so its heap is a few MB and the planner prices a sequential scan
 * as cheap, without counting the detoasting of every row's tsvector that it really costs
 * (10k documents: 98 ms scanned, a few ms through the index). There are no planner hints,
 * so the match runs in a transaction of its own that turns sequential scans off.
 */
async function indexedIds(k: Executor, query: ReturnType<typeof sql>): Promise<number[]> {
	// Inside a caller's transaction a SET LOCAL would outlive this query: plan as PostgreSQL likes.
	if (k.isTransaction) return ids(k, query);
	return k.transaction().execute(async (trx) => {
		await sql`set local enable_seqscan = off`.execute(trx);
		return ids(trx, query);
	});
}

const postgres: SearchEngine = {
	async match(k, q) {
		const expr = expression(q, tsQuote, (p) => `${tsQuote(p)}:*`, ' & ', ' | ');
		const like = q.substring ? '%' + q.substring.replace(/[\\%_]/g, (c) => '\\' + c) + '%' : null;
		const [all, title, substring] = await Promise.all([
			expr
				? indexedIds(
						k,
						sql`select array_agg(doc_id) as ids from search_text where tsv @@ to_tsquery('simple', ${expr})`
					)
				: [],
			// The title's own tsvector (migration 0007): restricting tsv to weight A made GIN recheck every candidate.
			expr
				? indexedIds(
						k,
						sql`select array_agg(doc_id) as ids from search_text where title_tsv @@ to_tsquery('simple', ${expr})`
					)
				: [],
			like
				? ids(
						k,
						sql`select array_agg(doc_id) as ids from search_documents where title_key like ${like} escape '\\'`
					)
				: []
		]);
		return { all, title, substring };
	}
};

export function engineFor(engine: Engine): SearchEngine {
	return engine === 'postgres' ? postgres : sqlite;
}
