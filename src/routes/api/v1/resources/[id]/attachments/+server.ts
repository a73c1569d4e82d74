/**
 * GET a resource's files. POST uploads one as the raw request body, streamed to the
 * blob store (never whole in memory): its Content-Type is ignored, the type is read
 * from the bytes; the name, alternative text and title come in the query string.
 */
import { api } from '$lib/server/http/api';
import { declaredLength, uploadIdentity, uploadedBytes } from '$lib/server/http/upload';
import { attachmentJson, uploadQuery, withUploadFieldNames } from '$lib/server/resources/api-schemas';
import { attachToResource, resourceAttachments } from '$lib/server/resources/resource-attachments';

export const GET = api({
	run: async ({ ctx, params }) => (await resourceAttachments(ctx, params.id ?? '')).map(attachmentJson)
});

export const POST = api({
	auth: 'required',
	query: uploadQuery,
	status: 201,
	idempotent: true,
	requestIdentity: uploadIdentity,
	run: ({ ctx, query, params, event }) =>
		attachToResource(ctx, params.id ?? '', {
			id: query.attachment_id,
			fileName: query.filename,
			altText: query.alt_text,
			title: query.title,
			transcript: query.transcript,
			captionsAttachmentId: query.captions_id,
			bytes: uploadedBytes(event.request),
			declaredBytes: declaredLength(event.request)
		}).then(attachmentJson, withUploadFieldNames)
});
