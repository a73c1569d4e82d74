/**
 * Program use cases (issue 5): create (from a template), read under the visibility rules,
 * edit as new versions (one edit or a whole content, replay-safe by client version ids),
 * co-authorship with no owner (invite, accept, decline, leave), visibility, history,
 * remix with provenance, what changed upstream and taking it unit by unit, the licence
 * picture and the attributions. Resources are reached only through the resources service
 * (what a viewer may see of them is its decision); every multi-row write is one transaction.
 * Routes and the API stay thin: each calls one function here with the zod-parsed input.
 */
import { DomainError, notFound, unauthenticated, type FieldIssue } from '../../domain/errors';
import { newId } from '../../domain/ids';
import { isLicenceId, type ResourceLicenceId } from '../../domain/licences';
import {
	DEFAULT_PROGRAM_LICENCE,
	applyEdit,
	checkContent,
	decideProgram,
	emptySession,
	programTime,
	resourceItems,
	templateSessions,
	type ProgramAccess,
	type ProgramAction,
	type ProgramContent,
	type ProgramEdit,
	type ProgramTime,
	type ResourceItem,
	type Visibility
} from '../../domain/programs';
import {
	PROGRAM_UNIT,
	diffContent,
	itemUnit,
	sessionUnit,
	takeUpstream as mergeUpstream,
	upstreamReport,
	type ContentDiff,
	type MergeBases,
	type UnitChange,
	type UpstreamReport
} from '../../domain/program-merge';
import { programLicences, type ProgramLicenceSummary } from '../../domain/program-licences';
import { translator } from '../../i18n/catalogues';
import { findAccountByHandle, publicAccounts } from '../accounts/directory';
import { nowIso, type Actor, type Ctx } from '../context';
import type { Executor } from '../db';
import { parseOrThrow } from '../http/validation';
import * as resources from '../resources/service';
import {
	createProgramBody,
	editProgramBody,
	forkBody,
	inviteBody,
	listQuery,
	saveProgramBody,
	takeUpstreamBody,
	uuid,
	visibilityBody,
	type CreateProgramInput,
	type EditProgramInput,
	type ForkInput,
	type InviteInput,
	type ListQuery,
	type ProgramEditInput,
	type SaveProgramInput,
	type TakeUpstreamInput,
	type VisibilityInput
} from './schemas';
import * as store from './store';

// --- What the service returns --------------------------------------------------------

export type PersonRef = { handle: string | null } | null;

export type ResolvedResource =
	| {
			available: true;
			resource_id: string;
			/** The version shown: the pinned one, or the one published now. */
			version_id: string;
			version_number: number;
			pinned: boolean;
			/** Pinned, and a newer version has been published since. */
			newer_available: boolean;
			title: string;
			language: string;
			license: ResourceLicenceId;
			duration_minutes: number | null;
	  }
	| {
			/** Unpublished, removed, or not visible to this viewer: nothing about it is shown. */
			available: false;
			resource_id: string;
	  };

export interface ProgramSummary {
	id: string;
	title: string;
	format: string;
	visibility: Visibility;
	version_number: number;
	updated_at: string;
}

export interface ProgramView {
	id: string;
	visibility: Visibility;
	head_number: number;
	version: { id: string; number: number; change_note: string | null; author: PersonRef; created_at: string };
	content: ProgramContent;
	/** Each resource item's resource as this viewer may see it, by item id. */
	resources: Record<string, ResolvedResource>;
	time: ProgramTime;
	authors: { handle: string | null; joined_at: string; invited_by: PersonRef }[];
	forked_from: {
		program_id: string;
		version_id: string;
		version_number: number | null;
		/** null when the original is no longer shared with this viewer. */
		title: string | null;
	} | null;
	remixes: { count: number; items: { id: string; title: string }[] };
	viewer: { is_author: boolean; invitation_id: string | null; edit: boolean; fork: boolean; leave: boolean };
	created_at: string;
	updated_at: string;
}

export interface HistoryEntry {
	action: string;
	actor: PersonRef;
	created_at: string;
	version_number: number | null;
	change_note: string | null;
	data: Record<string, unknown>;
}

export interface UpstreamView {
	upstream: { program_id: string; title: string; head_number: number; head_version_id: string };
	forked_from_number: number | null;
	report: UpstreamReport;
}

export interface TakeView {
	program: ProgramView;
	taken: string[];
	conflicts: UnitChange[];
	unchanged: string[];
}

export interface LicenceView extends ProgramLicenceSummary {
	components: { item_id: string; resource_id: string; title: string; license: ResourceLicenceId }[];
}

export interface AttributionsView {
	program: { title: string; authors: (string | null)[]; licence: string };
	items: {
		item_id: string;
		resource_id: string;
		version_number: number;
		attribution: resources.Attribution;
	}[];
}

export type ProgramEventAction =
	| 'created'
	| 'version_saved'
	| 'visibility_changed'
	| 'author_invited'
	| 'author_joined'
	| 'author_left'
	| 'invitation_declined'
	| 'forked'
	| 'upstream_taken';

