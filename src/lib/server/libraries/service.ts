/**
 * Library use cases: create, read, list, invite and manage members, suspend.
 * Every write checks the domain policy, runs in one transaction and appends an
 * event, because stewardship is visible to all ("circular, not hierarchical").
 * Accounts are reached only through the accounts directory.
 */
import { DomainError, notFound, unauthenticated } from '../../domain/errors';
import { newId } from '../../domain/ids';
import {
	decide,
	deriveSlug,
	lastCuratorIssue,
	slugIssue,
	withSuffix,
	type Decision,
	type LibraryAction,
	type LibraryRole
} from '../../domain/libraries';
import type { MessageKey, MessageParams } from '../../i18n/keys';
import { findAccountByHandle, publicAccounts } from '../accounts/directory';
import { nowIso, type Actor, type Ctx } from '../context';
import type { Executor } from '../db';
import { parseOrThrow } from '../http/validation';
import {
	libraryDescription,
	libraryName,
	type AddMemberInput,
	type CreateLibraryInput,
	type ListQuery
} from './schemas';
import * as store from './store';

// --- What the service returns ---------------------------------------------

export interface LibrarySummary {
	id: string;
	slug: string;
	name: string;
	description: string;
	created_at: string;
	member_count: number;
	suspended: boolean;
	suspended_at: string | null;
	suspended_reason: string | null;
}

export interface MemberView {
	/** null when the account was deleted: show "former member". */
	handle: string | null;
	role: LibraryRole;
	joined_at: string;
}

/** Someone named in the history: null for the instance itself (seed, import), handle null for a former member. */
export type PersonRef = { handle: string | null } | null;

export type LibraryEventAction =
	| 'created'
	| 'member_added'
	| 'member_role_changed'
	| 'member_removed'
	| 'member_left'
	| 'suspended'
	| 'suspension_lifted';

export interface LibraryEventView {
	id: string;
	action: LibraryEventAction;
	at: string;
	actor: PersonRef;
	/** The member the event is about, for member events. */
	member: PersonRef;
	role?: LibraryRole;
	from_role?: LibraryRole;
	reason?: string;
	/** Why the instance acted on its own, e.g. `account_deleted`. */
	cause?: string;
}

export interface ViewerRights {
	role: LibraryRole | null;
	addMember: boolean;
	changeRole: boolean;
	removeMember: boolean;
	leave: boolean;
	suspend: boolean;
	liftSuspension: boolean;
}

export interface LibraryDetail extends LibrarySummary {
	members: MemberView[];
	events: LibraryEventView[];
	viewer: ViewerRights;
}

export interface LibraryPage {
	total: number;
	page: number;
	per_page: number;
	items: LibrarySummary[];
}

const HISTORY_LIMIT = 100;

// --- Helpers ---------------------------------------------------------------

function summary(row: store.LibraryRow, memberCount: number): LibrarySummary {
	return {
		id: row.id,
		slug: row.slug,
		name: row.name,
		description: row.description,
		created_at: row.created_at,
		member_count: memberCount,
		suspended: row.suspended_at !== null,
		suspended_at: row.suspended_at,
		suspended_reason: row.suspended_reason
	};
}

function enforce(decision: Decision): void {
	if (decision.ok) return;
	if (decision.kind === 'unauthenticated') throw unauthenticated();
	throw new DomainError(decision.kind, decision.reason);
}

function requireActor(ctx: Ctx): Actor {
	if (!ctx.actor) throw unauthenticated();
	return ctx.actor;
}

const policyLibrary = (row: store.LibraryRow) => ({ suspended: row.suspended_at !== null });

const libraryNotFound = () => notFound('library_not_found');

/**
 * Slugs and handles arrive from URLs too. Anything that cannot be one (a NUL byte,
 * which PostgreSQL refuses outright, or a 10 kB paste) is simply not found, rather
 * than reaching the database.
 */
