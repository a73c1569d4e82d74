/** `circles seed`: loads the demo content into an empty database (later issues grow it). */
import type { Db } from '../lib/server/db';
import { getDb } from '../lib/server/db';

export const usage = 'usage: circles seed';

export async function seedIfEmpty(db: Db): Promise<boolean> {
	const row = await db.kysely
		.selectFrom('libraries')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	if (Number(row.n) > 0) return false;
	return true;
}

export async function run(): Promise<number> {
	const seeded = await seedIfEmpty(await getDb());
	console.log(seeded ? 'seeded the demo library' : 'the database already has content; nothing seeded');
	return 0;
}
