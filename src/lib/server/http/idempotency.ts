/**
 * Replayable writes. A create sent with an Idempotency-Key is recorded with a hash
 * of its request; a replay with the same key and request gets the first answer
 * back without writing again; the same key with another request is refused.
 * The key is claimed with an insert before the write, so two concurrent replays
 * cannot both write (the second sees the claim and is told to retry).
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/errors';
import type { Db, Executor } from '../db';

export interface StoredResponse {
	status: number;
	body: string;
}

const SECRET_FIELD = /pass|secret|token/i;

/**
 * What identifies a request. Secret fields (a sign-up's passphrase) are left out:
 * a fast hash of them in this table could be brute-forced, and a replay is still
 * recognised by everything else it carries (the client id, the handle).
 */
export function requestHash(method: string, path: string, body: string): string {
	let canonical = body;
	try {
		const value: unknown = JSON.parse(body);
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			canonical = JSON.stringify(
				Object.fromEntries(Object.entries(value).filter(([k]) => !SECRET_FIELD.test(k)))
			);
		}
	} catch {
		// Not JSON: hash it as it came.
	}
	return createHash('sha256').update(`${method}\n${path}\n${canonical}`).digest('hex');
}

/** Forgets every stored answer of one scope (an account being deleted). */
export async function forgetIdempotencyScope(db: Executor, scope: string): Promise<void> {
	await db.deleteFrom('idempotency_keys').where('scope', '=', scope).execute();
}

const isUniqueViolation = (e: unknown) =>
	e instanceof Error &&
	(/UNIQUE constraint failed|PRIMARY KEY/i.test(e.message) || (e as { code?: string }).code === '23505');

export async function withIdempotency(
	db: Db,
	scope: string,
	key: string,
	hash: string,
	now: Date,
	write: () => Promise<StoredResponse>
): Promise<StoredResponse & { replayed: boolean }> {
	try {
		await db.kysely
			.insertInto('idempotency_keys')
			.values({
				scope,
				key,
				request_hash: hash,
				status: null,
				response_body: null,
				created_at: now.toISOString()
			})
			.execute();
	} catch (e) {
		if (!isUniqueViolation(e)) throw e;
		const prior = await db.kysely
			.selectFrom('idempotency_keys')
			.selectAll()
			.where('scope', '=', scope)
			.where('key', '=', key)
			.executeTakeFirst();
		if (!prior) throw e;
		if (prior.request_hash !== hash) throw new DomainError('conflict', 'error_idempotency_mismatch');
		if (prior.status === null || prior.response_body === null) {
			throw new DomainError('conflict', 'error_idempotency_in_progress', { retryAfter: 1 });
		}
		return { status: prior.status, body: prior.response_body, replayed: true };
	}
	let result: StoredResponse;
	try {
		result = await write();
	} catch (e) {
		// The write did not happen: free the key so a corrected retry can use it.
		await db.kysely
			.deleteFrom('idempotency_keys')
			.where('scope', '=', scope)
			.where('key', '=', key)
			.execute();
		throw e;
	}
	await db.kysely
		.updateTable('idempotency_keys')
		.set({ status: result.status, response_body: result.body })
		.where('scope', '=', scope)
		.where('key', '=', key)
		.execute();
	return { ...result, replayed: false };
}

/** Keys older than this are forgotten by `pruneIdempotencyKeys` (offline clients replay within days). */
export const IDEMPOTENCY_TTL_DAYS = 30;

export async function pruneIdempotencyKeys(db: Db, now: Date): Promise<void> {
	const cutoff = new Date(now.getTime() - IDEMPOTENCY_TTL_DAYS * 86_400_000).toISOString();
	await db.kysely.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).execute();
}