const lookupSlug = (slug: string) => (/^[a-z0-9-]{1,64}$/.test(slug) ? slug : '');
const lookupHandle = (handle: string) => {
	const h = handle.replace(/^@/, '');
	return h.length <= 64 && !/\p{Cc}/u.test(h) ? h : '';
};

/** An error that also points at a form field, so the form shows it beside the input. */
function fieldError(
	kind: 'invalid' | 'conflict' | 'not_found',
	field: string,
	key: MessageKey,
	params: MessageParams = {}
): DomainError {
	return new DomainError(kind, key, { params, fields: [{ field, message: key, params }] });
}

const isUniqueViolation = (e: unknown) =>
	e instanceof Error &&
	(/UNIQUE constraint failed/i.test(e.message) || (e as { code?: string }).code === '23505');

/** Appends to a library's public history, in the caller's transaction. */
async function event(
	k: Executor,
	ctx: Ctx,
	libraryId: string,
	action: LibraryEventAction,
	data: Record<string, string>
): Promise<void> {
	await insertEvent(k, libraryId, ctx.actor?.id ?? null, action, data, nowIso(ctx));
}

async function insertEvent(
	k: Executor,
	libraryId: string,
	actorId: string | null,
	action: LibraryEventAction,
	data: Record<string, string>,
	at: string
): Promise<void> {
	await store.insertEvent(k, {
		id: newId(),
		subject_type: store.SUBJECT,
		subject_id: libraryId,
		actor_id: actorId,
		action,
		data: JSON.stringify(data),
		created_at: at
	});
}

/** Runs a member change on the locked library row, after the policy allows it. */
async function withLockedLibrary<T>(
	ctx: Ctx,
	slug: string,
	action: LibraryAction,
	run: (
		trx: Executor,
		library: store.LibraryRow,
		actor: Actor,
		own: store.MemberRow | undefined
	) => Promise<T>
): Promise<T> {
	const actor = requireActor(ctx);
	return ctx.db.kysely.transaction().execute(async (trx) => {
		const library = await store.lockLibraryBySlug(trx, lookupSlug(slug), nowIso(ctx));
		if (!library) throw libraryNotFound();
		const own = await store.findMember(trx, library.id, actor.id);
		enforce(decide(actor, action, policyLibrary(library), own ?? null));
		return run(trx, library, actor, own);
	});
}

async function targetMember(
	trx: Executor,
	libraryId: string,
	handle: string
): Promise<{ account: { id: string; handle: string | null }; member: store.MemberRow }> {
	const account = await findAccountByHandle(trx, lookupHandle(handle));
	const member = account ? await store.findMember(trx, libraryId, account.id) : undefined;
	if (!account || !member) throw fieldError('not_found', 'handle', 'library_member_not_found', { handle });
	return { account, member };
}

// --- Use cases ---------------------------------------------------------------

/**
 * Anyone signed in may create a library and becomes its first curator. A client-made
 * id that already names a library this person created returns that library (an
 * offline client replaying its create), without writing again.
 */
