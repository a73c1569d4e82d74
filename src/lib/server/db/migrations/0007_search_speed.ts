/**
 * Search at 100,000 resources (issue 4's targets), measured with `npm run bench:search`:
 *
 * - SQLite: the word indexes get FTS5 prefix indexes for 2 to 6 letters. Search as you type
 *   matches the last word as a prefix, and without them a short prefix ("commun*") merges the
 *   doclists of every term it expands to: 10–20 ms a query over 100k documents, 2–4 ms with.
 *   The tables are rebuilt from search_documents (their external content), which keeps every
 *   trigger of 0005 valid: triggers name the tables, and the names stay.
 *
 * - PostgreSQL: the tsvectors move out of search_documents into a narrow table of their own,
 *   stored out of line. A text match returns tens of thousands of doc_ids, and a bitmap heap
 *   scan reads every matching row for its doc_id: over the wide document rows (titles,
 *   summaries, excerpts, terms: ~1 GB at 100k) that cost 100–500 ms a query; over rows of a
 *   doc_id and two TOAST pointers it reads a few MB. Titles get a tsvector of their own, as a
 *   weight-restricted query ('x':A) would make GIN recheck (detoast) every candidate.
 *   Triggers keep the table in step with search_documents in the writer's transaction.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against whatever schema existed before them
type AnyDb = Kysely<any>;

const FTS_OPTIONS = `tokenize="unicode61 remove_diacritics 0", detail=none`;

async function rebuildSqliteTables(db: AnyDb, prefix: string): Promise<void> {
	const withPrefix = prefix ? `, prefix='${prefix}'` : '';
	await sql`drop table search_fts`.execute(db);
	await sql`drop table search_fts_title`.execute(db);
	await sql`create virtual table search_fts using fts5(title_terms, terms,
		content='search_documents', content_rowid='doc_id', ${sql.raw(FTS_OPTIONS + withPrefix)})`.execute(db);
	await sql`create virtual table search_fts_title using fts5(title_terms,
		content='search_documents', content_rowid='doc_id', ${sql.raw(FTS_OPTIONS + withPrefix)})`.execute(db);
	await sql`insert into search_fts(search_fts) values ('rebuild')`.execute(db);
	await sql`insert into search_fts_title(search_fts_title) values ('rebuild')`.execute(db);
}

export async function up(db: AnyDb): Promise<void> {
	if (!isPostgres(db)) {
		await rebuildSqliteTables(db, '2 3 4 5 6');
		return;
	}
	await sql`create table search_text (
		doc_id integer primary key references search_documents (doc_id) on delete cascade,
		tsv tsvector not null,
		title_tsv tsvector not null
	) with (toast_tuple_target = 128)`.execute(db);
	// External: out of line and uncompressed (the index, not the heap, answers a match).
	await sql`alter table search_text alter column tsv set storage external`.execute(db);
	await sql`alter table search_text alter column title_tsv set storage external`.execute(db);
	await sql`insert into search_text (doc_id, tsv, title_tsv)
		select doc_id,
			setweight(to_tsvector('simple', title_terms), 'A') || setweight(to_tsvector('simple', terms), 'D'),
			to_tsvector('simple', title_terms)
		from search_documents`.execute(db);
	await sql`create index search_text_tsv on search_text using gin (tsv)`.execute(db);
	await sql`create index search_text_title_tsv on search_text using gin (title_tsv)`.execute(db);
	await sql`create function search_text_sync() returns trigger language plpgsql as $$
		begin
			insert into search_text (doc_id, tsv, title_tsv) values (new.doc_id,
				setweight(to_tsvector('simple', new.title_terms), 'A') || setweight(to_tsvector('simple', new.terms), 'D'),
				to_tsvector('simple', new.title_terms))
			on conflict (doc_id) do update set tsv = excluded.tsv, title_tsv = excluded.title_tsv;
			return null;
		end $$`.execute(db);
	await sql`create trigger search_text_sync after insert or update on search_documents
		for each row execute function search_text_sync()`.execute(db);
	await sql`drop index if exists search_documents_tsv`.execute(db);
	await sql`alter table search_documents drop column if exists tsv`.execute(db);
	await sql`analyze search_text`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
	if (!isPostgres(db)) {
		await rebuildSqliteTables(db, '');
		return;
	}
	await sql`drop trigger if exists search_text_sync on search_documents`.execute(db);
	await sql`drop function if exists search_text_sync()`.execute(db);
	await sql`drop table if exists search_text`.execute(db);
	await sql`alter table search_documents add column tsv tsvector generated always as
		(setweight(to_tsvector('simple', title_terms), 'A') || setweight(to_tsvector('simple', terms), 'D')) stored`.execute(
		db
	);
	await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
}
