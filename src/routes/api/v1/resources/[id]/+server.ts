/** GET /api/v1/resources/{id}: the published version for everyone, the newest for members (?as=reader). */
import { api } from '$lib/server/http/api';
import { resourceJson, resourceViewQuery } from '$lib/server/resources/api-schemas';
import { getResource } from '$lib/server/resources/service';

export const GET = api({
	query: resourceViewQuery,
	run: async ({ ctx, query, params }) => resourceJson(await getResource(ctx, params.id ?? '', query))
});