export async function createLibrary(ctx: Ctx, input: CreateLibraryInput): Promise<LibrarySummary> {
	const actor = requireActor(ctx);
	enforce(decide(actor, 'create', null, null));
	const id = input.id ?? newId();
	const now = nowIso(ctx);
	const replay = async (k: Executor) => {
		const existing = await store.libraryById(k, id);
		if (!existing) return undefined;
		if (existing.created_by !== actor.id) throw fieldError('conflict', 'id', 'library_id_taken');
		return summary(existing, await store.countMembers(k, id));
	};
	try {
		return await ctx.db.kysely.transaction().execute(async (trx) => {
			const replayed = await replay(trx);
			if (replayed) return replayed;
			let slug: string;
			if (input.slug) {
				slug = input.slug;
				if (await store.libraryBySlug(trx, slug)) {
					throw fieldError('conflict', 'slug', 'library_slug_taken', { slug });
				}
			} else {
				// A derived address that is taken gets a short suffix rather than an error:
				// the person did not choose it, so they should not have to fix it.
				slug = deriveSlug(input.name, id);
				if (await store.libraryBySlug(trx, slug)) slug = withSuffix(slug, id);
				if (await store.libraryBySlug(trx, slug)) {
					throw fieldError('conflict', 'slug', 'library_slug_taken', { slug });
				}
			}
			const row: store.LibraryRow = {
				id,
				slug,
				name: input.name,
				description: input.description ?? '',
				created_by: actor.id,
				created_at: now,
				updated_at: now,
				suspended_at: null,
				suspended_reason: null
			};
			await store.insertLibrary(trx, row);
			await store.insertMember(trx, {
				library_id: id,
				account_id: actor.id,
				role: 'curator',
				added_by: actor.id,
				created_at: now
			});
			await event(trx, ctx, id, 'created', { slug });
			return summary(row, 1);
		});
	} catch (e) {
		if (!isUniqueViolation(e)) throw e;
		// A concurrent create won the race: the same id is a replay, otherwise the slug was taken.
		const replayed = await replay(ctx.db.kysely);
		if (replayed) return replayed;
		throw fieldError('conflict', 'slug', 'library_slug_taken', { slug: input.slug ?? '' });
	}
}

export async function listLibraries(ctx: Ctx, query: ListQuery): Promise<LibraryPage> {
	const k = ctx.db.kysely;
	const total = await store.countLibraries(k);
	const rows = await store.listLibraries(k, query.per_page, (query.page - 1) * query.per_page);
	return {
		total,
		page: query.page,
		per_page: query.per_page,
		items: rows.map((r) => summary(r, r.member_count))
	};
}

export async function countLibraries(ctx: Pick<Ctx, 'db'>): Promise<number> {
	return store.countLibraries(ctx.db.kysely);
}

function parseData(raw: string): Record<string, string> {
	try {
		const v: unknown = JSON.parse(raw);
		if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
		return Object.fromEntries(
			Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string')
		);
	} catch {
		return {};
	}
}

const asRole = (v: string | undefined): LibraryRole | undefined =>
	v === 'curator' || v === 'contributor' ? v : undefined;

/** The library page: the library, its members, its public history and what the viewer may do. */
export async function getLibrary(ctx: Ctx, slug: string): Promise<LibraryDetail> {
	const k = ctx.db.kysely;
	const row = await store.libraryBySlug(k, lookupSlug(slug));
	if (!row) throw libraryNotFound();
	const [memberRows, eventRows] = await Promise.all([
		store.listMembers(k, row.id),
		store.listEvents(k, row.id, HISTORY_LIMIT)
	]);
	const events = eventRows.map((e) => ({ row: e, data: parseData(e.data) }));
	const ids = [
		...memberRows.map((m) => m.account_id),
		...events.flatMap((e) => [e.row.actor_id, e.data.account_id]).filter((x): x is string => !!x)
	];
	const people = await publicAccounts(k, ids);
	const person = (id: string | null | undefined): PersonRef =>
		id ? { handle: people.get(id)?.handle ?? null } : null;

	const actor = ctx.actor;
	const own = actor ? memberRows.find((m) => m.account_id === actor.id) : undefined;
	const lib = policyLibrary(row);
	const may = (a: LibraryAction) => decide(actor, a, lib, own ?? null).ok;

	return {
		...summary(row, memberRows.length),
		members: memberRows.map((m) => ({
			handle: people.get(m.account_id)?.handle ?? null,
			role: m.role,
			joined_at: m.created_at
		})),
		events: events.map(({ row: e, data }) => ({
			id: e.id,
			action: e.action as LibraryEventAction,
			at: e.created_at,
			actor: person(e.actor_id),
			member: person(data.account_id),
			...(asRole(data.role) ? { role: asRole(data.role) } : {}),
			...(asRole(data.from_role) ? { from_role: asRole(data.from_role) } : {}),
			...(data.reason ? { reason: data.reason } : {}),
			...(data.cause ? { cause: data.cause } : {})
		})),
		viewer: {
			role: own?.role ?? null,
			addMember: may('add_member'),
			changeRole: may('change_role'),
			removeMember: may('remove_member'),
			leave: may('leave'),
			suspend: may('suspend'),
			liftSuspension: may('lift_suspension')
		}
	};
}

