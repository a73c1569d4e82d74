/** GET /api/v1/libraries (paginated) and POST /api/v1/libraries (create, idempotent). */
import { createLibraryBody, listQuery } from '$lib/server/libraries/schemas';
import { createLibrary, listLibraries } from '$lib/server/libraries/service';
import { api } from '$lib/server/http/api';

export const GET = api({ query: listQuery, run: ({ ctx, query }) => listLibraries(ctx, query) });

export const POST = api({
	auth: 'required',
	body: createLibraryBody,
	status: 201,
	idempotent: true,
	run: ({ ctx, body }) => createLibrary(ctx, body)
});
