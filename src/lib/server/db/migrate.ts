/**
 * Migrations as an explicit list (not a folder scan), so the bundled server, the
 * CLI and the tests all apply the same ones without reading the file system.
 */
import { Migrator, sql, type Migration, type MigrationResult } from 'kysely';
import type { Db } from './dialect';
import * as m0001 from './migrations/0001_foundation';
import * as m0002 from './migrations/0002_account_handle_skeleton';
import * as m0003 from './migrations/0003_resources';
import * as m0004 from './migrations/0004_attachments';
import * as m0005 from './migrations/0005_search';
import * as m0006 from './migrations/0006_programs';
import * as m0007 from './migrations/0007_search_speed';

export const migrations: Record<string, Migration> = {
	'0001_foundation': m0001,
	'0002_account_handle_skeleton': m0002,
	'0003_resources': m0003,
	'0004_attachments': m0004,
	'0005_search': m0005,
	'0006_programs': m0006,
	'0007_search_speed': m0007
};

export async function migrateToLatest(db: Db): Promise<MigrationResult[]> {
	// Kysely looks for its bookkeeping tables in every schema unless told which one; on a
	// PostgreSQL shared by many (test) schemas it would find another schema's and skip
	// creating its own. Name the schema we are in (public in production).
	const migrationTableSchema =
		db.engine === 'postgres'
			? (await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely)).rows[0]?.s
			: undefined;
	const migrator = new Migrator({
		db: db.kysely,
		provider: { getMigrations: async () => migrations },
		...(migrationTableSchema ? { migrationTableSchema } : {})
	});
	const { error, results } = await migrator.migrateToLatest();
	if (error) throw error instanceof Error ? error : new Error(String(error));
	return results ?? [];
}
