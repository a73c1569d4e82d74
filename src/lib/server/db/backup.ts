/**
 * Backup and restore of the SQLite database, for `circles backup` and `circles restore`.
 *
 * Both write to a temporary file beside their target and rename it into place, so a
 * failure (full disk, damaged file, Ctrl-C) never leaves a partial file under the
 * target's name. A backup is a single self-contained file (rollback journal mode, no
 * -wal beside it) marked with Circles' `application_id`; restore refuses anything
 * else and keeps the database it replaces as `<name>.before-restore-<time>`.
 *
 * Problems people can fix are thrown as DomainErrors with a message key; the CLI
 * translates them. PostgreSQL has its own tools (pg_dump, pg_restore) and never
 * reaches this module.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { DomainError, type ErrorKind } from '../../domain/errors';
import type { MessageKey } from '../../i18n/keys';
import { openDatabase, SQLITE_APPLICATION_ID } from './dialect';
import { migrateToLatest, migrations } from './migrate';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const SIDECARS = ['-wal', '-shm', '-journal'] as const;
/** Pages per backup step: all of them, so the copy is one read transaction (a consistent snapshot). */
const ALL_PAGES = 0x7fffffff;

/** A file name fit for a one-line message: control characters escaped, very long names shortened. */
export function showPath(file: string): string {
	// A name may carry terminal escape sequences; shown raw they could rewrite the screen.
	// eslint-disable-next-line no-control-regex -- matching control characters is the point
	const control = /[\u0000-\u001f\u007f-\u009f]/g;
	const safe = file.replace(control, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
	return safe.length > 160 ? `${safe.slice(0, 60)}…${safe.slice(-60)}` : safe;
}

function problem(kind: ErrorKind, key: MessageKey, params: Record<string, string> = {}): DomainError {
	return new DomainError(kind, key, { params });
}

/** Turns a file-system or SQLite error about `file` into a message a person can act on. */
export function fileProblem(err: unknown, file: string): DomainError {
	if (err instanceof DomainError) return err;
	const code = (err as { code?: unknown } | null)?.code;
	const shown = { file: showPath(file) };
	switch (code) {
		case 'ENOENT':
			return problem('not_found', 'backup_file_missing', shown);
		case 'EISDIR':
			return problem('invalid', 'backup_file_is_folder', shown);
		case 'ENOTDIR':
			return problem('invalid', 'backup_path_not_folder', shown);
		case 'EACCES':
		case 'EPERM':
		case 'EROFS':
		case 'SQLITE_READONLY':
		case 'SQLITE_PERM':
		case 'SQLITE_CANTOPEN':
			return problem('forbidden', 'backup_file_not_allowed', shown);
		case 'ENAMETOOLONG':
			return problem('invalid', 'backup_file_name_too_long');
		case 'ERR_INVALID_ARG_VALUE':
		case 'ERR_INVALID_ARG_TYPE':
			return problem('invalid', 'backup_file_name_invalid');
		case 'ENOSPC':
		case 'EDQUOT':
		case 'SQLITE_FULL':
			return problem('too_large', 'backup_disk_full', shown);
	}
	const reason = err instanceof Error ? err.message : String(err);
	return problem('invalid', 'backup_file_failed', { ...shown, reason: showPath(reason) });
}

function checkName(file: string): string {
	// Node refuses NUL bytes itself, but with a message about "arguments"; say it plainly.
	if (file === '' || file.includes('\0')) throw problem('invalid', 'backup_file_name_invalid');
	return path.resolve(file);
}

/** A name beside `target` that nothing else uses, for a file we will rename into place. */
function tempBeside(target: string, purpose: string): string {
	return path.join(path.dirname(target), `.circles-${purpose}-${randomBytes(6).toString('hex')}.tmp`);
}

function removeWithSidecars(file: string): void {
	for (const f of [file, ...SIDECARS.map((s) => file + s)]) fs.rmSync(f, { force: true });
}

/** Makes a rename durable: the directory entry is flushed, not only the file's data. */
function syncDir(dir: string): void {
	let fd: number | undefined;
	try {
		fd = fs.openSync(dir, 'r');
		fs.fsyncSync(fd);
	} catch {
		// Some file systems cannot fsync a directory; the rename itself is still atomic.
	} finally {
		if (fd !== undefined) fs.closeSync(fd);
	}
}

function syncFile(file: string): void {
	const fd = fs.openSync(file, 'r+');
	try {
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
}

function hasMigrationTable(db: SQLite.Database): boolean {
	return (
		db.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get() !==
		undefined
	);
}

/** True when `PRAGMA integrity_check` finds nothing wrong; a SQLite error while checking counts as damage. */
function intact(db: SQLite.Database): boolean {
	try {
		const rows = db.pragma('integrity_check(1)') as { integrity_check: string }[];
		return rows.length === 1 && rows[0]?.integrity_check === 'ok';
	} catch {
		return false;
	}
}

function isSqliteError(err: unknown): err is Error & { code: string } {
	return err instanceof SQLite.SqliteError;
}

/** Paths that are the live database or its WAL files: never a backup target, never a restore source. */
function isLiveFile(file: string, live: string): boolean {
	return file === live || SIDECARS.some((s) => file === live + s);
}

export interface BackupResult {
	file: string;
	bytes: number;
}

/**
 * Writes a consistent snapshot of the SQLite database `liveFile` to `target`, while
 * the server may be writing: better-sqlite3's online backup copies every page in one
 * step, inside one read transaction, which in WAL mode never blocks writers.
 */
export async function backupSqlite(
	liveFile: string,
	targetArg: string,
	options: { force?: boolean } = {}
): Promise<BackupResult> {
	const target = checkName(targetArg);
	const live = path.resolve(liveFile);
	if (isLiveFile(target, live)) throw problem('invalid', 'backup_same_file', { file: showPath(target) });

	try {
		const st = fs.statSync(target);
		if (st.isDirectory()) throw problem('invalid', 'backup_file_is_folder', { file: showPath(target) });
		if (!options.force) throw problem('conflict', 'backup_exists', { file: showPath(target) });
	} catch (err) {
		if ((err as { code?: string }).code !== 'ENOENT') throw fileProblem(err, target);
	}
	const dir = path.dirname(target);
	try {
		if (!fs.statSync(dir).isDirectory())
			throw problem('invalid', 'backup_path_not_folder', { file: showPath(target) });
	} catch (err) {
		if ((err as { code?: string }).code === 'ENOENT') {
			throw problem('not_found', 'backup_folder_missing', { folder: showPath(dir) });
		}
		throw fileProblem(err, target);
	}
	if (liveFile === ':memory:' || !fs.existsSync(live)) {
		throw problem('not_found', 'backup_no_database', { file: showPath(live) });
	}

	const temp = tempBeside(target, 'backup');
	let source: SQLite.Database | undefined;
	let copy: SQLite.Database | undefined;
	try {
		try {
			source = new SQLite(live, { fileMustExist: true });
			source.pragma('busy_timeout = 5000');
			const appId = source.pragma('application_id', { simple: true });
			if ((appId !== 0 && appId !== SQLITE_APPLICATION_ID) || !hasMigrationTable(source)) {
				throw problem('invalid', 'backup_not_circles_database', { file: showPath(live) });
			}
		} catch (err) {
			if (isSqliteError(err) && (err.code === 'SQLITE_NOTADB' || err.code.startsWith('SQLITE_CORRUPT'))) {
				throw problem('invalid', 'backup_source_damaged', { file: showPath(live) });
			}
			throw fileProblem(err, live);
		}
		try {
			await source.backup(temp, { progress: () => ALL_PAGES });
		} catch (err) {
			throw fileProblem(err, target);
		}
		source.close();
		source = undefined;

		try {
			copy = new SQLite(temp, { fileMustExist: true });
			// A file made before databases were marked still gets the mark in its backup.
			copy.pragma(`application_id = ${SQLITE_APPLICATION_ID}`);
			// One self-contained file: no -wal beside it that could be lost when it is copied.
			copy.pragma('journal_mode = DELETE');
			if (!intact(copy)) throw problem('invalid', 'backup_source_damaged', { file: showPath(live) });
			copy.close();
			copy = undefined;
			syncFile(temp);
			fs.renameSync(temp, target);
		} catch (err) {
			throw fileProblem(err, target);
		}
		syncDir(dir);
		return { file: target, bytes: fs.statSync(target).size };
	} finally {
		source?.close();
		copy?.close();
		removeWithSidecars(temp);
	}
}

export interface RestoreResult {
	/** Where the database that was replaced is kept, or null when there was none. */
	previous: string | null;
	/** How many migrations were applied to the restored database (it may be older than this version). */
	migrated: number;
}

/** Reads the start of `file` and says whether it is a SQLite database at all. */
function looksLikeSqlite(file: string): boolean {
	const fd = fs.openSync(file, 'r');
	try {
		const head = Buffer.alloc(100);
		const n = fs.readSync(fd, head, 0, 100, 0);
		return n === 100 && head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC);
	} finally {
		fs.closeSync(fd);
	}
}

/**
 * Checks that `file` (our private copy) is a whole Circles backup this version can use.
 * Throws the DomainError that explains why not; `shown` is the name the person gave.
 */
function verifyBackup(file: string, shown: string): void {
	let db: SQLite.Database | undefined;
	try {
		db = new SQLite(file, { fileMustExist: true });
		const appId = db.pragma('application_id', { simple: true });
		if (appId !== SQLITE_APPLICATION_ID || !hasMigrationTable(db)) {
			throw problem('invalid', 'backup_restore_not_circles', { file: shown });
		}
		if (!intact(db)) throw problem('invalid', 'backup_restore_damaged', { file: shown });
		const known = new Set(Object.keys(migrations));
		const names = db.prepare('select name from kysely_migration order by name').pluck().all() as string[];
		const unknown = names.find((n) => !known.has(n));
		if (unknown !== undefined) {
			throw problem('invalid', 'backup_restore_newer', { file: shown, migration: showPath(unknown) });
		}
		// Fold a WAL copied along with the file into it, so the rename below moves one whole file.
		db.pragma('journal_mode = DELETE');
	} catch (err) {
		if (err instanceof DomainError) throw err;
		if (isSqliteError(err)) {
			if (err.code === 'SQLITE_NOTADB')
				throw problem('invalid', 'backup_restore_not_sqlite', { file: shown });
			if (err.code.startsWith('SQLITE_CORRUPT'))
				throw problem('invalid', 'backup_restore_damaged', { file: shown });
		}
		throw fileProblem(err, file);
	} finally {
		db?.close();
	}
}

/**
 * Settles the live database into one file and says whether any other program has it
 * open. In WAL mode the last connection to close checkpoints and deletes the -wal
 * file, so a -wal that survives our own close means someone else (a running server)
 * still holds the database.
 */
function settleLive(live: string): 'idle' | 'busy' | 'unreadable' {
	let db: SQLite.Database | undefined;
	try {
		db = new SQLite(live, { fileMustExist: true });
		db.pragma('busy_timeout = 2000');
		db.pragma('wal_checkpoint(TRUNCATE)');
	} catch (err) {
		// A damaged live database is exactly what a restore is for: replace it anyway.
		if (isSqliteError(err)) return 'unreadable';
		throw fileProblem(err, live);
	} finally {
		db?.close();
	}
	if (fs.existsSync(live + '-wal')) return 'busy';
	fs.rmSync(live + '-shm', { force: true });
	return 'idle';
}

function timestamp(d: Date): string {
	return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
}

/** Keeps the current live file under a new name without ever leaving the live name empty. */
function keepPrevious(live: string, now: Date): string {
	const base = `${live}.before-restore-${timestamp(now)}`;
	for (let i = 0; ; i++) {
		const name = i === 0 ? base : `${base}-${i + 1}`;
		try {
			// A hard link: the old file stays whole under its new name while the rename below replaces the live name.
			fs.linkSync(live, name);
			return name;
		} catch (err) {
			const code = (err as { code?: string }).code;
			if (code === 'EEXIST') continue;
			if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
				if (fs.existsSync(name)) continue;
				fs.copyFileSync(live, name, fs.constants.COPYFILE_EXCL);
				return name;
			}
			throw err;
		}
	}
}

