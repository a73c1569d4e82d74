/** `circles migrate`: applies pending migrations to the configured database. */
import { config } from '../lib/server/config';
import { openDatabase } from '../lib/server/db/dialect';
import { migrateToLatest } from '../lib/server/db/migrate';
import { parseCommandArgs, say } from './output';

export const usage = 'usage: circles migrate   (applies pending database migrations)';

export async function run(args: string[]): Promise<number> {
	parseCommandArgs(args, {}, { min: 0, max: 0 });
	// Its own connection rather than getDb(), which would migrate first and leave us nothing to count.
	const db = openDatabase(config().database);
	try {
		const results = await migrateToLatest(db);
		if (results.length === 0) say('cli_migrate_none', { engine: db.engine });
		else say('cli_migrate_applied', { count: results.length, engine: db.engine });
		return 0;
	} finally {
		await db.close();
	}
}
