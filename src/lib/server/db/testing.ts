/**
 * One test body, every engine. `describeEachDialect` runs a store suite on an
 * in-memory SQLite database and on PostgreSQL (a fresh schema per test), the way
 * Kysely's own tests loop over dialects. PostgreSQL is used whenever it answers
 * at TEST_DATABASE_URL (default postgres://127.0.0.1:5432/test); under CI=true a
 * PostgreSQL that does not answer fails the run instead of being skipped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import { openDatabase, withDefaultUser, type Db, type Engine } from './dialect';
import { migrateToLatest } from './migrate';

export const TEST_PG_URL = withDefaultUser(process.env.TEST_DATABASE_URL || 'postgres://127.0.0.1:5432/test');

async function postgresAnswers(): Promise<boolean> {
	const client = new pg.Client({
		connectionString: TEST_PG_URL,
		connectionTimeoutMillis: 3000
	});
	try {
		await client.connect();
		await client.query('select 1');
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => {});
	}
}

const pgAvailable = await postgresAnswers();
if (!pgAvailable && process.env.CI === 'true') {
	throw new Error(`PostgreSQL is required under CI=true but did not answer at ${TEST_PG_URL}`);
}

export interface DialectContext {
	/** The fresh, migrated database of the running test. */
	db(): Db;
	engine: Engine;
}

async function freshDatabase(engine: Engine): Promise<{ db: Db; drop: () => Promise<void> }> {
	if (engine === 'sqlite') {
		const db = openDatabase({ kind: 'sqlite', file: ':memory:' });
		await migrateToLatest(db);
		return { db, drop: () => db.close() };
	}
	const schema = 't_' + randomBytes(6).toString('hex');
	const admin = new pg.Client({ connectionString: TEST_PG_URL });
	await admin.connect();
	await admin.query(`create schema ${schema}`);
	await admin.end();
	const db = openDatabase({ kind: 'postgres', url: TEST_PG_URL }, { pgSchema: schema, poolSize: 4 });
	// Kysely's migrator introspects every schema in the database; another test file dropping
	// its schema at that moment makes the catalogue query fail. That is a test-harness race,
	// not a migration failure, so try again.
	for (let attempt = 1; ; attempt++) {
		try {
			await migrateToLatest(db);
			break;
		} catch (e) {
			const raced =
				e instanceof Error &&
				/schema "t_[0-9a-f]+" does not exist|relation .* does not exist/.test(e.message);
			if (!raced || attempt >= 5) throw e;
			await new Promise((r) => setTimeout(r, 20 * attempt));
		}
	}
	return {
		db,
		drop: async () => {
			await db.close();
			const c = new pg.Client({ connectionString: TEST_PG_URL });
			await c.connect();
			await c.query(`drop schema ${schema} cascade`);
			await c.end();
		}
	};
}

export function describeEachDialect(name: string, body: (ctx: DialectContext) => void): void {
	for (const engine of ['sqlite', 'postgres'] as const) {
		const run = engine === 'postgres' && !pgAvailable ? describe.skip : describe;
		run(`${name} [${engine}]`, () => {
			let current: { db: Db; drop: () => Promise<void> } | undefined;
			beforeEach(async () => {
				current = await freshDatabase(engine);
			});
			afterEach(async () => {
				await current?.drop();
				current = undefined;
			});
			body({
				engine,
				db: () => {
					if (!current) throw new Error('no database: call db() inside a test');
					return current.db;
				}
			});
		});
	}
}
