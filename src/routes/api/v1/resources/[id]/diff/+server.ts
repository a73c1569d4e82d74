/** GET /api/v1/resources/{id}/diff?from=&to=: a readable diff between two versions. */
import { api } from '$lib/server/http/api';
import { diffQuery } from '$lib/server/resources/api-schemas';
import { diffVersions } from '$lib/server/resources/service';

export const GET = api({
	query: diffQuery,
	run: ({ ctx, query, params }) => diffVersions(ctx, params.id ?? '', query.from, query.to)
});
