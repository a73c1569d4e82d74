/** GET /api/v1/attachments/{id}: an attachment's metadata; its bytes are at download_url. */
import { api } from '$lib/server/http/api';
import { attachmentJson } from '$lib/server/resources/api-schemas';
import { readableAttachment } from '$lib/server/resources/resource-attachments';

export const GET = api({
	run: async ({ ctx, params }) => attachmentJson((await readableAttachment(ctx, params.id ?? '')).attachment)
});