// --- Helpers -----------------------------------------------------------------------------

const HISTORY_LIMIT = 500;
const MY_PROGRAMS_LIMIT = 500;
const SAVE_ATTEMPTS = 4;

function requireActor(ctx: Ctx): Actor {
	if (!ctx.actor) throw unauthenticated();
	return ctx.actor;
}

function fieldError(
	kind: 'invalid' | 'conflict' | 'not_found' | 'forbidden',
	field: string,
	key: Parameters<typeof notFound>[0] & string
): DomainError {
	return new DomainError(kind, key, { fields: [{ field, message: key }] });
}

const programNotFound = () => notFound('program_not_found');

/** An id from a URL: anything that is not a UUID is simply not found. */
const lookupId = (id: string) => (uuid.safeParse(id).success ? id.trim().toLowerCase() : '');

const isUniqueViolation = (e: unknown) =>
	e instanceof Error &&
	(/UNIQUE constraint failed/i.test(e.message) || (e as { code?: string }).code === '23505');

/** A lost race for the next version number; the save is tried again on the new head. */
class HeadMoved extends Error {}

function parseContent(raw: string): ProgramContent {
	return JSON.parse(raw) as ProgramContent;
}

function parseBases(raw: string): Record<string, string> {
	try {
		const v: unknown = JSON.parse(raw);
		return v && typeof v === 'object' ? (v as Record<string, string>) : {};
	} catch {
		return {};
	}
}

interface Loaded {
	p: store.ProgramRow;
	access: ProgramAccess;
	invitation: store.InvitationRow | null;
}

async function loadProgram(k: Executor, ctx: Ctx, id: string): Promise<Loaded> {
	const p = await store.programById(k, lookupId(id));
	if (!p) throw programNotFound();
	const authors = await store.authorsOf(k, p.id);
	const me = ctx.actor?.id ?? null;
	const invitation = me ? ((await store.openInvitation(k, p.id, me)) ?? null) : null;
	return {
		p,
		invitation,
		access: {
			signedIn: me !== null,
			isAuthor: me !== null && authors.some((a) => a.account_id === me),
			isInvited: invitation !== null,
			visibility: p.visibility,
			authorCount: authors.length
		}
	};
}

function enforce(action: ProgramAction, access: ProgramAccess): void {
	const d = decideProgram(action, access);
	if (d.ok) return;
	if (d.kind === 'unauthenticated') throw unauthenticated();
	throw new DomainError(d.kind, d.reason);
}

const may = (action: ProgramAction, access: ProgramAccess) => decideProgram(action, access).ok;

async function event(
	k: Executor,
	ctx: Ctx,
	programId: string,
	action: ProgramEventAction,
	data: Record<string, unknown> = {}
): Promise<void> {
	await store.insertEvent(k, {
		id: newId(),
		subject_type: store.SUBJECT,
		subject_id: programId,
		actor_id: ctx.actor?.id ?? null,
		action,
		data: JSON.stringify(data),
		created_at: nowIso(ctx)
	});
}

async function people(k: Executor, ids: (string | null)[]): Promise<(id: string | null) => PersonRef> {
	const known = await publicAccounts(
		k,
		ids.filter((x): x is string => x !== null)
	);
	return (id) => (id === null ? null : { handle: known.get(id)?.handle ?? null });
}

// --- Resources, through their service ------------------------------------------------------

/** A resource as this viewer may see it: published, and the pinned version published too. */
async function resolveResource(ctx: Ctx, item: Pick<ResourceItem, 'resource_id' | 'version_id'>) {
	const unavailable = { available: false as const, resource_id: item.resource_id };
	try {
		const r = await resources.getResource(ctx, item.resource_id, { as: 'reader' });
		if (!r.published_version_id) return { view: unavailable, version: null };
		const versionId = item.version_id ?? r.published_version_id;
		const v = versionId === r.version.id ? r.version : await resources.getVersion(ctx, versionId);
		if (v.resource_id !== r.id || v.state !== 'published') return { view: unavailable, version: null };
		const view: ResolvedResource = {
			available: true,
			resource_id: r.id,
			version_id: v.id,
			version_number: v.number,
			pinned: item.version_id !== null,
			newer_available: item.version_id !== null && r.version.number > v.number,
			title: v.title,
			language: r.language,
			license: v.license,
			duration_minutes: v.duration_minutes
		};
		return { view, version: v };
	} catch (e) {
		if (e instanceof DomainError && (e.kind === 'not_found' || e.kind === 'forbidden'))
			return { view: unavailable, version: null };
		throw e;
	}
}

async function resolveAll(ctx: Ctx, content: ProgramContent) {
	const items = resourceItems(content);
	const resolved = await Promise.all(items.map((i) => resolveResource(ctx, i)));
	return new Map(items.map((item, at) => [item.id, { item, ...resolved[at]! }]));
}

// --- Views ------------------------------------------------------------------------------

