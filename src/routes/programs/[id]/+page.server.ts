/**
 * The program page: outcomes, sessions as a sequence or around a circle, durations with the
 * over-time warning, the licence picture, co-authors, provenance and remixes, and the way
 * to every output. Private programs are not found for anyone but their co-authors (and
 * someone invited, who may look before deciding).
 */
import { newId } from '$lib/domain/ids';
import { ctxFromEvent } from '$lib/server/http/api';
import { programPage } from '$lib/server/programs/pages';
import { pageFailure } from '$lib/server/resources/form-pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	try {
		const { program, licences } = await programPage(await ctxFromEvent(event), event.params.id);
		return { program, licences, remixId: newId(), signedIn: event.locals.actor !== null };
	} catch (e) {
		pageFailure(event, e);
	}
};
