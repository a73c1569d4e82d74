/**
 * `circles restore <file>`: replaces the SQLite database with a Circles backup, keeping
 * the database it replaces. Every check runs on a private copy before one atomic rename,
 * so a refused or interrupted restore leaves the live database exactly as it was.
 */
import { isDomainError } from '../lib/domain/errors';
import { config } from '../lib/server/config';
import { restoreSqlite, showPath } from '../lib/server/db/backup';
import fs from 'node:fs';
import { mirrorBlobs } from '../lib/server/resources/attachments/blob-store';
import { blobsDir, filesFolderOf, PG_RESTORE } from './backup';
import { cliTranslator, parseCommandArgs, printDomainError, say } from './output';

export const usage = [
	'usage: circles restore <file>',
	'',
	'  Replaces the SQLite database with <file>, a backup made by `circles backup`,',
	'  and copies back the attachment files kept in the folder <file>.files.',
	'  Stop the server first. The database it replaces is kept beside it as',
	'  <name>.before-restore-<time>, and pending migrations are applied afterwards.',
	'  On PostgreSQL (DATABASE_URL=postgres://...) it explains pg_restore instead.'
].join('\n');

export async function run(args: string[]): Promise<number> {
	const { positionals } = parseCommandArgs(args, {}, { min: 1, max: 1 });
	const database = config().database;
	if (database.kind === 'postgres') {
		say('backup_pg_restore', {}, 'err');
		console.error(`\n  ${PG_RESTORE}\n`);
		say('backup_pg_then_migrate', {}, 'err');
		return 2;
	}
	try {
		const result = await restoreSqlite(database.file, positionals[0] ?? '');
		say('backup_restore_done', { file: showPath(positionals[0] ?? ''), database: showPath(database.file) });
		if (result.previous) say('backup_restore_kept', { previous: showPath(result.previous) });
		if (result.migrated > 0) say('cli_migrate_applied', { count: result.migrated, engine: 'sqlite' });
		const file = positionals[0] ?? '';
		const folder = filesFolderOf(file);
		if (!fs.existsSync(folder)) {
			say('backup_files_none', { file: showPath(file), folder: showPath(folder) }, 'err');
			return 0;
		}
		const files = await mirrorBlobs(folder, blobsDir());
		say('backup_files_restored', { copied: files.copied, present: files.present, folder: showPath(folder) });
		if (files.damaged.length > 0) {
			say('backup_files_damaged', { count: files.damaged.length, folder: showPath(folder) }, 'err');
			return 1;
		}
		return 0;
	} catch (err) {
		if (!isDomainError(err)) throw err;
		// Say what matters most after a refusal: nothing was lost.
		printDomainError(err, cliTranslator());
		say('backup_restore_unchanged', {}, 'err');
		return 1;
	}
}
