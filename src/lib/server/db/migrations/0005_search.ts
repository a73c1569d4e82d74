/**
 * Search (issue 4): one row per published resource of the documents the search reads,
 * with its facets as ordinary indexed columns (multi-valued ones in child tables), and
 * the engine's text index over the already-analysed terms:
 * - SQLite: an external-content FTS5 table over (title_terms, terms), kept in step by
 *   triggers, plus a trigram FTS5 table over the normalised title for substrings;
 * - PostgreSQL: a generated tsvector ('simple': the terms are analysed already) with a
 *   GIN index, plus a pg_trgm GIN index on the normalised title when the extension can
 *   be had (the substring query works without it, only slower).
 * The index starts empty: `circles serve` fills it when it finds published resources
 * that are not indexed (an instance upgraded to this migration), `circles reindex` too.
 */
import { sql, type Kysely } from 'kysely';
import { autoIncrement, isPostgres } from '../dialect';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against whatever schema existed before them
type AnyDb = Kysely<any>;

const FACET_COLUMNS = [
	'language',
	'type',
	'license',
	'library_id',
	'region',
	'duration_band',
	'may_adapt',
	'may_commercial'
] as const;

export async function up(db: AnyDb): Promise<void> {
	const pg = isPostgres(db);
	await db.schema
		.createTable('search_documents')
		.addColumn('doc_id', autoIncrement(db), (c) => c.primaryKey())
		.addColumn('resource_id', 'varchar(36)', (c) =>
			c.notNull().unique().references('resources.id').onDelete('cascade')
		)
		.addColumn('version_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('library_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('translation_group', 'varchar(36)', (c) => c.notNull())
		.addColumn('language', 'varchar(35)', (c) => c.notNull())
		.addColumn('type', 'varchar(32)', (c) => c.notNull())
		.addColumn('license', 'varchar(64)', (c) => c.notNull())
		.addColumn('may_adapt', 'integer', (c) => c.notNull())
		.addColumn('may_commercial', 'integer', (c) => c.notNull())
		.addColumn('duration_band', 'varchar(16)')
		.addColumn('region', 'varchar(120)')
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('summary', 'text', (c) => c.notNull())
		// Plain text of the body's beginning, for snippets when the summary has no match.
		.addColumn('excerpt', 'text', (c) => c.notNull())
		// The normalised title: the title sort key and the substring index's text.
		.addColumn('title_key', 'text', (c) => c.notNull())
		.addColumn('title_terms', 'text', (c) => c.notNull())
		.addColumn('terms', 'text', (c) => c.notNull())
		// A hash of everything above as the indexer built it: `circles check` compares it.
		.addColumn('fingerprint', 'varchar(64)', (c) => c.notNull())
		.addColumn('published_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
		.execute();
	// The search process keeps the facets in memory (search/facets.ts) and reloads them from
	// this covering index, which reads them without touching the wide rows (100k documents:
	// a table scan reads ~500 MB of text, the index a few MB). Filters need no other index.
	await db.schema
		.createIndex('search_documents_facets')
		.on('search_documents')
		.columns(['doc_id', ...FACET_COLUMNS])
		.execute();
	// Every change to the documents bumps the generation in the same transaction, so each
	// process knows when its in-memory facets are stale (search/facets.ts).
	await db.schema
		.createTable('search_state')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('generation', 'bigint', (c) => c.notNull())
		.execute();
	await db.insertInto('search_state').values({ id: 1, generation: 0 }).execute();
	await db.schema
		.createIndex('search_documents_newest')
		.on('search_documents')
		.columns(['updated_at', 'resource_id'])
		.execute();
	await db.schema
		.createIndex('search_documents_group')
		.on('search_documents')
		.column('translation_group')
		.execute();

	for (const [table, column] of [
		['search_document_themes', 'theme'],
		['search_document_features', 'feature']
	] as const) {
		await db.schema
			.createTable(table)
			.addColumn('doc_id', 'integer', (c) =>
				c.notNull().references('search_documents.doc_id').onDelete('cascade')
			)
			.addColumn(column, 'varchar(64)', (c) => c.notNull())
			.addPrimaryKeyConstraint(`${table}_pk`, [column, 'doc_id'])
			.execute();
		await db.schema.createIndex(`${table}_doc`).on(table).columns(['doc_id', column]).execute();
	}

	if (pg) {
		await sql`alter table search_documents add column tsv tsvector generated always as
			(setweight(to_tsvector('simple', title_terms), 'A') || setweight(to_tsvector('simple', terms), 'D')) stored`.execute(
			db
		);
		await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
		const ops = await trigramOperatorClass(db);
		if (ops) {
			await sql`create index search_documents_title_trgm on search_documents using gin (title_key ${sql.raw(ops)})`.execute(
				db
			);
		}
		await sql`create index search_documents_title_key on search_documents (title_key collate "C", resource_id)`.execute(
			db
		);
		// Once per statement: a batch of a rebuild is one bump, not one per row.
		await sql`create function search_documents_changed() returns trigger language plpgsql as $$
			begin update search_state set generation = generation + 1 where id = 1; return null; end $$`.execute(db);
		await sql`create trigger search_documents_changed after insert or update or delete on search_documents
			for each statement execute function search_documents_changed()`.execute(db);
		return;
	}

	await db.schema
		.createIndex('search_documents_title_key')
		.on('search_documents')
		.columns(['title_key', 'resource_id'])
		.execute();
	// The terms are analysed already and contain only letters and digits: unicode61 without
	// diacritic removal keeps each one whole (Arabic included) and changes nothing.
	// detail=none: the service ranks and counts from which documents match (in the title or
	// anywhere), never from positions, and no query is a phrase. Without positions the
	// doclists are a fifth of the size and a prefix or OR query merges rowids only
	// (measured over 10k documents: 14 MB → 2 MB; "commun*" 3 ms → 0.4 ms).
	await sql`create virtual table search_fts using fts5(title_terms, terms,
		content='search_documents', content_rowid='doc_id',
		tokenize="unicode61 remove_diacritics 0", detail=none)`.execute(db);
	// The same query on titles alone tells which matches rank first (detail=none has no column filter).
	await sql`create virtual table search_fts_title using fts5(title_terms,
		content='search_documents', content_rowid='doc_id',
		tokenize="unicode61 remove_diacritics 0", detail=none)`.execute(db);
	await sql`create virtual table search_titles using fts5(title_key,
		content='search_documents', content_rowid='doc_id', tokenize="trigram")`.execute(db);
	const add = `insert into search_fts(rowid, title_terms, terms) values (new.doc_id, new.title_terms, new.terms);
		insert into search_fts_title(rowid, title_terms) values (new.doc_id, new.title_terms);
		insert into search_titles(rowid, title_key) values (new.doc_id, new.title_key);`;
	const remove = `insert into search_fts(search_fts, rowid, title_terms, terms) values ('delete', old.doc_id, old.title_terms, old.terms);
		insert into search_fts_title(search_fts_title, rowid, title_terms) values ('delete', old.doc_id, old.title_terms);
		insert into search_titles(search_titles, rowid, title_key) values ('delete', old.doc_id, old.title_key);`;
	const bump = `update search_state set generation = generation + 1 where id = 1;`;
	await sql`create trigger search_documents_ai after insert on search_documents begin
		${sql.raw(add)} ${sql.raw(bump)}
	end`.execute(db);
	await sql`create trigger search_documents_ad after delete on search_documents begin
		${sql.raw(remove)} ${sql.raw(bump)}
	end`.execute(db);
	await sql`create trigger search_documents_au after update on search_documents begin
		${sql.raw(remove)} ${sql.raw(add)} ${sql.raw(bump)}
	end`.execute(db);
}

/**
 * pg_trgm's operator class, schema-qualified. Extensions are per database, not per schema:
 * put it in public (where an instance's tables live) so that schemas created and dropped
 * by tests do not take it with them. Creating it needs a privilege an instance may lack,
 * and a concurrent creator may win the race: a savepoint keeps either from failing the
 * migration, and the extension's schema is then read from the catalogue.
 */
async function trigramOperatorClass(db: AnyDb): Promise<string | null> {
	await sql`savepoint circles_trgm`.execute(db);
	try {
		await sql`create extension if not exists pg_trgm with schema public`.execute(db);
		await sql`release savepoint circles_trgm`.execute(db);
	} catch {
		await sql`rollback to savepoint circles_trgm`.execute(db);
	}
	const found = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e
		join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
	const schema = found.rows[0]?.schema;
	if (!schema || !/^[a-z_][a-z0-9_]*$/.test(schema)) return null;
	return `${schema}.gin_trgm_ops`;
}

export async function down(db: AnyDb): Promise<void> {
	if (!isPostgres(db)) {
		await sql`drop table if exists search_titles`.execute(db);
		await sql`drop table if exists search_fts_title`.execute(db);
		await sql`drop table if exists search_fts`.execute(db);
	}
	if (isPostgres(db)) await sql`drop function if exists search_documents_changed() cascade`.execute(db);
	await db.schema.dropTable('search_state').execute();
	await db.schema.dropTable('search_document_features').execute();
	await db.schema.dropTable('search_document_themes').execute();
	await db.schema.dropTable('search_documents').execute();
}
