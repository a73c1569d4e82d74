/** One search over everything public: the URL is the search (a GET form), the reader's language comes first. */
import { ctxFromEvent } from '$lib/server/http/api';
import { searchPage } from '$lib/server/search/page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const data = await searchPage(await ctxFromEvent(event), event.url.searchParams, event.locals.locale);
	return { ...data, pages: Math.max(1, Math.ceil(data.result.total / data.result.per_page)) };
};
