/**
 * Accounts get the skeleton of their handle (see domain/handles.ts): two handles
 * that look alike to a person ("ɑlice" and "alice", "rnaria" and "maria") share a
 * skeleton, and the unique index refuses the second one even when two sign-ups
 * race. Null once an account is deleted, like the handle, so the name is freed.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against whatever schema existed before them, not today's Database type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema.alterTable('accounts').addColumn('handle_skeleton', 'varchar(128)').execute();
	await db.schema
		.createIndex('accounts_handle_skeleton')
		.on('accounts')
		.column('handle_skeleton')
		.unique()
		.execute();
}

export async function down(db: AnyDb): Promise<void> {
	await db.schema.dropIndex('accounts_handle_skeleton').execute();
	await db.schema.alterTable('accounts').dropColumn('handle_skeleton').execute();
}
