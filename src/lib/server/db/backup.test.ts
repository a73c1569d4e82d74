/**
 * backupSqlite and restoreSqlite in-process: the refusals and edge cases that would
 * cost a child process each in src/cli/cli.test.ts (which runs the real command for
 * the main paths). Every refusal must leave the live database byte for byte as it was.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors';
import { backupSqlite, restoreSqlite, showPath } from './backup';
import { openDatabase, SQLITE_APPLICATION_ID } from './dialect';
import { migrateToLatest, migrations } from './migrate';

let tmp: string;
let live: string;
let good: string;
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function makeDatabase(file: string, notes: string[]): Promise<void> {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const db = openDatabase({ kind: 'sqlite', file });
	await migrateToLatest(db);
	await db.close();
	const raw = new SQLite(file);
	raw.exec('create table if not exists backup_probe (id integer primary key, payload text not null)');
	for (const n of notes) raw.prepare('insert into backup_probe (payload) values (?)').run(n);
	raw.close();
}

function notes(file: string): string[] {
	const raw = new SQLite(file, { fileMustExist: true });
	try {
		return raw.prepare('select payload from backup_probe order by id').pluck().all() as string[];
	} finally {
		raw.close();
	}
}

/** Runs `fn`, expects a DomainError with `key`, and returns it. */
async function refused(fn: () => Promise<unknown>, key: string): Promise<DomainError> {
	const err = await fn().then(
		() => undefined,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(DomainError);
	expect((err as DomainError).messageKey).toBe(key);
	return err as DomainError;
}

beforeAll(async () => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'circles-backup-'));
	live = path.join(tmp, 'live/circles.sqlite');
	await makeDatabase(live, ['one', 'two']);
	good = path.join(tmp, 'good.sqlite');
	await backupSqlite(live, good);
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('backupSqlite', () => {
	it('refuses to replace a file without force, and replaces it with force', async () => {
		const target = path.join(tmp, 'taken.sqlite');
		fs.writeFileSync(target, 'keep me');
		await refused(() => backupSqlite(live, target), 'backup_exists');
		expect(fs.readFileSync(target, 'utf8')).toBe('keep me');
		await backupSqlite(live, target, { force: true });
		expect(notes(target)).toEqual(['one', 'two']);
	});

	it('refuses a missing folder, a folder as target, the live file itself, and bad names', async () => {
		await refused(() => backupSqlite(live, path.join(tmp, 'no/such/b.sqlite')), 'backup_folder_missing');
		await refused(() => backupSqlite(live, tmp), 'backup_file_is_folder');
		await refused(() => backupSqlite(live, live, { force: true }), 'backup_same_file');
		await refused(() => backupSqlite(live, live + '-wal', { force: true }), 'backup_same_file');
		await refused(() => backupSqlite(live, path.join(tmp, 'x'.repeat(10_000))), 'backup_file_name_too_long');
		await refused(() => backupSqlite(live, 'a\0b'), 'backup_file_name_invalid');
		await refused(() => backupSqlite(live, ''), 'backup_file_name_invalid');
		const file = path.join(tmp, 'plain-file');
		fs.writeFileSync(file, '');
		await refused(() => backupSqlite(live, path.join(file, 'b.sqlite')), 'backup_path_not_folder');
		expect(notes(live)).toEqual(['one', 'two']);
	});

	it('refuses when there is no database, or one that is not Circles', async () => {
		await refused(
			() => backupSqlite(path.join(tmp, 'none/circles.sqlite'), path.join(tmp, 'n.sqlite')),
			'backup_no_database'
		);
		const other = path.join(tmp, 'other.sqlite');
		new SQLite(other).exec('create table t (x)').close();
		await refused(() => backupSqlite(other, path.join(tmp, 'o.sqlite')), 'backup_not_circles_database');
		expect(fs.existsSync(path.join(tmp, 'o.sqlite'))).toBe(false);
	});

	it('marks a backup of a database made before databases were marked', async () => {
		const old = path.join(tmp, 'old/circles.sqlite');
		await makeDatabase(old, ['old']);
		new SQLite(old).pragma('application_id = 0');
		const target = path.join(tmp, 'old-backup.sqlite');
		await backupSqlite(old, target);
		const raw = new SQLite(target, { readonly: true });
		expect(raw.pragma('application_id', { simple: true })).toBe(SQLITE_APPLICATION_ID);
		raw.close();
	});
});

