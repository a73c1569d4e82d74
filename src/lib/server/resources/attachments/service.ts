/**
 * Attachments: adding a file to a resource, listing them, and serving downloads
 * with HTTP range support.
 *
 * Every check that depends on the bytes (type, emptiness, size, alternative text for
 * images, captions only for audio/video, the library's quota) runs while the bytes
 * stream into the blob store, before the blob is renamed into place: a refused file
 * never leaves bytes behind, and refusing one upload can never delete the bytes of an
 * identical upload accepted at the same moment.
 *
 * Authorization is the caller's: the resources service decides who may attach to a
 * resource (addAttachment only requires a signed-in actor) and who may read it
 * (openDownload/getAttachment take `canRead` and answer not_found when it is false,
 * so a hidden attachment's existence is not revealed). The caller also passes the
 * resource's own library id, which is what the quota is counted against.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DomainError, invalid, notFound, unauthenticated, type FieldIssue } from '../../../domain/errors';
import { newId } from '../../../domain/ids';
import type { MessageKey } from '../../../i18n/keys';
import { config } from '../../config';
import { nowIso, type Ctx } from '../../context';
import type { Executor } from '../../db';
import { BlobTooLargeError, FolderBlobStore, type BlobInput, type BlobStore } from './blob-store';
import { contentDisposition, sanitizeFileName, withExtension } from './names';
import { contentRange, ifRangeMatches, parseRange, unsatisfiedRange } from './ranges';
import { extensionsFor, sniff, SNIFF_BYTES, TextChecker, type AttachmentKind } from './sniff';
import * as store from './store';

export type { AttachmentKind } from './sniff';

export const ALT_TEXT_MAX = 1000;
export const TITLE_MAX = 300;
export const TRANSCRIPT_MAX = 200_000;

export interface AttachmentLimits {
	/** Largest single file in bytes. */
	maxBytes: number;
	/** Bytes of distinct content one library may hold. */
	quotaBytes: number;
}

export interface AttachmentDeps {
	blobs: BlobStore;
	limits: AttachmentLimits;
}

let defaults: AttachmentDeps | undefined;
/** The instance's blob store (`${DATA_DIR}/blobs`) and limits from config. */
export function attachmentDeps(): AttachmentDeps {
	if (!defaults) {
		const c = config();
		defaults = {
			blobs: new FolderBlobStore(path.join(c.dataDir, 'blobs')),
			limits: { maxBytes: c.attachmentMaxBytes, quotaBytes: c.libraryQuotaBytes }
		};
	}
	return defaults;
}

export interface AttachmentView {
	id: string;
	resourceId: string;
	libraryId: string;
	fileName: string;
	/** Size in bytes, to show before download. */
	size: number;
	mediaType: string;
	kind: AttachmentKind;
	sha256: string;
	altText: string | null;
	title: string | null;
	transcript: string | null;
	captionsAttachmentId: string | null;
	createdAt: string;
}

function toView(row: store.AttachmentRow): AttachmentView {
	return {
		id: row.id,
		resourceId: row.resource_id,
		libraryId: row.library_id,
		fileName: row.file_name,
		size: row.size,
		mediaType: row.media_type,
		kind: row.kind,
		sha256: row.sha256,
		altText: row.alt_text,
		title: row.title,
		transcript: row.transcript,
		captionsAttachmentId: row.captions_attachment_id,
		createdAt: row.created_at
	};
}

export interface AddAttachmentInput {
	/** A client-made id (UUIDv7) for idempotent creates; one is made when absent. */
	id?: string;
	resourceId: string;
	libraryId: string;
	fileName: string;
	bytes: BlobInput;
	altText?: string | null;
	title?: string | null;
	transcript?: string | null;
	/** A WebVTT attachment of the same resource, for audio or video. */
	captionsAttachmentId?: string | null;
}

const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

function fieldError(field: string, message: MessageKey, params?: FieldIssue['params']): DomainError {
	return invalid([{ field, message, ...(params ? { params } : {}) }], message);
}

function tooLarge(key: 'attach_too_large' | 'attach_quota_exceeded', bytes: number): DomainError {
	const params = { megabytes: megabytes(bytes) };
	return new DomainError('too_large', key, { params, fields: [{ field: 'file', message: key, params }] });
}

function optionalText(value: string | null | undefined, field: string, max: number): string | null {
	const v = value?.trim() ?? '';
	if (v === '') return null;
	if ([...v].length > max) throw fieldError(field, 'attach_text_too_long', { count: max });
	return v;
}

/** A file sent with a saved version (a form upload): stored with that version, all-or-nothing. */
export type Upload = Pick<AddAttachmentInput, 'fileName' | 'bytes' | 'altText' | 'title' | 'transcript'>;

