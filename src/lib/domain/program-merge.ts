/**
 * Structural diffs and the three-way merge of programs. Sessions and items keep their ids
 * across versions and forks, so a change is named by what it touched: the program's own
 * fields (unit `program`), a session's fields and place (`session:<id>`), an item's fields
 * and place (`item:<id>`). A remix takes upstream changes unit by unit (a session is its
 * unit plus its items' units), each merged three ways:
 *
 *   base   = the upstream version this unit was last in step with (the forked version, or
 *            the upstream version it was last taken from),
 *   ours   = the fork's head,
 *   theirs = upstream's head.
 *
 * A field only upstream changed is taken; a field only the fork changed is kept; a field
 * both changed differently is a conflict, reported with the three values and never
 * overwritten unless the person says which side to keep. Per-unit bases mean taking one
 * item now does not make it look changed again later.
 */
import {
	META_FIELDS,
	SESSION_FIELDS,
	checkContent,
	emptySession,
	type ProgramContent,
	type ProgramItem,
	type ProgramSession
} from './programs';

export const PROGRAM_UNIT = 'program';
export const sessionUnit = (id: string) => `session:${id}`;
export const itemUnit = (id: string) => `item:${id}`;

type Fields = Record<string, unknown>;

interface UnitState {
	fields: Fields;
	/** '' for the program and sessions; the session id for an item. */
	container: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function pick(source: object, keys: readonly string[]): Fields {
	const record = source as Record<string, unknown>;
	return Object.fromEntries(keys.map((k) => [k, record[k]]));
}

function itemFields(item: ProgramItem): Fields {
	const { id: _id, ...rest } = item;
	return rest;
}

function stateOf(content: ProgramContent, unit: string): UnitState | null {
	if (unit === PROGRAM_UNIT) return { fields: pick(content, META_FIELDS), container: '' };
	const [kind, id] = splitUnit(unit);
	if (kind === 'session') {
		const s = content.sessions.find((x) => x.id === id);
		return s ? { fields: pick(s, SESSION_FIELDS), container: '' } : null;
	}
	for (const s of content.sessions) {
		const item = s.items.find((i) => i.id === id);
		if (item) return { fields: itemFields(item), container: s.id };
	}
	return null;
}

function splitUnit(unit: string): ['program' | 'session' | 'item', string] {
	const at = unit.indexOf(':');
	const kind = unit.slice(0, at);
	return [kind === 'session' ? 'session' : kind === 'item' ? 'item' : 'program', unit.slice(at + 1)];
}

function siblings(content: ProgramContent, unit: string, container: string): string[] {
	const [kind] = splitUnit(unit);
	if (kind === 'session') return content.sessions.map((s) => s.id);
	return content.sessions.find((s) => s.id === container)?.items.map((i) => i.id) ?? [];
}

/** The length of the longest common subsequence of two id lists (both small: a session's items, a program's sessions). */
function lcsLength(a: readonly string[], b: readonly string[]): number {
	let previous = new Array<number>(b.length + 1).fill(0);
	for (const x of a) {
		const row = [0];
		for (let j = 0; j < b.length; j++)
			row.push(x === b[j] ? previous[j]! + 1 : Math.max(previous[j + 1]!, row[j]!));
		previous = row;
	}
	return previous[b.length]!;
}

/**
 * Whether a unit changed place from `a` to `b`: another session, or out of order among the
 * siblings both versions share, so inserting or removing a neighbour does not count as
 * moving it. "Out of order" means some longest common order leaves it out: in a swap both
 * moved; when one session goes from last to first, only that one did.
 */
function moved(a: ProgramContent, b: ProgramContent, unit: string, sa: UnitState, sb: UnitState): boolean {
	if (unit === PROGRAM_UNIT) return false;
	if (sa.container !== sb.container) return true;
	const [, id] = splitUnit(unit);
	const inA = siblings(a, unit, sa.container);
	const inB = siblings(b, unit, sb.container);
	const common = new Set(inA.filter((x) => inB.includes(x)));
	const orderA = inA.filter((x) => common.has(x));
	const orderB = inB.filter((x) => common.has(x));
	const without = (xs: string[]) => xs.filter((x) => x !== id);
	return lcsLength(without(orderA), without(orderB)) === lcsLength(orderA, orderB);
}

// --- Two-way diff (history) ---------------------------------------------------------------

export type Change = 'added' | 'removed' | 'changed' | 'moved';

export interface ItemDiff {
	item_id: string;
	kind: ProgramItem['kind'];
	change: Change;
	fields: string[];
	moved: boolean;
	from_session: string | null;
	to_session: string | null;
}

export interface SessionDiff {
	session_id: string;
	title: string;
	/** null when only its items changed. */
	change: Change | null;
	fields: string[];
	moved: boolean;
	items: ItemDiff[];
}

export interface ContentDiff {
	program: { fields: string[] };
	sessions: SessionDiff[];
	/** How many sessions and items changed in any way. */
	count: number;
}

function changedFields(a: Fields, b: Fields): string[] {
	return Object.keys({ ...a, ...b }).filter((k) => !same(a[k], b[k]));
}

/** What changed from `from` to `to`, by session and item. Sessions in `to`'s order, then removed ones. */
export function diffContent(from: ProgramContent, to: ProgramContent): ContentDiff {
	const programFields = changedFields(pick(from, META_FIELDS), pick(to, META_FIELDS));
	const sessionIds = [...to.sessions.map((s) => s.id), ...from.sessions.map((s) => s.id)].filter(
		(id, i, all) => all.indexOf(id) === i
	);
	const itemDiffs = new Map<string, ItemDiff[]>();
	const itemIds = [
		...to.sessions.flatMap((s) => s.items.map((i) => i.id)),
		...from.sessions.flatMap((s) => s.items.map((i) => i.id))
	].filter((id, i, all) => all.indexOf(id) === i);
	for (const id of itemIds) {
		const unit = itemUnit(id);
		const a = stateOf(from, unit);
		const b = stateOf(to, unit);
		const d = twoWay(from, to, unit, a, b);
		if (!d) continue;
		const kind = ((b ?? a)?.fields.kind ?? 'activity') as ProgramItem['kind'];
		const entry: ItemDiff = {
			item_id: id,
			kind,
			...d,
			from_session: a?.container ?? null,
			to_session: b?.container ?? null
		};
		const where = b?.container ?? a?.container ?? '';
		itemDiffs.set(where, [...(itemDiffs.get(where) ?? []), entry]);
	}
	const sessions: SessionDiff[] = [];
	for (const id of sessionIds) {
		const unit = sessionUnit(id);
		const a = stateOf(from, unit);
		const b = stateOf(to, unit);
		const d = twoWay(from, to, unit, a, b);
		const items = itemDiffs.get(id) ?? [];
		if (!d && items.length === 0) continue;
		sessions.push({
			session_id: id,
			title: String((b ?? a)?.fields.title ?? ''),
			change: d?.change ?? null,
			fields: d?.fields ?? [],
			moved: d?.moved ?? false,
			items
		});
	}
	return {
		program: { fields: programFields },
		sessions,
		count: sessions.reduce((n, s) => n + (s.change ? 1 : 0) + s.items.length, 0)
	};
}

function twoWay(
	from: ProgramContent,
	to: ProgramContent,
	unit: string,
	a: UnitState | null,
	b: UnitState | null
): { change: Change; fields: string[]; moved: boolean } | null {
	if (!a && !b) return null;
	if (!a) return { change: 'added', fields: [], moved: false };
	if (!b) return { change: 'removed', fields: [], moved: false };
	const fields = changedFields(a.fields, b.fields);
	const m = moved(from, to, unit, a, b);
	if (fields.length === 0 && !m) return null;
	return { change: fields.length > 0 ? 'changed' : 'moved', fields, moved: m };
}

// --- Three-way: what changed upstream, and taking it --------------------------------------

export interface FieldConflict {
	field: string;
	base: unknown;
	ours: unknown;
	theirs: unknown;
}

export type ConflictReason =
	'edited_both' | 'removed_here' | 'edited_here' | 'session_missing' | 'moved_both';

export interface UnitChange {
	unit: string;
	change: Change;
	/** The upstream fields this change would bring in. */
	fields: string[];
	moved: boolean;
	status: 'clean' | 'conflict';
	reason: ConflictReason | null;
	conflicts: FieldConflict[];
}

export interface UpstreamSession {
	session_id: string;
	title: string;
	change: UnitChange | null;
	items: (UnitChange & { item_id: string })[];
}

export interface UpstreamReport {
	program: UnitChange | null;
	sessions: UpstreamSession[];
	/** Units with an upstream change not yet taken. */
	pending: number;
	conflicts: number;
}

/** Where each unit was last in step with upstream; units not named use `fallback` (the forked version). */
export interface MergeBases {
	fallback: ProgramContent;
	byUnit: ReadonlyMap<string, ProgramContent>;
}

const baseOf = (bases: MergeBases, unit: string) => bases.byUnit.get(unit) ?? bases.fallback;

function threeWay(
	bases: MergeBases,
	ours: ProgramContent,
	theirs: ProgramContent,
	unit: string
): UnitChange | null {
	const base = baseOf(bases, unit);
	const b = stateOf(base, unit);
	const o = stateOf(ours, unit);
	const t = stateOf(theirs, unit);
	const change = (
		kind: Change,
		fields: string[],
		isMoved: boolean,
		reason: ConflictReason | null,
		conflicts: FieldConflict[] = []
	): UnitChange => ({
		unit,
		change: kind,
		fields,
		moved: isMoved,
		status: reason ? 'conflict' : 'clean',
		reason,
		conflicts
	});

	if (!b && !t) return null;
	if (!b && t) {
		// Already here (the same id can only have come from upstream): nothing to take.
		if (o) return null;
		return change('added', Object.keys(t.fields), false, null);
	}
	if (b && !t) {
		if (!o) return null;
		const editedHere = changedFields(b.fields, o.fields);
		return change(
			'removed',
			[],
			false,
			editedHere.length > 0 ? 'edited_here' : null,
			editedHere.map((f) => ({ field: f, base: b.fields[f], ours: o.fields[f], theirs: undefined }))
		);
	}
	if (!b || !t) return null;
	const upstreamFields = changedFields(b.fields, t.fields);
	const movedUp = moved(base, theirs, unit, b, t);
	if (upstreamFields.length === 0 && !movedUp) return null;
	if (!o) return change('changed', upstreamFields, movedUp, 'removed_here');

	const pending = upstreamFields.filter((f) => !same(o.fields[f], t.fields[f]));
	const conflicts = pending
		.filter((f) => !same(o.fields[f], b.fields[f]))
		.map((f) => ({ field: f, base: b.fields[f], ours: o.fields[f], theirs: t.fields[f] }));
	let movePending = false;
	let moveConflict = false;
	if (movedUp) {
		const movedHere = moved(base, ours, unit, b, o);
		const sameSpot =
			o.container === t.container && predecessorIn(theirs, ours, unit, t) === predecessor(ours, unit, o);
		movePending = !sameSpot;
		moveConflict = movePending && movedHere;
	}
	if (pending.length === 0 && !movePending) return null;
	const reason: ConflictReason | null =
		conflicts.length > 0 ? 'edited_both' : moveConflict ? 'moved_both' : null;
	return change(pending.length > 0 ? 'changed' : 'moved', pending, movePending, reason, conflicts);
}

function predecessor(content: ProgramContent, unit: string, s: UnitState): string | null {
	const [, id] = splitUnit(unit);
	const list = siblings(content, unit, s.container);
	const at = list.indexOf(id);
	return at > 0 ? (list[at - 1] ?? null) : null;
}

/** The nearest sibling before the unit in `from` that also exists in `target`'s container. */
function predecessorIn(
	from: ProgramContent,
	target: ProgramContent,
	unit: string,
	s: UnitState
): string | null {
	const [, id] = splitUnit(unit);
	const list = siblings(from, unit, s.container);
	const present = new Set(siblings(target, unit, s.container));
	for (let at = list.indexOf(id) - 1; at >= 0; at--) {
		const candidate = list[at];
		if (candidate !== undefined && present.has(candidate)) return candidate;
	}
	return null;
}

function candidateUnits(bases: MergeBases, theirs: ProgramContent): { sessions: string[]; items: string[] } {
	const contents = [theirs, bases.fallback, ...bases.byUnit.values()];
	const uniq = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) === i);
	return {
		sessions: uniq(contents.flatMap((c) => c.sessions.map((s) => s.id))),
		items: uniq(contents.flatMap((c) => c.sessions.flatMap((s) => s.items.map((i) => i.id))))
	};
}