describe('restoreSqlite refuses, leaving the live database as it was', () => {
	let before: string;
	beforeAll(() => {
		before = sha(live);
	});
	const bad = (name: string, content: string | Buffer) => {
		const f = path.join(tmp, 'bad', name);
		fs.mkdirSync(path.dirname(f), { recursive: true });
		fs.writeFileSync(f, content);
		return f;
	};

	it.each([
		['an empty file', () => bad('empty', ''), 'backup_restore_not_sqlite'],
		['only the SQLite header', () => bad('head', 'SQLite format 3\0'), 'backup_restore_not_sqlite'],
		[
			'a SQLite header over garbage',
			() => bad('garbage', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 7)])),
			'backup_restore_not_sqlite'
		],
		[
			'a marked file without migrations',
			() => {
				const f = path.join(tmp, 'bad/marked.sqlite');
				const raw = new SQLite(f);
				raw.pragma(`application_id = ${SQLITE_APPLICATION_ID}`);
				raw.exec('create table t (x)');
				raw.close();
				return f;
			},
			'backup_restore_not_circles'
		],
		[
			'migrations but no mark',
			() => {
				const f = path.join(tmp, 'bad/unmarked.sqlite');
				fs.copyFileSync(good, f);
				new SQLite(f).pragma('application_id = 7');
				return f;
			},
			'backup_restore_not_circles'
		],
		['a folder', () => tmp, 'backup_file_is_folder'],
		['a missing file', () => path.join(tmp, 'missing.sqlite'), 'backup_file_missing'],
		['a device', () => '/dev/zero', 'backup_file_not_regular'],
		['a path through a file', () => path.join(good, 'x'), 'backup_path_not_folder'],
		['a 10 KB name', () => 'y'.repeat(10_000), 'backup_file_name_too_long'],
		['a NUL byte', () => 'a\0b', 'backup_file_name_invalid'],
		['the live database itself', () => live, 'backup_same_file']
	])('%s', async (_what, make, key) => {
		await refused(() => restoreSqlite(live, make()), key);
		expect(sha(live)).toBe(before);
		expect(fs.readdirSync(path.dirname(live))).toEqual(['circles.sqlite']);
	});
});

describe('restoreSqlite', () => {
	it('restores into an empty data folder (creating it)', async () => {
		const fresh = path.join(tmp, 'fresh/data/circles.sqlite');
		const result = await restoreSqlite(fresh, good);
		expect(result).toEqual({ previous: null, migrated: 0 });
		expect(notes(fresh)).toEqual(['one', 'two']);
	});

	it.skipIf(Object.keys(migrations).length < 2)('applies the migrations an older backup lacks', async () => {
		const older = path.join(tmp, 'older/circles.sqlite');
		fs.mkdirSync(path.dirname(older), { recursive: true });
		const db = openDatabase({ kind: 'sqlite', file: older });
		const [first, firstMigration] = Object.entries(migrations)[0] ?? [];
		if (!first || !firstMigration) throw new Error('no migrations');
		const only = { [first]: firstMigration };
		await new Migrator({ db: db.kysely, provider: { getMigrations: async () => only } }).migrateToLatest();
		await db.close();
		const backup = path.join(tmp, 'older-backup.sqlite');
		await backupSqlite(older, backup);

		const target = path.join(tmp, 'upgrade/circles.sqlite');
		const result = await restoreSqlite(target, backup);
		expect(result.migrated).toBe(Object.keys(migrations).length - 1);
	});

	it('replaces a damaged live database, keeping it, and no stale WAL reaches the restored one', async () => {
		const target = path.join(tmp, 'damaged/circles.sqlite');
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.writeFileSync(target, 'SQLite format 3\0' + 'rubbish'.repeat(200));
		fs.writeFileSync(target + '-wal', 'stale');
		const result = await restoreSqlite(target, good);
		expect(result.previous).toMatch(/before-restore-\d{8}T\d{6}Z$/);
		expect(notes(target)).toEqual(['one', 'two']);
		expect(fs.readFileSync(result.previous ?? '', 'latin1')).toContain('rubbish');
		expect(fs.existsSync(target + '-wal')).toBe(false);
	});

	it('keeps every previous database when restoring twice in the same second', async () => {
		const target = path.join(tmp, 'twice/circles.sqlite');
		await makeDatabase(target, ['first']);
		const now = new Date('2030-01-02T03:04:05Z');
		const a = await restoreSqlite(target, good, { now });
		const b = await restoreSqlite(target, good, { now });
		expect(a.previous).toBe(`${target}.before-restore-20300102T030405Z`);
		expect(b.previous).toBe(`${target}.before-restore-20300102T030405Z-2`);
		expect(notes(a.previous ?? '')).toEqual(['first']);
		expect(notes(b.previous ?? '')).toEqual(['one', 'two']);
	});
});

describe('showPath', () => {
	it('escapes control characters and shortens long names', () => {
		expect(showPath('a\u001b[2Jb\nc')).toBe('a\\x1b[2Jb\\x0ac');
		const long = showPath('/' + 'd'.repeat(10_000));
		expect(long.length).toBeLessThan(130);
		expect(long).toContain('…');
	});
});