export async function addAttachment(
	ctx: Ctx,
	input: AddAttachmentInput,
	deps: AttachmentDeps = attachmentDeps()
): Promise<AttachmentView> {
	if (!ctx.actor) throw unauthenticated();
	const row = await prepareAttachment(
		ctx.db.kysely,
		{ ...input, createdBy: ctx.actor.id, createdAt: nowIso(ctx) },
		deps
	);
	// Checked again inside the transaction: another upload may have used the room
	// since. If this one then fails, its blob stays (a concurrent identical upload may
	// name it); such rare orphans cost disk space only.
	await ctx.db.kysely.transaction().execute((trx) => insertPreparedAttachment(trx, row, deps));
	return toView(row);
}

/**
 * Checks and stores the bytes (content-addressed, so writing them early is harmless) and
 * returns the row to insert with insertPreparedAttachment inside the caller's transaction.
 * The importer uses the pair to write a resource and its attachments all-or-nothing;
 * authorization is the caller's (createdBy null: the instance itself).
 */
export async function prepareAttachment(
	k: Executor,
	input: AddAttachmentInput & { createdBy: string | null; createdAt: string },
	deps: AttachmentDeps = attachmentDeps()
): Promise<store.AttachmentRow> {
	const cleanName = sanitizeFileName(input.fileName);
	if (cleanName === null) throw fieldError('fileName', 'attach_name_invalid');
	const altText = optionalText(input.altText, 'altText', ALT_TEXT_MAX);
	const title = optionalText(input.title, 'title', TITLE_MAX);
	const transcript = optionalText(input.transcript, 'transcript', TRANSCRIPT_MAX);
	const captionsId = input.captionsAttachmentId?.trim() || null;
	if (captionsId) {
		const captions = await store.attachmentById(k, captionsId);
		if (!captions || captions.resource_id !== input.resourceId || captions.kind !== 'captions') {
			throw fieldError('captionsAttachmentId', 'attach_captions_invalid');
		}
	}

	const { blobs, limits } = deps;
	const hash = createHash('sha256');
	const text = new TextChecker();
	const headParts: Buffer[] = [];
	let headLength = 0;
	let size = 0;
	let decided: { mediaType: string; kind: AttachmentKind; ext: string; sha256: string } | undefined;

	// Runs once every byte has passed and before the blob is renamed into place:
	// throwing here makes put() discard its temp file.
	const decide = async () => {
		if (size === 0) throw fieldError('file', 'attach_empty');
		const head = Buffer.concat(headParts).subarray(0, SNIFF_BYTES);
		const sniffed = await sniff(head, cleanName, text.done());
		if (!sniffed.ok) {
			const key =
				sniffed.reason === 'svg' || sniffed.reason === 'html' ? 'attach_svg_refused' : 'attach_type_refused';
			throw fieldError('file', key, { reason: sniffed.reason });
		}
		if (sniffed.kind === 'image' && !altText) throw fieldError('altText', 'attach_alt_required');
		const media = sniffed.kind === 'audio' || sniffed.kind === 'video';
		if (captionsId && !media) throw fieldError('captionsAttachmentId', 'attach_captions_invalid');
		if (transcript && !media) throw fieldError('transcript', 'field_invalid');
		const sha256 = hash.digest('hex');
		await checkQuota(k, input.libraryId, sha256, size, limits.quotaBytes);
		decided = { ...sniffed, sha256 };
	};

	async function* inspected(): AsyncIterable<Uint8Array> {
		const source = input.bytes instanceof Uint8Array ? [input.bytes] : input.bytes;
		for await (const chunk of source) {
			size += chunk.byteLength;
			// Stop reading at the limit rather than hashing what will be refused anyway.
			if (size > limits.maxBytes) throw new BlobTooLargeError(limits.maxBytes);
			hash.update(chunk);
			text.feed(chunk);
			if (headLength < SNIFF_BYTES) {
				headParts.push(Buffer.from(chunk.subarray(0, SNIFF_BYTES - headLength)));
				headLength += Math.min(chunk.byteLength, SNIFF_BYTES - headLength);
			}
			yield chunk;
		}
		await decide();
	}

	let put;
	try {
		put = await blobs.put(inspected(), { maxBytes: limits.maxBytes });
	} catch (e) {
		if (e instanceof BlobTooLargeError) throw tooLarge('attach_too_large', limits.maxBytes);
		throw e;
	}
	if (!decided || decided.sha256 !== put.sha256) throw new Error('blob store and inspection disagree');
	const kind = decided.kind;
	const row: store.AttachmentRow = {
		id: input.id ?? newId(),
		library_id: input.libraryId,
		resource_id: input.resourceId,
		file_name: withExtension(cleanName, extensionsFor(decided.mediaType), decided.ext),
		sha256: put.sha256,
		size: put.size,
		media_type: decided.mediaType,
		kind,
		alt_text: kind === 'image' ? altText : null,
		title,
		transcript,
		captions_attachment_id: captionsId,
		created_by: input.createdBy,
		created_at: input.createdAt
	};
	return row;
}

