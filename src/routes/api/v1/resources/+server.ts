/** POST /api/v1/resources: create a resource in the library named by library_id (idempotent). */
import { api } from '$lib/server/http/api';
import { resourceJson } from '$lib/server/resources/api-schemas';
import { createResourceBody } from '$lib/server/resources/schemas';
import { createResource } from '$lib/server/resources/service';

export const POST = api({
	auth: 'required',
	body: createResourceBody,
	status: 201,
	idempotent: true,
	run: async ({ ctx, body }) => resourceJson(await createResource(ctx, body))
});