/** What changed upstream since the fork (or since each unit was last taken), against the fork's own edits. */
export function upstreamReport(
	bases: MergeBases,
	ours: ProgramContent,
	theirs: ProgramContent
): UpstreamReport {
	const units = candidateUnits(bases, theirs);
	const bySession = new Map<string, (UnitChange & { item_id: string })[]>();
	for (const id of units.items) {
		const c = threeWay(bases, ours, theirs, itemUnit(id));
		if (!c) continue;
		// Filed under the session it is in upstream (or was in, when upstream removed it).
		const where =
			stateOf(theirs, itemUnit(id))?.container ??
			stateOf(baseOf(bases, itemUnit(id)), itemUnit(id))?.container ??
			'';
		bySession.set(where, [...(bySession.get(where) ?? []), { ...c, item_id: id }]);
	}
	const sessions: UpstreamSession[] = [];
	for (const id of units.sessions) {
		const change = threeWay(bases, ours, theirs, sessionUnit(id));
		const items = bySession.get(id) ?? [];
		if (!change && items.length === 0) continue;
		const title =
			stateOf(theirs, sessionUnit(id)) ??
			stateOf(ours, sessionUnit(id)) ??
			stateOf(baseOf(bases, sessionUnit(id)), sessionUnit(id));
		sessions.push({ session_id: id, title: String(title?.fields.title ?? ''), change, items });
	}
	const program = threeWay(bases, ours, theirs, PROGRAM_UNIT);
	const all = [program, ...sessions.flatMap((s) => [s.change, ...s.items])].filter(
		(c): c is UnitChange => c !== null
	);
	return {
		program,
		sessions,
		pending: all.length,
		conflicts: all.filter((c) => c.status === 'conflict').length
	};
}

