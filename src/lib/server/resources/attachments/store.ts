/**
 * The attachments feature's queries. Thin Kysely functions over an Executor so the
 * service can compose them inside one transaction; no rules here.
 */
import type { Selectable } from 'kysely';
import type { Executor } from '../../db';
import type { AttachmentsTable } from '../../db/schema';

export type AttachmentRow = Selectable<AttachmentsTable>;

/** PostgreSQL returns bigint sums as strings; SQLite as numbers. */
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

function normalise(row: AttachmentRow): AttachmentRow {
	return { ...row, size: num(row.size) };
}

export async function insertAttachment(k: Executor, row: AttachmentRow): Promise<void> {
	await k.insertInto('attachments').values(row).execute();
}

export async function attachmentById(k: Executor, id: string): Promise<AttachmentRow | undefined> {
	const row = await k.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
	return row && normalise(row);
}

export async function attachmentsOfResource(k: Executor, resourceId: string): Promise<AttachmentRow[]> {
	const rows = await k
		.selectFrom('attachments')
		.selectAll()
		.where('resource_id', '=', resourceId)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	return rows.map(normalise);
}

/**
 * Bytes a library holds: each distinct blob its attachments name counts once, so the
 * same file attached to ten resources costs its size once.
 */
export async function libraryUsageBytes(k: Executor, libraryId: string): Promise<number> {
	const row = await k
		.selectFrom((eb) =>
			eb
				.selectFrom('attachments')
				.select(['sha256', 'size'])
				.distinct()
				.where('library_id', '=', libraryId)
				.as('blobs')
		)
		.select((eb) => eb.fn.sum<number | string | null>('blobs.size').as('total'))
		.executeTakeFirst();
	return num(row?.total);
}

export async function libraryHasBlob(k: Executor, libraryId: string, sha256: string): Promise<boolean> {
	const row = await k
		.selectFrom('attachments')
		.select('id')
		.where('library_id', '=', libraryId)
		.where('sha256', '=', sha256)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/** Whether any attachment anywhere names the blob (a blob nobody names may be removed). */
export async function blobReferenced(k: Executor, sha256: string): Promise<boolean> {
	const row = await k
		.selectFrom('attachments')
		.select('id')
		.where('sha256', '=', sha256)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/** Replace the attachment list of a version (in order). */
export async function setVersionAttachments(
	k: Executor,
	versionId: string,
	attachmentIds: string[]
): Promise<void> {
	await k.deleteFrom('version_attachments').where('version_id', '=', versionId).execute();
	if (attachmentIds.length === 0) return;
	await k
		.insertInto('version_attachments')
		.values(
			attachmentIds.map((attachment_id, position) => ({ version_id: versionId, attachment_id, position }))
		)
		.execute();
}

export async function attachmentsOfVersion(k: Executor, versionId: string): Promise<AttachmentRow[]> {
	const rows = await k
		.selectFrom('version_attachments')
		.innerJoin('attachments', 'attachments.id', 'version_attachments.attachment_id')
		.selectAll('attachments')
		.where('version_attachments.version_id', '=', versionId)
		.orderBy('version_attachments.position')
		.execute();
	return rows.map(normalise);
}
