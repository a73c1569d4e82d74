/**
 * Foundation tables: accounts, sessions, login attempts, idempotency keys,
 * libraries and their members, and the shared event history.
 * Written once for both engines; `idColumn` hides the one type that differs.
 */
import type { Kysely } from 'kysely';
import { autoIncrement } from '../dialect';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against whatever schema existed before them, not today's Database type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('accounts')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('handle', 'varchar(64)')
		.addColumn('handle_key', 'varchar(64)', (c) => c.unique())
		.addColumn('passphrase_hash', 'text')
		.addColumn('email', 'varchar(254)')
		.addColumn('locale', 'varchar(16)', (c) => c.notNull().defaultTo('en'))
		.addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('deleted_at', 'varchar(32)')
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
		.addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('user_agent', 'varchar(256)')
		.execute();
	await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

	await db.schema
		.createTable('login_attempts')
		.addColumn('id', autoIncrement(db), (c) => c.primaryKey())
		.addColumn('handle_key', 'varchar(64)', (c) => c.notNull())
		.addColumn('address_hash', 'varchar(64)', (c) => c.notNull())
		.addColumn('succeeded', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('login_attempts_handle')
		.on('login_attempts')
		.columns(['handle_key', 'created_at'])
		.execute();
	await db.schema
		.createIndex('login_attempts_address')
		.on('login_attempts')
		.columns(['address_hash', 'created_at'])
		.execute();

	await db.schema
		.createTable('idempotency_keys')
		.addColumn('scope', 'varchar(64)', (c) => c.notNull())
		.addColumn('key', 'varchar(128)', (c) => c.notNull())
		.addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
		.addColumn('status', 'integer')
		.addColumn('response_body', 'text')
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
		.execute();

	await db.schema
		.createTable('libraries')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('slug', 'varchar(64)', (c) => c.notNull().unique())
		.addColumn('name', 'varchar(200)', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_by', 'varchar(36)', (c) => c.references('accounts.id').onDelete('set null'))
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
		.addColumn('suspended_at', 'varchar(32)')
		.addColumn('suspended_reason', 'text')
		.execute();

	await db.schema
		.createTable('library_members')
		.addColumn('library_id', 'varchar(36)', (c) => c.notNull().references('libraries.id').onDelete('cascade'))
		.addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
		.addColumn('role', 'varchar(16)', (c) => c.notNull())
		.addColumn('added_by', 'varchar(36)', (c) => c.references('accounts.id').onDelete('set null'))
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.addPrimaryKeyConstraint('library_members_pk', ['library_id', 'account_id'])
		.execute();
	await db.schema.createIndex('library_members_account').on('library_members').column('account_id').execute();

	await db.schema
		.createTable('events')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('subject_type', 'varchar(32)', (c) => c.notNull())
		.addColumn('subject_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('actor_id', 'varchar(36)', (c) => c.references('accounts.id').onDelete('set null'))
		.addColumn('action', 'varchar(64)', (c) => c.notNull())
		.addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('created_at', 'varchar(32)', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('events_subject')
		.on('events')
		.columns(['subject_type', 'subject_id'])
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	for (const t of [
		'events',
		'library_members',
		'libraries',
		'idempotency_keys',
		'login_attempts',
		'sessions',
		'accounts'
	]) {
		await db.schema.dropTable(t).execute();
	}
}