async function programView(ctx: Ctx, loaded: Loaded, versionRow?: store.VersionRow): Promise<ProgramView> {
	const k = ctx.db.kysely;
	const { p, access, invitation } = loaded;
	const v = versionRow ?? (await store.versionById(k, p.head_version_id));
	if (!v) throw programNotFound();
	const content = parseContent(v.content);
	const [authors, resolved, forks] = await Promise.all([
		store.authorsOf(k, p.id),
		resolveAll(ctx, content),
		store.visibleForks(k, p.id, ctx.actor?.id ?? null)
	]);
	const person = await people(k, [v.author_id, ...authors.flatMap((a) => [a.account_id, a.invited_by])]);
	let forkedFrom: ProgramView['forked_from'] = null;
	if (p.forked_from_version) {
		const upstream = p.forked_from_program ? await store.programById(k, p.forked_from_program) : undefined;
		const upstreamVersion = await store.versionById(k, p.forked_from_version);
		const seen = upstream ? may('read', (await loadProgram(k, ctx, upstream.id)).access) : false;
		forkedFrom = {
			program_id: p.forked_from_program ?? '',
			version_id: p.forked_from_version,
			version_number: seen ? (upstreamVersion?.number ?? null) : null,
			title: seen && upstream ? upstream.title : null
		};
	}
	const resourcesView = Object.fromEntries([...resolved].map(([id, r]) => [id, r.view]));
	return {
		id: p.id,
		visibility: p.visibility,
		head_number: p.head_number,
		version: {
			id: v.id,
			number: v.number,
			change_note: v.change_note,
			author: person(v.author_id),
			created_at: v.created_at
		},
		content,
		resources: resourcesView,
		time: programTime(content, (item) => {
			const r = resourcesView[item.id];
			return r?.available ? r.duration_minutes : null;
		}),
		authors: authors.map((a) => ({
			handle: person(a.account_id)?.handle ?? null,
			joined_at: a.joined_at,
			invited_by: person(a.invited_by)
		})),
		forked_from: forkedFrom,
		remixes: { count: forks.length, items: forks.map((f) => ({ id: f.id, title: f.title })) },
		viewer: {
			is_author: access.isAuthor,
			invitation_id: invitation?.id ?? null,
			edit: may('edit', access),
			fork: may('fork', access),
			leave: may('leave', access)
		},
		created_at: p.created_at,
		updated_at: p.updated_at
	};
}

const summary = (p: store.ProgramRow): ProgramSummary => ({
	id: p.id,
	title: p.title,
	format: p.format,
	visibility: p.visibility,
	version_number: p.head_number,
	updated_at: p.updated_at
});

// --- Saving versions ------------------------------------------------------------------------

interface Head {
	p: store.ProgramRow;
	version: store.VersionRow;
	content: ProgramContent;
	bases: Record<string, string>;
}

interface SaveOptions {
	versionId?: string;
	changeNote?: string;
	/** Computes the new content from the head; null means "nothing to save". */
	change: (
		trx: Executor,
		head: Head
	) => Promise<{ content: ProgramContent; bases?: Record<string, string> } | null>;
	eventData: (head: Head) => Record<string, unknown>;
	action?: ProgramEventAction;
}

/**
 * Writes a new version on top of the head, in one transaction. A replayed version id from
 * the same person returns what the first save made; a save that loses the race for the next
 * number (two co-authors at once) is computed again on the new head.
 */
async function saveVersion(ctx: Ctx, programId: string, o: SaveOptions): Promise<ProgramView> {
	const actor = requireActor(ctx);
	const versionId = o.versionId ?? newId();
	for (let attempt = 1; ; attempt++) {
		try {
			await ctx.db.kysely.transaction().execute(async (trx) => {
				const existing = await store.versionById(trx, versionId);
				if (existing) {
					if (existing.program_id !== lookupId(programId) || existing.author_id !== actor.id)
						throw fieldError('conflict', 'version_id', 'program_version_id_taken');
					return;
				}
				const loaded = await loadProgram(trx, ctx, programId);
				enforce('edit', loaded.access);
				const version = await store.versionById(trx, loaded.p.head_version_id);
				if (!version) throw programNotFound();
				const head: Head = {
					p: loaded.p,
					version,
					content: parseContent(version.content),
					bases: parseBases(version.upstream_bases)
				};
				const next = await o.change(trx, head);
				if (!next) return;
				checkContent(next.content);
				const now = nowIso(ctx);
				const number = head.p.head_number + 1;
				await store.insertVersion(trx, {
					id: versionId,
					program_id: head.p.id,
					number,
					parent_version_id: version.id,
					content: JSON.stringify(next.content),
					upstream_bases: JSON.stringify(next.bases ?? head.bases),
					change_note: o.changeNote ?? null,
					author_id: actor.id,
					created_at: now
				});
				const moved = await store.moveHead(trx, head.p.id, version.id, {
					head_version_id: versionId,
					head_number: number,
					title: next.content.title,
					format: next.content.format,
					updated_at: now
				});
				if (!moved) throw new HeadMoved();
				await event(trx, ctx, head.p.id, o.action ?? 'version_saved', {
					version_id: versionId,
					version_number: number,
					...o.eventData(head)
				});
			});
			break;
		} catch (e) {
			if ((e instanceof HeadMoved || isUniqueViolation(e)) && attempt < SAVE_ATTEMPTS) continue;
			if (e instanceof HeadMoved || isUniqueViolation(e)) throw new DomainError('conflict', 'program_busy');
			throw e;
		}
	}
	return getProgram(ctx, programId);
}

