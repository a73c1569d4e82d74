/**
 * `circles seed`: loads the demo content into an empty database: the demo library and its
 * Markdown resources (config demoDir, content/demo), through the importer.
 * `serve` calls seedIfEmpty on every start, so it must be cheap and idempotent.
 */
import fs from 'node:fs/promises';
import { config } from '../lib/server/config';
import type { Ctx } from '../lib/server/context';
import type { Db } from '../lib/server/db';
import { getDb } from '../lib/server/db';
import { countLibraries, ensureLibrary } from '../lib/server/libraries/service';
import { importLibrary } from '../lib/server/resources/transfer';
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
	if (!created) return false;
	const demoDir = config().demoDir;
	// Without the content folder (an unusual install), the library alone still shows the app works.
	if (!(await fs.stat(demoDir).catch(() => undefined))?.isDirectory()) return true;
	const report = await importLibrary(ctx, demoDir, { slug: DEMO_LIBRARY.slug });
	// The demo is ours and canonical; a refused file is a bug to see, not to hide.
	for (const f of report.failed) console.error(`seed: ${f.file}: ${f.field}: ${f.code}`);
	return true;
}

export async function run(args: string[]): Promise<number> {
	parseCommandArgs(args, {}, { min: 0, max: 0 });
	const seeded = await seedIfEmpty(await getDb());
	say(seeded ? 'cli_seed_done' : 'cli_seed_skipped');
	return 0;
}
