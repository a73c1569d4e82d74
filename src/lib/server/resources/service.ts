/**
 * Resource use cases: create, save versions (contributors propose drafts, curators
 * publish), publish, unpublish, restore, history and diffs, the theme taxonomy,
 * translations (with "the original has changed"), translation requests and adaptations
 * under the licence rules of domain/licence-compat.ts. Every multi-row write runs in one
 * transaction; publishing, restoring and claiming leave an event, as libraries do.
 * Creates accept a client-made UUIDv7 and return the first answer when replayed by the
 * same person. Libraries and accounts are reached only through their service/directory.
 */
import { diffLines, diffWords } from 'diff';
import { DomainError, isDomainError, notFound, unauthenticated, type FieldIssue } from '../../domain/errors';
import { newId } from '../../domain/ids';
import { adaptVerdict, canTranslate, type AdaptRefusal } from '../../domain/licence-compat';
import {
	ALL_RIGHTS_RESERVED,
	isAllowedForResource,
	isLicenceId,
	licence,
	type LicenceId,
	type ResourceLicenceId
} from '../../domain/licences';
import type { LibraryRole } from '../../domain/libraries';
import {
	canonicalLanguage,
	decideResource,
	originalChangedSince,
	primaryLanguage,
	resourceKind,
	stateOfSave,
	type ResourceAction,
	type ResourceType,
	type VersionState
} from '../../domain/resources';
import { publishesAtOnce, translatorRole } from '../../domain/translation-claims';
import type { MessageKey, MessageParams } from '../../i18n/keys';
import { publicAccounts } from '../accounts/directory';
import { nowIso, type Actor, type Ctx } from '../context';
import type { Executor } from '../db';
import { parseOrThrow } from '../http/validation';
import { indexResource } from '../search';
import {
	isCuratorAnywhere,
	librariesOf,
	libraryRefBySlug,
	membershipOf,
	type LibraryRef,
	type MemberLibrary
} from '../libraries/service';
import {
	addThemeBody,
	adaptResourceBody,
	createResourceBody,
	createTranslationBody,
	listResourcesQuery,
	restoreVersionBody,
	saveVersionBody,
	translationRequestBody,
	uuid,
	type AdaptResourceInput,
	type AddThemeInput,
	type CreateResourceInput,
	type CreateTranslationInput,
	type ListResourcesQuery,
	type RestoreVersionInput,
	type SaveVersionInput,
	type TranslationRequestInput,
	type VersionFields
} from './schemas';
import {
	attachmentDeps,
	insertPreparedAttachment,
	listVersionAttachments,
	prepareAttachment,
	type AttachmentDeps,
	type AttachmentView,
	type Upload
} from './attachments/service';
import { attachmentsOfResource, setVersionAttachments, type AttachmentRow } from './attachments/store';
import * as store from './store';

// --- What the service returns ------------------------------------------------------

/** Someone named on a page: null for the instance itself (import), handle null for a former member. */
export type PersonRef = { handle: string | null } | null;

/** What an adaptation keeps of its source, enough to render the attribution (TASL). */
export interface SourceAttribution {
	resource_id: string;
	version_id: string;
	version_number: number;
	title: string;
	authors: string[];
	source_url: string | null;
	license: ResourceLicenceId;
}

export interface VersionView {
	id: string;
	resource_id: string;
	number: number;
	state: VersionState;
	title: string;
	summary: string;
	body: string;
	type: ResourceType;
	themes: string[];
	tags: string[];
	audience: string | null;
	duration_minutes: number | null;
	region: string | null;
	sdg: string[];
	accessibility: string[];
	license: ResourceLicenceId;
	authors: string[];
	source_url: string | null;
	change_note: string | null;
	change_log: string | null;
	/** The source this version adapts, for adaptations. */
	adapted_from: SourceAttribution | null;
	author: PersonRef;
	created_at: string;
}

export type VersionSummary = Pick<
	VersionView,
	'id' | 'number' | 'state' | 'title' | 'change_note' | 'author' | 'created_at'
> & { is_current: boolean; is_published: boolean };

export interface ResourceView {
	id: string;
	library: LibraryRef;
	key: string | null;
	language: string;
	translation_group: string;
	translation_of: string | null;
	translated_from_version: string | null;
	derived_from_version: string | null;
	current_version_id: string;
	published_version_id: string | null;
	created_at: string;
	updated_at: string;
	/** The version shown: the published one for readers, the newest one for members. */
	version: VersionView;
	/** The files the shown version carries, in order. */
	attachments: AttachmentView[];
	viewer: { role: LibraryRole | null; propose: boolean; publish: boolean; restore: boolean };
}

export interface ResourceSummary {
	id: string;
	key: string | null;
	language: string;
	title: string;
	summary: string;
	type: ResourceType;
	themes: string[];
	license: ResourceLicenceId;
	version_number: number;
	updated_at: string;
}

export interface ResourcePage {
	total: number;
	page: number;
	per_page: number;
	items: ResourceSummary[];
}

export interface ThemeView {
	id: string;
	key: string;
	/** In the asked locale, else English, else the key. */
	label: string;
	labels: Record<string, string>;
}

export interface DiffChunk {
	added?: true;
	removed?: true;
	value: string;
}

export interface VersionDiff {
	from: { id: string; number: number };
	to: { id: string; number: number };
	title: DiffChunk[];
	summary: DiffChunk[];
	body: DiffChunk[];
}

export interface TranslationState {
	resource_id: string;
	language: string;
	published: boolean;
	/** Number of the original's version it was made from. */
	made_from_number: number | null;
	/** Number of the original's published version now. */
	original_number: number | null;
	original_changed: boolean;
}

export interface TranslationStatus {
	/** When this resource is itself a translation: its original and whether it changed since. */
	self: (TranslationState & { original_id: string }) | null;
	translations: TranslationState[];
}

export interface LanguageLink {
	resource_id: string;
	language: string;
	is_self: boolean;
}

export type RequestStatus = 'open' | 'claimed' | 'done';

export interface TranslationRequestView {
	id: string;
	resource_id: string;
	resource_title: string | null;
	resource_language: string;
	language: string;
	status: RequestStatus;
	requested_by: PersonRef;
	claimed_by: PersonRef;
	translation_id: string | null;
	created_at: string;
	claimed_at: string | null;
	closed_at: string | null;
}

/** Title, author, source, licence (and changes): the data of an attribution; the page writes the words. */
export interface Attribution {
	title: string;
	authors: string[];
	sourceUrl: string | null;
	licenceId: ResourceLicenceId;
	licenceUrl: string | null;
	changes?: string;
	/** For an adaptation: the work it adapts, credited in turn. */
	basedOn?: Omit<Attribution, 'basedOn' | 'changes'> & { resourceId: string; versionNumber: number };
}

export type ResourceEventAction =
	| 'created'
	| 'version_saved'
	| 'published'
	| 'unpublished'
	| 'restored'
	| 'translated'
	| 'adapted'
	| 'translation_requested'
	| 'translation_claimed'
	| 'translation_request_closed';

// --- Helpers -------------------------------------------------------------------------

const REQUEST_LIST_LIMIT = 200;

