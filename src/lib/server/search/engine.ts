/**
 * The two text engines behind one interface. Everything else (documents, facets,
 * filters, sorting, pagination) is ordinary SQL shared by both; an engine only answers
 * "which documents match this text, and how well" and how titles sort.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Engine } from '../db';

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

export interface SearchEngine {
	/** `select doc_id, score` of the matching documents, higher score better. */
	match(q: TextQuery): RawBuilder<{ doc_id: number; score: number }>;
	/** An ORDER BY term for titles that sorts the same on every engine (by code point). */
	titleOrder: RawBuilder<unknown>;
}

/** A title substring match scores below any term match, so it only adds, never outranks. */
const SUBSTRING_SCORE = 0;

// Tokens are letters and digits only (indexTokens), so quoting them is all the escaping needed;
// the substring is arbitrary text and is quoted by doubling.
const fts5Quote = (t: string) => `"${t.replace(/"/g, '""')}"`;

const sqlite: SearchEngine = {
	match(q) {
		const expression = anyOf(
			q.alternatives.map((a) => {
				const parts = a.all.map(fts5Quote);
				if (a.last) {
					const last = anyOf(
						[a.last.exact.map(fts5Quote).join(' AND '), a.last.prefix ? `${fts5Quote(a.last.prefix)}*` : ''],
						' OR '
					);
					if (last) parts.push(`(${last})`);
				}
				// FTS5 needs an explicit AND before a parenthesised group.
				return parts.join(' AND ');
			}),
			' OR '
		);
		const branches: RawBuilder<unknown>[] = [];
		if (expression) {
			// bm25 is lower-is-better; a title word counts four times a body word.
			branches.push(
				sql`select rowid as doc_id, -bm25(search_fts, 4.0, 1.0) as score from search_fts where search_fts match ${expression}`
			);
		}
		if (q.substring) {
			branches.push(
				sql`select rowid as doc_id, ${SUBSTRING_SCORE} as score from search_titles where search_titles match ${fts5Quote(q.substring)}`
			);
		}
		return union(branches);
	},
	titleOrder: sql`d.title_key`
};

// tsquery lexemes in quotes; tokens have no quotes or backslashes to escape.
const tsQuote = (t: string) => `'${t}'`;

const postgres: SearchEngine = {
	match(q) {
		const expression = anyOf(
			q.alternatives.map((a) => {
				const parts = a.all.map(tsQuote);
				if (a.last) {
					const last = anyOf(
						[a.last.exact.map(tsQuote).join(' & '), a.last.prefix ? `${tsQuote(a.last.prefix)}:*` : ''],
						' | '
					);
					if (last) parts.push(`(${last})`);
				}
				return parts.join(' & ');
			}),
			' | '
		);
		const branches: RawBuilder<unknown>[] = [];
		if (expression) {
			branches.push(
				sql`select doc_id, ts_rank_cd(tsv, tq) as score from search_documents, to_tsquery('simple', ${expression}) tq where tsv @@ tq`
			);
		}
		if (q.substring) {
			const like = '%' + q.substring.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
			branches.push(
				sql`select doc_id, ${SUBSTRING_SCORE}::real as score from search_documents where title_key like ${like} escape '\\'`
			);
		}
		return union(branches);
	},
	titleOrder: sql`d.title_key collate "C"`
};

/** `(a) OR (b)` of the non-empty expressions; one alone needs no parentheses. */
function anyOf(expressions: string[], or: string): string {
	const present = [...new Set(expressions.filter((e) => e.length > 0))];
	if (present.length <= 1) return present[0] ?? '';
	return present.map((e) => `(${e})`).join(or);
}

function union(branches: RawBuilder<unknown>[]): RawBuilder<{ doc_id: number; score: number }> {
	// Nothing to look for matches nothing (a query of punctuation only).
	if (branches.length === 0) return sql`select 0 as doc_id, 0 as score where 1 = 0`;
	// One branch has unique ids already. Wrapping it in GROUP BY would also let SQLite flatten
	// it into a rowid-ordered scan of the FTS table, where bm25() cannot run.
	if (branches.length === 1) return branches[0] as RawBuilder<{ doc_id: number; score: number }>;
	return sql`select doc_id, max(score) as score from (${sql.join(branches, sql` union all `)}) u group by doc_id`;
}

export function engineFor(engine: Engine): SearchEngine {
	return engine === 'postgres' ? postgres : sqlite;
}