export type Prefer = 'ours' | 'theirs';

export interface TakeRequest {
	/** Take the program's own fields (title, summary, layout, …). */
	program?: boolean;
	/** Whole sessions: the session's own change and every item change filed under it. */
	sessions?: readonly string[];
	/** Single items. */
	items?: readonly string[];
	/** How to settle a unit's conflict; a conflicted unit without one is left as it is and reported. */
	prefer?: Readonly<Record<string, Prefer>>;
}

export interface TakeResult {
	content: ProgramContent;
	/** Units now in step with upstream's head (their base moves to it). */
	taken: string[];
	/** Asked-for units left as they were because of a conflict nobody settled. */
	conflicts: UnitChange[];
	/** Asked-for units that had no upstream change. */
	unchanged: string[];
}

/** The units a take request names, in the order they are applied: program, sessions, then items. */
function requestedUnits(report: UpstreamReport, take: TakeRequest): string[] {
	const units: string[] = [];
	if (take.program) units.push(PROGRAM_UNIT);
	const sessionIds = new Set(take.sessions ?? []);
	const itemIds = new Set(take.items ?? []);
	for (const id of sessionIds) units.push(sessionUnit(id));
	for (const s of report.sessions) {
		for (const i of s.items) if (sessionIds.has(s.session_id) || itemIds.has(i.item_id)) units.push(i.unit);
	}
	for (const id of itemIds) if (!units.includes(itemUnit(id))) units.push(itemUnit(id));
	return units.filter((u, i) => units.indexOf(u) === i);
}

