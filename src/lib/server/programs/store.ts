/**
 * The programs feature's queries. Thin Kysely functions over an Executor so the service
 * composes them inside one transaction; no rules here.
 */
import type { Selectable } from 'kysely';
import type { Executor } from '../db';
import type {
	EventsTable,
	ProgramAuthorsTable,
	ProgramInvitationsTable,
	ProgramVersionsTable,
	ProgramsTable
} from '../db/schema';

export type ProgramRow = Selectable<ProgramsTable>;
export type VersionRow = Selectable<ProgramVersionsTable>;
export type AuthorRow = Selectable<ProgramAuthorsTable>;
export type InvitationRow = Selectable<ProgramInvitationsTable>;
export type EventRow = Selectable<EventsTable>;

export const SUBJECT = 'program';

export async function programById(k: Executor, id: string): Promise<ProgramRow | undefined> {
	return k.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertProgram(k: Executor, row: ProgramRow): Promise<void> {
	await k.insertInto('programs').values(row).execute();
}

/** Moves the head only if it is still where the caller read it, so a lost race is noticed. */
export async function moveHead(
	k: Executor,
	id: string,
	from: string,
	to: { head_version_id: string; head_number: number; title: string; format: string; updated_at: string }
): Promise<boolean> {
	const r = await k
		.updateTable('programs')
		.set(to)
		.where('id', '=', id)
		.where('head_version_id', '=', from)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function setVisibility(
	k: Executor,
	id: string,
	visibility: ProgramRow['visibility'],
	at: string
): Promise<void> {
	await k.updateTable('programs').set({ visibility, updated_at: at }).where('id', '=', id).execute();
}

export async function insertVersion(k: Executor, row: VersionRow): Promise<void> {
	await k.insertInto('program_versions').values(row).execute();
}

export async function versionById(k: Executor, id: string): Promise<VersionRow | undefined> {
	return k.selectFrom('program_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function versionsByIds(k: Executor, ids: string[]): Promise<VersionRow[]> {
	if (ids.length === 0) return [];
	return k.selectFrom('program_versions').selectAll().where('id', 'in', ids).execute();
}

export async function versionByNumber(
	k: Executor,
	programId: string,
	n: number
): Promise<VersionRow | undefined> {
	return k
		.selectFrom('program_versions')
		.selectAll()
		.where('program_id', '=', programId)
		.where('number', '=', n)
		.executeTakeFirst();
}

/** Newest first, without the content. */
export async function listVersions(k: Executor, programId: string) {
	return k
		.selectFrom('program_versions')
		.select(['id', 'number', 'change_note', 'author_id', 'created_at'])
		.where('program_id', '=', programId)
		.orderBy('number', 'desc')
		.execute();
}

export async function authorsOf(k: Executor, programId: string): Promise<AuthorRow[]> {
	return k
		.selectFrom('program_authors')
		.selectAll()
		.where('program_id', '=', programId)
		.orderBy('joined_at')
		.orderBy('account_id')
		.execute();
}

export async function insertAuthor(k: Executor, row: AuthorRow): Promise<void> {
	await k.insertInto('program_authors').values(row).execute();
}

export async function removeAuthor(k: Executor, programId: string, accountId: string): Promise<void> {
	await k
		.deleteFrom('program_authors')
		.where('program_id', '=', programId)
		.where('account_id', '=', accountId)
		.execute();
}

export async function openInvitation(
	k: Executor,
	programId: string,
	accountId: string
): Promise<InvitationRow | undefined> {
	return k
		.selectFrom('program_invitations')
		.selectAll()
		.where('open_key', '=', `${programId}:${accountId}`)
		.executeTakeFirst();
}

export async function invitationsFor(k: Executor, accountId: string): Promise<InvitationRow[]> {
	return k
		.selectFrom('program_invitations')
		.selectAll()
		.where('account_id', '=', accountId)
		.where('status', '=', 'open')
		.orderBy('created_at', 'desc')
		.execute();
}

export async function insertInvitation(k: Executor, row: InvitationRow): Promise<void> {
	await k.insertInto('program_invitations').values(row).execute();
}

export async function closeInvitation(
	k: Executor,
	id: string,
	status: 'accepted' | 'declined',
	at: string
): Promise<void> {
	await k
		.updateTable('program_invitations')
		.set({ status, closed_at: at, open_key: null })
		.where('id', '=', id)
		.execute();
}

/** Programs an account co-authors, newest change first. */
export async function programsOfAuthor(k: Executor, accountId: string, limit: number): Promise<ProgramRow[]> {
	return k
		.selectFrom('programs')
		.innerJoin('program_authors', 'program_authors.program_id', 'programs.id')
		.selectAll('programs')
		.where('program_authors.account_id', '=', accountId)
		.orderBy('programs.updated_at', 'desc')
		.orderBy('programs.id', 'desc')
		.limit(limit)
		.execute();
}

export async function publicPrograms(k: Executor, limit: number, offset: number) {
	const [rows, total] = await Promise.all([
		k
			.selectFrom('programs')
			.selectAll()
			.where('visibility', '=', 'public')
			.orderBy('updated_at', 'desc')
			.orderBy('id', 'desc')
			.limit(limit)
			.offset(offset)
			.execute(),
		k
			.selectFrom('programs')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('visibility', '=', 'public')
			.executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(total.n) };
}

/**
 * Remixes of a program that a viewer may know about: public ones, and those the viewer
 * co-authors. Private and unlisted remixes of others are never counted.
 */
export async function visibleForks(
	k: Executor,
	programId: string,
	viewerId: string | null
): Promise<ProgramRow[]> {
	return k
		.selectFrom('programs')
		.selectAll()
		.where('forked_from_program', '=', programId)
		.where((eb) =>
			eb.or([
				eb('visibility', '=', 'public'),
				...(viewerId
					? [
							eb(
								'id',
								'in',
								eb.selectFrom('program_authors').select('program_id').where('account_id', '=', viewerId)
							)
						]
					: [])
			])
		)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
}

export async function insertEvent(k: Executor, row: EventRow): Promise<void> {
	await k.insertInto('events').values(row).execute();
}

export async function listEvents(k: Executor, programId: string, limit: number): Promise<EventRow[]> {
	return k
		.selectFrom('events')
		.selectAll()
		.where('subject_type', '=', SUBJECT)
		.where('subject_id', '=', programId)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}
