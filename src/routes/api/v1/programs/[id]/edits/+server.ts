/** POST one edit (add, change, remove, move, duplicate, layout…) as a new version; co-authors only (idempotent by version_id and Idempotency-Key). */
import { api } from '$lib/server/http/api';
import { editProgramBody } from '$lib/server/programs/schemas';
import { editProgram } from '$lib/server/programs/service';

export const POST = api({
	auth: 'required',
	body: editProgramBody,
	idempotent: true,
	run: ({ ctx, body, params }) => editProgram(ctx, params.id ?? '', body)
});
