import fs from 'node:fs';
import path from 'node:path';
import { buildAccount, domainErrorOf } from '../testing/factories';
import { expect, it } from 'vitest';
import { DomainError } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { Actor, Ctx } from '../context';
import type { Db } from '../db';
import { describeEachDialect } from '../db/testing';
import { parseOrThrow } from '../http/validation';
import { createLibraryBody, createLibraryForm, listQuery } from './schemas';
import * as libraries from './service';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/hostile-input');
const fixtureLines = (file: string) =>
	fs
		.readFileSync(path.join(FIXTURES, file), 'utf8')
		.split('\n')
		.filter((l, i, all) => i < all.length - 1 || l !== '');

const account = (db: Db, handle: string, isAdmin = false) => buildAccount(db, handle, { isAdmin });

let tick = 0;
function ctxFor(db: Db, actor: Actor | null): Ctx {
	// Each call moves the clock on a second, so events and rows order by time.
	return { db, actor, addressHash: 'test', now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)) };
}

const create = async (ctx: Ctx, input: Record<string, unknown>) =>
	libraries.createLibrary(ctx, parseOrThrow(createLibraryForm, input));

const rejection = domainErrorOf;

async function events(db: Db, libraryId: string) {
	return db.kysely
		.selectFrom('events')
		.selectAll()
		.where('subject_type', '=', 'library')
		.where('subject_id', '=', libraryId)
		.orderBy('created_at')
		.execute();
}

