/**
 * The dialect layer: the only place that knows which engine runs. Features get a
 * `Kysely<Database>` and a few helpers from here and never branch on the engine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import type { Database } from './schema';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
	kysely: Kysely<Database>;
	engine: Engine;
	close(): Promise<void>;
}

export type Executor = Kysely<Database> | Transaction<Database>;

/** `PRAGMA application_id` of every Circles SQLite file: 'CRLS' in ASCII. */
export const SQLITE_APPLICATION_ID = 0x43524c53;

// PostgreSQL returns COUNT(*) and BIGINT as strings; we only count rows well under 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function openDatabase(
	cfg: DatabaseConfig,
	options: { pgSchema?: string; poolSize?: number } = {}
): Db {
	if (cfg.kind === 'sqlite') {
		if (cfg.file !== ':memory:') fs.mkdirSync(path.dirname(cfg.file), { recursive: true });
		const sqlite = new SQLite(cfg.file);
		sqlite.pragma('journal_mode = WAL');
		sqlite.pragma('foreign_keys = ON');
		sqlite.pragma('busy_timeout = 5000');
		sqlite.pragma('synchronous = NORMAL');
		// Marks the file as a Circles database so `circles restore` can recognise a backup (written only when it differs).
		if (sqlite.pragma('application_id', { simple: true }) !== SQLITE_APPLICATION_ID)
			sqlite.pragma(`application_id = ${SQLITE_APPLICATION_ID}`);
		const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
		return { kysely, engine: 'sqlite', close: () => kysely.destroy() };
	}
	const pool = new pg.Pool({
		connectionString: withDefaultUser(cfg.url),
		max: options.poolSize ?? 10,
		...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {})
	});
	const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	return { kysely, engine: 'postgres', close: () => kysely.destroy() };
}

/**
 * libpq falls back to the OS user when a URL names none; node-postgres does not
 * (it reads only $USER, which services and CI often lack). Do what psql does.
 */
export function withDefaultUser(url: string): string {
	try {
		const u = new URL(url);
		if (u.username) return url;
		u.username = process.env.PGUSER || os.userInfo().username;
		return u.toString();
	} catch {
		return url;
	}
}

/** The column type for an auto-incrementing integer key on whichever engine runs the migration. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema builders are engine-agnostic
export function autoIncrement(db: Kysely<any>) {
	return isPostgres(db) ? ('serial' as const) : ('integer' as const);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any schema
export function isPostgres(db: Kysely<any>): boolean {
	return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

/** Case-insensitive "contains" that behaves the same on both engines. */
export function likeInsensitive(column: string, needle: string) {
	const escaped = needle.replace(/[\\%_]/g, (c) => '\\' + c);
	return sql<boolean>`lower(${sql.ref(column)}) like ${'%' + escaped.toLowerCase() + '%'} escape '\\'`;
}