/** A curator adds someone by handle, as curator or contributor. */
export async function addMember(ctx: Ctx, slug: string, input: AddMemberInput): Promise<MemberView> {
	return withLockedLibrary(ctx, slug, 'add_member', async (trx, library, actor) => {
		const account = await findAccountByHandle(trx, lookupHandle(input.handle));
		if (!account) {
			throw fieldError('invalid', 'handle', 'library_member_unknown_handle', { handle: input.handle });
		}
		if (await store.findMember(trx, library.id, account.id)) {
			throw fieldError('conflict', 'handle', 'library_already_member', {
				handle: account.handle ?? input.handle
			});
		}
		const now = nowIso(ctx);
		await store.insertMember(trx, {
			library_id: library.id,
			account_id: account.id,
			role: input.role,
			added_by: actor.id,
			created_at: now
		});
		await event(trx, ctx, library.id, 'member_added', { account_id: account.id, role: input.role });
		return { handle: account.handle, role: input.role, joined_at: now };
	});
}

/** A curator changes a member's role; the last curator cannot be made a contributor. */
export async function changeMemberRole(
	ctx: Ctx,
	slug: string,
	handle: string,
	role: LibraryRole
): Promise<MemberView> {
	return withLockedLibrary(ctx, slug, 'change_role', async (trx, library) => {
		const { account, member } = await targetMember(trx, library.id, handle);
		if (member.role === role) return { handle: account.handle, role, joined_at: member.created_at };
		const issue = lastCuratorIssue(member.role, role, await store.countCurators(trx, library.id));
		if (issue) throw new DomainError('conflict', issue);
		await store.updateMemberRole(trx, library.id, account.id, role);
		await event(trx, ctx, library.id, 'member_role_changed', {
			account_id: account.id,
			from_role: member.role,
			role
		});
		return { handle: account.handle, role, joined_at: member.created_at };
	});
}

/**
 * A curator removes a member. Naming yourself is leaving, which anyone may do,
 * so the API's DELETE on your own handle works for contributors too.
 */
export async function removeMember(ctx: Ctx, slug: string, handle: string): Promise<void> {
	const actor = requireActor(ctx);
	const self = await findAccountByHandle(ctx.db.kysely, lookupHandle(handle));
	if (self && self.id === actor.id) return leaveLibrary(ctx, slug);
	await withLockedLibrary(ctx, slug, 'remove_member', async (trx, library) => {
		const { account, member } = await targetMember(trx, library.id, handle);
		const issue = lastCuratorIssue(member.role, null, await store.countCurators(trx, library.id));
		if (issue) throw new DomainError('conflict', issue);
		await store.deleteMember(trx, library.id, account.id);
		await event(trx, ctx, library.id, 'member_removed', { account_id: account.id, role: member.role });
	});
}

/** Anyone may leave a library, except its last curator. */
export async function leaveLibrary(ctx: Ctx, slug: string): Promise<void> {
	await withLockedLibrary(ctx, slug, 'leave', async (trx, library, actor, own) => {
		if (!own) throw new DomainError('conflict', 'library_not_a_member');
		const issue = lastCuratorIssue(own.role, null, await store.countCurators(trx, library.id));
		if (issue) throw new DomainError('conflict', issue);
		await store.deleteMember(trx, library.id, actor.id);
		await event(trx, ctx, library.id, 'member_left', { account_id: actor.id, role: own.role });
	});
}

