/**
 * The accounts feature's queries (accounts and login_attempts tables). No rules
 * here: the service decides; this module only reads and writes rows.
 */
import type { Selectable, Updateable } from 'kysely';
import type { Executor } from '../db';
import type { AccountsTable } from '../db/schema';

export type AccountRow = Selectable<AccountsTable>;

export const isUniqueViolation = (e: unknown): boolean =>
	e instanceof Error &&
	(/UNIQUE constraint failed/i.test(e.message) || (e as { code?: string }).code === '23505');

export async function insertAccount(k: Executor, row: AccountRow): Promise<void> {
	await k.insertInto('accounts').values(row).execute();
}

export async function accountById(k: Executor, id: string): Promise<AccountRow | undefined> {
	return k.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A live (not deleted) account by its handle key. */
export async function accountByKey(k: Executor, key: string): Promise<AccountRow | undefined> {
	return k
		.selectFrom('accounts')
		.selectAll()
		.where('handle_key', '=', key)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
}

/** True when a live account has this key or this look-alike skeleton. */
export async function handleInUse(k: Executor, key: string, skeleton: string): Promise<boolean> {
	const row = await k
		.selectFrom('accounts')
		.select('id')
		.where((eb) => eb.or([eb('handle_key', '=', key), eb('handle_skeleton', '=', skeleton)]))
		.executeTakeFirst();
	return !!row;
}

export async function updateAccount(
	k: Executor,
	id: string,
	patch: Updateable<AccountsTable>
): Promise<void> {
	await k.updateTable('accounts').set(patch).where('id', '=', id).execute();
}

// --- Login attempts -----------------------------------------------------------

/** Times of failed logins since `since` for a handle key or an address, oldest first. */
export async function failuresSince(
	k: Executor,
	by: { handleKey: string } | { addressHash: string },
	since: string,
	limit: number
): Promise<string[]> {
	let q = k
		.selectFrom('login_attempts')
		.select('created_at')
		.where('succeeded', '=', 0)
		.where('created_at', '>', since);
	q =
		'handleKey' in by
			? q.where('handle_key', '=', by.handleKey)
			: q.where('address_hash', '=', by.addressHash);
	const rows = await q.orderBy('created_at', 'desc').limit(limit).execute();
	return rows.map((r) => r.created_at).reverse();
}

export async function recordFailure(
	k: Executor,
	handleKey: string,
	addressHash: string,
	at: string
): Promise<void> {
	await k
		.insertInto('login_attempts')
		.values({ handle_key: handleKey, address_hash: addressHash, succeeded: 0, created_at: at })
		.execute();
}

export async function clearFailures(k: Executor, handleKey: string): Promise<void> {
	await k.deleteFrom('login_attempts').where('handle_key', '=', handleKey).execute();
}

export async function pruneAttempts(k: Executor, before: string): Promise<void> {
	await k.deleteFrom('login_attempts').where('created_at', '<', before).execute();
}

export async function attemptsForHandle(
	k: Executor,
	handleKey: string
): Promise<{ created_at: string; succeeded: number }[]> {
	return k
		.selectFrom('login_attempts')
		.select(['created_at', 'succeeded'])
		.where('handle_key', '=', handleKey)
		.orderBy('created_at', 'asc')
		.execute();
}
