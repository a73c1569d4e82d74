/** GET /api/v1/libraries/{slug}/resources: the library's published resources (paged; theme and language filters). */
import { api } from '$lib/server/http/api';
import { resourceListQuery } from '$lib/server/resources/api-schemas';
import { listLibraryResources } from '$lib/server/resources/service';

export const GET = api({
	query: resourceListQuery,
	run: ({ ctx, query, params }) => listLibraryResources(ctx, params.slug ?? '', query)
});