function requireActor(ctx: Ctx): Actor {
	if (!ctx.actor) throw unauthenticated();
	return ctx.actor;
}

function fieldError(
	kind: 'invalid' | 'conflict' | 'not_found' | 'forbidden',
	field: string,
	key: MessageKey,
	params: MessageParams = {}
): DomainError {
	return new DomainError(kind, key, { params, fields: [{ field, message: key, params }] });
}

const resourceNotFound = () => notFound('resource_not_found');
const versionNotFound = () => notFound('resource_version_not_found');

const isUniqueViolation = (e: unknown) =>
	e instanceof Error &&
	(/UNIQUE constraint failed/i.test(e.message) || (e as { code?: string }).code === '23505');

/** An id from a URL: anything that is not a UUID is simply not found. */
const lookupId = (id: string) => (uuid.safeParse(id).success ? id.trim().toLowerCase() : '');

function enforce(d: ReturnType<typeof decideResource>): void {
	if (d.ok) return;
	if (d.kind === 'unauthenticated') throw unauthenticated();
	throw new DomainError(d.kind, d.reason);
}

function jsonArray(raw: string | null): string[] {
	if (!raw) return [];
	try {
		const v: unknown = JSON.parse(raw);
		return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
	} catch {
		return [];
	}
}

function jsonAttribution(raw: string | null): SourceAttribution | null {
	if (!raw) return null;
	try {
		const v = JSON.parse(raw) as SourceAttribution;
		return v && typeof v === 'object' && typeof v.title === 'string' ? v : null;
	} catch {
		return null;
	}
}

/** The refusal reason as a message key (what the page says) and a machine code (what the API adds). */
function licenceRefusal(reason: AdaptRefusal | 'all-rights-reserved'): DomainError {
	const key: MessageKey =
		reason === 'no-derivatives' || reason === 'all-rights-reserved'
			? 'resource_no_derivatives'
			: 'resource_licence_not_allowed';
	const kind = key === 'resource_no_derivatives' ? 'forbidden' : 'invalid';
	return new DomainError(kind, key, {
		params: { reason },
		fields: key === 'resource_licence_not_allowed' ? [{ field: 'license', message: key }] : []
	});
}

interface Access {
	library: LibraryRef;
	role: LibraryRole | null;
}

async function accessTo(k: Executor, ctx: Ctx, libraryId: string): Promise<Access> {
	const m = await membershipOf(k, libraryId, ctx.actor?.id ?? null);
	if (!m) throw fieldError('not_found', 'library_id', 'library_not_found');
	return m;
}

const may = (ctx: Ctx, a: Access, action: ResourceAction) =>
	decideResource(ctx.actor, action, a.role, { suspended: a.library.suspended }).ok;

function check(ctx: Ctx, a: Access, action: ResourceAction): void {
	enforce(decideResource(ctx.actor, action, a.role, { suspended: a.library.suspended }));
}

async function checkFields(k: Executor, f: VersionFields): Promise<void> {
	const issues: FieldIssue[] = [];
	if (
		!isAllowedForResource(
			f.license as ResourceLicenceId,
			resourceKind({ body: f.body, source_url: f.source_url ?? null })
		)
	) {
		issues.push({ field: 'license', message: 'resource_licence_link_only' });
	}
	const known = await store.knownThemeKeys(k, f.themes);
	const unknown = f.themes.findIndex((t) => !known.has(t));
	if (unknown >= 0) issues.push({ field: `themes.${unknown}`, message: 'resource_theme_unknown' });
	if (issues.length > 0) throw new DomainError('invalid', 'error_invalid_input', { fields: issues });
}

/** A version's row from its fields; the one mapping, used by saves here and by the importer. */
export function versionRow(
	id: string,
	resourceId: string,
	number: number,
	f: VersionFields,
	extra: {
		state: VersionState;
		author_id: string | null;
		created_at: string;
		change_log?: string | null;
		attribution?: string | null;
	}
): store.VersionRow {
	return {
		id,
		resource_id: resourceId,
		number,
		title: f.title,
		summary: f.summary,
		body: f.body,
		type: f.type,
		themes: JSON.stringify(f.themes),
		tags: JSON.stringify(f.tags),
		audience: f.audience ?? null,
		duration_minutes: f.duration_minutes ?? null,
		region: f.region ?? null,
		sdg: JSON.stringify(f.sdg),
		accessibility: JSON.stringify(f.accessibility),
		license: f.license,
		authors: JSON.stringify(f.authors),
		source_url: f.source_url ?? null,
		change_note: f.change_note ?? null,
		change_log: extra.change_log ?? null,
		attribution: extra.attribution ?? null,
		author_id: extra.author_id,
		created_at: extra.created_at,
		state: extra.state
	};
}

async function people(k: Executor, ids: (string | null)[]): Promise<(id: string | null) => PersonRef> {
	const map = await publicAccounts(
		k,
		ids.filter((x): x is string => !!x)
	);
	return (id) => (id ? { handle: map.get(id)?.handle ?? null } : null);
}

function versionView(v: store.VersionRow, person: (id: string | null) => PersonRef): VersionView {
	return {
		id: v.id,
		resource_id: v.resource_id,
		number: v.number,
		state: v.state,
		title: v.title,
		summary: v.summary,
		body: v.body,
		type: v.type as ResourceType,
		themes: jsonArray(v.themes),
		tags: jsonArray(v.tags),
		audience: v.audience,
		duration_minutes: v.duration_minutes,
		region: v.region,
		sdg: jsonArray(v.sdg),
		accessibility: jsonArray(v.accessibility),
		license: v.license as ResourceLicenceId,
		authors: jsonArray(v.authors),
		source_url: v.source_url,
		change_note: v.change_note,
		change_log: v.change_log,
		adapted_from: jsonAttribution(v.attribution),
		author: person(v.author_id),
		created_at: v.created_at
	};
}

async function event(
	k: Executor,
	ctx: Ctx,
	subjectId: string,
	action: ResourceEventAction,
	data: Record<string, string | number>,
	subjectType: string = store.SUBJECT
): Promise<void> {
	await store.insertEvent(k, {
		id: newId(),
		subject_type: subjectType,
		subject_id: subjectId,
		actor_id: ctx.actor?.id ?? null,
		action,
		data: JSON.stringify(data),
		created_at: nowIso(ctx)
	});
}

async function resourceView(k: Executor, ctx: Ctx, r: store.ResourceRow, a: Access): Promise<ResourceView> {
	const member = may(ctx, a, 'read_drafts');
	const shownId = member ? r.current_version_id : r.published_version_id;
	const v = shownId ? await store.versionById(k, shownId) : undefined;
	if (!v) throw resourceNotFound();
	const person = await people(k, [v.author_id]);
	return {
		id: r.id,
		library: a.library,
		key: r.key,
		language: r.language,
		translation_group: r.translation_group,
		translation_of: r.translation_of,
		translated_from_version: r.translated_from_version,
		derived_from_version: r.derived_from_version,
		current_version_id: r.current_version_id,
		published_version_id: r.published_version_id,
		created_at: r.created_at,
		updated_at: r.updated_at,
		version: versionView(v, person),
		attachments: await listVersionAttachments(k, v.id),
		viewer: {
			role: a.role,
			propose: may(ctx, a, 'propose'),
			publish: may(ctx, a, 'publish'),
			restore: may(ctx, a, 'restore')
		}
	};
}

