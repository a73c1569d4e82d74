/**
 * Attachments: files (PDF, images, audio, video, text, captions) that belong to a
 * resource. The bytes live in the content-addressed blob store under DATA_DIR; a row
 * here is the metadata of one attached file and names its blob by sha256, so the same
 * bytes attached twice are stored once. `version_attachments` lists which attachments
 * a resource version carries (a version set, not a copy per version).
 *
 * Written before any instance ran it (0.1.0, unreleased), so the foreign keys to the
 * resources tables of 0003 are part of it rather than a table rebuild on SQLite later.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against whatever schema existed before them, not today's Database type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('attachments')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('library_id', 'varchar(36)', (c) => c.notNull().references('libraries.id'))
		.addColumn('resource_id', 'varchar(36)', (c) => c.notNull().references('resources.id'))
		.addColumn('file_name', 'varchar(200)', (c) => c.notNull())
		.addColumn('sha256', 'varchar(64)', (c) => c.notNull())
		.addColumn('size', 'bigint', (c) => c.notNull())
		.addColumn('media_type', 'varchar(100)', (c) => c.notNull())
		.addColumn('kind', 'varchar(16)', (c) => c.notNull())
		.addColumn('alt_text', 'text')
		.addColumn('title', 'varchar(300)')
		.addColumn('transcript', 'text')
		.addColumn('captions_attachment_id', 'varchar(36)', (c) => c.references('attachments.id'))
		.addColumn('created_by', 'varchar(36)', (c) => c.references('accounts.id').onDelete('set null'))
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('attachments_resource')
		.on('attachments')
		.columns(['resource_id', 'created_at'])
		.execute();
	await db.schema
		.createIndex('attachments_library_blob')
		.on('attachments')
		.columns(['library_id', 'sha256'])
		.execute();
	await db.schema.createIndex('attachments_blob').on('attachments').column('sha256').execute();

	await db.schema
		.createTable('version_attachments')
		.addColumn('version_id', 'varchar(36)', (c) => c.notNull().references('resource_versions.id'))
		.addColumn('attachment_id', 'varchar(36)', (c) => c.notNull().references('attachments.id'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('version_attachments_pk', ['version_id', 'attachment_id'])
		.execute();
	await db.schema
		.createIndex('version_attachments_attachment')
		.on('version_attachments')
		.column('attachment_id')
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropTable('version_attachments').execute();
	await db.schema.dropTable('attachments').execute();
}