/** The instance administrator suspends a library, with a reason everyone can read. */
export async function suspendLibrary(ctx: Ctx, slug: string, reason: string): Promise<LibrarySummary> {
	const actor = requireActor(ctx);
	return ctx.db.kysely.transaction().execute(async (trx) => {
		const library = await store.lockLibraryBySlug(trx, lookupSlug(slug), nowIso(ctx));
		if (!library) throw libraryNotFound();
		enforce(decide(actor, 'suspend', policyLibrary(library), null));
		const at = nowIso(ctx);
		await store.setSuspension(trx, library.id, { at, reason }, at);
		await event(trx, ctx, library.id, 'suspended', { reason });
		return summary(
			{ ...library, suspended_at: at, suspended_reason: reason, updated_at: at },
			await store.countMembers(trx, library.id)
		);
	});
}

export async function liftSuspension(ctx: Ctx, slug: string): Promise<LibrarySummary> {
	const actor = requireActor(ctx);
	return ctx.db.kysely.transaction().execute(async (trx) => {
		const library = await store.lockLibraryBySlug(trx, lookupSlug(slug), nowIso(ctx));
		if (!library) throw libraryNotFound();
		enforce(decide(actor, 'lift_suspension', policyLibrary(library), null));
		const at = nowIso(ctx);
		await store.setSuspension(trx, library.id, null, at);
		await event(trx, ctx, library.id, 'suspension_lifted', {});
		return summary(
			{ ...library, suspended_at: null, suspended_reason: null, updated_at: at },
			await store.countMembers(trx, library.id)
		);
	});
}

/**
 * Makes sure a library with this slug exists (for `circles seed` and imports):
 * creates it the first time, returns the existing one after, never changes it.
 * The actor, when there is one, becomes its curator; without one (the CLI) the
 * library starts with no members and its creation is recorded as the instance's.
 */
export async function ensureLibrary(
	ctx: Ctx,
	input: { slug: string; name: string; description?: string }
): Promise<{ library: LibrarySummary; created: boolean }> {
	const issue = slugIssue(input.slug);
	if (issue) throw fieldError('invalid', 'slug', issue);
	const name = parseOrThrow(libraryName, input.name);
	const description = parseOrThrow(libraryDescription, input.description ?? '') ?? '';
	const find = async (k: Executor) => {
		const row = await store.libraryBySlug(k, input.slug);
		return row ? summary(row, await store.countMembers(k, row.id)) : undefined;
	};
	const existing = await find(ctx.db.kysely);
	if (existing) return { library: existing, created: false };
	const id = newId();
	const now = nowIso(ctx);
	const actorId = ctx.actor?.id ?? null;
	try {
		const library = await ctx.db.kysely.transaction().execute(async (trx) => {
			const row: store.LibraryRow = {
				id,
				slug: input.slug,
				name,
				description,
				created_by: actorId,
				created_at: now,
				updated_at: now,
				suspended_at: null,
				suspended_reason: null
			};
			await store.insertLibrary(trx, row);
			if (actorId) {
				await store.insertMember(trx, {
					library_id: id,
					account_id: actorId,
					role: 'curator',
					added_by: actorId,
					created_at: now
				});
			}
			await event(trx, ctx, id, 'created', { slug: input.slug });
			return summary(row, actorId ? 1 : 0);
		});
		return { library, created: true };
	} catch (e) {
		// Two seeders at once: the other one created it, which is what we wanted.
		const raced = isUniqueViolation(e) ? await find(ctx.db.kysely) : undefined;
		if (raced) return { library: raced, created: false };
		throw e;
	}
}

/** The API's form of a library with its members. */
export async function getLibraryWithMembers(
	ctx: Ctx,
	slug: string
): Promise<LibrarySummary & { members: MemberView[] }> {
	const d = await getLibrary(ctx, slug);
	return {
		id: d.id,
		slug: d.slug,
		name: d.name,
		description: d.description,
		created_at: d.created_at,
		member_count: d.member_count,
		suspended: d.suspended,
		suspended_at: d.suspended_at,
		suspended_reason: d.suspended_reason,
		members: d.members
	};
}

