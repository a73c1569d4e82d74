import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DomainError } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { ProgramContent } from '../../domain/programs';
import type { Actor, Ctx } from '../context';
import type { Db } from '../db';
import { describeEachDialect } from '../db/testing';
import * as libraries from '../libraries/service';
import * as resources from '../resources/service';
import { buildAccount, buildResource, domainErrorOf, testCtx } from '../testing/factories';
import * as programs from './service';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/hostile-input');
const fixtureLines = (file: string) =>
	fs
		.readFileSync(path.join(FIXTURES, file), 'utf8')
		.split('\n')
		.filter((l, i, all) => i < all.length - 1 || l !== '');

let tick = 0;
/** One clock for everybody, a second per reading, so events from different people order by time. */
const ctxFor = (db: Db, actor: Actor | null): Ctx => ({
	...testCtx(db, actor),
	now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++))
});

/** Two mobilizers, a stranger, a library with three published resources and one draft. */
async function setup(db: Db) {
	const a = await buildAccount(db, 'amina');
	const b = await buildAccount(db, 'bilal');
	const stranger = await buildAccount(db, 'stranger');
	const lib = await libraries.createLibrary(ctxFor(db, a), { name: 'Commons', slug: 'commons' });
	const make = async (title: string, license: string, publish = true, duration_minutes?: number) =>
		buildResource(ctxFor(db, a), lib.id, title, license, {
			publish,
			...(duration_minutes ? { duration_minutes } : {})
		});
	const r1 = await make('Mapping who is affected', 'CC BY-NC-SA 4.0', true, 45);
	const r2 = await make('Listening circles', 'CC BY-SA 4.0', true, 30);
	const r3 = await make('A case story', 'CC BY-ND 4.0', true, 20);
	const draft = await make('Unfinished', 'CC BY 4.0', false);
	return { a, b, stranger, lib, r1, r2, r3, draft };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** A program with 3 resources in 2 sessions (the scenario). */
async function threeResourcesInTwoSessions(db: Db, s: Setup) {
	const ctx = ctxFor(db, s.a);
	const p = await programs.createProgram(ctx, { title: 'Organizing basics', format: 'multi_week_course' });
	const s1 = newId();
	const s2 = newId();
	await programs.editProgram(ctx, p.id, {
		edit: { op: 'add_session', session_id: s1, session: { title: 'Who we are', duration_minutes: 60 } }
	});
	await programs.editProgram(ctx, p.id, {
		edit: { op: 'add_session', session_id: s2, session: { title: 'What we do', duration_minutes: 90 } }
	});
	const items = [newId(), newId(), newId()] as const;
	await programs.editProgram(ctx, p.id, {
		edit: { op: 'add_resource', session_id: s1, item_id: items[0], resource_id: s.r1.id }
	});
	await programs.editProgram(ctx, p.id, {
		edit: { op: 'add_resource', session_id: s1, item_id: items[1], resource_id: s.r2.id, pin: true }
	});
	const view = await programs.editProgram(ctx, p.id, {
		edit: { op: 'add_resource', session_id: s2, item_id: items[2], resource_id: s.r3.id }
	});
	return { id: p.id, s1, s2, items, view };
}

const titles = (c: ProgramContent) => c.sessions.map((x) => x.title);
const itemIds = (c: ProgramContent, session: number) => c.sessions[session]?.items.map((i) => i.id) ?? [];

describeEachDialect('programs service', ({ db }) => {
	it('starts from a template in the author’s language, with timings that add up', async () => {
		const s = await setup(db());
		const p = await programs.createProgram(ctxFor(db(), s.a), {
			title: 'يوم تدريبي',
			format: 'one_day_training',
			template: true,
			locale: 'ar'
		});
		expect(p.content.sessions).toHaveLength(4);
		expect(p.content.sessions[0]?.title).toBe('الافتتاح: لماذا نحن هنا');
		expect(p.content.layout).toBe('sequence');
		expect(p.time.planned_minutes).toBe(360);
		expect(p.version.number).toBe(1);
		expect(p.visibility).toBe('private');

		const semester = await programs.createProgram(ctxFor(db(), s.a), {
			title: 'Semester',
			format: 'semester_course',
			template: true
		});
		expect(titles(semester.content)).toHaveLength(13);
		expect(semester.content.sessions[12]?.title).toBe('Week 13');
		const circle = await programs.createProgram(ctxFor(db(), s.a), {
			title: 'Circle',
			format: 'open_circle',
			template: true
		});
		expect(circle.content.layout).toBe('circle');
	});

	it('builds sessions and items: resources (pinned or latest), reorder, move, duplicate, layout, over-time', async () => {
		const s = await setup(db());
		const ctx = ctxFor(db(), s.a);
		const { id, s1, s2, items, view } = await threeResourcesInTwoSessions(db(), s);
		expect(view.version.number).toBe(6);
		expect(view.resources[items[0]]).toMatchObject({
			available: true,
			pinned: false,
			title: 'Mapping who is affected'
		});
		expect(view.resources[items[1]]).toMatchObject({ available: true, pinned: true, version_number: 1 });
		expect(view.content.sessions[0]?.items[1]).toMatchObject({
			kind: 'resource',
			version_id: expect.any(String)
		});
		// Session 1 has 60 minutes and holds 45 + 30 minutes of resources.
		expect(view.time.sessions[0]).toMatchObject({ items_minutes: 75, over_time: true });
		expect(view.time.over_time_sessions).toBe(1);

		// A draft resource is not something others can see: refused with its field.
		const refused = await domainErrorOf(
			programs.editProgram(ctx, id, { edit: { op: 'add_resource', session_id: s1, resource_id: s.draft.id } })
		);
		expect(refused.fields[0]).toMatchObject({
			field: 'resource_id',
			message: 'program_resource_not_available'
		});

		// Reorder items, move one to the other session, reorder sessions, duplicate, switch layout.
		let v = await programs.editProgram(ctx, id, {
			edit: { op: 'move_item', item_id: items[1], session_id: s1, position: 0 }
		});
		expect(itemIds(v.content, 0)).toEqual([items[1], items[0]]);
		v = await programs.editProgram(ctx, id, {
			edit: { op: 'move_item', item_id: items[0], session_id: s2, position: 0 }
		});
		expect(itemIds(v.content, 1)).toEqual([items[0], items[2]]);
		v = await programs.editProgram(ctx, id, { edit: { op: 'move_session', session_id: s2, position: 0 } });
		expect(titles(v.content)).toEqual(['What we do', 'Who we are']);
		const copy = newId();
		v = await programs.editProgram(ctx, id, {
			edit: { op: 'duplicate_session', session_id: s2, new_session_id: copy }
		});
		expect(titles(v.content)).toEqual(['What we do', 'What we do', 'Who we are']);
		expect(v.content.sessions[1]?.id).toBe(copy);
		expect(itemIds(v.content, 1)).toHaveLength(2);
		expect(itemIds(v.content, 1)).not.toContain(items[0]);
		v = await programs.editProgram(ctx, id, {
			edit: { op: 'set_layout', layout: 'circle' },
			change_note: 'No first session'
		});
		expect(v.content.layout).toBe('circle');
		v = await programs.editProgram(ctx, id, {
			edit: {
				op: 'add_item',
				session_id: s1,
				item: {
					kind: 'activity',
					activity: 'talking_circle',
					title: 'Check-in',
					instructions: 'Pass the stone.',
					duration_minutes: 15
				}
			}
		});
		v = await programs.editProgram(ctx, id, { edit: { op: 'remove_item', item_id: items[2] } });
		expect(v.version.number).toBe(13);

		const versions = await programs.listVersions(ctx, id);
		expect(versions.map((x) => x.number)).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
		const old = await programs.getProgram(ctx, id, { version: 3 });
		expect(titles(old.content)).toEqual(['Who we are', 'What we do']);
		const diff = await programs.diffVersions(ctx, id, 6, 8);
		expect(diff.sessions.find((x) => x.session_id === s2)?.items.map((i) => i.change)).toEqual(['moved']);

		const history = await programs.history(ctx, id);
		expect(history[0]).toMatchObject({
			action: 'version_saved',
			actor: { handle: 'amina' },
			version_number: 13
		});
		expect(history.find((h) => h.version_number === 11)).toMatchObject({ change_note: 'No first session' });
		expect(history.at(-1)).toMatchObject({ action: 'created' });

		// Unknown ids are not found, with the field named.
		const missing = await domainErrorOf(
			programs.editProgram(ctx, id, { edit: { op: 'remove_session', session_id: newId() } })
		);
		expect(missing.messageKey).toBe('program_session_not_found');
	});

	it('replays a save with the same version id once; another person cannot reuse it', async () => {
		const s = await setup(db());
		const ctx = ctxFor(db(), s.a);
		const p = await programs.createProgram(ctx, { title: 'Replay', format: 'self_paced', id: newId() });
		const version_id = newId();
		const save = {
			version_id,
			edit: { op: 'add_session' as const, session_id: newId(), session: { title: 'One' } }
		};
		const first = await programs.editProgram(ctx, p.id, save);
		const again = await programs.editProgram(ctx, p.id, save);
		expect(again.version.number).toBe(first.version.number);
		expect(again.content.sessions).toHaveLength(1);
		await programs.setVisibility(ctx, p.id, { visibility: 'public' });
		await programs.inviteAuthor(ctx, p.id, { handle: 'bilal' });
		await programs.acceptInvitation(ctxFor(db(), s.b), p.id);
		const taken = await domainErrorOf(programs.editProgram(ctxFor(db(), s.b), p.id, save));
		expect(taken.messageKey).toBe('program_version_id_taken');
		// Creating again with the same id returns the program, not a second one.
		const replayed = await programs.createProgram(ctx, { title: 'Replay', format: 'self_paced', id: p.id });
		expect(replayed.id).toBe(p.id);
	});

	it('co-authors are equals: invite, accept, both edit, either publishes; the last one cannot leave a shared program', async () => {
		const s = await setup(db());
		const ctxA = ctxFor(db(), s.a);
		const ctxB = ctxFor(db(), s.b);
		const p = await programs.createProgram(ctxA, {
			title: 'Together',
			format: 'one_day_training',
			template: true
		});
		// Not yet a co-author: B cannot see a private program at all.
		expect((await domainErrorOf(programs.getProgram(ctxB, p.id))).kind).toBe('not_found');
		const unknown = await domainErrorOf(programs.inviteAuthor(ctxA, p.id, { handle: 'nobody-here' }));
		expect(unknown.fields[0]).toMatchObject({ field: 'handle', message: 'program_invite_unknown_handle' });
		await programs.inviteAuthor(ctxA, p.id, { handle: 'Bilal' });
		await programs.inviteAuthor(ctxA, p.id, { handle: 'bilal' });
		expect(await programs.myInvitations(ctxB)).toHaveLength(1);
		// Invited: may look before deciding, not edit.
		const preview = await programs.getProgram(ctxB, p.id);
		expect(preview.viewer).toMatchObject({
			is_author: false,
			edit: false,
			invitation_id: expect.any(String)
		});
		const joined = await programs.acceptInvitation(ctxB, p.id);
		expect(joined.authors.map((x) => x.handle)).toEqual(['amina', 'bilal']);
		expect(joined.authors[1]?.invited_by).toEqual({ handle: 'amina' });
		await programs.acceptInvitation(ctxB, p.id);

		const [first, second] = joined.content.sessions;
		await programs.editProgram(ctxA, p.id, {
			edit: { op: 'edit_session', session_id: first!.id, fields: { facilitator_notes: 'Bring chairs.' } }
		});
		await programs.editProgram(ctxB, p.id, {
			edit: { op: 'edit_session', session_id: second!.id, fields: { title: 'Listening deeply' } }
		});
		// B invites C and publishes: no owner, any co-author may.
		await programs.inviteAuthor(ctxB, p.id, { handle: 'stranger' });
		await programs.declineInvitation(ctxFor(db(), s.stranger), p.id);
		const published = await programs.setVisibility(ctxB, p.id, { visibility: 'public' });
		expect(published.content.sessions[0]?.facilitator_notes).toBe('Bring chairs.');
		expect(published.content.sessions[1]?.title).toBe('Listening deeply');

		const history = await programs.history(ctxA, p.id);
		expect(history.map((h) => [h.action, h.actor?.handle])).toEqual([
			['visibility_changed', 'bilal'],
			['invitation_declined', 'stranger'],
			['author_invited', 'bilal'],
			['version_saved', 'bilal'],
			['version_saved', 'amina'],
			['author_joined', 'bilal'],
			['author_invited', 'amina'],
			['created', 'amina']
		]);
		// Readers of a public program do not see who was invited or declined.
		const readerHistory = await programs.history(ctxFor(db(), null), p.id);
		expect(readerHistory.map((h) => h.action)).not.toContain('author_invited');

		await programs.leaveProgram(ctxA, p.id);
		const last = await domainErrorOf(programs.leaveProgram(ctxB, p.id));
		expect(last).toMatchObject({ kind: 'conflict', messageKey: 'program_last_author_public' });
		// A former co-author edits no more.
		expect(
			(
				await domainErrorOf(
					programs.editProgram(ctxA, p.id, { edit: { op: 'set_layout', layout: 'circle' } })
				)
			).kind
		).toBe('forbidden');
		await programs.setVisibility(ctxB, p.id, { visibility: 'private' });
		await programs.leaveProgram(ctxB, p.id);
		expect((await domainErrorOf(programs.getProgram(ctxB, p.id))).kind).toBe('not_found');
	});

	it('never leaks a private or unlisted program through reads, lists or remix counts', async () => {
		const s = await setup(db());
		const ctxA = ctxFor(db(), s.a);
		const ctxB = ctxFor(db(), s.b);
		const anonymous = ctxFor(db(), null);
		const p = await programs.createProgram(ctxA, {
			title: 'Open one',
			format: 'open_circle',
			template: true,
			visibility: 'public'
		});
		const hidden = await programs.createProgram(ctxA, { title: 'Secret', format: 'self_paced' });
		const unlisted = await programs.createProgram(ctxA, {
			title: 'By link',
			format: 'self_paced',
			visibility: 'unlisted'
		});

		for (const ctx of [anonymous, ctxB]) {
			expect((await domainErrorOf(programs.getProgram(ctx, hidden.id))).kind).toBe('not_found');
			expect((await domainErrorOf(programs.history(ctx, hidden.id))).kind).toBe('not_found');
			expect((await domainErrorOf(programs.forkProgram(ctxB, hidden.id))).kind).toBe('not_found');
			expect((await programs.getProgram(ctx, unlisted.id)).content.title).toBe('By link');
		}
		expect((await domainErrorOf(programs.getProgram(anonymous, 'not-a-uuid'))).kind).toBe('not_found');
		const listed = await programs.listPublicPrograms(anonymous);
		expect(listed.items.map((x) => x.title)).toEqual(['Open one']);
		expect(listed.total).toBe(1);

		// B remixes the public program privately, then publicly: only the public remix counts for others.
		const privateFork = await programs.forkProgram(ctxB, p.id);
		expect(privateFork.visibility).toBe('private');
		expect((await programs.getProgram(anonymous, p.id)).remixes.count).toBe(0);
		expect((await programs.getProgram(ctxB, p.id)).remixes.count).toBe(1);
		const publicFork = await programs.forkProgram(ctxB, p.id, { title: 'Our circle' });
		await programs.setVisibility(ctxB, publicFork.id, { visibility: 'public' });
		const seen = await programs.getProgram(anonymous, p.id);
		expect(seen.remixes).toEqual({ count: 1, items: [{ id: publicFork.id, title: 'Our circle' }] });
		expect((await programs.listRemixes(ctxA, p.id)).map((x) => x.id)).toEqual([publicFork.id]);
		// When the original turns private, its remixes keep their provenance but not its title.
		await programs.setVisibility(ctxA, p.id, { visibility: 'private' });
		const orphan = await programs.getProgram(anonymous, publicFork.id);
		expect(orphan.forked_from).toMatchObject({ program_id: p.id, title: null, version_number: null });
		expect((await domainErrorOf(programs.upstreamChanges(ctxB, publicFork.id))).messageKey).toBe(
			'program_upstream_not_available'
		);
		expect(await programs.listMyPrograms(ctxB)).toHaveLength(2);
	});

	it('remix and merge: B keeps its own edit and takes A’s upstream change session by session and item by item', async () => {
		const s = await setup(db());
		const ctxA = ctxFor(db(), s.a);
		const ctxB = ctxFor(db(), s.b);
		const { id, s1, s2, items } = await threeResourcesInTwoSessions(db(), s);
		await programs.setVisibility(ctxA, id, { visibility: 'unlisted' });

		const fork = await programs.forkProgram(ctxB, id, { version: 6 });
		expect(fork.forked_from).toMatchObject({ program_id: id, version_number: 6, title: 'Organizing basics' });
		expect(fork.content.sessions.map((x) => x.id)).toEqual([s1, s2]);
		expect((await programs.upstreamChanges(ctxB, fork.id)).report.pending).toBe(0);

		// B edits session 1 (its own edit) and an item's note.
		await programs.editProgram(ctxB, fork.id, {
			edit: { op: 'edit_session', session_id: s1, fields: { facilitator_notes: 'In our village hall.' } }
		});
		await programs.editProgram(ctxB, fork.id, {
			edit: { op: 'edit_item', item_id: items[2], fields: { note: 'Read aloud.' } }
		});

		// A edits upstream: session 1's title, a new activity in session 2, session 2's duration, the same item's note.
		await programs.editProgram(ctxA, id, {
			edit: { op: 'edit_session', session_id: s1, fields: { title: 'Who we are, together' } }
		});
		const added = newId();
		await programs.editProgram(ctxA, id, {
			edit: {
				op: 'add_item',
				session_id: s2,
				position: 0,
				item: {
					id: added,
					kind: 'activity',
					activity: 'mapping',
					title: 'Map the street',
					duration_minutes: 20
				}
			}
		});
		await programs.editProgram(ctxA, id, {
			edit: { op: 'edit_session', session_id: s2, fields: { duration_minutes: 120 } }
		});
		await programs.editProgram(ctxA, id, {
			edit: { op: 'edit_item', item_id: items[2], fields: { note: 'Print it.' } }
		});

		const changes = await programs.upstreamChanges(ctxB, fork.id);
		expect(changes.forked_from_number).toBe(6);
		expect(changes.upstream.head_number).toBe(10);
		const byId = new Map(changes.report.sessions.map((x) => [x.session_id, x]));
		expect(byId.get(s1)?.change).toMatchObject({ change: 'changed', fields: ['title'], status: 'clean' });
		expect(byId.get(s2)?.change).toMatchObject({ fields: ['duration_minutes'], status: 'clean' });
		expect(byId.get(s2)?.items.map((i) => [i.item_id, i.change, i.status])).toEqual([
			[added, 'added', 'clean'],
			[items[2], 'changed', 'conflict']
		]);
		expect(byId.get(s2)?.items[1]?.conflicts).toEqual([
			{ field: 'note', base: '', ours: 'Read aloud.', theirs: 'Print it.' }
		]);
		expect(changes.report).toMatchObject({ pending: 4, conflicts: 1 });

		// Session by session: session 1 takes A's title and keeps B's notes.
		const one = await programs.takeUpstream(ctxB, fork.id, { sessions: [s1], change_note: 'From upstream' });
		expect(one.taken).toEqual([`session:${s1}`]);
		expect(one.program.content.sessions[0]).toMatchObject({
			title: 'Who we are, together',
			facilitator_notes: 'In our village hall.'
		});
		// Item by item: only the new activity, placed where upstream put it.
		const two = await programs.takeUpstream(ctxB, fork.id, { items: [added] });
		expect(itemIds(two.program.content, 1)).toEqual([added, items[2]]);
		expect(two.program.content.sessions[1]?.duration_minutes).toBe(90);

		// The conflicting item is reported, not overwritten, until B chooses.
		const three = await programs.takeUpstream(ctxB, fork.id, { sessions: [s2] });
		expect(three.taken).toEqual([`session:${s2}`]);
		expect(three.conflicts.map((c) => c.unit)).toEqual([`item:${items[2]}`]);
		expect(three.program.content.sessions[1]?.items[1]).toMatchObject({ note: 'Read aloud.' });
		expect(three.program.content.sessions[1]?.duration_minutes).toBe(120);
		const kept = await programs.takeUpstream(ctxB, fork.id, {
			items: [items[2]],
			prefer: { [`item:${items[2]}`]: 'ours' }
		});
		expect(kept.program.content.sessions[1]?.items[1]).toMatchObject({ note: 'Read aloud.' });

		// Everything taken or settled: nothing pending, and taken parts do not come back.
		expect((await programs.upstreamChanges(ctxB, fork.id)).report.pending).toBe(0);
		const nothing = await programs.takeUpstream(ctxB, fork.id, { sessions: [s1, s2] });
		expect(nothing.taken).toEqual([]);
		expect(nothing.program.version.number).toBe(kept.program.version.number);

		// A later upstream change to a taken session shows up against the new base only.
		await programs.editProgram(ctxA, id, {
			edit: { op: 'edit_session', session_id: s1, fields: { objectives: 'Know each other.' } }
		});
		const later = await programs.upstreamChanges(ctxB, fork.id);
		expect(later.report.sessions.map((x) => [x.session_id, x.change?.fields])).toEqual([
			[s1, ['objectives']]
		]);

		const history = await programs.history(ctxB, fork.id);
		expect(history.filter((h) => h.action === 'upstream_taken').map((h) => h.actor?.handle)).toEqual([
			'bilal',
			'bilal',
			'bilal',
			'bilal'
		]);
		expect(history.at(-1)).toMatchObject({ action: 'forked', data: { from_program: id, from_number: 6 } });
		// The original counts the remix for its co-authors (B's fork is private: not for others).
		expect((await programs.getProgram(ctxA, id)).remixes.count).toBe(0);
		expect((await programs.getProgram(ctxB, id)).remixes.count).toBe(1);
	});

	it('a whole-content save on an older version merges, or refuses with the conflicts and keeps the head', async () => {
		const s = await setup(db());
		const ctxA = ctxFor(db(), s.a);
		const p = await programs.createProgram(ctxA, {
			title: 'Offline',
			format: 'one_day_training',
			template: true
		});
		const base = p.version.id;
		const [first, second] = p.content.sessions;
		await programs.editProgram(ctxA, p.id, {
			edit: { op: 'edit_session', session_id: first!.id, fields: { materials: 'Paper' } }
		});
		// Written offline on version 1: another session changed.
		const offline = structuredClone(p.content);
		offline.sessions[1]!.title = 'Exploring, offline';
		const merged = await programs.saveProgram(ctxA, p.id, {
			base_version_id: base,
			content: offline,
			version_id: newId()
		});
		expect(merged.content.sessions[0]?.materials).toBe('Paper');
		expect(merged.content.sessions[1]?.title).toBe('Exploring, offline');
		// Written offline on version 1 again: the same field as the head, differently.
		const clash = structuredClone(p.content);
		clash.sessions[1]!.title = 'Another title';
		const refused = await domainErrorOf(
			programs.saveProgram(ctxA, p.id, { base_version_id: base, content: clash })
		);
		expect(refused).toMatchObject({ kind: 'conflict', messageKey: 'program_save_conflict' });
		expect(refused.fields.map((f) => f.field)).toEqual([`session:${second!.id}`]);
		expect((await programs.getProgram(ctxA, p.id)).content.sessions[1]?.title).toBe('Exploring, offline');
	});

	it('sums up licences and attributions from the resources service', async () => {
		const s = await setup(db());
		const ctxA = ctxFor(db(), s.a);
		const { id, items } = await threeResourcesInTwoSessions(db(), s);
		let summary = await programs.licenceSummary(ctxA, id);
		expect(summary.components.map((c) => c.license)).toEqual([
			'CC-BY-NC-SA-4.0',
			'CC-BY-SA-4.0',
			'CC-BY-ND-4.0'
		]);
		expect(summary.asDelivered).toMatchObject({
			nonCommercial: true,
			unmodifiedParts: true,
			attribution: true
		});
		expect(summary.keepOwnLicence).toEqual([items[0], items[1], items[2]]);
		expect(summary.conflicts).toEqual([]);
		// An activity that adapts the BY-SA and BY-NC-SA texts together, and one that adapts the BY-ND story.
		const p = await programs.getProgram(ctxA, id);
		const s2 = p.content.sessions[1]!.id;
		const mixed = newId();
		const retold = newId();
		await programs.editProgram(ctxA, id, {
			edit: {
				op: 'add_item',
				session_id: s2,
				item: {
					id: mixed,
					kind: 'activity',
					activity: 'role_play',
					title: 'Mix',
					based_on: [items[0], items[1]]
				}
			}
		});
		await programs.editProgram(ctxA, id, {
			edit: {
				op: 'add_item',
				session_id: s2,
				item: { id: retold, kind: 'activity', activity: 'other', title: 'Retold', based_on: [items[2]] }
			}
		});
		summary = await programs.licenceSummary(ctxA, id);
		expect(summary.conflicts).toEqual([
			{ kind: 'sharealike-conflict', item_id: mixed, sources: [items[0], items[1]] },
			{ kind: 'adapting-no-derivatives', item_id: retold, sources: [items[2]] }
		]);
		const bad = await domainErrorOf(
			programs.editProgram(ctxA, id, {
				edit: { op: 'edit_item', item_id: mixed, fields: { based_on: [retold] } }
			})
		);
		expect(bad.messageKey).toBe('program_based_on_not_resource');

		const attributions = await programs.attributions(ctxA, id);
		expect(attributions.items.map((x) => x.attribution.title)).toEqual([
			'Mapping who is affected',
			'Listening circles',
			'A case story'
		]);
		expect(attributions.items[0]?.attribution).toMatchObject({
			authors: ['Circles team'],
			licenceId: 'CC-BY-NC-SA-4.0'
		});
		expect(attributions.program).toEqual({
			title: 'Organizing basics',
			authors: ['amina'],
			licence: 'CC-BY-NC-SA-4.0'
		});

		// A resource that is unpublished later is no longer shown, nor counted, to anyone.
		await resources.unpublish(ctxA, s.r3.id);
		const after = await programs.getProgram(ctxFor(db(), s.b), id).catch((e: DomainError) => e);
		expect(after).toBeInstanceOf(DomainError);
		await programs.setVisibility(ctxA, id, { visibility: 'public' });
		const reader = await programs.getProgram(ctxFor(db(), s.b), id);
		expect(reader.resources[items[2]]).toEqual({ available: false, resource_id: s.r3.id });
		expect((await programs.attributions(ctxFor(db(), s.b), id)).items).toHaveLength(2);
	});

	it('hostile input: markup stays text, bad values give field errors, never exceptions', async () => {
		const s = await setup(db());
		const ctxA = ctxFor(db(), s.a);
		const p = await programs.createProgram(ctxA, { title: 'Safe', format: 'self_paced' });
		const session = newId();
		await programs.editProgram(ctxA, p.id, {
			edit: { op: 'add_session', session_id: session, session: { title: 'S' } }
		});
		for (const line of fixtureLines('xss.txt').slice(0, 40)) {
			const title = line.slice(0, 200).trim();
			if (title === '') continue;
			const v = await programs.editProgram(ctxA, p.id, {
				edit: { op: 'edit_session', session_id: session, fields: { title, facilitator_notes: line } }
			});
			expect(v.content.sessions[0]?.title).toBe(title.normalize('NFC'));
		}
		const link = await domainErrorOf(
			programs.editProgram(ctxA, p.id, {
				edit: {
					op: 'add_item',
					session_id: session,
					item: { kind: 'link', url: 'javascript:alert(1)', title: 'x' }
				}
			})
		);
		expect(link.fields[0]).toMatchObject({ field: 'edit.item.url', message: 'program_link_url_invalid' });
		for (const line of fixtureLines('names.txt')) {
			const result = await programs.inviteAuthor(ctxA, p.id, { handle: line }).catch((e: unknown) => e);
			if (result instanceof DomainError) expect(['invalid', 'not_found', 'conflict']).toContain(result.kind);
			else expect(result).toMatchObject({ program_id: p.id });
		}
		const cases: [unknown, string][] = [
			[{ title: '', format: 'self_paced' }, 'title'],
			[{ title: 'x\u0000y', format: 'self_paced' }, 'title'],
			[{ title: 'x', format: 'weekend' }, 'format'],
			[{ title: 'x', format: 'self_paced', licence: 'all rights reserved' }, 'licence'],
			[{ title: 'x', format: 'self_paced', languages: ['<script>'] }, 'languages.0'],
			[{ title: 'x'.repeat(201), format: 'self_paced' }, 'title'],
			[{ title: 'x', format: 'self_paced', id: 'not-a-uuid' }, 'id'],
			[{ title: 'x', format: 'self_paced', evil: 1 }, 'evil']
		];
		for (const [input, field] of cases) {
			const e = await domainErrorOf(programs.createProgram(ctxA, input as programs.ProgramView as never));
			expect(e.kind).toBe('invalid');
			expect(e.fields.map((f) => f.field)).toContain(field);
		}
		const edits: [unknown, string][] = [
			[{ op: 'drop_table' }, 'edit.op'],
			[
				{ op: 'edit_session', session_id: session, fields: { duration_minutes: -5 } },
				'edit.fields.duration_minutes'
			],
			[
				{ op: 'edit_session', session_id: session, fields: { duration_minutes: 1e9 } },
				'edit.fields.duration_minutes'
			],
			[{ op: 'move_session', session_id: "'; drop table programs;--", position: 0 }, 'edit.session_id'],
			[
				{ op: 'add_item', session_id: session, item: { kind: 'resource', resource_id: newId() } },
				'edit.item.kind'
			]
		];
		for (const [edit, field] of edits) {
			const e = await domainErrorOf(programs.editProgram(ctxA, p.id, { edit } as never));
			expect(e.kind).toBe('invalid');
			expect(e.fields.map((f) => f.field)).toContain(field);
		}
		expect(
			(
				await domainErrorOf(
					programs.editProgram(ctxFor(db(), null), p.id, { edit: { op: 'set_layout', layout: 'circle' } })
				)
			).kind
		).toBe('unauthenticated');
	});
});
