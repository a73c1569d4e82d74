import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json';
import type { MessageKey } from '../i18n/keys';
import { diffContent, takeUpstream, upstreamReport, type MergeBases } from './program-merge';
import {
	PROGRAM_FORMATS,
	PROGRAM_TEMPLATES,
	applyEdit,
	decideProgram,
	emptySession,
	programTime,
	templateSessions,
	type ProgramAccess,
	type ProgramContent
} from './programs';

let n = 0;
const makeId = () => `id-${++n}`;
const t = (key: MessageKey, params?: Record<string, string | number>) =>
	`${key}${params ? JSON.stringify(params) : ''}`;

function program(): ProgramContent {
	return {
		title: 'P',
		summary: '',
		languages: ['en'],
		audience: '',
		format: 'multi_week_course',
		layout: 'sequence',
		outcomes: [],
		licence: 'CC-BY-NC-SA-4.0',
		sessions: [
			{
				...emptySession('s1', 'One'),
				duration_minutes: 30,
				items: [
					{
						id: 'r1',
						kind: 'resource',
						resource_id: 'res',
						version_id: null,
						note: '',
						duration_minutes: null
					},
					{
						id: 'a1',
						kind: 'activity',
						activity: 'reflection',
						title: 'A',
						instructions: '',
						duration_minutes: 20,
						based_on: ['r1']
					}
				]
			},
			{ ...emptySession('s2', 'Two'), items: [] }
		]
	};
}

describe('templates', () => {
	it.each(PROGRAM_FORMATS)('%s: every text is a catalogue key', (format) => {
		const keys = PROGRAM_TEMPLATES[format].sessions.flatMap((s) => [
			s.title,
			...(s.objectives ? [s.objectives] : []),
			...s.items.flatMap((i) => [i.title, i.instructions])
		]);
		for (const key of keys) expect(Object.hasOwn(en, key)).toBe(true);
	});
	it('a one-day training has four sessions, a course six weeks, a semester thirteen', () => {
		expect(templateSessions('one_day_training', t, makeId).sessions).toHaveLength(4);
		expect(templateSessions('multi_week_course', t, makeId).sessions).toHaveLength(6);
		const semester = templateSessions('semester_course', t, makeId).sessions;
		expect(semester).toHaveLength(13);
		expect(semester[12]?.title).toBe('program_tpl_week{"number":13}');
		expect(templateSessions('open_circle', t, makeId).layout).toBe('circle');
	});
});

describe('programTime', () => {
	it('adds up items, uses the resource’s own duration, and warns when a session runs over', () => {
		const time = programTime(program(), () => 15);
		expect(time.sessions[0]).toMatchObject({ items_minutes: 35, over_time: true, items_without_time: 0 });
		expect(time.sessions[1]).toMatchObject({ over_time: false, planned_minutes: null });
		expect(programTime(program()).sessions[0]).toMatchObject({
			items_minutes: 20,
			items_without_time: 1,
			over_time: false
		});
	});
});

describe('decideProgram', () => {
	const access = (over: Partial<ProgramAccess>): ProgramAccess => ({
		signedIn: true,
		isAuthor: false,
		isInvited: false,
		visibility: 'private',
		authorCount: 1,
		...over
	});
	it('hides private programs from everyone but co-authors and invitees', () => {
		expect(decideProgram('read', access({}))).toMatchObject({ ok: false, kind: 'not_found' });
		expect(decideProgram('read', access({ isInvited: true })).ok).toBe(true);
		expect(decideProgram('read', access({ visibility: 'unlisted', signedIn: false })).ok).toBe(true);
		expect(decideProgram('list', access({ visibility: 'unlisted' })).ok).toBe(false);
		expect(decideProgram('list', access({ visibility: 'public' })).ok).toBe(true);
	});
	it('lets any co-author edit, invite and publish; others may only fork what they see', () => {
		for (const action of ['edit', 'invite', 'publish'] as const) {
			expect(decideProgram(action, access({ isAuthor: true })).ok).toBe(true);
			expect(decideProgram(action, access({ visibility: 'public' }))).toMatchObject({ kind: 'forbidden' });
		}
		expect(decideProgram('fork', access({ visibility: 'public' })).ok).toBe(true);
		expect(decideProgram('fork', access({ visibility: 'public', signedIn: false }))).toMatchObject({
			kind: 'unauthenticated'
		});
	});
	it('keeps the last co-author of a shared program', () => {
		expect(decideProgram('leave', access({ isAuthor: true, visibility: 'public' }))).toMatchObject({
			kind: 'conflict',
			reason: 'program_last_author_public'
		});
		expect(decideProgram('leave', access({ isAuthor: true, visibility: 'public', authorCount: 2 })).ok).toBe(
			true
		);
		expect(decideProgram('leave', access({ isAuthor: true })).ok).toBe(true);
	});
});

