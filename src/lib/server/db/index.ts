/**
 * The process-wide database handle. The web server, the CLI and the tests each
 * open it once; features receive it through `getDb()` and never open their own.
 */
import { config } from '../config';
import { openDatabase, type Db } from './dialect';
import { migrateToLatest } from './migrate';

let current: Db | undefined;
let ready: Promise<Db> | undefined;

/** The migrated database for this process (migrations run once, on first use). */
export function getDb(): Promise<Db> {
	ready ??= (async () => {
		current = openDatabase(config().database);
		await migrateToLatest(current);
		return current;
	})();
	return ready;
}

/** For tests and the CLI: use this database instead of the configured one. */
export function setDb(db: Db): void {
	current = db;
	ready = Promise.resolve(db);
}

export async function closeDb(): Promise<void> {
	const db = current;
	current = undefined;
	ready = undefined;
	if (db) await db.close();
}

export type { Db, Executor, Engine } from './dialect';
