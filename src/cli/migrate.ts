import { getDb } from '../lib/server/db';
import { migrateToLatest } from '../lib/server/db/migrate';

export const usage = 'usage: circles migrate';

export async function run(): Promise<number> {
	const db = await getDb();
	const results = await migrateToLatest(db);
	console.log(`database: ${db.engine}; migrations applied: ${results.length || 'none pending'}`);
	return 0;
}
