/**
 * Programs (issue 5): co-authored programs with immutable, numbered versions. A version's
 * content (program fields, sessions, items) is one JSON document: it is always read and
 * written whole (a page, a guide, a diff, a merge), and sessions and items carry their own
 * stable ids inside it, which is what diffs and upstream merges match on. Normalised rows
 * would copy every session and item on every save for no query that needs them.
 * History events go to the shared `events` table (subject_type 'program').
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against whatever schema existed before them, not today's Database type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('programs')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('head_version_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('head_number', 'integer', (c) => c.notNull())
		// Copied from the head version so lists need not parse content.
		.addColumn('title', 'varchar(200)', (c) => c.notNull())
		.addColumn('format', 'varchar(32)', (c) => c.notNull())
		.addColumn('visibility', 'varchar(16)', (c) => c.notNull())
		.addColumn('forked_from_program', 'varchar(36)', (c) => c.references('programs.id').onDelete('set null'))
		.addColumn('forked_from_version', 'varchar(36)')
		.addColumn('created_by', 'varchar(36)', (c) => c.references('accounts.id').onDelete('set null'))
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('programs_forked_from').on('programs').column('forked_from_program').execute();
	await db.schema
		.createIndex('programs_visibility_updated')
		.on('programs')
		.columns(['visibility', 'updated_at'])
		.execute();

	await db.schema
		.createTable('program_versions')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('program_id', 'varchar(36)', (c) => c.notNull().references('programs.id').onDelete('cascade'))
		.addColumn('number', 'integer', (c) => c.notNull())
		.addColumn('parent_version_id', 'varchar(36)')
		/** JSON: ProgramContent (domain/programs.ts). */
		.addColumn('content', 'text', (c) => c.notNull())
		/** JSON: { unit: upstream version id } where each unit was last taken from upstream (forks only). */
		.addColumn('upstream_bases', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('change_note', 'varchar(500)')
		.addColumn('author_id', 'varchar(36)', (c) => c.references('accounts.id').onDelete('set null'))
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.execute();
	// One number per program: two co-authors saving at once cannot both take the same one.
	await db.schema
		.createIndex('program_versions_number')
		.on('program_versions')
		.columns(['program_id', 'number'])
		.unique()
		.execute();

	await db.schema
		.createTable('program_authors')
		.addColumn('program_id', 'varchar(36)', (c) => c.notNull().references('programs.id').onDelete('cascade'))
		.addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
		.addColumn('invited_by', 'varchar(36)', (c) => c.references('accounts.id').onDelete('set null'))
		.addColumn('joined_at', 'varchar(32)', (c) => c.notNull())
		.addPrimaryKeyConstraint('program_authors_pk', ['program_id', 'account_id'])
		.execute();
	await db.schema.createIndex('program_authors_account').on('program_authors').column('account_id').execute();

	await db.schema
		.createTable('program_invitations')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('program_id', 'varchar(36)', (c) => c.notNull().references('programs.id').onDelete('cascade'))
		.addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
		.addColumn('invited_by', 'varchar(36)', (c) => c.references('accounts.id').onDelete('set null'))
		.addColumn('status', 'varchar(16)', (c) => c.notNull())
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('closed_at', 'varchar(32)')
		// `program_id:account_id` while open, then null: one open invitation per person and program.
		.addColumn('open_key', 'varchar(80)', (c) => c.unique())
		.execute();
	await db.schema
		.createIndex('program_invitations_account')
		.on('program_invitations')
		.column('account_id')
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	for (const t of ['program_invitations', 'program_authors', 'program_versions', 'programs'])
		await db.schema.dropTable(t).execute();
}
