/** GET one search over everything public (issue 4 item 6): the page's query schema, the JSON shape. */
import { api } from '$lib/server/http/api';
import { searchAnswer } from '$lib/server/search/api-spec';
import { search } from '$lib/server/search/service';
import { searchParamsSchema, settleApiQuery, toServiceQuery } from '$lib/server/search/url-query';

export const GET = api({
	query: searchParamsSchema,
	run: async ({ ctx, query }) => {
		const settled = settleApiQuery(query);
		return searchAnswer(await search(ctx, toServiceQuery(settled, settled.lang)));
	}
});