describe('applyEdit', () => {
	it('duplicates a session with new ids, its activities pointing at the copies', () => {
		const next = applyEdit(
			program(),
			{ op: 'duplicate_session', session_id: 's1', new_session_id: 's1b' },
			makeId
		);
		const copy = next.sessions[1]!;
		expect(copy.id).toBe('s1b');
		const [r, a] = copy.items;
		expect(r?.id).not.toBe('r1');
		expect(a?.kind === 'activity' && a.based_on).toEqual([r?.id]);
	});
	it('removing a resource item drops it from the activities that adapted it', () => {
		const next = applyEdit(program(), { op: 'remove_item', item_id: 'r1' }, makeId);
		expect(next.sessions[0]?.items).toEqual([expect.objectContaining({ id: 'a1', based_on: [] })]);
	});
	it('refuses duplicate ids, unknown sessions and fields of another kind', () => {
		expect(() =>
			applyEdit(program(), { op: 'add_session', session: emptySession('r1', 'X') }, makeId)
		).toThrow('program_id_duplicate');
		expect(() =>
			applyEdit(program(), { op: 'move_item', item_id: 'r1', session_id: 'nope', position: 0 }, makeId)
		).toThrow('program_session_not_found');
		expect(() =>
			applyEdit(program(), { op: 'edit_item', item_id: 'r1', fields: { url: 'https://x.org' } }, makeId)
		).toThrow('program_item_field_not_allowed');
	});
});

describe('diff and merge', () => {
	const bases = (fallback: ProgramContent): MergeBases => ({ fallback, byUnit: new Map() });
	it('inserting a session is one change, not a move of every session after it', () => {
		const base = program();
		const next = applyEdit(
			base,
			{ op: 'add_session', session: emptySession('s0', 'Zero'), position: 0 },
			makeId
		);
		const d = diffContent(base, next);
		expect(d.sessions.map((s) => [s.session_id, s.change])).toEqual([['s0', 'added']]);
	});
	it('an upstream edit of something the fork removed is a conflict; preferring theirs brings it back', () => {
		const base = program();
		const ours = applyEdit(base, { op: 'remove_session', session_id: 's2' }, makeId);
		const theirs = applyEdit(
			base,
			{ op: 'edit_session', session_id: 's2', fields: { title: 'Two, better' } },
			makeId
		);
		const report = upstreamReport(bases(base), ours, theirs);
		expect(report.sessions[0]?.change).toMatchObject({ status: 'conflict', reason: 'removed_here' });
		expect(takeUpstream(bases(base), ours, theirs, { sessions: ['s2'] }).conflicts).toHaveLength(1);
		const back = takeUpstream(bases(base), ours, theirs, {
			sessions: ['s2'],
			prefer: { 'session:s2': 'theirs' }
		});
		expect(back.content.sessions.map((s) => s.title)).toEqual(['One', 'Two, better']);
	});
	it('an upstream move is taken to the same place among the fork’s sessions', () => {
		const base = program();
		const theirs = applyEdit(base, { op: 'move_session', session_id: 's2', position: 0 }, makeId);
		const ours = applyEdit(
			base,
			{ op: 'edit_session', session_id: 's1', fields: { materials: 'Chairs' } },
			makeId
		);
		const r = takeUpstream(bases(base), ours, theirs, { sessions: ['s2'] });
		expect(r.content.sessions.map((s) => s.id)).toEqual(['s2', 's1']);
		expect(r.content.sessions[1]?.materials).toBe('Chairs');
	});
	it('upstream removing an item the fork edited is a conflict; preferring ours keeps it', () => {
		const base = program();
		const theirs = applyEdit(base, { op: 'remove_item', item_id: 'a1' }, makeId);
		const ours = applyEdit(base, { op: 'edit_item', item_id: 'a1', fields: { title: 'Ours' } }, makeId);
		const report = upstreamReport(bases(base), ours, theirs);
		expect(report.sessions[0]?.items[0]).toMatchObject({ change: 'removed', reason: 'edited_here' });
		const kept = takeUpstream(bases(base), ours, theirs, { items: ['a1'], prefer: { 'item:a1': 'ours' } });
		expect(kept.content.sessions[0]?.items.map((i) => i.id)).toEqual(['r1', 'a1']);
		expect(kept.taken).toEqual(['item:a1']);
	});
});

describe('moves', () => {
	it('a session taken from last to first is the only one that moved', () => {
		const base: ProgramContent = {
			...program(),
			sessions: ['a', 'b', 'c', 'd'].map((id) => emptySession(id, id))
		};
		const theirs = applyEdit(base, { op: 'move_session', session_id: 'd', position: 0 }, makeId);
		const d = diffContent(base, theirs);
		expect(d.sessions.map((s) => [s.session_id, s.change])).toEqual([['d', 'moved']]);
		const r = takeUpstream({ fallback: base, byUnit: new Map() }, base, theirs, { sessions: ['d'] });
		expect(r.content.sessions.map((s) => s.id)).toEqual(['d', 'a', 'b', 'c']);
	});
});