/** Turns a parsed edit into a domain edit, checking a resource through the resources service. */
async function domainEdit(ctx: Ctx, edit: ProgramEditInput): Promise<ProgramEdit> {
	switch (edit.op) {
		case 'add_session':
			return {
				op: 'add_session',
				session: { ...edit.session, id: edit.session_id ?? newId() },
				...(edit.position !== undefined ? { position: edit.position } : {})
			};
		case 'duplicate_session':
			return {
				op: 'duplicate_session',
				session_id: edit.session_id,
				new_session_id: edit.new_session_id ?? newId()
			};
		case 'add_item':
			return {
				op: 'add_item',
				session_id: edit.session_id,
				item: { ...edit.item, id: edit.item.id ?? newId() },
				...(edit.position !== undefined ? { position: edit.position } : {})
			};
		case 'add_resource': {
			const pinned = await pinnableVersion(ctx, edit.resource_id, edit.pin, edit.resource_version_id);
			return {
				op: 'add_item',
				session_id: edit.session_id,
				item: {
					id: edit.item_id ?? newId(),
					kind: 'resource',
					resource_id: edit.resource_id,
					version_id: pinned,
					note: edit.note,
					duration_minutes: edit.duration_minutes
				},
				...(edit.position !== undefined ? { position: edit.position } : {})
			};
		}
		case 'edit_item':
			if (edit.fields.version_id) await pinnableVersionOf(ctx, edit.fields.version_id);
			return edit;
		default:
			return edit;
	}
}

/** The version to pin (null: follow the latest), refusing what others cannot see. */
async function pinnableVersion(
	ctx: Ctx,
	resourceId: string,
	pin: boolean,
	versionId: string | undefined
): Promise<string | null> {
	const { view } = await resolveResource(ctx, { resource_id: resourceId, version_id: versionId ?? null });
	if (!view.available) {
		throw versionId
			? fieldError('invalid', 'resource_version_id', 'program_resource_version_not_published')
			: fieldError('invalid', 'resource_id', 'program_resource_not_available');
	}
	return pin || versionId ? view.version_id : null;
}

async function pinnableVersionOf(ctx: Ctx, versionId: string): Promise<void> {
	try {
		const v = await resources.getVersion(ctx, versionId);
		await pinnableVersion(ctx, v.resource_id, true, versionId);
	} catch (e) {
		if (e instanceof DomainError && e.kind === 'not_found')
			throw fieldError('invalid', 'fields.version_id', 'program_resource_version_not_published');
		throw e;
	}
}

// --- Use cases ------------------------------------------------------------------------------

export async function createProgram(ctx: Ctx, raw: CreateProgramInput): Promise<ProgramView> {
	const input = parseOrThrow(createProgramBody, raw);
	const actor = requireActor(ctx);
	const id = input.id ?? newId();
	const template = input.template
		? templateSessions(input.format, (key, params) => translator(input.locale).t(key, params), newId)
		: { layout: input.format === 'open_circle' ? ('circle' as const) : ('sequence' as const), sessions: [] };
	const content: ProgramContent = {
		title: input.title,
		summary: input.summary,
		languages: input.languages,
		audience: input.audience,
		format: input.format,
		layout: input.layout ?? template.layout,
		outcomes: input.outcomes,
		licence: input.licence ?? DEFAULT_PROGRAM_LICENCE,
		sessions: template.sessions
	};
	checkContent(content);
	try {
		await ctx.db.kysely.transaction().execute(async (trx) => {
			const existing = await store.programById(trx, id);
			if (existing) {
				if (existing.created_by !== actor.id) throw fieldError('conflict', 'id', 'program_id_taken');
				return;
			}
			await insertNewProgram(trx, ctx, actor, id, content, {
				visibility: input.visibility,
				forked_from_program: null,
				forked_from_version: null
			});
			await event(trx, ctx, id, 'created', { format: input.format, template: input.template });
		});
	} catch (e) {
		// Two replays racing: the loser finds the winner's row.
		if (!isUniqueViolation(e)) throw e;
		const existing = await store.programById(ctx.db.kysely, id);
		if (!existing || existing.created_by !== actor.id) throw fieldError('conflict', 'id', 'program_id_taken');
	}
	return getProgram(ctx, id);
}

async function insertNewProgram(
	trx: Executor,
	ctx: Ctx,
	actor: Actor,
	id: string,
	content: ProgramContent,
	row: Pick<store.ProgramRow, 'visibility' | 'forked_from_program' | 'forked_from_version'>
): Promise<void> {
	const now = nowIso(ctx);
	const versionId = newId();
	await store.insertProgram(trx, {
		id,
		head_version_id: versionId,
		head_number: 1,
		title: content.title,
		format: content.format,
		created_by: actor.id,
		created_at: now,
		updated_at: now,
		...row
	});
	await store.insertVersion(trx, {
		id: versionId,
		program_id: id,
		number: 1,
		parent_version_id: null,
		content: JSON.stringify(content),
		upstream_bases: '{}',
		change_note: null,
		author_id: actor.id,
		created_at: now
	});
	await store.insertAuthor(trx, { program_id: id, account_id: actor.id, invited_by: null, joined_at: now });
}