/** A resource the viewer may see: published, or the viewer is a member of its library. */
async function visibleResource(
	k: Executor,
	ctx: Ctx,
	id: string
): Promise<{ r: store.ResourceRow; a: Access }> {
	const r = await store.resourceById(k, lookupId(id));
	if (!r) throw resourceNotFound();
	const a = await accessTo(k, ctx, r.library_id);
	if (!r.published_version_id && !may(ctx, a, 'read_drafts')) throw resourceNotFound();
	return { r, a };
}

/** Only published versions are public; members see drafts too. */
function versionVisible(ctx: Ctx, a: Access, v: store.VersionRow, r: store.ResourceRow): boolean {
	return may(ctx, a, 'read_drafts') || (v.state === 'published' && r.published_version_id !== null);
}

/**
 * The licence rule for a version of a translation or an adaptation: it must be one the
 * source's licence allows for derived work.
 */
async function checkDerivedLicence(k: Executor, r: store.ResourceRow, chosen: string): Promise<void> {
	const sourceVersionId = r.derived_from_version ?? r.translated_from_version;
	if (!sourceVersionId) return;
	const source = await store.versionById(k, sourceVersionId);
	if (!source) return;
	ensureAdaptable(source.license, chosen);
}

/** The licence an adaptation of `sourceLicence` gets: the chosen one when allowed, else the closest allowed. */
function ensureAdaptable(sourceLicence: string, chosen?: string): LicenceId {
	if (!isLicenceId(sourceLicence)) throw licenceRefusal('all-rights-reserved');
	if (chosen !== undefined && !isLicenceId(chosen)) throw licenceRefusal('licence-not-allowed');
	const verdict = adaptVerdict([sourceLicence], chosen);
	if (!verdict.ok) throw licenceRefusal(verdict.reason);
	if (chosen !== undefined) return chosen;
	return verdict.allowedLicences.includes(sourceLicence)
		? sourceLicence
		: (verdict.allowedLicences[0] as LicenceId);
}

/** Publishing a translation closes the unfinished requests for its language. */
async function closeRequestsFor(k: Executor, ctx: Ctx, translation: store.ResourceRow): Promise<void> {
	if (!translation.translation_of) return;
	const open = await store.listRequests(
		k,
		{ resourceId: translation.translation_of, statuses: ['open', 'claimed'] },
		REQUEST_LIST_LIMIT
	);
	for (const req of open) {
		if (primaryLanguage(req.language) !== primaryLanguage(translation.language)) continue;
		const closed = await store.updateRequest(k, req.id, req.status, {
			status: 'done',
			translation_id: translation.id,
			closed_at: nowIso(ctx),
			open_key: null
		});
		if (closed) {
			await event(k, ctx, translation.translation_of, 'translation_request_closed', {
				request_id: req.id,
				translation_id: translation.id,
				language: req.language
			});
		}
	}
}

/** Points the resource at a newly published version, records it and closes translation requests. */
async function publishInTrx(k: Executor, ctx: Ctx, r: store.ResourceRow, v: store.VersionRow): Promise<void> {
	if (v.state !== 'published') await store.markPublished(k, v.id);
	await store.setVersionPointers(k, r.id, { published_version_id: v.id, updated_at: nowIso(ctx) });
	// In the same transaction: the resource is searchable exactly when its publication commits.
	await indexResource(k, r.id);
	await event(k, ctx, r.id, 'published', { version_id: v.id, number: v.number });
	await closeRequestsFor(k, ctx, r);
}

/** Writes a new resource with its first version (create, translate, adapt share this). */
async function insertNewResource(
	trx: Executor,
	ctx: Ctx,
	actor: Actor,
	a: Access,
	p: {
		id: string;
		versionId: string;
		key: string | null;
		language: string;
		group: string | null;
		translation_of: string | null;
		translated_from_version: string | null;
		derived_from_version: string | null;
		fields: VersionFields;
		publish: boolean;
		change_log?: string | null;
		attribution?: string | null;
		action: ResourceEventAction;
		eventData: Record<string, string | number>;
	}
): Promise<store.ResourceRow> {
	const now = nowIso(ctx);
	const state = stateOfSave(a.role ?? 'contributor', p.publish);
	const row: store.ResourceRow = {
		id: p.id,
		library_id: a.library.id,
		key: p.key,
		language: p.language,
		translation_group: p.group ?? p.id,
		translation_of: p.translation_of,
		translated_from_version: p.translated_from_version,
		derived_from_version: p.derived_from_version,
		current_version_id: p.versionId,
		published_version_id: null,
		created_by: actor.id,
		created_at: now,
		updated_at: now
	};
	await store.insertResource(trx, row);
	const v = versionRow(p.versionId, p.id, 1, p.fields, {
		state: 'draft',
		author_id: actor.id,
		created_at: now,
		change_log: p.change_log ?? null,
		attribution: p.attribution ?? null
	});
	await store.insertVersion(trx, v);
	await event(trx, ctx, p.id, p.action, { ...p.eventData, version_id: p.versionId });
	if (state === 'published') {
		await publishInTrx(trx, ctx, row, v);
		return { ...row, published_version_id: v.id };
	}
	return row;
}

/**
 * Runs a create; a replay of the same client id by the same person returns what it
 * made the first time, and a concurrent replay that lost the race does too.
 */
async function withReplay<T>(
	ctx: Ctx,
	replay: (k: Executor) => Promise<T | undefined>,
	write: (trx: Executor) => Promise<T>
): Promise<T> {
	const first = await replay(ctx.db.kysely);
	if (first !== undefined) return first;
	try {
		return await ctx.db.kysely.transaction().execute(write);
	} catch (e) {
		if (!isUniqueViolation(e)) throw e;
		const raced = await replay(ctx.db.kysely);
		if (raced !== undefined) return raced;
		throw e;
	}
}

/** Replaying a resource create: the same id made by the same person returns it; anyone else's is taken. */
async function replayResource(
	k: Executor,
	ctx: Ctx,
	actor: Actor,
	id: string
): Promise<ResourceView | undefined> {
	const existing = await store.resourceById(k, id);
	if (!existing) return undefined;
	if (existing.created_by !== actor.id) throw fieldError('conflict', 'id', 'resource_id_taken');
	return resourceView(k, ctx, existing, await accessTo(k, ctx, existing.library_id));
}

// --- Themes ----------------------------------------------------------------------------

function pickLabel(labels: Record<string, string>, locale: string, key: string): string {
	return labels[locale] ?? labels[primaryLanguage(locale)] ?? labels.en ?? key;
}

export async function listThemes(ctx: Pick<Ctx, 'db'>, locale: string): Promise<ThemeView[]> {
	const rows = await store.listThemes(ctx.db.kysely);
	const byId = new Map<string, ThemeView>();
	for (const r of rows) {
		const t = byId.get(r.id) ?? { id: r.id, key: r.key, label: r.key, labels: {} };
		if (r.locale && r.label) t.labels[r.locale] = r.label;
		byId.set(r.id, t);
	}
	return [...byId.values()].map((t) => ({ ...t, label: pickLabel(t.labels, locale, t.key) }));
}

