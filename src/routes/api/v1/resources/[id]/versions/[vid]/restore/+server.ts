/** POST restores an old version as a new one (curators; idempotent by version_id and Idempotency-Key). */
import { api } from '$lib/server/http/api';
import { restoreVersionBody } from '$lib/server/resources/schemas';
import { restoreVersion } from '$lib/server/resources/service';

export const POST = api({
	auth: 'required',
	body: restoreVersionBody,
	status: 201,
	idempotent: true,
	run: ({ ctx, body, params }) => restoreVersion(ctx, params.id ?? '', params.vid ?? '', body)
});
