/**
 * How other features see accounts: by handle, and as display names. Features use
 * these functions, never the accounts table, so deletion ("former member") and
 * handle rules stay in one place.
 */
import { handleKey } from '../../domain/handles';
import type { Executor } from '../db';

export interface PublicAccount {
	id: string;
	/** null when the account was deleted: show the "former member" message instead. */
	handle: string | null;
}

/** Pass `db.kysely`, or a transaction when the lookup is part of a write. */
export async function findAccountByHandle(k: Executor, handle: string): Promise<PublicAccount | null> {
	const key = handleKey(handle);
	if (!key) return null;
	const row = await k
		.selectFrom('accounts')
		.select(['id', 'handle'])
		.where('handle_key', '=', key)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return row ?? null;
}

export async function publicAccounts(k: Executor, ids: string[]): Promise<Map<string, PublicAccount>> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return new Map();
	const rows = await k.selectFrom('accounts').select(['id', 'handle']).where('id', 'in', unique).execute();
	return new Map(rows.map((r) => [r.id, r]));
}