/** The themes index: the taxonomy in the reader's language, and whether the reader may extend it. */
export async function themeIndex(
	ctx: Ctx,
	locale: string
): Promise<{ themes: ThemeView[]; canAdd: boolean }> {
	const themes = await listThemes(ctx, locale);
	const canAdd = ctx.actor !== null && (await isCuratorAnywhere(ctx.db.kysely, ctx.actor.id));
	return { themes, canAdd };
}

/** Curators of any library may extend the shared taxonomy, labelling the theme in several locales. */
export async function addTheme(ctx: Ctx, input: AddThemeInput): Promise<ThemeView> {
	const actor = requireActor(ctx);
	const body = parseOrThrow(addThemeBody, input);
	if (!(await isCuratorAnywhere(ctx.db.kysely, actor.id)))
		throw new DomainError('forbidden', 'theme_curator_only');
	const id = body.id ?? newId();
	const labels = Object.fromEntries(
		Object.entries(body.labels).map(([l, v]) => [Intl.getCanonicalLocales(l)[0] ?? l, v])
	);
	const view = (row: store.ThemeRow): ThemeView => ({
		id: row.id,
		key: row.key,
		label: pickLabel(labels, 'en', row.key),
		labels
	});
	return withReplay(
		ctx,
		async (k) => {
			const existing = await store.themeById(k, id);
			if (!existing) return undefined;
			if (existing.created_by !== actor.id) throw fieldError('conflict', 'id', 'resource_id_taken');
			return (await listThemes(ctx, 'en')).find((t) => t.id === id);
		},
		async (trx) => {
			if (await store.themeByKey(trx, body.key)) throw fieldError('conflict', 'key', 'theme_key_taken');
			const row = { id, key: body.key, created_by: actor.id, created_at: nowIso(ctx) };
			await store.insertTheme(
				trx,
				row,
				Object.entries(labels).map(([locale, label]) => ({ theme_id: id, locale, label }))
			);
			await event(trx, ctx, id, 'created', { key: body.key }, 'theme');
			return view(row);
		}
	);
}

// --- Resources and versions ---------------------------------------------------------------

/**
 * Stores the bytes of a save's uploads (type, size, alternative text and quota are checked
 * while they stream) before the transaction that names them: content-addressed blobs are
 * harmless if that transaction then fails, and SQLite's one connection cannot read outside
 * an open transaction. Callers check the actor's right to save first.
 */
async function prepareUploads(
	ctx: Ctx,
	actor: Actor,
	target: { resourceId: string; libraryId: string },
	uploads: readonly Upload[],
	deps: AttachmentDeps | undefined
): Promise<PreparedUploads> {
	const d = deps ?? attachmentDeps();
	const rows: AttachmentRow[] = [];
	for (const u of uploads) {
		rows.push(
			await prepareAttachment(
				ctx.db.kysely,
				{ ...u, ...target, createdBy: actor.id, createdAt: nowIso(ctx) },
				d
			)
		);
	}
	return { rows, deps: d };
}

/** A version's files: the kept ones (already the resource's) then the new uploads, in order. */
async function attachToVersion(
	trx: Executor,
	versionId: string,
	keep: readonly string[],
	uploads: PreparedUploads
): Promise<void> {
	for (const row of uploads.rows) await insertPreparedAttachment(trx, row, uploads.deps ?? attachmentDeps());
	await setVersionAttachments(trx, versionId, [...keep, ...uploads.rows.map((r) => r.id)]);
}

/** Which of the resource's attachments a new version keeps: the ones named, else the previous version's. */
async function keptAttachments(
	trx: Executor,
	resourceId: string,
	previousVersionId: string,
	named: readonly string[] | undefined
): Promise<string[]> {
	if (named === undefined) return (await listVersionAttachments(trx, previousVersionId)).map((a) => a.id);
	const own = new Set((await attachmentsOfResource(trx, resourceId)).map((a) => a.id));
	const stranger = named.findIndex((id) => !own.has(id));
	if (stranger >= 0) throw fieldError('invalid', `attachment_ids.${stranger}`, 'attach_not_found');
	return [...named];
}

interface PreparedUploads {
	rows: AttachmentRow[];
	deps: AttachmentDeps | undefined;
}
const NO_UPLOADS: PreparedUploads = { rows: [], deps: undefined };

/**
 * withReplay for saves that may carry files: a replay answers first and stores nothing;
 * otherwise the caller authorises the save and names where the files go, the bytes are
 * stored, then the write runs with them.
 */
async function withUploads<T>(
	ctx: Ctx,
	replay: (k: Executor) => Promise<T | undefined>,
	files: { uploads: readonly Upload[]; deps: AttachmentDeps | undefined },
	authorise: () => Promise<{ resourceId: string; libraryId: string }>,
	write: (trx: Executor, prepared: PreparedUploads) => Promise<T>
): Promise<T> {
	let prepared = NO_UPLOADS;
	if (files.uploads.length > 0) {
		const first = await replay(ctx.db.kysely);
		if (first !== undefined) return first;
		prepared = await prepareUploads(ctx, requireActor(ctx), await authorise(), files.uploads, files.deps);
	}
	return withReplay(ctx, replay, (trx) => write(trx, prepared));
}

/** A member of the library adds a resource; a curator may publish it at once. */
export async function createResource(
	ctx: Ctx,
	input: CreateResourceInput,
	uploads: readonly Upload[] = [],
	deps?: AttachmentDeps
): Promise<ResourceView> {
	const actor = requireActor(ctx);
	const body = parseOrThrow(createResourceBody, input);
	const id = body.id ?? newId();
	const versionId = body.version_id ?? newId();
	return withUploads(
		ctx,
		(k) => replayResource(k, ctx, actor, id),
		{ uploads, deps },
		async () => {
			check(ctx, await accessTo(ctx.db.kysely, ctx, body.library_id), 'create');
			return { resourceId: id, libraryId: body.library_id };
		},
		async (trx, files) => {
			const a = await accessTo(trx, ctx, body.library_id);
			check(ctx, a, 'create');
			await checkFields(trx, body);
			if (body.key && (await store.resourceByKey(trx, a.library.id, body.key))) {
				throw fieldError('conflict', 'key', 'resource_key_taken');
			}
			const row = await insertNewResource(trx, ctx, actor, a, {
				id,
				versionId,
				key: body.key ?? null,
				language: body.language,
				group: null,
				translation_of: null,
				translated_from_version: null,
				derived_from_version: null,
				fields: body,
				publish: body.publish,
				action: 'created',
				eventData: {}
			});
			if (files.rows.length > 0) await attachToVersion(trx, versionId, [], files);
			return resourceView(trx, ctx, row, a);
		}
	);
}

/**
 * Replaying an edit with the same client-made version id returns that version; the id
 * used by someone else, or on another resource, is a conflict.
 */
