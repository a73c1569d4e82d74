/** `circles reindex`: rebuilds the search index from the published resources, in batches. */
import { getDb } from '../lib/server/db';
import { reindexAll } from '../lib/server/search';
import { parseCommandArgs, say } from './output';

export const usage = 'usage: circles reindex   (rebuilds the search index; search keeps working meanwhile)';

export async function run(args: string[]): Promise<number> {
	parseCommandArgs(args, {}, { min: 0, max: 0 });
	const { indexed, removed } = await reindexAll(await getDb(), ({ indexed: count }) =>
		say('search_cli_reindex_progress', { count }, 'err')
	);
	say('search_cli_reindex_done', { indexed, removed });
	return 0;
}
