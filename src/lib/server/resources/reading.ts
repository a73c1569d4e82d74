/**
 * What the reading pages need, one function per page: a resource page (the resource, its
 * rendered body, translations, attribution data and whether it may be translated), a
 * library's list of resources, a theme's resources across libraries, and attachment
 * downloads with the visibility rule of the resource they belong to. Built on the
 * resources service (service.ts) and the attachments service; the rules stay there.
 */
import type { z } from 'zod';
import { notFound } from '../../domain/errors';
import { canTranslate } from '../../domain/licence-compat';
import { ALL_RIGHTS_RESERVED, isLicenceId } from '../../domain/licences';
import { decideResource, type ResourceType } from '../../domain/resources';
import type { Ctx } from '../context';
import { libraryRefBySlug, membershipOf, type LibraryRef } from '../libraries/service';
import {
	attachmentDeps,
	getAttachment,
	openDownload,
	type AttachmentDeps,
	type AttachmentView,
	type Download
} from './attachments/service';
import { renderMarkdown } from './markdown';
import { listResourcesQuery, RESOURCE_PAGE_SIZE, uuid, type ListResourcesQuery } from './schemas';
import {
	attributionFor,
	getResource,
	languagesOf,
	listLibraryResources,
	listThemes,
	translationStatus,
	type Attribution,
	type LanguageLink,
	type ResourcePage,
	type ResourceSummary,
	type ResourceView,
	type ThemeView,
	type TranslationStatus
} from './service';
import * as store from './store';

// --- The resource page -------------------------------------------------------------

/** Why a resource cannot be translated or adapted here, if it cannot. */
export type ReuseRefusal = 'no-derivatives' | 'all-rights-reserved' | 'not-published';

export interface ResourceReading {
	resource: ResourceView;
	/** The body as safe HTML (renderMarkdown), images pointing at the version's attachments. */
	bodyHtml: string;
	/** The attachments the body already shows as images (the file list need not show them again). */
	bodyImages: string[];
	/** The resource's themes, labelled in the reader's language. */
	themes: { key: string; label: string }[];
	attribution: Attribution;
	languages: LanguageLink[];
	translations: TranslationStatus;
	/** For a translation: its original, when the reader may see it. */
	original: { id: string; title: string; language: string } | null;
	reuse: { ok: true } | { ok: false; reason: ReuseRefusal };
}

/** An image written in the body by its file name (`![alt](diagram.png)`) loads from the attachment. */
function attachmentImages(attachments: AttachmentView[], used: Set<string>) {
	return (src: string): string | null => {
		let name = src;
		try {
			name = decodeURIComponent(src);
		} catch {
			// A stray % is part of the name as written.
		}
		const a = attachments.find((x) => x.kind === 'image' && (x.fileName === src || x.fileName === name));
		if (!a) return null;
		used.add(a.id);
		return `/attachments/${a.id}`;
	};
}

function reuseOf(resource: ResourceView): ResourceReading['reuse'] {
	const id = resource.version.license;
	if (id === ALL_RIGHTS_RESERVED || !isLicenceId(id)) return { ok: false, reason: 'all-rights-reserved' };
	if (!canTranslate(id)) return { ok: false, reason: 'no-derivatives' };
	if (!resource.published_version_id) return { ok: false, reason: 'not-published' };
	return { ok: true };
}

/** The original of a translation as the reader may see it, or null (unpublished, or gone). */
async function originalOf(ctx: Ctx, status: TranslationStatus): Promise<ResourceReading['original']> {
	if (!status.self) return null;
	try {
		const o = await getResource(ctx, status.self.original_id, { as: 'reader' });
		return { id: o.id, title: o.version.title, language: o.language };
	} catch {
		return null;
	}
}

/** Everything the resource page shows; not_found when the viewer may not see the resource. */
export async function readResource(
	ctx: Ctx,
	id: string,
	options: { as?: 'member' | 'reader'; locale: string }
): Promise<ResourceReading> {
	const resource = await getResource(ctx, id, { as: options.as });
	const [translations, languages, themes] = await Promise.all([
		translationStatus(ctx, resource.id),
		languagesOf(ctx, resource.id),
		listThemes(ctx, options.locale)
	]);
	const labels = new Map(themes.map((t) => [t.key, t.label]));
	const used = new Set<string>();
	const bodyHtml = renderMarkdown(resource.version.body, {
		imageSrc: attachmentImages(resource.attachments, used)
	});
	return {
		resource,
		bodyHtml,
		bodyImages: [...used],
		themes: resource.version.themes.map((key) => ({ key, label: labels.get(key) ?? key })),
		attribution: attributionFor(resource.version),
		languages,
		translations,
		original: await originalOf(ctx, translations),
		reuse: reuseOf(resource)
	};
}

// --- Lists: a library's resources, a theme's resources ------------------------------------

/**
 * A list's query from a URL. A mistyped value in a shared link is dropped rather than
 * refused, so the list still shows (the first page, or without that filter).
 */
export function readListQuery(params: URLSearchParams): ListResourcesQuery {
	const field = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined => {
		const r = schema.safeParse(value);
		return r.success ? r.data : undefined;
	};
	const shape = listResourcesQuery.shape;
	const page = field(shape.page, Number(params.get('page') ?? '1'));
	const theme = params.get('theme') || undefined;
	const language = params.get('language') || undefined;
	return {
		page: page ?? 1,
		per_page: RESOURCE_PAGE_SIZE,
		theme: theme === undefined ? undefined : field(shape.theme, theme),
		language: language === undefined ? undefined : field(shape.language, language)
	};
}