function versionReplay(actor: Actor, resourceId: string, versionId: string) {
	return async (k: Executor) => {
		const v = await store.versionById(k, versionId);
		if (!v) return undefined;
		if (v.author_id !== actor.id || v.resource_id !== lookupId(resourceId)) {
			throw fieldError('conflict', 'version_id', 'resource_id_taken');
		}
		return versionView(v, await people(k, [v.author_id]));
	};
}

/** Adds a new current version (published too when asked) and records why. */
async function appendVersion(
	trx: Executor,
	ctx: Ctx,
	r: store.ResourceRow,
	v: store.VersionRow,
	publish: boolean,
	action: ResourceEventAction,
	data: Record<string, string | number>
): Promise<void> {
	await store.insertVersion(trx, v);
	await store.setVersionPointers(trx, r.id, { current_version_id: v.id, updated_at: nowIso(ctx) });
	await event(trx, ctx, r.id, action, data);
	if (publish) {
		await publishInTrx(trx, ctx, r, v);
		v.state = 'published';
	}
}

/**
 * An edit makes a new immutable version. A contributor's is a draft (a proposal); a
 * curator's may be published in the same step.
 */
export async function saveVersion(
	ctx: Ctx,
	resourceId: string,
	input: SaveVersionInput,
	uploads: readonly Upload[] = [],
	deps?: AttachmentDeps
): Promise<VersionView> {
	const actor = requireActor(ctx);
	const body = parseOrThrow(saveVersionBody, input);
	const versionId = body.version_id ?? newId();
	return withUploads(
		ctx,
		versionReplay(actor, resourceId, versionId),
		{ uploads, deps },
		async () => {
			const target = await store.resourceById(ctx.db.kysely, lookupId(resourceId));
			if (!target) throw resourceNotFound();
			check(ctx, await accessTo(ctx.db.kysely, ctx, target.library_id), 'propose');
			return { resourceId: target.id, libraryId: target.library_id };
		},
		async (trx, files) => {
			const r = await store.lockResource(trx, lookupId(resourceId), nowIso(ctx));
			if (!r) throw resourceNotFound();
			const a = await accessTo(trx, ctx, r.library_id);
			check(ctx, a, 'propose');
			await checkFields(trx, body);
			await checkDerivedLicence(trx, r, body.license);
			const number = (await store.maxVersionNumber(trx, r.id)) + 1;
			const previous = await store.versionById(trx, r.current_version_id);
			const v = versionRow(versionId, r.id, number, body, {
				state: 'draft',
				author_id: actor.id,
				created_at: nowIso(ctx),
				// An adaptation's provenance stays with every later version.
				change_log: previous?.change_log ?? null,
				attribution: previous?.attribution ?? null
			});
			const keep = await keptAttachments(trx, r.id, r.current_version_id, body.attachment_ids);
			const publish = stateOfSave(a.role ?? 'contributor', body.publish) === 'published';
			await appendVersion(trx, ctx, r, v, publish, 'version_saved', { version_id: v.id, number });
			await attachToVersion(trx, v.id, keep, files);
			return versionView(v, await people(trx, [actor.id]));
		}
	);
}

/** A curator publishes a version (the newest when none is named); publishing again changes nothing. */
export async function publishVersion(
	ctx: Ctx,
	resourceId: string,
	versionId?: string
): Promise<ResourceView> {
	requireActor(ctx);
	return ctx.db.kysely.transaction().execute(async (trx) => {
		const r = await store.lockResource(trx, lookupId(resourceId), nowIso(ctx));
		if (!r) throw resourceNotFound();
		const a = await accessTo(trx, ctx, r.library_id);
		check(ctx, a, 'publish');
		const v = await store.versionById(trx, versionId ? lookupId(versionId) : r.current_version_id);
		if (!v || v.resource_id !== r.id) throw versionNotFound();
		if (r.published_version_id === v.id) return resourceView(trx, ctx, r, a);
		await publishInTrx(trx, ctx, r, v);
		return resourceView(trx, ctx, { ...r, published_version_id: v.id }, a);
	});
}

/** A curator takes a resource out of public view; its versions stay in the history. */
export async function unpublish(ctx: Ctx, resourceId: string): Promise<ResourceView> {
	requireActor(ctx);
	return ctx.db.kysely.transaction().execute(async (trx) => {
		const r = await store.lockResource(trx, lookupId(resourceId), nowIso(ctx));
		if (!r) throw resourceNotFound();
		const a = await accessTo(trx, ctx, r.library_id);
		check(ctx, a, 'unpublish');
		if (r.published_version_id === null) return resourceView(trx, ctx, r, a);
		await store.setVersionPointers(trx, r.id, { published_version_id: null, updated_at: nowIso(ctx) });
		await indexResource(trx, r.id); // removes it from search, in the same transaction
		await event(trx, ctx, r.id, 'unpublished', { version_id: r.published_version_id });
		return resourceView(trx, ctx, { ...r, published_version_id: null }, a);
	});
}

/** A curator restores an old version: its content becomes a new version (history is never rewritten). */
export async function restoreVersion(
	ctx: Ctx,
	resourceId: string,
	versionId: string,
	input: RestoreVersionInput = {}
): Promise<VersionView> {
	const actor = requireActor(ctx);
	const options = parseOrThrow(restoreVersionBody, input);
	const newVersionId = options.version_id ?? newId();
	return withReplay(ctx, versionReplay(actor, resourceId, newVersionId), async (trx) => {
		const r = await store.lockResource(trx, lookupId(resourceId), nowIso(ctx));
		if (!r) throw resourceNotFound();
		const a = await accessTo(trx, ctx, r.library_id);
		check(ctx, a, 'restore');
		const old = await store.versionById(trx, lookupId(versionId));
		if (!old || old.resource_id !== r.id) throw versionNotFound();
		const number = (await store.maxVersionNumber(trx, r.id)) + 1;
		const v: store.VersionRow = {
			...old,
			id: newVersionId,
			number,
			change_note: options.change_note ?? null,
			author_id: actor.id,
			created_at: nowIso(ctx),
			state: 'draft'
		};
		await appendVersion(trx, ctx, r, v, options.publish === true, 'restored', {
			version_id: v.id,
			number,
			from_version_id: old.id,
			from_number: old.number
		});
		await attachToVersion(trx, v.id, await keptAttachments(trx, r.id, old.id, undefined), NO_UPLOADS);
		return versionView(v, await people(trx, [actor.id]));
	});
}

/** For the importer: the resource with this import key in a library, as its members see it, or undefined. */
export async function findResourceByKey(
	ctx: Ctx,
	libraryId: string,
	key: string
): Promise<ResourceView | undefined> {
	const k = ctx.db.kysely;
	const r = await store.resourceByKey(k, lookupId(libraryId), key);
	if (!r) return undefined;
	const a = await accessTo(k, ctx, r.library_id);
	if (!r.published_version_id && !may(ctx, a, 'read_drafts')) return undefined;
	return resourceView(k, ctx, r, a);
}

/** The resource page: the published version for readers, the newest for members. */
export async function getResource(
	ctx: Ctx,
	id: string,
	options: { as?: 'member' | 'reader' } = {}
): Promise<ResourceView> {
	const k = ctx.db.kysely;
	const { r, a } = await visibleResource(k, ctx, id);
	// A member may look at what the public sees ("view as reader"), when there is a published version.
	if (options.as === 'reader' && r.published_version_id) {
		return resourceView(k, ctx, { ...r, current_version_id: r.published_version_id }, a);
	}
	return resourceView(k, ctx, r, a);
}