/** Inserts a prepared attachment (quota checked again) inside the caller's transaction. */
export async function insertPreparedAttachment(
	trx: Executor,
	row: store.AttachmentRow,
	deps: Pick<AttachmentDeps, 'limits'> = attachmentDeps()
): Promise<AttachmentView> {
	await checkQuota(trx, row.library_id, row.sha256, row.size, deps.limits.quotaBytes);
	await store.insertAttachment(trx, row);
	return toView(row);
}

async function checkQuota(k: Executor, libraryId: string, sha256: string, size: number, quota: number) {
	// Bytes the library already holds cost nothing more.
	if (await store.libraryHasBlob(k, libraryId, sha256)) return;
	const used = await store.libraryUsageBytes(k, libraryId);
	if (used + size > quota) throw tooLarge('attach_quota_exceeded', quota);
}

/** One attachment's metadata; not_found unless the caller says the reader may see its resource. */
export async function getAttachment(
	ctx: Ctx,
	attachmentId: string,
	access: { canRead: boolean }
): Promise<AttachmentView> {
	if (!access.canRead) throw notFound('attach_not_found');
	const row = await store.attachmentById(ctx.db.kysely, attachmentId);
	if (!row) throw notFound('attach_not_found');
	return toView(row);
}

/** A resource's attachments, oldest first. The caller has already decided the resource is readable. */
export async function listAttachments(ctx: Ctx, resourceId: string): Promise<AttachmentView[]> {
	return (await store.attachmentsOfResource(ctx.db.kysely, resourceId)).map(toView);
}

/** Bytes of distinct content the library's attachments hold (what the quota counts). */
export async function libraryUsage(ctx: Ctx, libraryId: string): Promise<number> {
	return store.libraryUsageBytes(ctx.db.kysely, libraryId);
}

/** Record which attachments a resource version carries (inside the caller's transaction). */
export async function setVersionAttachments(
	k: Executor,
	versionId: string,
	attachmentIds: string[]
): Promise<void> {
	await store.setVersionAttachments(k, versionId, attachmentIds);
}

export async function listVersionAttachments(k: Executor, versionId: string): Promise<AttachmentView[]> {
	return (await store.attachmentsOfVersion(k, versionId)).map(toView);
}

export interface DownloadRequest {
	/** Whether the reader may see the attachment's resource (decided by the resources service). */
	canRead: boolean;
	/** Published content is public and never changes under its URL, so caches may keep it. */
	published: boolean;
	range?: string | null;
	ifRange?: string | null;
	/** inline to show in the page (img, audio, video), attachment to save. Default attachment. */
	disposition?: 'inline' | 'attachment';
}

export interface Download {
	status: 200 | 206 | 416;
	headers: Record<string, string>;
	/** Null for 416. */
	body: Readable | null;
}

export async function openDownload(
	ctx: Ctx,
	attachmentId: string,
	request: DownloadRequest,
	deps: Pick<AttachmentDeps, 'blobs'> = attachmentDeps()
): Promise<Download> {
	const a = await getAttachment(ctx, attachmentId, request);
	const etag = `"${a.sha256}"`;
	const headers: Record<string, string> = {
		'Content-Type': a.mediaType.startsWith('text/') ? `${a.mediaType}; charset=utf-8` : a.mediaType,
		'Accept-Ranges': 'bytes',
		ETag: etag,
		'Cache-Control': request.published ? 'public, max-age=31536000, immutable' : 'private, no-cache',
		'Content-Disposition': contentDisposition(request.disposition ?? 'attachment', a.fileName),
		'X-Content-Type-Options': 'nosniff'
	};
	const decision = ifRangeMatches(request.ifRange, etag)
		? parseRange(request.range, a.size)
		: { kind: 'full' as const };
	if (decision.kind === 'unsatisfiable') {
		return { status: 416, headers: { ...headers, 'Content-Range': unsatisfiedRange(a.size) }, body: null };
	}
	if (decision.kind === 'partial') {
		const { range } = decision;
		return {
			status: 206,
			headers: {
				...headers,
				'Content-Range': contentRange(range, a.size),
				'Content-Length': String(range.end - range.start + 1)
			},
			body: await deps.blobs.get(a.sha256, range)
		};
	}
	return {
		status: 200,
		headers: { ...headers, 'Content-Length': String(a.size) },
		body: await deps.blobs.get(a.sha256)
	};
}
