/** The theme taxonomy, labelled in the reader's language. */
import { ctxFromEvent } from '$lib/server/http/api';
import { listThemes } from '$lib/server/resources/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	themes: await listThemes(await ctxFromEvent(event), event.locals.locale)
});
