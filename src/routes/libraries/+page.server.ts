/** The libraries index: every library, newest first, a page at a time. */
import { isDomainError } from '$lib/domain/errors';
import { ctxFromEvent } from '$lib/server/http/api';
import { parseOrThrow } from '$lib/server/http/validation';
import { LIBRARY_PAGE_SIZE, listQuery } from '$lib/server/libraries/schemas';
import { listLibraries } from '$lib/server/libraries/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	let query = { page: 1, per_page: LIBRARY_PAGE_SIZE };
	try {
		// A mistyped ?page= in a shared link shows the first page rather than an error.
		query = { ...parseOrThrow(listQuery, { page: event.url.searchParams.get('page') ?? undefined }) };
	} catch (e) {
		if (!isDomainError(e)) throw e;
	}
	const result = await listLibraries(await ctxFromEvent(event), query);
	return { libraries: result, pages: Math.max(1, Math.ceil(result.total / result.per_page)) };
};
