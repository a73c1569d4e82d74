/** GET /api/v1/programs/{id}/diff?from=&to=: what changed between two version numbers, by session and item. */
import { api } from '$lib/server/http/api';
import { programDiffQuery } from '$lib/server/programs/api-schemas';
import { diffVersions } from '$lib/server/programs/service';

export const GET = api({
	query: programDiffQuery,
	run: ({ ctx, query, params }) => diffVersions(ctx, params.id ?? '', query.from, query.to)
});
