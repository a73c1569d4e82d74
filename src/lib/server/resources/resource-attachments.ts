/**
 * Attachments as the resources feature exposes them one at a time (the API): who may
 * add a file to a resource and who may see one. The attachments service leaves both
 * decisions to its caller; they are made here from the resource as its viewer sees it
 * (getResource), so the rules are the resource page's: anyone may read what a
 * published version carries, members read everything, those who may propose a version
 * may upload. An uploaded file belongs to the resource; a version carries it once a
 * save names it in `attachment_ids`.
 */
import { DomainError, notFound, unauthenticated } from '../../domain/errors';
import { isUuidV7 } from '../../domain/ids';
import { decideResource } from '../../domain/resources';
import type { Ctx } from '../context';
import { BlobTooLargeError } from './attachments/blob-store';
import {
	addAttachment,
	attachmentDeps,
	getAttachment,
	listAttachments,
	type AddAttachmentInput,
	type AttachmentDeps,
	type AttachmentView
} from './attachments/service';
import { attachmentById } from './attachments/store';
import { getResource, type ResourceView } from './service';

export type ResourceUpload = Omit<AddAttachmentInput, 'resourceId' | 'libraryId'> & {
	/** The length the client announced, when it did. */
	declaredBytes?: number | null;
};

const attachmentNotFound = () => notFound('attach_not_found');
const lookupId = (id: string) => (isUuidV7(id.trim().toLowerCase()) ? id.trim().toLowerCase() : null);

/** Bytes that are refused before one is read, with the store's own "too large" answer. */
// eslint-disable-next-line require-yield -- it refuses at once, which is the point
async function* refusedAtOnce(maxBytes: number): AsyncIterable<Uint8Array> {
	throw new BlobTooLargeError(maxBytes);
}

/**
 * Adds a file to a resource. Replaying the same client id (same person, same resource)
 * returns the first answer without reading the bytes again.
 */
export async function attachToResource(
	ctx: Ctx,
	resourceId: string,
	upload: ResourceUpload,
	deps: AttachmentDeps = attachmentDeps()
): Promise<AttachmentView> {
	if (!ctx.actor) throw unauthenticated();
	const r = await getResource(ctx, resourceId);
	const d = decideResource(ctx.actor, 'propose', r.viewer.role, { suspended: r.library.suspended });
	if (!d.ok) throw new DomainError(d.kind, d.reason);
	const { declaredBytes, ...input } = upload;
	if (input.id !== undefined) {
		const replay = await replayOf(ctx, r, input.id);
		if (replay) return replay;
	}
	const tooLarge = declaredBytes != null && declaredBytes > deps.limits.maxBytes;
	try {
		return await addAttachment(
			ctx,
			{
				...input,
				bytes: tooLarge ? refusedAtOnce(deps.limits.maxBytes) : input.bytes,
				resourceId: r.id,
				libraryId: r.library.id
			},
			deps
		);
	} catch (e) {
		// The same client id sent twice at once: the loser answers like a replay.
		const raced =
			input.id !== undefined && !(e instanceof DomainError) ? await replayOf(ctx, r, input.id) : null;
		if (raced) return raced;
		throw e;
	}
}

async function replayOf(ctx: Ctx, r: ResourceView, id: string): Promise<AttachmentView | null> {
	const existing = await attachmentById(ctx.db.kysely, id);
	if (!existing) return null;
	if (existing.resource_id !== r.id || existing.created_by !== ctx.actor?.id) {
		throw new DomainError('conflict', 'resource_id_taken', {
			fields: [{ field: 'id', message: 'resource_id_taken' }]
		});
	}
	return getAttachment(ctx, existing.id, { canRead: true });
}

/**
 * A resource's files for its viewer: members see every file of the resource (to choose
 * what a version carries), readers the files of the published version.
 */
export async function resourceAttachments(ctx: Ctx, resourceId: string): Promise<AttachmentView[]> {
	const r = await getResource(ctx, resourceId);
	return r.viewer.role ? listAttachments(ctx, r.id) : r.attachments;
}

/**
 * One attachment, when its viewer may see it, and whether the published version
 * carries it (public bytes that never change under their URL may be cached).
 */
export async function readableAttachment(
	ctx: Ctx,
	attachmentId: string
): Promise<{ attachment: AttachmentView; published: boolean }> {
	const id = lookupId(attachmentId);
	const row = id ? await attachmentById(ctx.db.kysely, id) : undefined;
	if (!row) throw attachmentNotFound();
	// As a reader sees it: the published version when there is one (members still have their role).
	const r = await getResource(ctx, row.resource_id, { as: 'reader' }).catch((e: unknown) => {
		if (e instanceof DomainError && e.kind === 'not_found') throw attachmentNotFound();
		throw e;
	});
	const published =
		r.published_version_id !== null &&
		r.version.id === r.published_version_id &&
		r.attachments.some((a) => a.id === row.id);
	const attachment = await getAttachment(ctx, row.id, { canRead: published || r.viewer.role !== null });
	return { attachment, published };
}
