/**
 * What every service call receives: the database and who is acting. Services
 * decide what the actor may do; routes only build this and pass it on.
 */
import type { Db } from './db';

export interface Actor {
	id: string;
	handle: string;
	isAdmin: boolean;
}

export interface Ctx {
	db: Db;
	actor: Actor | null;
	/** sha256 of the client address (never the address itself), for rate limits. */
	addressHash: string;
	now: () => Date;
}

export const nowIso = (ctx: Pick<Ctx, 'now'>) => ctx.now().toISOString();