describeEachDialect('libraries service', ({ db }) => {
	it('creates a library with its creator as curator and an event, in one go', async () => {
		const amina = await account(db(), 'amina');
		const lib = await create(ctxFor(db(), amina), {
			name: 'Mutual Aid Library',
			description: 'Handouts and guides.'
		});
		expect(lib).toMatchObject({ slug: 'mutual-aid-library', member_count: 1, suspended: false });
		const detail = await libraries.getLibrary(ctxFor(db(), null), 'mutual-aid-library');
		expect(detail.members).toEqual([{ handle: 'amina', role: 'curator', joined_at: expect.any(String) }]);
		expect(detail.description).toBe('Handouts and guides.');
		const evs = await events(db(), lib.id);
		expect(evs).toHaveLength(1);
		expect(evs[0]).toMatchObject({ action: 'created', actor_id: amina.id });
		expect(detail.events[0]).toMatchObject({ action: 'created', actor: { handle: 'amina' } });
	});

	it('refuses anonymous creates', async () => {
		const e = await rejection(create(ctxFor(db(), null), { name: 'x y' }));
		expect(e.kind).toBe('unauthenticated');
	});

	it('derives addresses: Latin names, other scripts, taken and reserved', async () => {
		const a = await account(db(), 'a');
		const ctx = ctxFor(db(), a);
		expect((await create(ctx, { name: 'Écoles du Sud' })).slug).toBe('ecoles-du-sud');
		const arabic = await create(ctx, { name: 'مكتبة التضامن' });
		expect(arabic.slug).toMatch(/^library-[0-9a-f]{8}$/);
		expect(arabic.name).toBe('مكتبة التضامن');
		const again = await create(ctx, { name: 'Ecoles du sud' });
		expect(again.slug).toMatch(/^ecoles-du-sud-[0-9a-f]{6}$/);
		expect((await create(ctx, { name: 'Admin' })).slug).toMatch(/^admin-[0-9a-f]{6}$/);
	});

	it('refuses a chosen address that is taken or reserved, with a message by the field', async () => {
		const a = await account(db(), 'a');
		const ctx = ctxFor(db(), a);
		await create(ctx, { name: 'One', slug: 'commons' });
		const taken = await rejection(create(ctx, { name: 'Two', slug: 'Commons' }));
		expect(taken).toMatchObject({ kind: 'conflict', messageKey: 'library_slug_taken' });
		expect(taken.fields).toEqual([
			{ field: 'slug', message: 'library_slug_taken', params: { slug: 'commons' } }
		]);
		const reserved = await rejection(create(ctx, { name: 'Three', slug: 'new' }));
		expect(reserved.fields[0]).toMatchObject({ field: 'slug', message: 'library_slug_reserved' });
		const shape = await rejection(create(ctx, { name: 'Four', slug: 'not ok!' }));
		expect(shape.fields[0]).toMatchObject({ field: 'slug', message: 'library_slug_format' });
		expect(await libraries.countLibraries(ctx)).toBe(1);
	});

	it('returns the same library when a client id is replayed, and refuses someone else’s id', async () => {
		const a = await account(db(), 'a');
		const b = await account(db(), 'b');
		const id = newId();
		const first = await create(ctxFor(db(), a), { id, name: 'Offline made' });
		const replay = await create(ctxFor(db(), a), { id, name: 'Offline made' });
		expect(replay).toEqual(first);
		expect(await libraries.countLibraries({ db: db() })).toBe(1);
		expect(await events(db(), id)).toHaveLength(1);
		const other = await rejection(create(ctxFor(db(), b), { id, name: 'Mine' }));
		expect(other).toMatchObject({ kind: 'conflict', messageKey: 'library_id_taken' });
		const notV7 = await rejection(create(ctxFor(db(), a), { id: 'not-a-uuid', name: 'x y' }));
		expect(notV7.fields[0]).toMatchObject({ field: 'id', message: 'field_invalid_id' });
	});

	it('invites members by handle, with clear messages for unknown handles and members', async () => {
		const cur = await account(db(), 'curator1');
		await account(db(), 'Bilal');
		const lib = await create(ctxFor(db(), cur), { name: 'Invites' });
		const added = await libraries.addMember(ctxFor(db(), cur), lib.slug, {
			handle: 'bilal',
			role: 'contributor'
		});
		expect(added).toMatchObject({ handle: 'Bilal', role: 'contributor' });
		const unknown = await rejection(
			libraries.addMember(ctxFor(db(), cur), lib.slug, { handle: 'nobody', role: 'curator' })
		);
		expect(unknown).toMatchObject({ kind: 'invalid', messageKey: 'library_member_unknown_handle' });
		expect(unknown.fields[0]).toMatchObject({ field: 'handle', params: { handle: 'nobody' } });
		const twice = await rejection(
			libraries.addMember(ctxFor(db(), cur), lib.slug, { handle: 'BILAL', role: 'curator' })
		);
		expect(twice).toMatchObject({ kind: 'conflict', messageKey: 'library_already_member' });
		const missing = await rejection(
			libraries.addMember(ctxFor(db(), cur), 'no-such-library', { handle: 'bilal', role: 'curator' })
		);
		expect(missing).toMatchObject({ kind: 'not_found', messageKey: 'library_not_found' });
		const detail = await libraries.getLibrary(ctxFor(db(), null), lib.slug);
		expect(detail.members.map((m) => [m.handle, m.role])).toEqual([
			['curator1', 'curator'],
			['Bilal', 'contributor']
		]);
		expect(detail.events[0]).toMatchObject({
			action: 'member_added',
			actor: { handle: 'curator1' },
			member: { handle: 'Bilal' },
			role: 'contributor'
		});
	});

	it('lets only curators manage members', async () => {
		const cur = await account(db(), 'cur');
		const con = await account(db(), 'con');
		const outsider = await account(db(), 'out');
		const admin = await account(db(), 'root', true);
		const lib = await create(ctxFor(db(), cur), { name: 'Policy' });
		await libraries.addMember(ctxFor(db(), cur), lib.slug, { handle: 'con', role: 'contributor' });
		for (const actor of [con, outsider, admin]) {
			const e = await rejection(
				libraries.addMember(ctxFor(db(), actor), lib.slug, { handle: 'out', role: 'contributor' })
			);
			expect(e).toMatchObject({ kind: 'forbidden', messageKey: 'library_curators_only' });
		}
		const demote = await rejection(
			libraries.changeMemberRole(ctxFor(db(), con), lib.slug, 'cur', 'contributor')
		);
		expect(demote.kind).toBe('forbidden');
		const remove = await rejection(libraries.removeMember(ctxFor(db(), con), lib.slug, 'cur'));
		expect(remove.kind).toBe('forbidden');
		const anon = await rejection(
			libraries.addMember(ctxFor(db(), null), lib.slug, { handle: 'out', role: 'curator' })
		);
		expect(anon.kind).toBe('unauthenticated');
		expect(await events(db(), lib.id)).toHaveLength(2);
	});

	it('changes roles, removes and leaves, keeping at least one curator', async () => {
		const a = await account(db(), 'a1');
		const b = await account(db(), 'b1');
		await account(db(), 'c1');
		const lib = await create(ctxFor(db(), a), { name: 'Roles' });
		const ctxA = () => ctxFor(db(), a);

		const selfDemote = await rejection(libraries.changeMemberRole(ctxA(), lib.slug, 'a1', 'contributor'));
		expect(selfDemote).toMatchObject({ kind: 'conflict', messageKey: 'library_last_curator' });
		const lastLeaves = await rejection(libraries.leaveLibrary(ctxA(), lib.slug));
		expect(lastLeaves.messageKey).toBe('library_last_curator');
		const selfRemove = await rejection(libraries.removeMember(ctxA(), lib.slug, 'a1'));
		expect(selfRemove.messageKey).toBe('library_last_curator');

		await libraries.addMember(ctxA(), lib.slug, { handle: 'b1', role: 'contributor' });
		await libraries.addMember(ctxA(), lib.slug, { handle: 'c1', role: 'contributor' });
		await libraries.changeMemberRole(ctxA(), lib.slug, 'b1', 'curator');
		// Setting the role a member already has changes nothing and records nothing.
		await libraries.changeMemberRole(ctxA(), lib.slug, 'b1', 'curator');
		await libraries.changeMemberRole(ctxFor(db(), b), lib.slug, 'a1', 'contributor');
		await libraries.removeMember(ctxFor(db(), b), lib.slug, 'c1');
		await libraries.leaveLibrary(ctxA(), lib.slug);
		const gone = await rejection(libraries.removeMember(ctxFor(db(), b), lib.slug, 'c1'));
		expect(gone).toMatchObject({ kind: 'not_found', messageKey: 'library_member_not_found' });
		const notMember = await rejection(libraries.leaveLibrary(ctxA(), lib.slug));
		expect(notMember.messageKey).toBe('library_not_a_member');

		const detail = await libraries.getLibrary(ctxFor(db(), null), lib.slug);
		expect(detail.members.map((m) => [m.handle, m.role])).toEqual([['b1', 'curator']]);
		expect(detail.events.map((e) => e.action)).toEqual([
			'member_left',
			'member_removed',
			'member_role_changed',
			'member_role_changed',
			'member_added',
			'member_added',
			'created'
		]);
		expect(detail.events[2]).toMatchObject({
			actor: { handle: 'b1' },
			member: { handle: 'a1' },
			from_role: 'curator',
			role: 'contributor'
		});
	});

	it('lets a contributor leave through DELETE on their own handle', async () => {
		const a = await account(db(), 'a2');
		const b = await account(db(), 'b2');
		const lib = await create(ctxFor(db(), a), { name: 'Leaving' });
		await libraries.addMember(ctxFor(db(), a), lib.slug, { handle: 'b2', role: 'contributor' });
		await libraries.removeMember(ctxFor(db(), b), lib.slug, 'B2');
		const detail = await libraries.getLibrary(ctxFor(db(), null), lib.slug);
		expect(detail.member_count).toBe(1);
		expect(detail.events[0]).toMatchObject({ action: 'member_left', member: { handle: 'b2' } });
	});

	it('keeps the last curator under concurrent leaving', async () => {
		const a = await account(db(), 'a3');
		const b = await account(db(), 'b3');
		const lib = await create(ctxFor(db(), a), { name: 'Race' });
		await libraries.addMember(ctxFor(db(), a), lib.slug, { handle: 'b3', role: 'curator' });
		const results = await Promise.allSettled([
			libraries.leaveLibrary(ctxFor(db(), a), lib.slug),
			libraries.leaveLibrary(ctxFor(db(), b), lib.slug)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const detail = await libraries.getLibrary(ctxFor(db(), null), lib.slug);
		expect(detail.members.filter((m) => m.role === 'curator')).toHaveLength(1);
	});

	it('lets only the administrator suspend, shows the reason and freezes members', async () => {
		const cur = await account(db(), 'cur4');
		await account(db(), 'guest4');
		const admin = await account(db(), 'root4', true);
		const lib = await create(ctxFor(db(), cur), { name: 'Suspended one' });

		const byCurator = await rejection(libraries.suspendLibrary(ctxFor(db(), cur), lib.slug, 'no'));
		expect(byCurator).toMatchObject({ kind: 'forbidden', messageKey: 'library_admins_only' });

		const s = await libraries.suspendLibrary(ctxFor(db(), admin), lib.slug, 'Spam <b>links</b>');
		expect(s).toMatchObject({ suspended: true, suspended_reason: 'Spam <b>links</b>' });
		const twice = await rejection(libraries.suspendLibrary(ctxFor(db(), admin), lib.slug, 'again'));
		expect(twice.messageKey).toBe('library_already_suspended');

		for (const attempt of [
			() => libraries.addMember(ctxFor(db(), cur), lib.slug, { handle: 'guest4', role: 'contributor' }),
			() => libraries.changeMemberRole(ctxFor(db(), cur), lib.slug, 'cur4', 'contributor'),
			() => libraries.leaveLibrary(ctxFor(db(), cur), lib.slug)
		]) {
			const e = await rejection(attempt());
			expect(e).toMatchObject({ kind: 'forbidden', messageKey: 'library_suspended_no_changes' });
		}

		// Still listed, marked suspended: transparency rather than hiding.
		const page = await libraries.listLibraries(ctxFor(db(), null), parseOrThrow(listQuery, {}));
		expect(page.items[0]).toMatchObject({ slug: lib.slug, suspended: true });

		const detail = await libraries.getLibrary(ctxFor(db(), cur), lib.slug);
		expect(detail.viewer).toMatchObject({ addMember: false, leave: false, suspend: false });
		expect(detail.events[0]).toMatchObject({
			action: 'suspended',
			actor: { handle: 'root4' },
			reason: 'Spam <b>links</b>'
		});

		const lifted = await libraries.liftSuspension(ctxFor(db(), admin), lib.slug);
		expect(lifted).toMatchObject({ suspended: false, suspended_reason: null });
		const notSuspended = await rejection(libraries.liftSuspension(ctxFor(db(), admin), lib.slug));
		expect(notSuspended.messageKey).toBe('library_not_suspended');
		await libraries.addMember(ctxFor(db(), cur), lib.slug, { handle: 'guest4', role: 'contributor' });
		expect((await events(db(), lib.id)).map((e) => e.action)).toEqual([
			'created',
			'suspended',
			'suspension_lifted',
			'member_added'
		]);
	});

	it('lists libraries by page with member counts', async () => {
		const a = await account(db(), 'lister');
		await account(db(), 'other');
		for (let i = 1; i <= 5; i++) await create(ctxFor(db(), a), { name: `Library ${i}` });
		await libraries.addMember(ctxFor(db(), a), 'library-5', { handle: 'other', role: 'contributor' });
		const p1 = await libraries.listLibraries(ctxFor(db(), null), parseOrThrow(listQuery, { per_page: '2' }));
		expect(p1).toMatchObject({ total: 5, page: 1, per_page: 2 });
		expect(p1.items.map((l) => [l.slug, l.member_count])).toEqual([
			['library-5', 2],
			['library-4', 1]
		]);
		const p3 = await libraries.listLibraries(
			ctxFor(db(), null),
			parseOrThrow(listQuery, { page: '3', per_page: '2' })
		);
		expect(p3.items.map((l) => l.slug)).toEqual(['library-1']);
		const beyond = await libraries.listLibraries(ctxFor(db(), null), parseOrThrow(listQuery, { page: '9' }));
		expect(beyond.items).toEqual([]);
	});

	it('ensures a library idempotently, with or without an actor', async () => {
		const ctx = ctxFor(db(), null);
		const first = await libraries.ensureLibrary(ctx, {
			slug: 'demo',
			name: 'Demo library',
			description: 'Seed'
		});
		expect(first.created).toBe(true);
		expect(first.library.member_count).toBe(0);
		const second = await libraries.ensureLibrary(ctx, { slug: 'demo', name: 'Renamed?' });
		expect(second).toEqual({ library: first.library, created: false });
		expect(await libraries.countLibraries(ctx)).toBe(1);
		const detail = await libraries.getLibrary(ctx, 'demo');
		expect(detail.events).toMatchObject([{ action: 'created', actor: null }]);
		const bad = await rejection(libraries.ensureLibrary(ctx, { slug: 'Bad Slug', name: 'x' }));
		expect(bad.kind).toBe('invalid');
	});

	it('exports and removes an account’s memberships, handing curation on', async () => {
		const a = await account(db(), 'leaver');
		await account(db(), 'stayer');
		const lib = await create(ctxFor(db(), a), { name: 'Handover' });
		await libraries.addMember(ctxFor(db(), a), lib.slug, { handle: 'stayer', role: 'contributor' });
		expect(await libraries.exportMemberships(db().kysely, a.id)).toEqual([
			{ library_slug: 'handover', library_name: 'Handover', role: 'curator', joined_at: expect.any(String) }
		]);
		await db()
			.kysely.transaction()
			.execute(async (trx) => {
				await libraries.removeMembershipsOfAccount(trx, a.id, new Date('2026-02-01T00:00:00Z'));
				// As the accounts feature does in the same transaction: the handle goes.
				await trx
					.updateTable('accounts')
					.set({ handle: null, handle_key: null })
					.where('id', '=', a.id)
					.execute();
			});
		expect(await libraries.exportMemberships(db().kysely, a.id)).toEqual([]);
		const detail = await libraries.getLibrary(ctxFor(db(), null), lib.slug);
		expect(detail.members).toMatchObject([{ handle: 'stayer', role: 'curator' }]);
		expect(detail.events.slice(0, 2)).toMatchObject([
			{
				action: 'member_role_changed',
				actor: null,
				member: { handle: 'stayer' },
				cause: 'last_curator_left'
			},
			{ action: 'member_left', member: { handle: null }, cause: 'account_deleted' }
		]);
		// The creator's own events now read "former member".
		expect(detail.events.at(-1)).toMatchObject({ action: 'created', actor: { handle: null } });
	});

	it('stores hostile names and descriptions as plain text or refuses them clearly', async () => {
		const a = await account(db(), 'hostile');
		const ctx = ctxFor(db(), a);
		const lines = [...fixtureLines('names.txt'), ...fixtureLines('xss.txt')];
		let accepted = 0;
		for (const line of lines) {
			for (const input of [
				{ name: line, description: undefined },
				{ name: 'Hostile description', description: line }
			]) {
				let lib: libraries.LibrarySummary | undefined;
				try {
					lib = await libraries.createLibrary(ctx, parseOrThrow(createLibraryBody, input));
				} catch (e) {
					expect(e).toBeInstanceOf(DomainError);
					const err = e as DomainError;
					expect(err.kind).toBe('invalid');
					expect(err.fields.length).toBeGreaterThan(0);
					continue;
				}
				accepted++;
				if (!lib) throw new Error('unreachable');
				const back = await libraries.getLibrary(ctx, lib.slug);
				const isDescription = input.description !== undefined;
				const sent = (input.description ?? input.name).normalize('NFC').trim();
				expect(isDescription ? back.description : back.name).toBe(sent);
				expect(back.slug).toMatch(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/);
			}
		}
		expect(accepted).toBeGreaterThan(lines.length);
	});
});
