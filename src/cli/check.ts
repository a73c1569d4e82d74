/**
 * `circles check`: compares the search index with the published resources and reports
 * drift (missing, stale, orphaned documents). Exit 0 when they match, 1 when not, so
 * monitoring can run it; `circles reindex` repairs.
 */
import { getDb } from '../lib/server/db';
import { checkIndex } from '../lib/server/search';
import { parseCommandArgs, say } from './output';

export const usage =
	'usage: circles check   (reports drift between the search index and the resources; exit 1 on drift)';

/** Ids listed per kind of drift; the counts say how many there are in all. */
const LISTED = 20;

export async function run(args: string[]): Promise<number> {
	parseCommandArgs(args, {}, { min: 0, max: 0 });
	const drift = await checkIndex(await getDb());
	const { missing, stale, orphaned } = drift;
	if (missing.length + stale.length + orphaned.length === 0) {
		say('search_cli_check_ok');
		return 0;
	}
	say('search_cli_check_drift', { missing: missing.length, stale: stale.length, orphaned: orphaned.length });
	for (const id of missing.slice(0, LISTED)) say('search_cli_check_missing', { id });
	for (const id of stale.slice(0, LISTED)) say('search_cli_check_stale', { id });
	for (const id of orphaned.slice(0, LISTED)) say('search_cli_check_orphaned', { id });
	return 1;
}
