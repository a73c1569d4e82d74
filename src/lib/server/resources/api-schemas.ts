/**
 * The resources API's own shapes: query strings (which arrive as text and are turned
 * into the service's input by the very field schemas of schemas.ts), the upload's
 * parameters, and what the API answers (for the OpenAPI document). The API speaks
 * snake_case throughout, so the attachment and attribution views are presented here.
 */
import { z } from 'zod';
import { DomainError, isDomainError } from '../../domain/errors';
import { LIBRARY_ROLES } from '../../domain/libraries';
import { RESOURCE_TYPES } from '../../domain/resources';
import { ALT_TEXT_MAX, TITLE_MAX, TRANSCRIPT_MAX, type AttachmentView } from './attachments/service';
import { FILE_NAME_MAX } from './attachments/names';
import type { Attribution, ResourceView } from './service';
import { clientId, languageTag, listResourcesQuery, uuid } from './schemas';

// --- Queries and bodies --------------------------------------------------------------

/** A whole number sent as text (?page=2), checked by the service's own field schema. */
const numberParam = <S extends z.ZodType<unknown, number | undefined>>(field: S) =>
	z
		.string()
		.max(20)
		.optional()
		.transform((s) => (s === undefined || s.trim() === '' ? undefined : Number(s)))
		.pipe(field)
		.describe('A whole number');

/** ?page=&per_page=&theme=&language= on a library's resource list. */
export const resourceListQuery = z.object({
	page: numberParam(listResourcesQuery.shape.page),
	per_page: numberParam(listResourcesQuery.shape.per_page),
	theme: listResourcesQuery.shape.theme,
	language: listResourcesQuery.shape.language
});

/** ?as=reader lets a member see what the public sees. */
export const resourceViewQuery = z.object({
	as: z.enum(['reader', 'member']).optional()
});

export const diffQuery = z.object({ from: uuid, to: uuid });

export const openRequestsQuery = z.object({ language: languageTag.optional() });

/** The version to publish; the newest when none is named. */
export const publishBody = z.strictObject({ version_id: uuid.optional() });

/** An upload's parameters travel in the query string, since the body is the file itself. */
export const uploadQuery = z.object({
	attachment_id: clientId.describe(
		'A client-made UUIDv7 for the attachment: a replay returns the first answer without reading the bytes again.'
	),
	filename: z
		.string()
		.max(FILE_NAME_MAX * 4)
		.describe('The file name; its extension is corrected to match the type found in the bytes.'),
	alt_text: z.string().max(ALT_TEXT_MAX).optional().describe('Required for images.'),
	title: z.string().max(TITLE_MAX).optional(),
	transcript: z
		.string()
		.max(TRANSCRIPT_MAX)
		.optional()
		.describe('Audio and video only; a URL carries a few kilobytes at most.'),
	captions_id: uuid.optional().describe('A WebVTT attachment of the same resource (audio and video only).')
});
export type UploadQuery = z.output<typeof uploadQuery>;

const UPLOAD_FIELDS: Record<string, string> = {
	id: 'attachment_id',
	fileName: 'filename',
	altText: 'alt_text',
	captionsAttachmentId: 'captions_id',
	file: 'body'
};

/** The attachments service names fields as its input does; the API names them as its query does. */
export function withUploadFieldNames(e: unknown): never {
	if (!isDomainError(e) || e.fields.length === 0) throw e;
	throw new DomainError(e.kind, e.messageKey, {
		params: e.params,
		retryAfter: e.retryAfter,
		fields: e.fields.map((f) => ({ ...f, field: UPLOAD_FIELDS[f.field] ?? f.field }))
	});
}

// --- Presenters ------------------------------------------------------------------------

/** Where an attachment's bytes are served (ranges, inline display with ?download for saving). */
export const downloadUrl = (id: string) => `/attachments/${encodeURIComponent(id)}`;

export function attachmentJson(a: AttachmentView) {
	return {
		id: a.id,
		resource_id: a.resourceId,
		library_id: a.libraryId,
		file_name: a.fileName,
		size: a.size,
		media_type: a.mediaType,
		kind: a.kind,
		sha256: a.sha256,
		alt_text: a.altText,
		title: a.title,
		transcript: a.transcript,
		captions_attachment_id: a.captionsAttachmentId,
		created_at: a.createdAt,
		download_url: downloadUrl(a.id)
	};
}

export function resourceJson(r: ResourceView) {
	return { ...r, attachments: r.attachments.map(attachmentJson) };
}

export function attributionJson(a: Attribution) {
	return {
		title: a.title,
		authors: a.authors,
		source_url: a.sourceUrl,
		license: a.licenceId,
		license_url: a.licenceUrl,
		changes: a.changes ?? null,
		based_on: a.basedOn
			? {
					resource_id: a.basedOn.resourceId,
					version_number: a.basedOn.versionNumber,
					title: a.basedOn.title,
					authors: a.basedOn.authors,
					source_url: a.basedOn.sourceUrl,
					license: a.basedOn.licenceId,
					license_url: a.basedOn.licenceUrl
				}
			: null
	};
}

// --- What the API answers (for the OpenAPI document) -----------------------------------

const person = z
	.object({ handle: z.string().nullable().describe('null for an account since deleted') })
	.nullable()
	.describe('null when the instance itself made it (an import)');
const strings = z.array(z.string());
const resourceType = z.enum(RESOURCE_TYPES);
const versionState = z.enum(['draft', 'published']);