/** A program as this viewer may see it: the head, or a given version number. */
export async function getProgram(
	ctx: Ctx,
	id: string,
	options: { version?: number } = {}
): Promise<ProgramView> {
	const k = ctx.db.kysely;
	const loaded = await loadProgram(k, ctx, id);
	enforce('read', loaded.access);
	if (options.version === undefined) return programView(ctx, loaded);
	const v = await store.versionByNumber(k, loaded.p.id, options.version);
	if (!v) throw notFound('program_version_not_found');
	return programView(ctx, loaded, v);
}

/** One edit (add, change, remove, move, duplicate, layout…) as a new version. */
export async function editProgram(ctx: Ctx, id: string, raw: EditProgramInput): Promise<ProgramView> {
	const input = parseOrThrow(editProgramBody, raw);
	requireActor(ctx);
	// Checked before the transaction: the resources service reads on its own connection.
	const edit = await domainEdit(ctx, input.edit);
	return saveVersion(ctx, id, {
		versionId: input.version_id,
		changeNote: input.change_note,
		change: async (_trx, head) => ({ content: applyEdit(head.content, edit, newId) }),
		eventData: () => ({ op: input.edit.op })
	});
}

/**
 * A whole content saved at once (an offline editor, the API). Made on an older version,
 * it is merged three ways with what was saved since; overlapping changes are refused with
 * the conflicting sessions and items named, and nothing is lost: the head is untouched.
 */
export async function saveProgram(ctx: Ctx, id: string, raw: SaveProgramInput): Promise<ProgramView> {
	const input = parseOrThrow(saveProgramBody, raw);
	requireActor(ctx);
	const submitted = input.content as ProgramContent;
	await checkNewResources(ctx, id, submitted);
	return saveVersion(ctx, id, {
		versionId: input.version_id,
		changeNote: input.change_note,
		change: async (trx, head) => {
			if (input.base_version_id === head.version.id) return { content: submitted };
			const base = await store.versionById(trx, input.base_version_id);
			if (!base || base.program_id !== head.p.id)
				throw fieldError('not_found', 'base_version_id', 'program_version_not_found');
			const bases: MergeBases = { fallback: parseContent(base.content), byUnit: new Map() };
			const report = upstreamReport(bases, head.content, submitted);
			const merged = mergeUpstream(bases, head.content, submitted, {
				program: true,
				sessions: report.sessions.map((s) => s.session_id),
				items: report.sessions.flatMap((s) => s.items.map((i) => i.item_id))
			});
			if (merged.conflicts.length > 0) {
				throw new DomainError('conflict', 'program_save_conflict', {
					fields: merged.conflicts.map((c) => ({ field: c.unit, message: 'program_save_conflict' }))
				});
			}
			return { content: merged.content };
		},
		eventData: (head) => ({
			op: 'save',
			base_version_id: input.base_version_id,
			merged: input.base_version_id !== head.version.id
		})
	});
}

/** Resource items a whole-content save brings in must be ones others can see, like add_resource. */
async function checkNewResources(ctx: Ctx, id: string, content: ProgramContent): Promise<void> {
	const current = await getProgram(ctx, id).catch(() => null);
	const known = new Set(Object.keys(current?.resources ?? {}));
	const issues: FieldIssue[] = [];
	for (const [si, s] of content.sessions.entries())
		for (const [ii, item] of s.items.entries()) {
			if (item.kind !== 'resource' || known.has(item.id)) continue;
			const { view } = await resolveResource(ctx, item);
			if (!view.available)
				issues.push({
					field: `content.sessions.${si}.items.${ii}.resource_id`,
					message: 'program_resource_not_available'
				});
		}
	if (issues.length > 0) throw new DomainError('invalid', 'error_invalid_input', { fields: issues });
}

export async function setVisibility(ctx: Ctx, id: string, raw: VisibilityInput): Promise<ProgramView> {
	const input = parseOrThrow(visibilityBody, raw);
	requireActor(ctx);
	await ctx.db.kysely.transaction().execute(async (trx) => {
		const loaded = await loadProgram(trx, ctx, id);
		enforce('publish', loaded.access);
		if (loaded.p.visibility === input.visibility) return;
		await store.setVisibility(trx, loaded.p.id, input.visibility, nowIso(ctx));
		await event(trx, ctx, loaded.p.id, 'visibility_changed', {
			from: loaded.p.visibility,
			to: input.visibility
		});
	});
	return getProgram(ctx, id);
}

// --- Co-authors -------------------------------------------------------------------------------

export interface InvitationView {
	id: string;
	program_id: string;
	program_title: string;
	invited_by: PersonRef;
	created_at: string;
}

