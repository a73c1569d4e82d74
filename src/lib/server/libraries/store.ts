/**
 * The libraries feature's queries: libraries, their members and their events.
 * Thin Kysely functions over an Executor, so the service can compose them inside
 * one transaction. No rules here; the service decides what is allowed.
 */
import type { Selectable } from 'kysely';
import type { LibraryRole } from '../../domain/libraries';
import type { Executor } from '../db';
import type { EventsTable, LibrariesTable, LibraryMembersTable } from '../db/schema';

export type LibraryRow = Selectable<LibrariesTable>;
export type MemberRow = Selectable<LibraryMembersTable>;
export type EventRow = Selectable<EventsTable>;

export const SUBJECT = 'library';

export async function insertLibrary(k: Executor, row: LibraryRow): Promise<void> {
	await k.insertInto('libraries').values(row).execute();
}

export async function libraryById(k: Executor, id: string): Promise<LibraryRow | undefined> {
	return k.selectFrom('libraries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function libraryBySlug(k: Executor, slug: string): Promise<LibraryRow | undefined> {
	return k.selectFrom('libraries').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/**
 * Reads the library and takes its row lock for the rest of the transaction, by
 * touching `updated_at`. Member changes run one at a time per library this way on
 * both engines (PostgreSQL locks the row; SQLite has one writer), so two curators
 * leaving at once cannot both pass the last-curator check.
 */
export async function lockLibraryBySlug(
	k: Executor,
	slug: string,
	now: string
): Promise<LibraryRow | undefined> {
	return k
		.updateTable('libraries')
		.set({ updated_at: now })
		.where('slug', '=', slug)
		.returningAll()
		.executeTakeFirst();
}

export async function countLibraries(k: Executor): Promise<number> {
	const row = await k
		.selectFrom('libraries')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export type LibraryWithCount = LibraryRow & { member_count: number };

/** Newest first; the id breaks ties so pages never overlap or skip. */
export async function listLibraries(k: Executor, limit: number, offset: number): Promise<LibraryWithCount[]> {
	const rows = await k
		.selectFrom('libraries')
		.selectAll('libraries')
		.select((eb) =>
			eb
				.selectFrom('library_members')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('library_members.library_id', '=', 'libraries.id')
				.as('member_count')
		)
		.orderBy('libraries.created_at', 'desc')
		.orderBy('libraries.id', 'desc')
		.limit(limit)
		.offset(offset)
		.execute();
	return rows.map((r) => ({ ...r, member_count: Number(r.member_count ?? 0) }));
}

export async function setSuspension(
	k: Executor,
	id: string,
	suspension: { at: string; reason: string } | null,
	now: string
): Promise<void> {
	await k
		.updateTable('libraries')
		.set({
			suspended_at: suspension?.at ?? null,
			suspended_reason: suspension?.reason ?? null,
			updated_at: now
		})
		.where('id', '=', id)
		.execute();
}

// --- Members --------------------------------------------------------------

export async function insertMember(k: Executor, row: MemberRow): Promise<void> {
	await k.insertInto('library_members').values(row).execute();
}

export async function findMember(
	k: Executor,
	libraryId: string,
	accountId: string
): Promise<MemberRow | undefined> {
	return k
		.selectFrom('library_members')
		.selectAll()
		.where('library_id', '=', libraryId)
		.where('account_id', '=', accountId)
		.executeTakeFirst();
}

/** Curators first, then by when they joined, so the list reads the same every time. */
export async function listMembers(k: Executor, libraryId: string): Promise<MemberRow[]> {
	const rows = await k
		.selectFrom('library_members')
		.selectAll()
		.where('library_id', '=', libraryId)
		.orderBy('created_at', 'asc')
		.orderBy('account_id', 'asc')
		.execute();
	return [...rows.filter((r) => r.role === 'curator'), ...rows.filter((r) => r.role !== 'curator')];
}

export async function countMembers(k: Executor, libraryId: string): Promise<number> {
	const row = await k
		.selectFrom('library_members')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('library_id', '=', libraryId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function countCurators(k: Executor, libraryId: string): Promise<number> {
	const row = await k
		.selectFrom('library_members')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('library_id', '=', libraryId)
		.where('role', '=', 'curator')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function updateMemberRole(
	k: Executor,
	libraryId: string,
	accountId: string,
	role: LibraryRole
): Promise<void> {
	await k
		.updateTable('library_members')
		.set({ role })
		.where('library_id', '=', libraryId)
		.where('account_id', '=', accountId)
		.execute();
}

export async function deleteMember(k: Executor, libraryId: string, accountId: string): Promise<void> {
	await k
		.deleteFrom('library_members')
		.where('library_id', '=', libraryId)
		.where('account_id', '=', accountId)
		.execute();
}

/** One account's memberships with the library's public names, for "download my data" and deletion. */
export async function membershipsOfAccount(
	k: Executor,
	accountId: string
): Promise<(MemberRow & { slug: string; name: string; suspended_at: string | null })[]> {
	return k
		.selectFrom('library_members')
		.innerJoin('libraries', 'libraries.id', 'library_members.library_id')
		.selectAll('library_members')
		.select(['libraries.slug', 'libraries.name', 'libraries.suspended_at'])
		.where('library_members.account_id', '=', accountId)
		.orderBy('library_members.created_at', 'asc')
		.execute();
}

// --- Events ---------------------------------------------------------------

export async function insertEvent(k: Executor, row: EventRow): Promise<void> {
	await k.insertInto('events').values(row).execute();
}

/** A library's history, newest first (ids are UUIDv7, so they sort by time within a timestamp). */
export async function listEvents(k: Executor, libraryId: string, limit: number): Promise<EventRow[]> {
	return k
		.selectFrom('events')
		.selectAll()
		.where('subject_type', '=', SUBJECT)
		.where('subject_id', '=', libraryId)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}
