/**
 * `circles backup [--force] <file>`: a consistent snapshot of the SQLite database,
 * safe to take while the server runs. On PostgreSQL it explains pg_dump and exits 2
 * without touching anything: PostgreSQL's own tools do this job better than we could.
 */
import path from 'node:path';
import { config } from '../lib/server/config';
import { backupSqlite, showPath } from '../lib/server/db/backup';
import { mirrorBlobs } from '../lib/server/resources/attachments/blob-store';
import { parseCommandArgs, say } from './output';

export const usage = [
	'usage: circles backup [--force] <file>',
	'',
	'  Writes a consistent snapshot of the SQLite database to <file> while the server',
	'  keeps running, and copies the attachment files into the folder <file>.files',
	'  (only the ones not there yet). Refuses to replace an existing file unless',
	'  --force is given.',
	'  On PostgreSQL (DATABASE_URL=postgres://...) it explains pg_dump instead.'
].join('\n');

export const PG_DUMP = 'pg_dump --format=custom --file=circles.dump "$DATABASE_URL"';
export const PG_RESTORE = 'pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" circles.dump';

export async function run(args: string[]): Promise<number> {
	const { values, positionals } = parseCommandArgs(
		args,
		{ force: { type: 'boolean', short: 'f' } },
		{ min: 1, max: 1 }
	);
	const database = config().database;
	if (database.kind === 'postgres') {
		say('backup_pg_backup', {}, 'err');
		console.error(`\n  ${PG_DUMP}\n`);
		say('backup_pg_restore_later', {}, 'err');
		console.error(`\n  ${PG_RESTORE}\n`);
		say('backup_pg_files', { folder: showPath(blobsDir()) }, 'err');
		return 2;
	}
	const result = await backupSqlite(database.file, positionals[0] ?? '', { force: values.force === true });
	say('backup_done', { file: showPath(result.file) });
	// Taken after the database: a file added in between is extra, never missing from it.
	const folder = filesFolderOf(result.file);
	const files = await mirrorBlobs(blobsDir(), folder);
	say('backup_files_done', { copied: files.copied, present: files.present, folder: showPath(folder) });
	if (files.damaged.length > 0) {
		say('backup_files_damaged', { count: files.damaged.length, folder: showPath(blobsDir()) }, 'err');
		return 1;
	}
	return 0;
}

/** Where the attachment files live, and where a backup keeps its copy of them. */
export const blobsDir = () => path.join(config().dataDir, 'blobs');
export const filesFolderOf = (backupFile: string) => `${backupFile}.files`;
