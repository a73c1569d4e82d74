/**
 * From a published resource to its search document. The indexer reads the resources'
 * rows itself (one query, in batches for a rebuild) rather than through the resources
 * service, because it runs inside that service's transactions and must see their
 * uncommitted writes; it only reads, and only what is public.
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import { isLicenceId, facts } from '../../domain/licences';
import { durationBand, indexTokens } from '../../domain/search';
import type { Executor } from '../db';
import type { SearchDocumentsTable } from '../db/schema';
import { analyze, normalize } from './analysis';

/** A published resource as the indexer reads it: the resource's row and its published version's fields. */
export interface SourceRow {
	resource_id: string;
	library_id: string;
	language: string;
	translation_group: string;
	version_id: string;
	updated_at: string;
	published_at: string;
	title: string;
	summary: string;
	body: string;
	type: string;
	themes: string;
	tags: string;
	authors: string;
	audience: string | null;
	duration_minutes: number | null;
	region: string | null;
	accessibility: string;
	license: string;
}

export interface BuiltDocument {
	row: Omit<Insertable<SearchDocumentsTable>, 'doc_id'>;
	themes: string[];
	features: string[];
}

/** Published resources, by id order from `after`, or the one named. */
export function sourceQuery(k: Executor) {
	return k
		.selectFrom('resources as r')
		.innerJoin('resource_versions as v', 'v.id', 'r.published_version_id')
		.select([
			'r.id as resource_id',
			'r.library_id',
			'r.language',
			'r.translation_group',
			'v.id as version_id',
			'r.updated_at',
			'v.created_at as published_at',
			'v.title',
			'v.summary',
			'v.body',
			'v.type',
			'v.themes',
			'v.tags',
			'v.authors',
			'v.audience',
			'v.duration_minutes',
			'v.region',
			'v.accessibility',
			'v.license'
		]);
}

export async function sourceOf(k: Executor, resourceId: string): Promise<SourceRow | undefined> {
	return sourceQuery(k).where('r.id', '=', resourceId).executeTakeFirst();
}

export async function sourceBatch(k: Executor, after: string, limit: number): Promise<SourceRow[]> {
	return sourceQuery(k).where('r.id', '>', after).orderBy('r.id').limit(limit).execute();
}

function list(raw: string): string[] {
	try {
		const v: unknown = JSON.parse(raw);
		return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
	} catch {
		return [];
	}
}

/** Markdown to words: link targets, URLs and HTML tags carry no words a reader searches for. */
function plainText(markdown: string): string {
	return markdown
		.replace(/<[^>]*>/g, ' ')
		.replace(/\]\([^)]*\)/g, ']')
		.replace(/\bhttps?:\/\/\S+/g, ' ')
		.replace(/[#*_`>~|[\]!]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

const EXCERPT_CHARS = 600;

function licenceFlags(license: string): { may_adapt: number; may_commercial: number } {
	// "All rights reserved" (links only) permits neither.
	if (!isLicenceId(license)) return { may_adapt: 0, may_commercial: 0 };
	const f = facts(license);
	return { may_adapt: f.mayAdapt ? 1 : 0, may_commercial: f.mayUseCommercially ? 1 : 0 };
}

/** The columns a document's content is in (all but its key, hash and timestamps). */
export const CONTENT_COLUMNS = [
	'resource_id',
	'version_id',
	'library_id',
	'translation_group',
	'language',
	'type',
	'license',
	'may_adapt',
	'may_commercial',
	'duration_band',
	'region',
	'title',
	'summary',
	'excerpt',
	'title_key',
	'title_terms',
	'terms'
] as const;
export type DocumentContent = Record<(typeof CONTENT_COLUMNS)[number], string | number | null>;

/**
 * A hash of a document's content, computed the same way from a built document and from a
 * stored row, so `circles check` notices any difference, even one made behind the indexer's back.
 */
export function fingerprint(content: DocumentContent, themes: string[], features: string[]): string {
	const values = CONTENT_COLUMNS.map((c) => content[c] ?? null);
	return createHash('sha256')
		.update(JSON.stringify([values, [...themes].sort(), [...features].sort()]))
		.digest('hex');
}

export function buildDocument(s: SourceRow): BuiltDocument {
	const lang = s.language;
	const body = plainText(s.body);
	const tags = list(s.tags);
	const authors = list(s.authors);
	const themes = [...new Set(list(s.themes))].sort();
	const features = [...new Set(list(s.accessibility))].sort();
	// Each term once: both engines match and rank by which documents hold a term, never by how
	// often (FTS5 detail=none, the service's levels), so repeats only cost index time and space.
	const unique = (terms: string[]) => [...new Set(terms)].join(' ');
	const titleTerms = unique(indexTokens(analyze(s.title, lang)));
	const terms = unique(
		indexTokens(
			analyze(
				[s.summary, body, tags.join(' '), authors.join(' '), s.audience ?? '', s.region ?? ''].join('\n'),
				lang
			)
		)
	);
	const region = s.region?.trim() || null;
	const content = {
		resource_id: s.resource_id,
		version_id: s.version_id,
		library_id: s.library_id,
		translation_group: s.translation_group,
		language: lang,
		type: s.type,
		license: s.license,
		...licenceFlags(s.license),
		duration_band: durationBand(s.duration_minutes),
		region,
		title: s.title,
		summary: s.summary,
		excerpt: body.slice(0, EXCERPT_CHARS),
		title_key: normalize(s.title, lang).replace(/\s+/g, ' ').trim(),
		title_terms: titleTerms,
		terms
	};
	return {
		row: {
			...content,
			fingerprint: fingerprint(content, themes, features),
			published_at: s.published_at,
			updated_at: s.updated_at
		},
		themes,
		features
	};
}