function placeAfter<T extends { id: string }>(list: T[], x: T, after: string | null): T[] {
	const without = list.filter((y) => y.id !== x.id);
	const at = after === null ? 0 : without.findIndex((y) => y.id === after) + 1;
	without.splice(at, 0, x);
	return without;
}

/**
 * Applies the asked-for upstream changes to the fork's head. Clean changes apply; a
 * conflicted unit applies only with a `prefer` for it (its clean fields from upstream, its
 * conflicted fields from the chosen side); anything else stays as the fork has it.
 */
export function takeUpstream(
	bases: MergeBases,
	ours: ProgramContent,
	theirs: ProgramContent,
	take: TakeRequest
): TakeResult {
	const report = upstreamReport(bases, ours, theirs);
	const changes = new Map<string, UnitChange>();
	if (report.program) changes.set(PROGRAM_UNIT, report.program);
	for (const s of report.sessions) {
		if (s.change) changes.set(s.change.unit, s.change);
		for (const i of s.items) changes.set(i.unit, i);
	}
	let content: ProgramContent = structuredClone(ours);
	const taken: string[] = [];
	const conflicts: UnitChange[] = [];
	const unchanged: string[] = [];

	for (const unit of requestedUnits(report, take)) {
		const c = changes.get(unit);
		if (!c) {
			unchanged.push(unit);
			continue;
		}
		const prefer = take.prefer?.[unit];
		if (c.status === 'conflict' && !prefer) {
			conflicts.push(c);
			continue;
		}
		const next = applyUnit(content, theirs, baseOf(bases, unit), c, prefer ?? 'theirs');
		if (next === 'session_missing') {
			conflicts.push({ ...c, status: 'conflict', reason: 'session_missing' });
			continue;
		}
		content = next;
		taken.push(unit);
	}
	// Activities keep pointing only at resource items that are here.
	const resources = new Set(
		content.sessions.flatMap((s) => s.items.filter((i) => i.kind === 'resource').map((i) => i.id))
	);
	content = {
		...content,
		sessions: content.sessions.map((s) => ({
			...s,
			items: s.items.map((i) =>
				i.kind === 'activity' && i.based_on.some((b) => !resources.has(b))
					? { ...i, based_on: i.based_on.filter((b) => resources.has(b)) }
					: i
			)
		}))
	};
	checkContent(content);
	return { content, taken, conflicts, unchanged };
}

