/**
 * A resource page: one service call gathers what the page shows. Members may ask for the
 * published version with ?as=reader (what readers see); a resource the viewer may not see
 * is simply not found.
 */
import { error } from '@sveltejs/kit';
import { isDomainError } from '$lib/domain/errors';
import { editNotice, type Notice } from '$lib/resources/notices';
import { ctxFromEvent } from '$lib/server/http/api';
import { readResource } from '$lib/server/resources/reading';
import type { PageServerLoad } from './$types';

/** What a redirect here asks the page to say: after a save (notices.ts) or a translation request. */
function noticeOf(query: URLSearchParams): Notice | null {
	if (query.get('notice') === 'translation_requested') return { key: 'tr_notice_requested', params: {} };
	return editNotice(query);
}

export const load: PageServerLoad = async (event) => {
	const asReader = event.url.searchParams.get('as') === 'reader';
	try {
		const reading = await readResource(await ctxFromEvent(event), event.params.id, {
			as: asReader ? 'reader' : undefined,
			locale: event.locals.locale
		});
		return { reading, asReader, notice: noticeOf(event.url.searchParams) };
	} catch (e) {
		if (isDomainError(e) && e.kind === 'not_found') error(404, event.locals.t.t('resource_not_found'));
		throw e;
	}
};
