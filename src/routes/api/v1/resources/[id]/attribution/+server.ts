/** GET the data of the attribution (title, authors, source, licence, changes) of the version shown. */
import { api } from '$lib/server/http/api';
import { attributionJson, resourceViewQuery } from '$lib/server/resources/api-schemas';
import { attributionFor, getResource } from '$lib/server/resources/service';

export const GET = api({
	query: resourceViewQuery,
	run: async ({ ctx, query, params }) =>
		attributionJson(attributionFor((await getResource(ctx, params.id ?? '', query)).version))
});
