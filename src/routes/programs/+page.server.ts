/** My programs (signed in), open invitations, and the public programs, paged. */
import { ctxFromEvent } from '$lib/server/http/api';
import { programsIndex } from '$lib/server/programs/pages';
import { pageFailure } from '$lib/server/resources/form-pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const raw = Number(event.url.searchParams.get('page') ?? '1');
	const page = Number.isInteger(raw) && raw >= 1 && raw <= 10_000 ? raw : 1;
	try {
		return {
			index: await programsIndex(await ctxFromEvent(event), page),
			signedIn: event.locals.actor !== null
		};
	} catch (e) {
		pageFailure(event, e);
	}
};
