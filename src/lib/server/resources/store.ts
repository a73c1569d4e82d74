/**
 * Resources' queries: themes and their labels, resources, their immutable versions and
 * translation requests. No rules here (service.ts decides); the same code on both engines.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../db';
import type {
	EventsTable,
	ResourceVersionsTable,
	ResourcesTable,
	ThemeLabelsTable,
	ThemesTable,
	TranslationRequestsTable
} from '../db/schema';

export type ThemeRow = Selectable<ThemesTable>;
export type ThemeLabelRow = Selectable<ThemeLabelsTable>;
export type ResourceRow = Selectable<ResourcesTable>;
export type VersionRow = Selectable<ResourceVersionsTable>;
export type RequestRow = Selectable<TranslationRequestsTable>;

export const SUBJECT = 'resource';

// --- Themes -------------------------------------------------------------------

export async function listThemes(
	k: Executor
): Promise<(ThemeRow & { locale: string | null; label: string | null })[]> {
	return k
		.selectFrom('themes')
		.leftJoin('theme_labels', 'theme_labels.theme_id', 'themes.id')
		.selectAll('themes')
		.select(['theme_labels.locale', 'theme_labels.label'])
		.orderBy('themes.created_at', 'asc')
		.orderBy('themes.key', 'asc')
		.execute();
}

export async function themeByKey(k: Executor, key: string): Promise<ThemeRow | undefined> {
	return k.selectFrom('themes').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function themeById(k: Executor, id: string): Promise<ThemeRow | undefined> {
	return k.selectFrom('themes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function knownThemeKeys(k: Executor, keys: readonly string[]): Promise<Set<string>> {
	if (keys.length === 0) return new Set();
	const rows = await k
		.selectFrom('themes')
		.select('key')
		.where('key', 'in', [...keys])
		.execute();
	return new Set(rows.map((r) => r.key));
}

export async function insertTheme(k: Executor, row: ThemeRow, labels: ThemeLabelRow[]): Promise<void> {
	await k.insertInto('themes').values(row).execute();
	if (labels.length > 0) await k.insertInto('theme_labels').values(labels).execute();
}

// --- Resources ------------------------------------------------------------------

export async function insertResource(k: Executor, row: Insertable<ResourcesTable>): Promise<void> {
	await k.insertInto('resources').values(row).execute();
}

export async function resourceById(k: Executor, id: string): Promise<ResourceRow | undefined> {
	return k.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function resourceByKey(
	k: Executor,
	libraryId: string,
	key: string
): Promise<ResourceRow | undefined> {
	return k
		.selectFrom('resources')
		.selectAll()
		.where('library_id', '=', libraryId)
		.where('key', '=', key)
		.executeTakeFirst();
}

/**
 * Reads the resource and takes its row lock for the rest of the transaction (by touching
 * updated_at), so two saves cannot take the same version number.
 */
export async function lockResource(k: Executor, id: string, now: string): Promise<ResourceRow | undefined> {
	return k
		.updateTable('resources')
		.set({ updated_at: now })
		.where('id', '=', id)
		.returningAll()
		.executeTakeFirst();
}

export async function setVersionPointers(
	k: Executor,
	id: string,
	set: { current_version_id?: string; published_version_id?: string | null; updated_at: string }
): Promise<void> {
	await k.updateTable('resources').set(set).where('id', '=', id).execute();
}

export async function resourcesInGroup(k: Executor, group: string): Promise<ResourceRow[]> {
	return k
		.selectFrom('resources')
		.selectAll()
		.where('translation_group', '=', group)
		.orderBy('created_at', 'asc')
		.orderBy('id', 'asc')
		.execute();
}

export async function translationsOf(k: Executor, originalId: string): Promise<ResourceRow[]> {
	return k
		.selectFrom('resources')
		.selectAll()
		.where('translation_of', '=', originalId)
		.orderBy('language', 'asc')
		.execute();
}

/**
 * Published resources with their published version, newest change first: of one library,
 * or of every library (libraryId null, for theme pages).
 */
export async function listPublished(
	k: Executor,
	libraryId: string | null,
	filter: { language?: string; theme?: string },
	limit: number,
	offset: number
): Promise<{ total: number; rows: (ResourceRow & { v: VersionRow })[] }> {
	let q = k
		.selectFrom('resources')
		.innerJoin('resource_versions as v', 'v.id', 'resources.published_version_id');
	if (libraryId !== null) q = q.where('resources.library_id', '=', libraryId);
	if (filter.language) q = q.where('resources.language', '=', filter.language);
	// Theme keys match THEME_KEY (no quotes or wildcards), so a LIKE on the JSON text is exact.
	if (filter.theme) q = q.where('v.themes', 'like', `%"${filter.theme}"%`);
	const count = await q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst();
	const rows = await q
		.selectAll('resources')
		.select('v.id as v_id')
		.orderBy('resources.updated_at', 'desc')
		.orderBy('resources.id', 'desc')
		.limit(limit)
		.offset(offset)
		.execute();
	const ids = rows.map((r) => r.v_id);
	const versions = ids.length
		? await k.selectFrom('resource_versions').selectAll().where('id', 'in', ids).execute()
		: [];
	const byId = new Map(versions.map((v) => [v.id, v]));
	return {
		total: Number(count?.n ?? 0),
		rows: rows.flatMap(({ v_id, ...resource }) => {
			const v = byId.get(v_id);
			return v ? [{ ...resource, v }] : [];
		})
	};
}