/** Any co-author invites another by handle; inviting again is a no-op. */
export async function inviteAuthor(ctx: Ctx, id: string, raw: InviteInput): Promise<InvitationView> {
	const input = parseOrThrow(inviteBody, raw);
	requireActor(ctx);
	return ctx.db.kysely.transaction().execute(async (trx) => {
		const loaded = await loadProgram(trx, ctx, id);
		enforce('invite', loaded.access);
		const account = await findAccountByHandle(trx, input.handle);
		if (!account) throw fieldError('not_found', 'handle', 'program_invite_unknown_handle');
		const authors = await store.authorsOf(trx, loaded.p.id);
		if (authors.some((a) => a.account_id === account.id))
			throw fieldError('conflict', 'handle', 'program_already_author');
		let invitation = await store.openInvitation(trx, loaded.p.id, account.id);
		if (!invitation) {
			invitation = {
				id: newId(),
				program_id: loaded.p.id,
				account_id: account.id,
				invited_by: ctx.actor?.id ?? null,
				status: 'open',
				created_at: nowIso(ctx),
				closed_at: null,
				open_key: `${loaded.p.id}:${account.id}`
			};
			await store.insertInvitation(trx, invitation);
			await event(trx, ctx, loaded.p.id, 'author_invited', { account_id: account.id });
		}
		const person = await people(trx, [invitation.invited_by]);
		return {
			id: invitation.id,
			program_id: loaded.p.id,
			program_title: loaded.p.title,
			invited_by: person(invitation.invited_by),
			created_at: invitation.created_at
		};
	});
}

/** The invitations waiting for the signed-in person. */
export async function myInvitations(ctx: Ctx): Promise<InvitationView[]> {
	const actor = requireActor(ctx);
	const k = ctx.db.kysely;
	const rows = await store.invitationsFor(k, actor.id);
	const person = await people(
		k,
		rows.map((r) => r.invited_by)
	);
	const out: InvitationView[] = [];
	for (const r of rows) {
		const p = await store.programById(k, r.program_id);
		if (p)
			out.push({
				id: r.id,
				program_id: p.id,
				program_title: p.title,
				invited_by: person(r.invited_by),
				created_at: r.created_at
			});
	}
	return out;
}

async function answerInvitation(ctx: Ctx, id: string, answer: 'accepted' | 'declined'): Promise<void> {
	const actor = requireActor(ctx);
	await ctx.db.kysely.transaction().execute(async (trx) => {
		const p = await store.programById(trx, lookupId(id));
		const invitation = p ? await store.openInvitation(trx, p.id, actor.id) : undefined;
		if (!p || !invitation) {
			// Accepting twice is a replay, not an error.
			const authors = p ? await store.authorsOf(trx, p.id) : [];
			if (answer === 'accepted' && authors.some((a) => a.account_id === actor.id)) return;
			throw notFound('program_invitation_not_found');
		}
		const now = nowIso(ctx);
		await store.closeInvitation(trx, invitation.id, answer, now);
		if (answer === 'accepted') {
			await store.insertAuthor(trx, {
				program_id: p.id,
				account_id: actor.id,
				invited_by: invitation.invited_by,
				joined_at: now
			});
			await event(trx, ctx, p.id, 'author_joined', { invited_by: invitation.invited_by });
		} else {
			await event(trx, ctx, p.id, 'invitation_declined');
		}
	});
}

export async function acceptInvitation(ctx: Ctx, programId: string): Promise<ProgramView> {
	await answerInvitation(ctx, programId, 'accepted');
	return getProgram(ctx, programId);
}

export async function declineInvitation(ctx: Ctx, programId: string): Promise<void> {
	await answerInvitation(ctx, programId, 'declined');
}

/**
 * A co-author leaves. The last one may not leave a public or unlisted program (see
 * decideProgram); leaving a private one as the last co-author leaves it to no one.
 */
export async function leaveProgram(ctx: Ctx, id: string): Promise<void> {
	const actor = requireActor(ctx);
	await ctx.db.kysely.transaction().execute(async (trx) => {
		const loaded = await loadProgram(trx, ctx, id);
		enforce('leave', loaded.access);
		await store.removeAuthor(trx, loaded.p.id, actor.id);
		await event(trx, ctx, loaded.p.id, 'author_left');
	});
}

// --- Lists and history ------------------------------------------------------------------------

export async function listMyPrograms(ctx: Ctx): Promise<ProgramSummary[]> {
	const actor = requireActor(ctx);
	return (await store.programsOfAuthor(ctx.db.kysely, actor.id, MY_PROGRAMS_LIMIT)).map(summary);
}

/** Public programs only: private and unlisted ones are never listed or counted. */
export async function listPublicPrograms(
	ctx: Ctx,
	raw: ListQuery = {}
): Promise<{ total: number; page: number; per_page: number; items: ProgramSummary[] }> {
	const q = parseOrThrow(listQuery, raw);
	const { rows, total } = await store.publicPrograms(ctx.db.kysely, q.per_page, (q.page - 1) * q.per_page);
	return { total, page: q.page, per_page: q.per_page, items: rows.map(summary) };
}

