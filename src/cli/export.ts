/**
 * `circles export <dir> --library <slug> [--force]`: writes the library's published
 * resources as canonical Markdown files with their attachments beside them. Refuses a
 * non-empty folder unless --force (which overwrites only the files it writes).
 */
import { getDb } from '../lib/server/db';
import { exportLibrary } from '../lib/server/resources/transfer';
import { CliUsageError, parseCommandArgs, say } from './output';
import { cliContext } from './seed';

export const usage = [
	'usage: circles export <dir> --library <slug> [--force]',
	'',
	'  Writes every published resource of the library <slug> to <dir> as Markdown files,',
	'  attachments beside them. Import the folder again to get the same library back.'
].join('\n');

export async function run(args: string[]): Promise<number> {
	const { values, positionals } = parseCommandArgs(
		args,
		{ library: { type: 'string', short: 'l' }, force: { type: 'boolean', short: 'f' } },
		{ min: 1, max: 1 }
	);
	if (!values.library) throw new CliUsageError('missing --library <slug>');
	const report = await exportLibrary(cliContext(await getDb()), positionals[0] ?? '', {
		slug: values.library,
		force: values.force === true
	});
	say('cli_export_done', { resources: report.resources, attachments: report.attachments });
	return 0;
}