export interface LibraryResources {
	library: LibraryRef;
	page: ResourcePage;
	/** The theme taxonomy, for the filter and for labelling each resource's themes. */
	themes: ThemeView[];
	/** The languages the library's published resources are in, for the filter. */
	languages: string[];
	/** The filters as understood (invalid ones dropped). */
	query: { theme: string | null; language: string | null };
	/** Whether the viewer belongs to the library (and so may add resources to it). */
	member: boolean;
}

export async function libraryResources(
	ctx: Ctx,
	slug: string,
	query: ListResourcesQuery,
	locale: string
): Promise<LibraryResources> {
	const library = await libraryRefBySlug(ctx.db.kysely, slug);
	if (!library) throw notFound('library_not_found');
	const [page, themes, languages, membership] = await Promise.all([
		listLibraryResources(ctx, library.slug, query),
		listThemes(ctx, locale),
		store.publishedLanguages(ctx.db.kysely, library.id),
		membershipOf(ctx.db.kysely, library.id, ctx.actor?.id ?? null)
	]);
	return {
		library,
		page,
		themes,
		languages,
		query: { theme: query.theme ?? null, language: query.language ?? null },
		member: !!membership?.role
	};
}

function parseList(raw: string): string[] {
	try {
		const v: unknown = JSON.parse(raw);
		return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
	} catch {
		return [];
	}
}

export interface ThemeResources {
	theme: ThemeView;
	themes: ThemeView[];
	page: Omit<ResourcePage, 'items'> & { items: (ResourceSummary & { library: LibraryRef })[] };
}

/** A theme's published resources across every library, most recently changed first. */
export async function themeResources(
	ctx: Ctx,
	key: string,
	query: ListResourcesQuery,
	locale: string
): Promise<ThemeResources> {
	const themes = await listThemes(ctx, locale);
	const theme = themes.find((t) => t.key === key);
	if (!theme) throw notFound('read_theme_not_found');
	const q = listResourcesQuery.parse({ ...query, theme: theme.key });
	const k = ctx.db.kysely;
	const { total, rows } = await store.listPublished(
		k,
		null,
		{ theme: theme.key, language: q.language },
		q.per_page,
		(q.page - 1) * q.per_page
	);
	const libraries = new Map<string, LibraryRef>();
	for (const libraryId of new Set(rows.map((r) => r.library_id))) {
		const m = await membershipOf(k, libraryId, null);
		if (m) libraries.set(libraryId, m.library);
	}
	return {
		theme,
		themes,
		page: {
			total,
			page: q.page,
			per_page: q.per_page,
			items: rows.flatMap((r) => {
				const library = libraries.get(r.library_id);
				if (!library) return [];
				return [
					{
						id: r.id,
						key: r.key,
						language: r.language,
						title: r.v.title,
						summary: r.v.summary,
						type: r.v.type as ResourceType,
						themes: parseList(r.v.themes),
						license: r.v.license as ResourceSummary['license'],
						version_number: r.v.number,
						updated_at: r.updated_at,
						library
					}
				];
			})
		}
	};
}

// --- Attachments -------------------------------------------------------------------------

/**
 * Who may download an attachment: anyone, when a published version of a published resource
 * carries it (cacheable: its bytes never change under its URL); members of the resource's
 * library, always (drafts' files too). Everyone else is told it does not exist.
 */
async function attachmentAccess(
	ctx: Ctx,
	attachmentId: string
): Promise<{ id: string; canRead: boolean; published: boolean }> {
	const id = uuid.safeParse(attachmentId);
	if (!id.success) return { id: '', canRead: false, published: false };
	const k = ctx.db.kysely;
	const a = await getAttachment(ctx, id.data, { canRead: true }).catch(() => null);
	const r = a ? await store.resourceById(k, a.resourceId) : undefined;
	if (!a || !r) return { id: id.data, canRead: false, published: false };
	const published = r.published_version_id !== null && (await store.attachmentInPublishedVersion(k, a.id));
	if (published) return { id: a.id, canRead: true, published };
	const m = await membershipOf(k, r.library_id, ctx.actor?.id ?? null);
	const member =
		!!m && decideResource(ctx.actor, 'read_drafts', m.role, { suspended: m.library.suspended }).ok;
	return { id: a.id, canRead: member, published: false };
}

export interface DownloadOptions {
	range?: string | null;
	ifRange?: string | null;
	/** Save as a file (`?download`) rather than show in the page. */
	download: boolean;
}

/** An attachment's bytes (or a range of them); not_found unless the viewer may see its resource. */
export async function downloadAttachment(
	ctx: Ctx,
	attachmentId: string,
	options: DownloadOptions,
	deps: Pick<AttachmentDeps, 'blobs'> = attachmentDeps()
): Promise<Download> {
	const access = await attachmentAccess(ctx, attachmentId);
	return openDownload(
		ctx,
		access.id,
		{
			canRead: access.canRead,
			published: access.published,
			range: options.range ?? null,
			ifRange: options.ifRange ?? null,
			disposition: options.download ? 'attachment' : 'inline'
		},
		deps
	);
}