/** The history page, newest first; readers see only published versions. */
export async function listVersions(ctx: Ctx, resourceId: string): Promise<VersionSummary[]> {
	const k = ctx.db.kysely;
	const { r, a } = await visibleResource(k, ctx, resourceId);
	const rows = (await store.listVersions(k, r.id)).filter((v) => versionVisible(ctx, a, v, r));
	const person = await people(
		k,
		rows.map((v) => v.author_id)
	);
	return rows.map((v) => ({
		id: v.id,
		number: v.number,
		state: v.state,
		title: v.title,
		change_note: v.change_note,
		author: person(v.author_id),
		created_at: v.created_at,
		is_current: v.id === r.current_version_id,
		is_published: v.id === r.published_version_id
	}));
}

export async function getVersion(ctx: Ctx, versionId: string): Promise<VersionView> {
	const k = ctx.db.kysely;
	const v = await store.versionById(k, lookupId(versionId));
	if (!v) throw versionNotFound();
	const { r, a } = await visibleResource(k, ctx, v.resource_id).catch(() => {
		throw versionNotFound();
	});
	if (!versionVisible(ctx, a, v, r)) throw versionNotFound();
	return versionView(v, await people(k, [v.author_id]));
}

function chunks(
	changes: { value: string; added: boolean; removed: boolean }[] | undefined,
	a: string,
	b: string
): DiffChunk[] {
	// Too different to diff within the edit budget: show it as replaced.
	if (!changes)
		return [
			...(a ? [{ removed: true as const, value: a }] : []),
			...(b ? [{ added: true as const, value: b }] : [])
		];
	return changes.map((c) => ({
		...(c.added ? { added: true as const } : {}),
		...(c.removed ? { removed: true as const } : {}),
		value: c.value
	}));
}

/** Bounds the work of a diff on very long bodies (jsdiff gives up and we show "replaced"). */
const MAX_EDIT_LENGTH = 5000;

/** A readable diff between any two versions of one resource: words for title and summary, lines for the body. */
export async function diffVersions(
	ctx: Ctx,
	resourceId: string,
	fromId: string,
	toId: string
): Promise<VersionDiff> {
	const k = ctx.db.kysely;
	const { r, a } = await visibleResource(k, ctx, resourceId);
	const [from, to] = await Promise.all([
		store.versionById(k, lookupId(fromId)),
		store.versionById(k, lookupId(toId))
	]);
	for (const v of [from, to])
		if (!v || v.resource_id !== r.id || !versionVisible(ctx, a, v, r)) throw versionNotFound();
	const f = from as store.VersionRow;
	const t = to as store.VersionRow;
	return {
		from: { id: f.id, number: f.number },
		to: { id: t.id, number: t.number },
		title: chunks(diffWords(f.title, t.title, { maxEditLength: MAX_EDIT_LENGTH }), f.title, t.title),
		summary: chunks(
			diffWords(f.summary, t.summary, { maxEditLength: MAX_EDIT_LENGTH }),
			f.summary,
			t.summary
		),
		body: chunks(diffLines(f.body, t.body, { maxEditLength: MAX_EDIT_LENGTH }), f.body, t.body)
	};
}

/** A library's published resources, most recently changed first. */
export async function listLibraryResources(
	ctx: Pick<Ctx, 'db'>,
	librarySlug: string,
	query: ListResourcesQuery = {}
): Promise<ResourcePage> {
	const q = parseOrThrow(listResourcesQuery, query);
	const k = ctx.db.kysely;
	const library = await libraryRefBySlug(k, librarySlug);
	if (!library) throw notFound('library_not_found');
	const { total, rows } = await store.listPublished(
		k,
		library.id,
		{ language: q.language, theme: q.theme },
		q.per_page,
		(q.page - 1) * q.per_page
	);
	return {
		total,
		page: q.page,
		per_page: q.per_page,
		items: rows.map((r) => ({
			id: r.id,
			key: r.key,
			language: r.language,
			title: r.v.title,
			summary: r.v.summary,
			type: r.v.type as ResourceType,
			themes: jsonArray(r.v.themes),
			license: r.v.license as ResourceLicenceId,
			version_number: r.v.number,
			updated_at: r.updated_at
		}))
	};
}

// --- Translations ----------------------------------------------------------------------------

/** The original's published version, which a translation, request or adaptation starts from. */
async function publishedSource(k: Executor, original: store.ResourceRow): Promise<store.VersionRow> {
	const v = original.published_version_id
		? await store.versionById(k, original.published_version_id)
		: undefined;
	if (!v) throw new DomainError('conflict', 'resource_not_published');
	return v;
}

function refuseUntranslatable(licenceId: string): void {
	if (!isLicenceId(licenceId)) throw licenceRefusal('all-rights-reserved');
	if (!canTranslate(licenceId)) throw licenceRefusal('no-derivatives');
}

/**
 * The original and its published source, when a translation into `language` may be made:
 * the licence allows adaptation, the language differs and no translation into it exists.
 */
async function translatableInto(trx: Executor, originalId: string, language: string) {
	const original = await store.resourceById(trx, lookupId(originalId));
	if (!original) throw resourceNotFound();
	const source = await publishedSource(trx, original);
	refuseUntranslatable(source.license);
	if (primaryLanguage(language) === primaryLanguage(original.language)) {
		throw fieldError('invalid', 'language', 'resource_translation_same_language');
	}
	const group = await store.resourcesInGroup(trx, original.translation_group);
	if (group.some((g) => primaryLanguage(g.language) === primaryLanguage(language))) {
		throw fieldError('conflict', 'language', 'resource_translation_exists');
	}
	return { original, source };
}

/**
 * A translation joins the original's translation group and records the original's published
 * version it was made from. Refused for ND (and all-rights-reserved links).
 */
export async function createTranslation(
	ctx: Ctx,
	originalId: string,
	input: CreateTranslationInput
): Promise<ResourceView> {
	const actor = requireActor(ctx);
	const { license: chosenLicence, ...rest } = parseOrThrow(createTranslationBody, input);
	const id = rest.id ?? newId();
	const versionId = rest.version_id ?? newId();
	return withReplay(
		ctx,
		(k) => replayResource(k, ctx, actor, id),
		async (trx) => {
			const { original, source } = await translatableInto(trx, originalId, rest.language);
			const licenceId = ensureAdaptable(source.license, chosenLicence ?? source.license);
			const fields: VersionFields = { ...rest, license: licenceId };
			const a = await accessTo(trx, ctx, rest.library_id ?? original.library_id);
			const claimed = await holdsClaim(trx, actor, original, a, rest.language);
			const writer: Access = { ...a, role: translatorRole(a.role, claimed) };
			check(ctx, writer, 'create');
			await checkFields(trx, fields);
			const row = await insertNewResource(trx, ctx, actor, writer, {
				id,
				versionId,
				key: null,
				language: rest.language,
				group: original.translation_group,
				translation_of: original.id,
				translated_from_version: source.id,
				derived_from_version: null,
				fields,
				publish: rest.publish || publishesAtOnce(a.role, claimed),
				action: 'translated',
				eventData: { original_id: original.id, from_version_id: source.id }
			});
			return resourceView(trx, ctx, row, a);
		}
	);
}