// --- For the accounts feature ---------------------------------------------

export interface MembershipExport {
	library_slug: string;
	library_name: string;
	role: LibraryRole;
	joined_at: string;
}

/** "Download my data": the libraries this account belongs to and in which role. */
export async function exportMemberships(k: Executor, accountId: string): Promise<MembershipExport[]> {
	const rows = await store.membershipsOfAccount(k, accountId);
	return rows.map((r) => ({
		library_slug: r.slug,
		library_name: r.name,
		role: r.role,
		joined_at: r.created_at
	}));
}

/**
 * Deleting an account: its memberships go in the same transaction, each recorded
 * as the member leaving (shown as "former member"). When it was a library's last
 * curator, the longest-standing remaining member becomes curator, so no library
 * is left without someone to look after it.
 */
export async function removeMembershipsOfAccount(trx: Executor, accountId: string, now: Date): Promise<void> {
	const at = now.toISOString();
	for (const m of await store.membershipsOfAccount(trx, accountId)) {
		const curatorsBefore = m.role === 'curator' ? await store.countCurators(trx, m.library_id) : 0;
		await store.deleteMember(trx, m.library_id, accountId);
		await insertEvent(
			trx,
			m.library_id,
			accountId,
			'member_left',
			{
				account_id: accountId,
				role: m.role,
				cause: 'account_deleted'
			},
			at
		);
		if (m.role === 'curator' && curatorsBefore === 1) {
			// No curator remains, so listMembers' order is simply "longest-standing first".
			const [next] = await store.listMembers(trx, m.library_id);
			if (next) {
				await store.updateMemberRole(trx, m.library_id, next.account_id, 'curator');
				await insertEvent(
					trx,
					m.library_id,
					null,
					'member_role_changed',
					{
						account_id: next.account_id,
						from_role: next.role,
						role: 'curator',
						cause: 'last_curator_left'
					},
					at
				);
			}
		}
	}
}

// --- For other features (resources) ----------------------------------------

/** What another feature needs to know about a library: which one, and whether it takes writes. */
export interface LibraryRef {
	id: string;
	slug: string;
	name: string;
	suspended: boolean;
}

const refOf = (row: store.LibraryRow): LibraryRef => ({
	id: row.id,
	slug: row.slug,
	name: row.name,
	suspended: row.suspended_at !== null
});

/** A library by id and the account's role in it (null when not a member, or no account); undefined when no such library. */
export async function membershipOf(
	k: Executor,
	libraryId: string,
	accountId: string | null
): Promise<{ library: LibraryRef; role: LibraryRole | null } | undefined> {
	const row = await store.libraryById(k, libraryId);
	if (!row) return undefined;
	const member = accountId ? await store.findMember(k, libraryId, accountId) : undefined;
	return { library: refOf(row), role: member?.role ?? null };
}

/** A library by its slug (from a URL), or undefined. */
export async function libraryRefBySlug(k: Executor, slug: string): Promise<LibraryRef | undefined> {
	const row = await store.libraryBySlug(k, lookupSlug(slug));
	return row ? refOf(row) : undefined;
}

export type MemberLibrary = LibraryRef & { role: LibraryRole };

/** The libraries an account belongs to, with its role in each, oldest membership first. */
export async function librariesOf(k: Executor, accountId: string): Promise<MemberLibrary[]> {
	return (await store.membershipsOfAccount(k, accountId)).map((m) => ({
		id: m.library_id,
		slug: m.slug,
		name: m.name,
		suspended: m.suspended_at !== null,
		role: m.role
	}));
}

/** Whether the account is a curator of any library (curators may extend the shared theme taxonomy). */
export async function isCuratorAnywhere(k: Executor, accountId: string): Promise<boolean> {
	return (await store.membershipsOfAccount(k, accountId)).some((m) => m.role === 'curator');
}
