/**
 * Programs (issue 5), the pure rules: what a program is made of (sessions holding resource,
 * activity and link items), the formats and their starting templates, the limits, how
 * durations add up, the edits a program accepts (each one becomes a new version), who may
 * do what under co-authorship with no owner, and who may see it. No I/O: the server
 * feature, the API and (later) the offline client share it.
 */
import { DomainError } from './errors';
import type { LicenceId } from './licences';
import type { MessageKey, MessageParams } from '../i18n/keys';

// --- Vocabularies -------------------------------------------------------------------------

export const PROGRAM_FORMATS = [
	'one_day_training',
	'multi_week_course',
	'semester_course',
	'self_paced',
	'open_circle'
] as const;
export type ProgramFormat = (typeof PROGRAM_FORMATS)[number];

/** A sequence has a first session; a circle has none: a group starts where it wants. */
export const LAYOUTS = ['sequence', 'circle'] as const;
export type Layout = (typeof LAYOUTS)[number];

export const ACTIVITY_KINDS = [
	'talking_circle',
	'reflection',
	'small_group',
	'role_play',
	'mapping',
	'action_step',
	'break',
	'other'
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ITEM_KINDS = ['resource', 'activity', 'link'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** private: co-authors only; unlisted: anyone with the link; public: everyone, and listed. */
export const VISIBILITIES = ['private', 'unlisted', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** What a program's own text (plans, notes) is shared under unless its authors choose otherwise. */
export const DEFAULT_PROGRAM_LICENCE: LicenceId = 'CC-BY-NC-SA-4.0';

export const PROGRAM_LIMITS = {
	title: 200,
	summary: 4000,
	audience: 300,
	languages: 10,
	outcomes: 30,
	outcome: 500,
	sessions: 120,
	sessionTitle: 200,
	/** Objectives, materials, facilitator notes: Markdown-ish free text. */
	sessionText: 10_000,
	reflectionQuestions: 20,
	reflectionQuestion: 500,
	itemsPerSession: 60,
	itemTitle: 200,
	instructions: 10_000,
	note: 2000,
	url: 2000,
	/** A session or an item lasts at most a day. */
	minutes: 24 * 60,
	changeNote: 500,
	basedOn: 20
} as const;

// --- Shapes -------------------------------------------------------------------------------

export interface ResourceItem {
	id: string;
	kind: 'resource';
	resource_id: string;
	/** A pinned version; null follows the resource's latest published version. */
	version_id: string | null;
	note: string;
	/** Time planned for it here; null uses the resource's own duration. */
	duration_minutes: number | null;
}

export interface ActivityItem {
	id: string;
	kind: 'activity';
	activity: ActivityKind;
	title: string;
	instructions: string;
	duration_minutes: number | null;
	/**
	 * Resource items of this program whose text the instructions adapt (quote, translate,
	 * change): the activity is then an adaptation of them under the program's own licence.
	 */
	based_on: string[];
}

export interface LinkItem {
	id: string;
	kind: 'link';
	url: string;
	title: string;
	note: string;
	duration_minutes: number | null;
}

export type ProgramItem = ResourceItem | ActivityItem | LinkItem;

export interface ProgramSession {
	id: string;
	title: string;
	objectives: string;
	duration_minutes: number | null;
	materials: string;
	facilitator_notes: string;
	reflection_questions: string[];
	items: ProgramItem[];
}

/** One version's content: what a save snapshots. Sessions and items keep their ids across versions. */
export interface ProgramContent {
	title: string;
	summary: string;
	/** BCP 47 tags, canonical. */
	languages: string[];
	audience: string;
	format: ProgramFormat;
	layout: Layout;
	outcomes: string[];
	/** The licence of the program's own text (session plans, notes, activities). */
	licence: LicenceId;
	sessions: ProgramSession[];
}

export type ProgramMeta = Omit<ProgramContent, 'sessions'>;
export const META_FIELDS = [
	'title',
	'summary',
	'languages',
	'audience',
	'format',
	'layout',
	'outcomes',
	'licence'
] as const satisfies readonly (keyof ProgramMeta)[];
export const SESSION_FIELDS = [
	'title',
	'objectives',
	'duration_minutes',
	'materials',
	'facilitator_notes',
	'reflection_questions'
] as const satisfies readonly (keyof ProgramSession)[];
export type SessionFields = Pick<ProgramSession, (typeof SESSION_FIELDS)[number]>;

export function emptySession(id: string, title: string): ProgramSession {
	return {
		id,
		title,
		objectives: '',
		duration_minutes: null,
		materials: '',
		facilitator_notes: '',
		reflection_questions: [],
		items: []
	};
}

// --- Durations ----------------------------------------------------------------------------

export interface SessionTime {
	session_id: string;
	planned_minutes: number | null;
	items_minutes: number;
	/** Items whose length is unknown (a resource without a duration, an item without one). */
	items_without_time: number;
	/** The items take longer than the time the session has: the page warns. */
	over_time: boolean;
}

export interface ProgramTime {
	sessions: SessionTime[];
	planned_minutes: number;
	items_minutes: number;
	over_time_sessions: number;
}

/**
 * How long things take. `resourceMinutes` gives a resource item's own duration when the
 * item sets none (from the resource; null when unknown or not visible).
 */
export function programTime(
	content: Pick<ProgramContent, 'sessions'>,
	resourceMinutes: (item: ResourceItem) => number | null = () => null
): ProgramTime {
	const sessions = content.sessions.map((s): SessionTime => {
		let minutes = 0;
		let unknown = 0;
		for (const item of s.items) {
			const m = item.duration_minutes ?? (item.kind === 'resource' ? resourceMinutes(item) : null);
			if (m === null) unknown++;
			else minutes += m;
		}
		return {
			session_id: s.id,
			planned_minutes: s.duration_minutes,
			items_minutes: minutes,
			items_without_time: unknown,
			over_time: s.duration_minutes !== null && minutes > s.duration_minutes
		};
	});
	return {
		sessions,
		planned_minutes: sessions.reduce((n, s) => n + (s.planned_minutes ?? 0), 0),
		items_minutes: sessions.reduce((n, s) => n + s.items_minutes, 0),
		over_time_sessions: sessions.filter((s) => s.over_time).length
	};
}

export const OVER_TIME_WARNING: MessageKey = 'program_over_time';

// --- Templates ----------------------------------------------------------------------------

interface TemplateItem {
	activity: ActivityKind;
	title: MessageKey;
	instructions: MessageKey;
	minutes: number;
}

interface TemplateSession {
	title: MessageKey;
	params?: MessageParams;
	objectives?: MessageKey;
	minutes: number;
	items: readonly TemplateItem[];
}

export interface ProgramTemplate {
	format: ProgramFormat;
	layout: Layout;
	sessions: readonly TemplateSession[];
}

const opening: TemplateItem = {
	activity: 'talking_circle',
	title: 'program_tpl_item_opening_circle',
	instructions: 'program_tpl_item_opening_circle_instructions',
	minutes: 20
};
const closing: TemplateItem = {
	activity: 'reflection',
	title: 'program_tpl_item_closing_reflection',
	instructions: 'program_tpl_item_closing_reflection_instructions',
	minutes: 15
};
const pause: TemplateItem = {
	activity: 'break',
	title: 'program_tpl_item_break',
	instructions: 'program_tpl_item_break_instructions',
	minutes: 15
};
const actionStep: TemplateItem = {
	activity: 'action_step',
	title: 'program_tpl_item_action_step',
	instructions: 'program_tpl_item_action_step_instructions',
	minutes: 20
};

const weeks = (count: number, minutes: number): TemplateSession[] =>
	Array.from({ length: count }, (_, i) => ({
		title: 'program_tpl_week',
		params: { number: i + 1 },
		minutes,
		items: i === 0 ? [opening, closing] : i === count - 1 ? [actionStep, closing] : [closing]
	}));

/** A starting shape per format; every text is a message key, filled in the author's language. */
export const PROGRAM_TEMPLATES: Readonly<Record<ProgramFormat, ProgramTemplate>> = {
	one_day_training: {
		format: 'one_day_training',
		layout: 'sequence',
		sessions: [
			{
				title: 'program_tpl_day_opening',
				objectives: 'program_tpl_day_opening_objectives',
				minutes: 90,
				items: [opening]
			},
			{
				title: 'program_tpl_day_explore',
				objectives: 'program_tpl_day_explore_objectives',
				minutes: 90,
				items: [pause]
			},
			{
				title: 'program_tpl_day_practice',
				objectives: 'program_tpl_day_practice_objectives',
				minutes: 90,
				items: [pause]
			},
			{
				title: 'program_tpl_day_action',
				objectives: 'program_tpl_day_action_objectives',
				minutes: 90,
				items: [actionStep, closing]
			}
		]
	},
	multi_week_course: { format: 'multi_week_course', layout: 'sequence', sessions: weeks(6, 120) },
	semester_course: { format: 'semester_course', layout: 'sequence', sessions: weeks(13, 150) },
	self_paced: {
		format: 'self_paced',
		layout: 'sequence',
		sessions: Array.from({ length: 5 }, (_, i) => ({
			title: 'program_tpl_module',
			params: { number: i + 1 },
			minutes: 60,
			items: [closing]
		}))
	},
	open_circle: {
		format: 'open_circle',
		layout: 'circle',
		sessions: (
			[
				'program_tpl_circle_stories',
				'program_tpl_circle_mapping',
				'program_tpl_circle_choosing',
				'program_tpl_circle_acting'
			] as const
		).map((title) => ({ title, minutes: 120, items: [opening, closing] }))
	}
};

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The template's sessions in the author's language, with fresh ids. */
export function templateSessions(
	format: ProgramFormat,
	t: Translate,
	makeId: () => string
): { layout: Layout; sessions: ProgramSession[] } {
	const template = PROGRAM_TEMPLATES[format];
	return {
		layout: template.layout,
		sessions: template.sessions.map((s) => ({
			...emptySession(makeId(), t(s.title, s.params)),
			objectives: s.objectives ? t(s.objectives) : '',
			duration_minutes: s.minutes,
			items: s.items.map((i): ActivityItem => ({
				id: makeId(),
				kind: 'activity',
				activity: i.activity,
				title: t(i.title),
				instructions: t(i.instructions),
				duration_minutes: i.minutes,
				based_on: []
			}))
		}))
	};
}

// --- Co-authorship and visibility -------------------------------------------------------

export type ProgramAction =
	'read' | 'edit' | 'invite' | 'publish' | 'fork' | 'leave' | 'list' | 'see_history';

export interface ProgramAccess {
	signedIn: boolean;
	isAuthor: boolean;
	/** Holds an open invitation: may look before deciding. */
	isInvited: boolean;
	visibility: Visibility;
	/** How many co-authors the program has now. */
	authorCount: number;
}

export type ProgramDecision =
	| { ok: true }
	| { ok: false; kind: 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict'; reason: MessageKey };

const yes: ProgramDecision = { ok: true };
const hidden: ProgramDecision = { ok: false, kind: 'not_found', reason: 'program_not_found' };

/**
 * No owner: every co-author may edit, invite and publish, equally. Everyone else sees what
 * the visibility lets them see, and a private program is "not found" to them, never
 * "forbidden", so its existence does not leak. Only public programs are ever listed or
 * counted for people who are not co-authors: an unlisted one is reachable by its link alone.
 *
 * The last co-author may not leave a public or unlisted program: readers and remixers rely
 * on someone being able to correct it or take it down. They make it private first (or invite
 * someone); leaving a private program as its last co-author leaves it to no one, unseen, and
 * kept only so remixes keep their provenance.
 */
export function decideProgram(action: ProgramAction, a: ProgramAccess): ProgramDecision {
	const seen = a.isAuthor || a.isInvited || a.visibility !== 'private';
	switch (action) {
		case 'read':
			return seen ? yes : hidden;
		case 'list':
			return a.isAuthor || a.visibility === 'public' ? yes : hidden;
		case 'see_history':
			return seen ? yes : hidden;
		case 'fork':
			if (!seen) return hidden;
			return a.signedIn ? yes : { ok: false, kind: 'unauthenticated', reason: 'error_unauthenticated' };
		case 'edit':
		case 'invite':
		case 'publish':
			if (!seen) return hidden;
			if (!a.signedIn) return { ok: false, kind: 'unauthenticated', reason: 'error_unauthenticated' };
			return a.isAuthor ? yes : { ok: false, kind: 'forbidden', reason: 'program_not_author' };
		case 'leave':
			if (!a.isAuthor) return seen ? { ok: false, kind: 'forbidden', reason: 'program_not_author' } : hidden;
			if (a.authorCount <= 1 && a.visibility !== 'private')
				return { ok: false, kind: 'conflict', reason: 'program_last_author_public' };
			return yes;
	}
}

// --- Edits ----------------------------------------------------------------------------------

export type MetaPatch = Partial<ProgramMeta>;
export type SessionPatch = Partial<SessionFields>;
export type ItemPatch =
	| Partial<Omit<ResourceItem, 'id' | 'kind' | 'resource_id'>>
	| Partial<Omit<ActivityItem, 'id' | 'kind'>>
	| Partial<Omit<LinkItem, 'id' | 'kind'>>;

/** One change a person makes; every applied edit becomes a new version. Positions are 0-based. */
export type ProgramEdit =
	| { op: 'edit_program'; fields: MetaPatch }
	| { op: 'set_layout'; layout: Layout }
	| {
			op: 'add_session';
			session: Omit<ProgramSession, 'items'> & { items?: ProgramItem[] };
			position?: number;
	  }
	| { op: 'edit_session'; session_id: string; fields: SessionPatch }
	| { op: 'remove_session'; session_id: string }
	| { op: 'move_session'; session_id: string; position: number }
	| { op: 'duplicate_session'; session_id: string; new_session_id: string }
	| { op: 'add_item'; session_id: string; item: ProgramItem; position?: number }
	| { op: 'edit_item'; item_id: string; fields: ItemPatch }
	| { op: 'remove_item'; item_id: string }
	| { op: 'move_item'; item_id: string; session_id: string; position: number };

function refusal(
	kind: 'invalid' | 'not_found' | 'conflict',
	field: string,
	key: MessageKey,
	params?: MessageParams
) {
	return new DomainError(kind, key, {
		params,
		fields: [{ field, message: key, ...(params ? { params } : {}) }]
	});
}

const clampPosition = (position: number | undefined, length: number) =>
	position === undefined ? length : Math.max(0, Math.min(length, Math.trunc(position)));

function insertAt<T>(xs: readonly T[], x: T, position: number | undefined): T[] {
	const out = [...xs];
	out.splice(clampPosition(position, xs.length), 0, x);
	return out;
}

export function allItemIds(content: Pick<ProgramContent, 'sessions'>): Set<string> {
	return new Set(content.sessions.flatMap((s) => s.items.map((i) => i.id)));
}

export function findItem(
	content: Pick<ProgramContent, 'sessions'>,
	itemId: string
): { session: ProgramSession; index: number; item: ProgramItem } | null {
	for (const session of content.sessions) {
		const index = session.items.findIndex((i) => i.id === itemId);
		const item = session.items[index];
		if (item) return { session, index, item };
	}
	return null;
}

function sessionOrThrow(content: ProgramContent, id: string, field = 'session_id'): ProgramSession {
	const s = content.sessions.find((x) => x.id === id);
	if (!s) throw refusal('not_found', field, 'program_session_not_found');
	return s;
}

/** Structural rules every content must keep: unique ids, limits, based_on pointing at resource items. */
export function checkContent(content: ProgramContent): void {
	const L = PROGRAM_LIMITS;
	if (content.sessions.length > L.sessions)
		throw refusal('invalid', 'sessions', 'program_too_many_sessions', { count: L.sessions });
	const ids = new Set<string>();
	const resourceItems = new Set<string>();
	content.sessions.forEach((s, si) => {
		if (ids.has(s.id)) throw refusal('conflict', `sessions.${si}.id`, 'program_id_duplicate');
		ids.add(s.id);
		if (s.items.length > L.itemsPerSession)
			throw refusal('invalid', `sessions.${si}.items`, 'program_too_many_items', {
				count: L.itemsPerSession
			});
		s.items.forEach((item, ii) => {
			if (ids.has(item.id))
				throw refusal('conflict', `sessions.${si}.items.${ii}.id`, 'program_id_duplicate');
			ids.add(item.id);
			if (item.kind === 'resource') resourceItems.add(item.id);
		});
	});
	content.sessions.forEach((s, si) =>
		s.items.forEach((item, ii) => {
			if (item.kind !== 'activity') return;
			const bad = item.based_on.findIndex((id) => !resourceItems.has(id));
			if (bad >= 0)
				throw refusal(
					'invalid',
					`sessions.${si}.items.${ii}.based_on.${bad}`,
					'program_based_on_not_resource'
				);
		})
	);
}

function patchItem(item: ProgramItem, fields: ItemPatch): ProgramItem {
	// Only the fields of the item's own kind apply; the kind and the resource never change in place.
	const allowed: Record<ItemKind, readonly string[]> = {
		resource: ['version_id', 'note', 'duration_minutes'],
		activity: ['activity', 'title', 'instructions', 'duration_minutes', 'based_on'],
		link: ['url', 'title', 'note', 'duration_minutes']
	};
	const next: Record<string, unknown> = { ...item };
	for (const [k, v] of Object.entries(fields)) {
		if (v === undefined) continue;
		if (!allowed[item.kind].includes(k))
			throw refusal('invalid', `fields.${k}`, 'program_item_field_not_allowed');
		next[k] = v;
	}
	return next as unknown as ProgramItem;
}

/**
 * Applies one edit and returns the new content (the input is never changed). `makeId`
 * names the copies a duplicated session's items get.
 */
export function applyEdit(content: ProgramContent, edit: ProgramEdit, makeId: () => string): ProgramContent {
	const sessions = content.sessions;
	const replaceSession = (id: string, f: (s: ProgramSession) => ProgramSession) =>
		sessions.map((s) => (s.id === id ? f(s) : s));
	let next: ProgramContent;
	switch (edit.op) {
		case 'edit_program': {
			const fields = Object.fromEntries(Object.entries(edit.fields).filter(([, v]) => v !== undefined));
			next = { ...content, ...fields };
			break;
		}
		case 'set_layout':
			next = { ...content, layout: edit.layout };
			break;
		case 'add_session': {
			if (allItemIds(content).has(edit.session.id) || sessions.some((s) => s.id === edit.session.id))
				throw refusal('conflict', 'session.id', 'program_id_duplicate');
			next = {
				...content,
				sessions: insertAt(sessions, { ...edit.session, items: edit.session.items ?? [] }, edit.position)
			};
			break;
		}
		case 'edit_session': {
			sessionOrThrow(content, edit.session_id);
			const fields = Object.fromEntries(Object.entries(edit.fields).filter(([, v]) => v !== undefined));
			next = { ...content, sessions: replaceSession(edit.session_id, (s) => ({ ...s, ...fields })) };
			break;
		}
		case 'remove_session': {
			const gone = sessionOrThrow(content, edit.session_id);
			const goneItems = new Set(gone.items.map((i) => i.id));
			// Activities that adapted a removed resource item no longer point at it.
			next = {
				...content,
				sessions: sessions
					.filter((s) => s.id !== edit.session_id)
					.map((s) => ({ ...s, items: s.items.map((i) => withoutBasedOn(i, goneItems)) }))
			};
			break;
		}
		case 'move_session': {
			const s = sessionOrThrow(content, edit.session_id);
			const rest = sessions.filter((x) => x.id !== edit.session_id);
			next = { ...content, sessions: insertAt(rest, s, edit.position) };
			break;
		}
		case 'duplicate_session': {
			const s = sessionOrThrow(content, edit.session_id);
			if (sessions.some((x) => x.id === edit.new_session_id) || allItemIds(content).has(edit.new_session_id))
				throw refusal('conflict', 'new_session_id', 'program_id_duplicate');
			const renamed = new Map(s.items.map((i) => [i.id, makeId()]));
			const copy: ProgramSession = {
				...s,
				id: edit.new_session_id,
				reflection_questions: [...s.reflection_questions],
				items: s.items.map((i) => {
					const id = renamed.get(i.id) ?? makeId();
					// A copied activity adapts the copied resources, not the originals.
					return i.kind === 'activity'
						? { ...i, id, based_on: i.based_on.map((b) => renamed.get(b) ?? b) }
						: { ...i, id };
				})
			};
			const at = sessions.indexOf(s) + 1;
			next = { ...content, sessions: insertAt(sessions, copy, at) };
			break;
		}
		case 'add_item': {
			sessionOrThrow(content, edit.session_id);
			if (allItemIds(content).has(edit.item.id) || sessions.some((s) => s.id === edit.item.id))
				throw refusal('conflict', 'item.id', 'program_id_duplicate');
			next = {
				...content,
				sessions: replaceSession(edit.session_id, (s) => ({
					...s,
					items: insertAt(s.items, edit.item, edit.position)
				}))
			};
			break;
		}
		case 'edit_item': {
			const found = findItem(content, edit.item_id);
			if (!found) throw refusal('not_found', 'item_id', 'program_item_not_found');
			const patched = patchItem(found.item, edit.fields);
			next = {
				...content,
				sessions: replaceSession(found.session.id, (s) => ({
					...s,
					items: s.items.map((i) => (i.id === edit.item_id ? patched : i))
				}))
			};
			break;
		}
		case 'remove_item': {
			if (!findItem(content, edit.item_id)) throw refusal('not_found', 'item_id', 'program_item_not_found');
			const gone = new Set([edit.item_id]);
			next = {
				...content,
				sessions: sessions.map((s) => ({
					...s,
					items: s.items.filter((i) => i.id !== edit.item_id).map((i) => withoutBasedOn(i, gone))
				}))
			};
			break;
		}
		case 'move_item': {
			const found = findItem(content, edit.item_id);
			if (!found) throw refusal('not_found', 'item_id', 'program_item_not_found');
			sessionOrThrow(content, edit.session_id);
			const without = sessions.map((s) => ({ ...s, items: s.items.filter((i) => i.id !== edit.item_id) }));
			next = {
				...content,
				sessions: without.map((s) =>
					s.id === edit.session_id ? { ...s, items: insertAt(s.items, found.item, edit.position) } : s
				)
			};
			break;
		}
	}
	checkContent(next);
	return next;
}

function withoutBasedOn(item: ProgramItem, gone: ReadonlySet<string>): ProgramItem {
	if (item.kind !== 'activity' || !item.based_on.some((b) => gone.has(b))) return item;
	return { ...item, based_on: item.based_on.filter((b) => !gone.has(b)) };
}

/** The resource items of a program, in reading order. */
export function resourceItems(content: Pick<ProgramContent, 'sessions'>): ResourceItem[] {
	return content.sessions.flatMap((s) => s.items.filter((i): i is ResourceItem => i.kind === 'resource'));
}
