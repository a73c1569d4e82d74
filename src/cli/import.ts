/**
 * `circles import <dir> --library <slug>`: loads a folder of Markdown resources into a
 * library (created when missing). One progress line per file, a summary, each failure as
 * "path: field: reason" in the person's language. Exit 0 when every file went in, 1 when
 * any failed (the good ones are still imported), 2 for usage errors. Runs as the instance
 * itself (see resources/transfer.ts for why).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { MessageKey } from '../lib/i18n/keys';
import { getDb } from '../lib/server/db';
import { importLibrary, type FileOutcome, type TransferCode } from '../lib/server/resources/transfer';
import { clip, cliTranslator, CliUsageError, parseCommandArgs, say } from './output';
import { cliContext } from './seed';

export const usage = [
	'usage: circles import <dir> --library <slug>',
	'',
	'  Imports every *.md file of <dir> (not README.md, not sub-folders) into the library',
	'  <slug>, creating it when it does not exist. Re-importing updates changed resources',
	'  and leaves unchanged ones alone. Exit 1 when any file was refused.'
].join('\n');

export const outcomeKey = (o: FileOutcome): MessageKey => `cli_import_outcome_${o}`;
export const reasonKey = (code: TransferCode) => `transfer_reason_${code.replaceAll('-', '_')}` as MessageKey;

export async function run(args: string[]): Promise<number> {
	const { values, positionals } = parseCommandArgs(
		args,
		{ library: { type: 'string', short: 'l' } },
		{ min: 1, max: 1 }
	);
	const dir = positionals[0] ?? '';
	const slug = values.library;
	if (!slug) throw new CliUsageError('missing --library <slug>');
	const stat = await fs.stat(dir).catch(() => undefined);
	if (!stat?.isDirectory()) throw new CliUsageError(`not a folder: "${clip(dir)}"`);

	const { t } = cliTranslator();
	const report = await importLibrary(cliContext(await getDb()), dir, {
		slug,
		onProgress: (p) => console.log(`[${p.index}/${p.total}] ${clip(p.file)}: ${t(outcomeKey(p.outcome))}`)
	});
	if (report.libraryCreated) say('cli_import_library_created', { slug });
	say('cli_import_summary', {
		created: report.created,
		updated: report.updated,
		unchanged: report.unchanged,
		failed: new Set(report.failed.map((f) => f.file)).size
	});
	for (const f of report.failed) {
		const reason = t(reasonKey(f.code)) + (f.detail ? ` (${clip(f.detail)})` : '');
		console.error(
			t('cli_import_failure', { path: clip(path.join(dir, f.file), 200), field: f.field, reason })
		);
	}
	return report.failed.length > 0 ? 1 : 0;
}
