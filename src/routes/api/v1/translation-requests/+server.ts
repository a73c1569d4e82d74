/** GET /api/v1/translation-requests?language=: unfinished translation requests, oldest first. */
import { api } from '$lib/server/http/api';
import { openRequestsQuery } from '$lib/server/resources/api-schemas';
import { listOpenRequests } from '$lib/server/resources/service';

export const GET = api({
	query: openRequestsQuery,
	run: ({ ctx, query }) => listOpenRequests(ctx, query.language)
});