/** The languages a library's published resources are in, for the list's language filter. */
export async function publishedLanguages(k: Executor, libraryId: string): Promise<string[]> {
	const rows = await k
		.selectFrom('resources')
		.select('language')
		.distinct()
		.where('library_id', '=', libraryId)
		.where('published_version_id', 'is not', null)
		.orderBy('language')
		.execute();
	return rows.map((r) => r.language);
}

// --- Versions -------------------------------------------------------------------

export async function insertVersion(k: Executor, row: VersionRow): Promise<void> {
	await k.insertInto('resource_versions').values(row).execute();
}

export async function versionById(k: Executor, id: string): Promise<VersionRow | undefined> {
	return k.selectFrom('resource_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function versionByNumber(
	k: Executor,
	resourceId: string,
	n: number
): Promise<VersionRow | undefined> {
	return k
		.selectFrom('resource_versions')
		.selectAll()
		.where('resource_id', '=', resourceId)
		.where('number', '=', n)
		.executeTakeFirst();
}

export async function maxVersionNumber(k: Executor, resourceId: string): Promise<number> {
	const row = await k
		.selectFrom('resource_versions')
		.select((eb) => eb.fn.max<number | null>('number').as('n'))
		.where('resource_id', '=', resourceId)
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

/** Newest first, for the history page. */
export async function listVersions(k: Executor, resourceId: string): Promise<VersionRow[]> {
	return k
		.selectFrom('resource_versions')
		.selectAll()
		.where('resource_id', '=', resourceId)
		.orderBy('number', 'desc')
		.execute();
}

/** Whether some published version (current or earlier) carries the attachment: then it is public. */
export async function attachmentInPublishedVersion(k: Executor, attachmentId: string): Promise<boolean> {
	const row = await k
		.selectFrom('version_attachments as va')
		.innerJoin('resource_versions as v', 'v.id', 'va.version_id')
		.select('va.version_id')
		.where('va.attachment_id', '=', attachmentId)
		.where('v.state', '=', 'published')
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/** A version's state changes once, from draft to published; its content never does. */
export async function markPublished(k: Executor, versionId: string): Promise<void> {
	await k.updateTable('resource_versions').set({ state: 'published' }).where('id', '=', versionId).execute();
}

// --- Translation requests ---------------------------------------------------------

export async function insertRequest(k: Executor, row: RequestRow): Promise<void> {
	await k.insertInto('translation_requests').values(row).execute();
}

export async function requestById(k: Executor, id: string): Promise<RequestRow | undefined> {
	return k.selectFrom('translation_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function unfinishedRequest(k: Executor, openKey: string): Promise<RequestRow | undefined> {
	return k.selectFrom('translation_requests').selectAll().where('open_key', '=', openKey).executeTakeFirst();
}

export async function listRequests(
	k: Executor,
	filter: { language?: string; resourceId?: string; statuses: RequestRow['status'][] },
	limit: number
): Promise<RequestRow[]> {
	let q = k.selectFrom('translation_requests').selectAll().where('status', 'in', filter.statuses);
	if (filter.language) q = q.where('language', '=', filter.language);
	if (filter.resourceId) q = q.where('resource_id', '=', filter.resourceId);
	return q.orderBy('created_at', 'asc').orderBy('id', 'asc').limit(limit).execute();
}

/** Moves a request on only from the status the caller saw, so two claimers cannot both win. */
export async function updateRequest(
	k: Executor,
	id: string,
	from: RequestRow['status'],
	set: Partial<Omit<RequestRow, 'id'>>
): Promise<boolean> {
	const r = await k
		.updateTable('translation_requests')
		.set(set)
		.where('id', '=', id)
		.where('status', '=', from)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

// --- Events -----------------------------------------------------------------------

export async function insertEvent(k: Executor, row: Selectable<EventsTable>): Promise<void> {
	await k.insertInto('events').values(row).execute();
}

export async function listEvents(
	k: Executor,
	resourceId: string,
	limit: number
): Promise<Selectable<EventsTable>[]> {
	return k
		.selectFrom('events')
		.selectAll()
		.where('subject_type', '=', SUBJECT)
		.where('subject_id', '=', resourceId)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}

/** Every resource of a library (originals and translations), by key then id: what export writes. */
export async function resourcesOfLibrary(k: Executor, libraryId: string): Promise<ResourceRow[]> {
	return k
		.selectFrom('resources')
		.selectAll()
		.where('library_id', '=', libraryId)
		.orderBy('key')
		.orderBy('id')
		.execute();
}

/** A translation re-imported with new content was made from the original's current version. */
export async function setTranslatedFrom(k: Executor, id: string, versionId: string): Promise<void> {
	await k.updateTable('resources').set({ translated_from_version: versionId }).where('id', '=', id).execute();
}