/**
 * Replaces the SQLite database `liveFile` with the Circles backup `sourceArg`.
 *
 * The backup is copied next to the live file, verified there (SQLite header,
 * application_id, migration table, integrity check, no migration newer than this
 * version), then renamed over the live file in one atomic step. Any refusal leaves the
 * live database untouched. The database that was replaced is kept beside it.
 */
export async function restoreSqlite(
	liveFile: string,
	sourceArg: string,
	options: { now?: Date } = {}
): Promise<RestoreResult> {
	const source = checkName(sourceArg);
	const shown = showPath(source);
	if (liveFile === ':memory:') throw problem('invalid', 'backup_no_database', { file: liveFile });
	const live = path.resolve(liveFile);
	if (isLiveFile(source, live)) throw problem('invalid', 'backup_same_file', { file: shown });

	let st: fs.Stats;
	try {
		st = fs.statSync(source);
	} catch (err) {
		throw fileProblem(err, source);
	}
	if (st.isDirectory()) throw problem('invalid', 'backup_file_is_folder', { file: shown });
	// Not only tidy: opening a FIFO or a device could block or read forever.
	if (!st.isFile()) throw problem('invalid', 'backup_file_not_regular', { file: shown });
	try {
		if (!looksLikeSqlite(source)) throw problem('invalid', 'backup_restore_not_sqlite', { file: shown });
	} catch (err) {
		throw fileProblem(err, source);
	}

	const dir = path.dirname(live);
	try {
		fs.mkdirSync(dir, { recursive: true });
	} catch (err) {
		throw fileProblem(err, dir);
	}
	const temp = tempBeside(live, 'restore');
	try {
		try {
			fs.copyFileSync(source, temp, fs.constants.COPYFILE_EXCL);
			// A copy of a database that was in use may keep recent writes in its -wal.
			if (fs.existsSync(source + '-wal')) fs.copyFileSync(source + '-wal', temp + '-wal');
		} catch (err) {
			throw fileProblem(err, fs.existsSync(temp) ? live : source);
		}
		verifyBackup(temp, shown);

		let previous: string | null = null;
		if (fs.existsSync(live)) {
			if (settleLive(live) === 'busy') {
				throw problem('conflict', 'backup_restore_server_running', { file: showPath(live) });
			}
			try {
				previous = keepPrevious(live, options.now ?? new Date());
				// Only a damaged database leaves these behind; they belong to the old file, never to the restored one.
				for (const s of SIDECARS) if (fs.existsSync(live + s)) fs.renameSync(live + s, previous + s);
			} catch (err) {
				throw fileProblem(err, live);
			}
		}
		try {
			syncFile(temp);
			fs.renameSync(temp, live);
		} catch (err) {
			throw fileProblem(err, live);
		}
		syncDir(dir);

		const db = openDatabase({ kind: 'sqlite', file: live });
		try {
			const results = await migrateToLatest(db);
			return { previous, migrated: results.length };
		} finally {
			await db.close();
		}
	} finally {
		removeWithSidecars(temp);
	}
}
