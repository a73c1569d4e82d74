/** GET the public programs (private and unlisted ones are never listed); POST creates one, from its format's template if asked (idempotent). */
import { api } from '$lib/server/http/api';
import { programListQuery } from '$lib/server/programs/api-schemas';
import { createProgramBody } from '$lib/server/programs/schemas';
import { createProgram, listPublicPrograms } from '$lib/server/programs/service';

export const GET = api({
	query: programListQuery,
	run: ({ ctx, query }) => listPublicPrograms(ctx, query)
});

export const POST = api({
	auth: 'required',
	body: createProgramBody,
	status: 201,
	idempotent: true,
	run: ({ ctx, body }) => createProgram(ctx, body)
});