export const attachmentOut = z.object({
	id: z.string(),
	resource_id: z.string(),
	library_id: z.string(),
	file_name: z.string(),
	size: z.number().int().describe('Bytes, to show before downloading'),
	media_type: z.string().describe('Decided from the bytes, never from the name or the upload’s Content-Type'),
	kind: z.enum(['image', 'audio', 'video', 'document', 'text', 'captions']),
	sha256: z.string(),
	alt_text: z.string().nullable(),
	title: z.string().nullable(),
	transcript: z.string().nullable(),
	captions_attachment_id: z.string().nullable(),
	created_at: z.string(),
	download_url: z
		.string()
		.describe('The bytes, relative to this server; supports Range requests; add ?download to save')
});

const sourceOut = z.object({
	resource_id: z.string(),
	version_id: z.string(),
	version_number: z.number().int(),
	title: z.string(),
	authors: strings,
	source_url: z.string().nullable(),
	license: z.string()
});

export const versionOut = z.object({
	id: z.string(),
	resource_id: z.string(),
	number: z.number().int(),
	state: versionState,
	title: z.string(),
	summary: z.string(),
	body: z.string().describe('Markdown'),
	type: resourceType,
	themes: strings,
	tags: strings,
	audience: z.string().nullable(),
	duration_minutes: z.number().int().nullable(),
	region: z.string().nullable(),
	sdg: strings,
	accessibility: strings,
	license: z.string(),
	authors: strings,
	source_url: z.string().nullable(),
	change_note: z.string().nullable(),
	change_log: z.string().nullable(),
	adapted_from: sourceOut.nullable(),
	author: person,
	created_at: z.string()
});

export const versionSummaryOut = z.object({
	id: z.string(),
	number: z.number().int(),
	state: versionState,
	title: z.string(),
	change_note: z.string().nullable(),
	author: person,
	created_at: z.string(),
	is_current: z.boolean(),
	is_published: z.boolean()
});

export const resourceOut = z.object({
	id: z.string(),
	library: z.object({ id: z.string(), slug: z.string(), name: z.string(), suspended: z.boolean() }),
	key: z.string().nullable(),
	language: z.string(),
	translation_group: z.string(),
	translation_of: z.string().nullable(),
	translated_from_version: z.string().nullable(),
	derived_from_version: z.string().nullable(),
	current_version_id: z.string(),
	published_version_id: z.string().nullable(),
	created_at: z.string(),
	updated_at: z.string(),
	version: versionOut.describe('The published version for readers, the newest for members'),
	attachments: z.array(attachmentOut).describe('The files the shown version carries, in order'),
	viewer: z.object({
		role: z.enum(LIBRARY_ROLES).nullable(),
		propose: z.boolean(),
		publish: z.boolean(),
		restore: z.boolean()
	})
});

export const resourcePageOut = z.object({
	total: z.number().int(),
	page: z.number().int(),
	per_page: z.number().int(),
	items: z.array(
		z.object({
			id: z.string(),
			key: z.string().nullable(),
			language: z.string(),
			title: z.string(),
			summary: z.string(),
			type: resourceType,
			themes: strings,
			license: z.string(),
			version_number: z.number().int(),
			updated_at: z.string()
		})
	)
});

const chunk = z.object({
	added: z.literal(true).optional(),
	removed: z.literal(true).optional(),
	value: z.string()
});
const versionRef = z.object({ id: z.string(), number: z.number().int() });
export const diffOut = z.object({
	from: versionRef,
	to: versionRef,
	title: z.array(chunk).describe('Word by word'),
	summary: z.array(chunk).describe('Word by word'),
	body: z.array(chunk).describe('Line by line')
});

const translationState = z.object({
	resource_id: z.string(),
	language: z.string(),
	published: z.boolean(),
	made_from_number: z.number().int().nullable(),
	original_number: z.number().int().nullable(),
	original_changed: z.boolean()
});
export const translationsOut = z.object({
	self: translationState
		.extend({ original_id: z.string() })
		.nullable()
		.describe('When this resource is a translation: its original, and whether that changed since'),
	translations: z.array(translationState),
	languages: z
		.array(z.object({ resource_id: z.string(), language: z.string(), is_self: z.boolean() }))
		.describe('The languages the work exists in')
});

export const requestOut = z.object({
	id: z.string(),
	resource_id: z.string(),
	resource_title: z.string().nullable(),
	resource_language: z.string(),
	language: z.string(),
	status: z.enum(['open', 'claimed', 'done']),
	requested_by: person,
	claimed_by: person,
	translation_id: z.string().nullable(),
	created_at: z.string(),
	claimed_at: z.string().nullable(),
	closed_at: z.string().nullable()
});

const credited = z.object({
	title: z.string(),
	authors: strings,
	source_url: z.string().nullable(),
	license: z.string(),
	license_url: z.string().nullable().describe('null for “all rights reserved”')
});
export const attributionOut = credited.extend({
	changes: z.string().nullable().describe('An adaptation’s change log'),
	based_on: credited
		.extend({ resource_id: z.string(), version_number: z.number().int() })
		.nullable()
		.describe('The work an adaptation is based on, credited in turn')
});

export const themeOut = z.object({
	id: z.string(),
	key: z.string(),
	label: z.string().describe('In the language of the request'),
	labels: z.record(z.string(), z.string())
});
