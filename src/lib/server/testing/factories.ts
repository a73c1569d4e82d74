/**
 * Test factories (after Outline's `buildUser(overrides)`): real rows, inserted the
 * way the owning feature would leave them, plus a context with a controllable clock.
 * Test-only; features themselves never write each other's tables.
 */
import { DomainError } from '../../domain/errors';
import { handleKey } from '../../domain/handles';
import { newId } from '../../domain/ids';
import type { Actor, Ctx } from '../context';
import type { Db } from '../db';
import type { CreateResourceInput } from '../resources/schemas';
import * as resources from '../resources/service';

/** An account row with no passphrase (it cannot log in), as an actor. */
export async function buildAccount(
	db: Db,
	handle: string,
	over: { isAdmin?: boolean; locale?: string } = {}
): Promise<Actor> {
	const id = newId();
	await db.kysely
		.insertInto('accounts')
		.values({
			id,
			handle,
			handle_key: handleKey(handle),
			handle_skeleton: null,
			passphrase_hash: null,
			email: null,
			locale: over.locale ?? 'en',
			is_admin: over.isAdmin ? 1 : 0,
			created_at: '2026-01-01T00:00:00.000Z',
			deleted_at: null
		})
		.execute();
	return { id, handle, isAdmin: over.isAdmin ?? false };
}

/**
 * A service context whose clock ticks one second per reading (so rows order by time)
 * unless the test sets `clock.t` itself.
 */
export function testCtx(
	db: Db,
	actor: Actor | null = null,
	over: Partial<Ctx> & { start?: Date; tick?: boolean } = {}
): Ctx & { clock: { t: Date } } {
	const clock = { t: over.start ?? new Date('2026-01-01T00:00:00.000Z') };
	const tick = over.tick ?? false;
	return {
		db,
		actor,
		addressHash: 'test-address',
		now: () => {
			const t = clock.t;
			if (tick) clock.t = new Date(t.getTime() + 1000);
			return t;
		},
		clock,
		...over
	};
}

/** The DomainError a promise rejects with; fails the test if it resolves or throws anything else. */
export async function domainErrorOf(p: Promise<unknown>): Promise<DomainError> {
	try {
		await p;
	} catch (e) {
		if (e instanceof DomainError) return e;
		throw e;
	}
	throw new Error('expected a DomainError');
}

/**
 * A resource made through the resources service, as its author would: English, an activity,
 * its title as its body, published unless `over` says otherwise.
 */
export async function buildResource(
	ctx: Ctx,
	libraryId: string,
	title: string,
	license: string,
	over: Partial<CreateResourceInput> = {}
) {
	return resources.createResource(ctx, {
		library_id: libraryId,
		language: 'en',
		title,
		summary: '',
		body: `${title} text.\n`,
		type: 'activity',
		themes: [],
		license,
		authors: ['Circles team'],
		publish: true,
		...over
	});
}
