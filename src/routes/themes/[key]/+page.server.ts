/** A theme's page: its published resources from every library, a page at a time. */
import { error } from '@sveltejs/kit';
import { isDomainError } from '$lib/domain/errors';
import { ctxFromEvent } from '$lib/server/http/api';
import { readListQuery, themeResources } from '$lib/server/resources/reading';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	try {
		const result = await themeResources(
			await ctxFromEvent(event),
			event.params.key,
			readListQuery(event.url.searchParams),
			event.locals.locale
		);
		return { ...result, pages: Math.max(1, Math.ceil(result.page.total / result.page.per_page)) };
	} catch (e) {
		if (isDomainError(e) && e.kind === 'not_found') error(404, event.locals.t.t('read_theme_not_found'));
		throw e;
	}
};