/** Who changed what, newest first. Invitations are the co-authors' business only. */
export async function history(ctx: Ctx, id: string): Promise<HistoryEntry[]> {
	const k = ctx.db.kysely;
	const loaded = await loadProgram(k, ctx, id);
	enforce('see_history', loaded.access);
	const rows = (await store.listEvents(k, loaded.p.id, HISTORY_LIMIT)).filter(
		(e) => loaded.access.isAuthor || (e.action !== 'author_invited' && e.action !== 'invitation_declined')
	);
	const person = await people(
		k,
		rows.map((r) => r.actor_id)
	);
	const versions = new Map((await store.listVersions(k, loaded.p.id)).map((v) => [v.id, v]));
	return rows.map((r) => {
		const data = JSON.parse(r.data) as Record<string, unknown>;
		const v = typeof data.version_id === 'string' ? versions.get(data.version_id) : undefined;
		return {
			action: r.action,
			actor: person(r.actor_id),
			created_at: r.created_at,
			version_number: v?.number ?? null,
			change_note: v?.change_note ?? null,
			data
		};
	});
}

export async function listVersions(ctx: Ctx, id: string) {
	const k = ctx.db.kysely;
	const loaded = await loadProgram(k, ctx, id);
	enforce('see_history', loaded.access);
	const rows = await store.listVersions(k, loaded.p.id);
	const person = await people(
		k,
		rows.map((r) => r.author_id)
	);
	return rows.map((r) => ({
		id: r.id,
		number: r.number,
		change_note: r.change_note,
		author: person(r.author_id),
		created_at: r.created_at,
		is_head: r.id === loaded.p.head_version_id
	}));
}

/** What changed between two versions of one program, by session and item. */
export async function diffVersions(ctx: Ctx, id: string, from: number, to: number): Promise<ContentDiff> {
	const k = ctx.db.kysely;
	const loaded = await loadProgram(k, ctx, id);
	enforce('see_history', loaded.access);
	const [a, b] = await Promise.all([
		store.versionByNumber(k, loaded.p.id, from),
		store.versionByNumber(k, loaded.p.id, to)
	]);
	if (!a || !b) throw notFound('program_version_not_found');
	return diffContent(parseContent(a.content), parseContent(b.content));
}

// --- Remix ------------------------------------------------------------------------------------

/** Forks a version (the newest by default) into a new private program with provenance. */
export async function forkProgram(ctx: Ctx, id: string, raw: ForkInput = {}): Promise<ProgramView> {
	const input = parseOrThrow(forkBody, raw);
	const actor = requireActor(ctx);
	const forkId = input.id ?? newId();
	await ctx.db.kysely.transaction().execute(async (trx) => {
		const existing = await store.programById(trx, forkId);
		if (existing) {
			if (existing.created_by !== actor.id || existing.forked_from_program !== lookupId(id))
				throw fieldError('conflict', 'id', 'program_id_taken');
			return;
		}
		const loaded = await loadProgram(trx, ctx, id);
		enforce('fork', loaded.access);
		const source =
			input.version === undefined
				? await store.versionById(trx, loaded.p.head_version_id)
				: await store.versionByNumber(trx, loaded.p.id, input.version);
		if (!source) throw fieldError('not_found', 'version', 'program_version_not_found');
		const content = parseContent(source.content);
		await insertNewProgram(
			trx,
			ctx,
			actor,
			forkId,
			input.title ? { ...content, title: input.title } : content,
			{
				visibility: 'private',
				forked_from_program: loaded.p.id,
				forked_from_version: source.id
			}
		);
		await event(trx, ctx, forkId, 'forked', {
			from_program: loaded.p.id,
			from_version: source.id,
			from_number: source.number
		});
	});
	return getProgram(ctx, forkId);
}

/** The remixes of a program that this viewer may know about (public ones, and their own). */
export async function listRemixes(ctx: Ctx, id: string): Promise<ProgramSummary[]> {
	const k = ctx.db.kysely;
	const loaded = await loadProgram(k, ctx, id);
	enforce('read', loaded.access);
	return (await store.visibleForks(k, loaded.p.id, ctx.actor?.id ?? null)).map(summary);
}

interface UpstreamState {
	fork: Loaded;
	upstream: store.ProgramRow;
	theirs: store.VersionRow;
	bases: MergeBases;
	forkedFromNumber: number | null;
}

