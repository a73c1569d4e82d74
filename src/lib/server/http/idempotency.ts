/**
 * Replayable writes. A create sent with an Idempotency-Key is recorded with a hash
 * of its request; a replay with the same key and request gets the first answer
 * back without writing again; the same key with another request is refused.
 * The key is claimed with an insert before the write, so two concurrent replays
 * cannot both write (the second sees the claim and is told to retry).
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/errors';
import type { Db } from '../db';

export interface StoredResponse {
	status: number;
	body: string;
}

export function requestHash(method: string, path: string, body: string): string {
	return createHash('sha256').update(`${method}\n${path}\n${body}`).digest('hex');
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
