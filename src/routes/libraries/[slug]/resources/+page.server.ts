/** A library's published resources, filtered by theme and language (a GET form), a page at a time. */
import { error } from '@sveltejs/kit';
import { isDomainError } from '$lib/domain/errors';
import { ctxFromEvent } from '$lib/server/http/api';
import { libraryResources, readListQuery } from '$lib/server/resources/reading';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	try {
		const result = await libraryResources(
			await ctxFromEvent(event),
			event.params.slug,
			readListQuery(event.url.searchParams),
			event.locals.locale
		);
		return { ...result, pages: Math.max(1, Math.ceil(result.page.total / result.page.per_page)) };
	} catch (e) {
		if (isDomainError(e) && e.kind === 'not_found') error(404, event.locals.t.t('library_not_found'));
		throw e;
	}
};