// --- Translation claims and the translation form (TRANSLATING) ------------------------------

/** Whether the actor holds the claim on the unfinished request for this original and language, in its library. */
async function holdsClaim(
	k: Executor,
	actor: Actor,
	original: store.ResourceRow,
	target: Access,
	language: string
): Promise<boolean> {
	if (target.library.id !== original.library_id) return false;
	const req = await store.unfinishedRequest(k, openKey(original.id, language));
	return req?.status === 'claimed' && req.claimed_by === actor.id;
}

export interface TranslationPlan {
	/** The original with its published version (the newest for members while none is published). */
	original: ResourceView;
	/** The target language, canonical; null when none (or an invalid one) was asked for. */
	language: string | null;
	/** Why no translation into `language` can be made (licence, language, one exists, not published). */
	refusal: MessageKey | null;
	/** The original's unfinished requests (open or claimed), oldest first. */
	requests: TranslationRequestView[];
	/** The unfinished request for `language`, if any. */
	request: TranslationRequestView | null;
	viewer: {
		holds_claim: boolean;
		/** Why the viewer may not create it in the original's library (not a member…), or null. */
		create_refusal: MessageKey | null;
		publish: boolean;
		/** A claimant outside the library: the translation is published as it is created. */
		publishes_at_once: boolean;
	};
}

/** What the translation form needs: the original, whether it may be translated into `language`, and by whom. */
export async function translationPlan(
	ctx: Ctx,
	originalId: string,
	language?: string
): Promise<TranslationPlan> {
	const k = ctx.db.kysely;
	const { r, a } = await visibleResource(k, ctx, originalId);
	const shown = r.published_version_id ? { ...r, current_version_id: r.published_version_id } : r;
	const target = language === undefined ? null : canonicalLanguage(language);
	let refusal: MessageKey | null = null;
	try {
		// Without a language, what can be said already: not published, or a licence that forbids it.
		if (target) await translatableInto(k, r.id, target);
		else refuseUntranslatable((await publishedSource(k, r)).license);
	} catch (e) {
		if (!isDomainError(e)) throw e;
		refusal = e.messageKey;
	}
	if (language !== undefined && !target) refusal ??= 'resource_language_invalid';
	const rows = await store.listRequests(
		k,
		{ resourceId: r.id, statuses: ['open', 'claimed'] },
		REQUEST_LIST_LIMIT
	);
	const requests = await requestViews(k, rows);
	const row = target ? rows.find((q) => q.open_key === openKey(r.id, target)) : undefined;
	const claimed = !!ctx.actor && row?.status === 'claimed' && row.claimed_by === ctx.actor.id;
	const writer = translatorRole(a.role, claimed);
	const create = decideResource(ctx.actor, 'create', writer, { suspended: a.library.suspended });
	return {
		original: await resourceView(k, ctx, shown, a),
		language: target,
		refusal,
		requests,
		request: requests.find((q) => q.id === row?.id) ?? null,
		viewer: {
			holds_claim: claimed,
			create_refusal: create.ok ? null : create.reason,
			publish: create.ok && stateOfSave(writer ?? 'contributor', true) === 'published',
			publishes_at_once: publishesAtOnce(a.role, claimed)
		}
	};
}

async function stateOf(k: Executor, t: store.ResourceRow): Promise<TranslationState> {
	const made = t.translated_from_version ? await store.versionById(k, t.translated_from_version) : undefined;
	const original = t.translation_of ? await store.resourceById(k, t.translation_of) : undefined;
	const now = original?.published_version_id
		? await store.versionById(k, original.published_version_id)
		: undefined;
	const madeFrom = made?.number ?? null;
	const originalNumber = now?.number ?? null;
	return {
		resource_id: t.id,
		language: t.language,
		published: t.published_version_id !== null,
		made_from_number: madeFrom,
		original_number: originalNumber,
		original_changed: originalChangedSince(madeFrom, originalNumber)
	};
}

/** For a resource: whether it (as a translation) lags its original, and how each of its translations stands. */
export async function translationStatus(ctx: Ctx, resourceId: string): Promise<TranslationStatus> {
	const k = ctx.db.kysely;
	const { r } = await visibleResource(k, ctx, resourceId);
	const self = r.translation_of ? { ...(await stateOf(k, r)), original_id: r.translation_of } : null;
	// Unpublished translations are shown only to members of the library they live in.
	const visible: store.ResourceRow[] = [];
	for (const t of await store.translationsOf(k, r.id)) {
		if (t.published_version_id !== null || may(ctx, await accessTo(k, ctx, t.library_id), 'read_drafts'))
			visible.push(t);
	}
	const translations = await Promise.all(visible.map((t) => stateOf(k, t)));
	return { self, translations };
}

/** The languages a work exists in (published ones, and this resource itself), for the page's language list. */
export async function languagesOf(ctx: Ctx, resourceId: string): Promise<LanguageLink[]> {
	const k = ctx.db.kysely;
	const { r } = await visibleResource(k, ctx, resourceId);
	const group = await store.resourcesInGroup(k, r.translation_group);
	return group
		.filter((g) => g.id === r.id || g.published_version_id !== null)
		.map((g) => ({ resource_id: g.id, language: g.language, is_self: g.id === r.id }));
}

// --- Translation requests ------------------------------------------------------------------------

const openKey = (resourceId: string, language: string) => `${resourceId}:${primaryLanguage(language)}`;

async function requestViews(k: Executor, rows: store.RequestRow[]): Promise<TranslationRequestView[]> {
	const person = await people(
		k,
		rows.flatMap((r) => [r.requested_by, r.claimed_by])
	);
	const out: TranslationRequestView[] = [];
	for (const req of rows) {
		const r = await store.resourceById(k, req.resource_id);
		const v = r?.published_version_id ? await store.versionById(k, r.published_version_id) : undefined;
		out.push({
			id: req.id,
			resource_id: req.resource_id,
			resource_title: v?.title ?? null,
			resource_language: r?.language ?? '',
			language: req.language,
			status: req.status,
			requested_by: person(req.requested_by),
			claimed_by: person(req.claimed_by),
			translation_id: req.translation_id,
			created_at: req.created_at,
			claimed_at: req.claimed_at,
			closed_at: req.closed_at
		});
	}
	return out;
}

