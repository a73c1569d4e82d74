/** POST adapts this version into a new resource, under the licence rules (idempotent). */
import { api } from '$lib/server/http/api';
import { resourceJson } from '$lib/server/resources/api-schemas';
import { adaptResourceBody } from '$lib/server/resources/schemas';
import { adaptResource } from '$lib/server/resources/service';

export const POST = api({
	auth: 'required',
	body: adaptResourceBody,
	status: 201,
	idempotent: true,
	run: async ({ ctx, body, params }) => resourceJson(await adaptResource(ctx, params.id ?? '', body))
});