function applyUnit(
	ours: ProgramContent,
	theirs: ProgramContent,
	base: ProgramContent,
	c: UnitChange,
	prefer: Prefer
): ProgramContent | 'session_missing' {
	const [kind, id] = splitUnit(c.unit);
	const t = stateOf(theirs, c.unit);
	const o = stateOf(ours, c.unit);
	const b = stateOf(base, c.unit);

	// Upstream removed it.
	if (!t) {
		if (c.reason === 'edited_here' && prefer === 'ours') return ours;
		if (kind === 'session') return { ...ours, sessions: ours.sessions.filter((s) => s.id !== id) };
		return {
			...ours,
			sessions: ours.sessions.map((s) => ({ ...s, items: s.items.filter((i) => i.id !== id) }))
		};
	}
	// The fork removed it and keeps it removed.
	if (!o && c.reason === 'removed_here' && prefer === 'ours') return ours;

	// Field by field: upstream's value unless the conflict is settled for ours.
	const conflicted = new Set(c.conflicts.map((f) => f.field));
	const fields: Fields = { ...(o?.fields ?? t.fields) };
	for (const f of Object.keys(t.fields)) {
		if (!o || !b) fields[f] = t.fields[f];
		else if (!same(t.fields[f], b.fields[f]) && !(conflicted.has(f) && prefer === 'ours'))
			fields[f] = t.fields[f];
	}
	const placeHere = !o || (c.moved && !(c.reason === 'moved_both' && prefer === 'ours'));

	if (kind === 'program') return { ...ours, ...(fields as Partial<ProgramContent>), sessions: ours.sessions };
	if (kind === 'session') {
		const current = ours.sessions.find((s) => s.id === id) ?? emptySession(id, '');
		const session: ProgramSession = {
			...current,
			...(fields as Partial<ProgramSession>),
			id,
			items: current.items
		};
		if (!placeHere) return { ...ours, sessions: ours.sessions.map((s) => (s.id === id ? session : s)) };
		return { ...ours, sessions: placeAfter(ours.sessions, session, predecessorIn(theirs, ours, c.unit, t)) };
	}
	const item = { ...fields, id } as unknown as ProgramItem;
	const container = placeHere ? t.container : (o?.container ?? t.container);
	if (!ours.sessions.some((s) => s.id === container)) return 'session_missing';
	const after = placeHere ? predecessorIn(theirs, ours, c.unit, t) : null;
	return {
		...ours,
		sessions: ours.sessions.map((s) => {
			if (s.id !== container) return { ...s, items: s.items.filter((i) => i.id !== id) };
			if (!placeHere) return { ...s, items: s.items.map((i) => (i.id === id ? item : i)) };
			return { ...s, items: placeAfter(s.items, item, after) };
		})
	};
}
