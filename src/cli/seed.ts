/**
 * `circles seed`: loads the demo content into an empty database. For now that is the
 * demo library itself; its Markdown resources (content/demo) arrive with the resource
 * import. `serve` calls seedIfEmpty on every start, so it must be cheap and idempotent.
 */
import type { Ctx } from '../lib/server/context';
import type { Db } from '../lib/server/db';
import { getDb } from '../lib/server/db';
import { countLibraries, ensureLibrary } from '../lib/server/libraries/service';
import { parseCommandArgs, say } from './output';

export const usage = 'usage: circles seed   (adds the demo library when the database has no library)';

/** The demo library. Content, not UI text: it is stored once, like any library a person creates. */
export const DEMO_LIBRARY = {
	slug: 'demo',
	name: 'Circles demo library',
	description:
		'Open learning resources for community mobilizers, to show what a library on Circles looks like.'
} as const;

/** The CLI acts as the instance itself: nobody signed in, no client address. */
export function cliContext(db: Db): Ctx {
	return { db, actor: null, addressHash: 'cli', now: () => new Date() };
}

/** Seeds the demo content when the database has no library yet; true when it did. */
export async function seedIfEmpty(db: Db): Promise<boolean> {
	const ctx = cliContext(db);
	if ((await countLibraries(ctx)) > 0) return false;
	const { created } = await ensureLibrary(ctx, DEMO_LIBRARY);
	return created;
}

export async function run(args: string[]): Promise<number> {
	parseCommandArgs(args, {}, { min: 0, max: 0 });
	const seeded = await seedIfEmpty(await getDb());
	say(seeded ? 'cli_seed_done' : 'cli_seed_skipped');
	return 0;
}