/** Anyone signed in asks for a translation of a published resource; one unfinished request per language. */
export async function requestTranslation(
	ctx: Ctx,
	resourceId: string,
	input: TranslationRequestInput
): Promise<TranslationRequestView> {
	const actor = requireActor(ctx);
	const body = parseOrThrow(translationRequestBody, input);
	const id = body.id ?? newId();
	const replay = async (k: Executor) => {
		const existing = await store.requestById(k, id);
		if (!existing) return undefined;
		if (existing.requested_by !== actor.id) throw fieldError('conflict', 'id', 'resource_id_taken');
		return (await requestViews(k, [existing]))[0];
	};
	return withReplay(ctx, replay, async (trx) => {
		const { original: r } = await translatableInto(trx, resourceId, body.language);
		const key = openKey(r.id, body.language);
		if (await store.unfinishedRequest(trx, key))
			throw fieldError('conflict', 'language', 'resource_request_exists');
		const row: store.RequestRow = {
			id,
			resource_id: r.id,
			language: body.language,
			requested_by: actor.id,
			claimed_by: null,
			claimed_at: null,
			status: 'open',
			translation_id: null,
			created_at: nowIso(ctx),
			closed_at: null,
			open_key: key
		};
		await store.insertRequest(trx, row);
		await event(trx, ctx, r.id, 'translation_requested', { request_id: id, language: body.language });
		return (await requestViews(trx, [row]))[0] as TranslationRequestView;
	});
}

/** Unfinished requests (open or claimed), oldest first; for one language (primary subtag) when given. */
export async function listOpenRequests(
	ctx: Pick<Ctx, 'db'>,
	language?: string
): Promise<TranslationRequestView[]> {
	const k = ctx.db.kysely;
	const rows = await store.listRequests(k, { statuses: ['open', 'claimed'] }, REQUEST_LIST_LIMIT * 5);
	const wanted =
		language === undefined
			? undefined
			: primaryLanguage(parseOrThrow(translationRequestBody.shape.language, language));
	return requestViews(
		k,
		rows
			.filter((r) => wanted === undefined || primaryLanguage(r.language) === wanted)
			.slice(0, REQUEST_LIST_LIMIT)
	);
}

/** Someone signed in takes an open request on; claiming your own claim again changes nothing. */
export async function claimRequest(ctx: Ctx, requestId: string): Promise<TranslationRequestView> {
	const actor = requireActor(ctx);
	return ctx.db.kysely.transaction().execute(async (trx) => {
		const req = await store.requestById(trx, lookupId(requestId));
		if (!req) throw notFound('resource_request_not_found');
		if (req.status === 'claimed' && req.claimed_by === actor.id)
			return (await requestViews(trx, [req]))[0] as TranslationRequestView;
		if (req.status !== 'open') throw new DomainError('conflict', 'resource_request_not_open');
		const at = nowIso(ctx);
		const won = await store.updateRequest(trx, req.id, 'open', {
			status: 'claimed',
			claimed_by: actor.id,
			claimed_at: at
		});
		if (!won) throw new DomainError('conflict', 'resource_request_not_open');
		await event(trx, ctx, req.resource_id, 'translation_claimed', {
			request_id: req.id,
			language: req.language
		});
		const claimed: store.RequestRow = { ...req, status: 'claimed', claimed_by: actor.id, claimed_at: at };
		return (await requestViews(trx, [claimed]))[0] as TranslationRequestView;
	});
}

// --- Adapting ----------------------------------------------------------------------------------------

export interface AdaptationPlan {
	/** The resource with its published version, which an adaptation starts from. */
	source: ResourceView;
	/** Why it cannot be adapted (not published, NoDerivatives, all rights reserved), or null. */
	refusal: MessageKey | null;
	/** The libraries the viewer may add the adaptation to. */
	libraries: MemberLibrary[];
}

/** What the adapt form needs: the published source, whether its licence allows adapting, and where it can go. */
export async function adaptationPlan(ctx: Ctx, resourceId: string): Promise<AdaptationPlan> {
	const actor = requireActor(ctx);
	const k = ctx.db.kysely;
	const { r, a } = await visibleResource(k, ctx, resourceId);
	let refusal: MessageKey | null = null;
	try {
		ensureAdaptable((await publishedSource(k, r)).license);
	} catch (e) {
		if (!isDomainError(e)) throw e;
		refusal = e.messageKey;
	}
	const shown = r.published_version_id ? { ...r, current_version_id: r.published_version_id } : r;
	const libraries = (await librariesOf(k, actor.id)).filter(
		(l) => decideResource(actor, 'create', l.role, l).ok
	);
	return { source: await resourceView(k, ctx, shown, a), refusal, libraries };
}

/**
 * "Adapt this resource": a new resource in a library the actor belongs to, derived from a
 * version, carrying its provenance, a change log and the source's attribution. The licence
 * follows adaptVerdict: ND refuses, SA keeps the licence, NC stays NC.
 */
export async function adaptResource(
	ctx: Ctx,
	sourceVersionId: string,
	input: AdaptResourceInput
): Promise<ResourceView> {
	const actor = requireActor(ctx);
	const { license: chosenLicence, change_log, ...rest } = parseOrThrow(adaptResourceBody, input);
	const id = rest.id ?? newId();
	const versionId = rest.version_id ?? newId();
	return withReplay(
		ctx,
		(k) => replayResource(k, ctx, actor, id),
		async (trx) => {
			const source = await store.versionById(trx, lookupId(sourceVersionId));
			if (!source) throw versionNotFound();
			const { r: sourceResource, a: sourceAccess } = await visibleResource(
				trx,
				ctx,
				source.resource_id
			).catch(() => {
				throw versionNotFound();
			});
			if (!versionVisible(ctx, sourceAccess, source, sourceResource)) throw versionNotFound();
			const licenceId = ensureAdaptable(source.license, chosenLicence);
			const fields: VersionFields = { ...rest, license: licenceId };
			const a = await accessTo(trx, ctx, rest.library_id);
			check(ctx, a, 'create');
			await checkFields(trx, fields);
			const attribution: SourceAttribution = {
				resource_id: sourceResource.id,
				version_id: source.id,
				version_number: source.number,
				title: source.title,
				authors: jsonArray(source.authors),
				source_url: source.source_url,
				license: source.license as ResourceLicenceId
			};
			const row = await insertNewResource(trx, ctx, actor, a, {
				id,
				versionId,
				key: null,
				language: rest.language ?? sourceResource.language,
				group: null,
				translation_of: null,
				translated_from_version: null,
				derived_from_version: source.id,
				fields,
				publish: rest.publish,
				change_log,
				attribution: JSON.stringify(attribution),
				action: 'adapted',
				eventData: { source_resource_id: sourceResource.id, source_version_id: source.id }
			});
			return resourceView(trx, ctx, row, a);
		}
	);
}

/** The data of a version's attribution (TASL), and of its source when it is an adaptation. */
export function attributionFor(
	v: Pick<VersionView, 'title' | 'authors' | 'source_url' | 'license' | 'change_log' | 'adapted_from'>
): Attribution {
	const licenceUrl = (id: ResourceLicenceId) =>
		id === ALL_RIGHTS_RESERVED || !isLicenceId(id) ? null : licence(id).url;
	const s = v.adapted_from;
	return {
		title: v.title,
		authors: v.authors,
		sourceUrl: v.source_url,
		licenceId: v.license,
		licenceUrl: licenceUrl(v.license),
		...(v.change_log ? { changes: v.change_log } : {}),
		...(s
			? {
					basedOn: {
						resourceId: s.resource_id,
						versionNumber: s.version_number,
						title: s.title,
						authors: s.authors,
						sourceUrl: s.source_url,
						licenceId: s.license,
						licenceUrl: licenceUrl(s.license)
					}
				}
			: {})
	};
}
