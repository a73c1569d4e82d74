/**
 * GET the versions, newest first. POST saves a whole content made on base_version_id: merged
 * with what was saved since, or 409 naming the conflicting sessions and items (idempotent).
 */
import { api } from '$lib/server/http/api';
import { saveProgramBody } from '$lib/server/programs/schemas';
import { listVersions, saveProgram } from '$lib/server/programs/service';

export const GET = api({ run: ({ ctx, params }) => listVersions(ctx, params.id ?? '') });

export const POST = api({
	auth: 'required',
	body: saveProgramBody,
	idempotent: true,
	run: ({ ctx, body, params }) => saveProgram(ctx, params.id ?? '', body)
});