async function upstreamState(
	k: Executor,
	ctx: Ctx,
	forkId: string,
	head: Head | null
): Promise<UpstreamState> {
	const fork = await loadProgram(k, ctx, forkId);
	enforce('read', fork.access);
	if (!fork.p.forked_from_version) throw new DomainError('invalid', 'program_not_a_fork');
	const upstream = fork.p.forked_from_program
		? await store.programById(k, fork.p.forked_from_program)
		: undefined;
	if (!upstream) throw new DomainError('not_found', 'program_upstream_not_available');
	if (!may('read', (await loadProgram(k, ctx, upstream.id)).access))
		throw new DomainError('not_found', 'program_upstream_not_available');
	const theirs = await store.versionById(k, upstream.head_version_id);
	const forkedFrom = await store.versionById(k, fork.p.forked_from_version);
	if (!theirs || !forkedFrom) throw new DomainError('not_found', 'program_upstream_not_available');
	const headVersion = head?.version ?? (await store.versionById(k, fork.p.head_version_id));
	const byUnitIds = parseBases(headVersion?.upstream_bases ?? '{}');
	const baseRows = await store.versionsByIds(k, [...new Set(Object.values(byUnitIds))]);
	const contents = new Map(
		baseRows.filter((r) => r.program_id === upstream.id).map((r) => [r.id, parseContent(r.content)])
	);
	const byUnit = new Map<string, ProgramContent>();
	for (const [unit, versionId] of Object.entries(byUnitIds)) {
		const c = contents.get(versionId);
		if (c) byUnit.set(unit, c);
	}
	return {
		fork,
		upstream,
		theirs,
		bases: { fallback: parseContent(forkedFrom.content), byUnit },
		forkedFromNumber: forkedFrom.number
	};
}

/** What changed upstream since the fork (or since each part was last taken), against the fork's own edits. */
export async function upstreamChanges(ctx: Ctx, forkId: string): Promise<UpstreamView> {
	const k = ctx.db.kysely;
	const s = await upstreamState(k, ctx, forkId, null);
	const head = await store.versionById(k, s.fork.p.head_version_id);
	if (!head) throw programNotFound();
	return {
		upstream: {
			program_id: s.upstream.id,
			title: s.upstream.title,
			head_number: s.upstream.head_number,
			head_version_id: s.upstream.head_version_id
		},
		forked_from_number: s.forkedFromNumber,
		report: upstreamReport(s.bases, parseContent(head.content), parseContent(s.theirs.content))
	};
}

/**
 * Takes upstream changes into the fork, by session or by item (and the program's own
 * fields), as one new version. Conflicts without a `prefer` are reported and left alone.
 */
export async function takeUpstream(ctx: Ctx, forkId: string, raw: TakeUpstreamInput): Promise<TakeView> {
	const input = parseOrThrow(takeUpstreamBody, raw);
	requireActor(ctx);
	let outcome: Omit<TakeView, 'program'> = { taken: [], conflicts: [], unchanged: [] };
	const program = await saveVersion(ctx, forkId, {
		versionId: input.version_id,
		changeNote: input.change_note,
		action: 'upstream_taken',
		change: async (trx, head) => {
			const s = await upstreamState(trx, ctx, forkId, head);
			const result = mergeUpstream(s.bases, head.content, parseContent(s.theirs.content), {
				program: input.program,
				sessions: input.sessions,
				items: input.items,
				prefer: input.prefer
			});
			outcome = { taken: result.taken, conflicts: result.conflicts, unchanged: result.unchanged };
			if (result.taken.length === 0) return null;
			const bases = { ...head.bases };
			for (const unit of result.taken) bases[unit] = s.theirs.id;
			return { content: result.content, bases };
		},
		eventData: () => ({ taken: outcome.taken })
	});
	return { program, ...outcome };
}

// --- Licences and attributions -----------------------------------------------------------------

/** Each component's licence, what the program carries as delivered, and any real conflict. */
export async function licenceSummary(ctx: Ctx, id: string): Promise<LicenceView> {
	const view = await getProgram(ctx, id);
	const components = resourceItems(view.content).flatMap((item) => {
		const r = view.resources[item.id];
		return r?.available
			? [{ item_id: item.id, resource_id: r.resource_id, title: r.title, license: r.license }]
			: [];
	});
	const adaptations = view.content.sessions.flatMap((s) =>
		s.items.flatMap((i) =>
			i.kind === 'activity' && i.based_on.length > 0 ? [{ item_id: i.id, sources: i.based_on }] : []
		)
	);
	const own = isLicenceId(view.content.licence) ? view.content.licence : DEFAULT_PROGRAM_LICENCE;
	return {
		...programLicences(
			own,
			components.map((c) => ({ item_id: c.item_id, licence: c.license })),
			adaptations
		),
		components
	};
}

/** Full attribution data (TASL and changes) for every component this viewer may see, in program order. */
export async function attributions(ctx: Ctx, id: string): Promise<AttributionsView> {
	const view = await getProgram(ctx, id);
	const resolved = await resolveAll(ctx, view.content);
	const items: AttributionsView['items'] = [];
	for (const item of resourceItems(view.content)) {
		const r = resolved.get(item.id);
		if (!r?.version) continue;
		items.push({
			item_id: item.id,
			resource_id: r.version.resource_id,
			version_number: r.version.number,
			attribution: resources.attributionFor(r.version)
		});
	}
	return {
		program: {
			title: view.content.title,
			authors: view.authors.map((a) => a.handle),
			licence: view.content.licence
		},
		items
	};
}

/** Unit keys for callers that build take requests by hand (pages, API). */
export const units = { program: PROGRAM_UNIT, session: sessionUnit, item: itemUnit };
export { emptySession };
