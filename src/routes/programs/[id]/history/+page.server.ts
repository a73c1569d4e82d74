/**
 * A program's versions (who, when, note) and the changes between any two, asked for with
 * ?from=&to= (a GET form, so it works without JavaScript). Private programs are not found
 * for anyone but their co-authors (the service decides).
 */
import { ctxFromEvent } from '$lib/server/http/api';
import { compareQuery } from '$lib/server/programs/output-forms';
import { programHistory } from '$lib/server/programs/outputs';
import { pageFailure } from '$lib/server/resources/form-pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	try {
		return {
			history: await programHistory(
				await ctxFromEvent(event),
				event.params.id,
				compareQuery(event.url.searchParams)
			)
		};
	} catch (e) {
		pageFailure(event, e);
	}
};
