/** The learner view: the program without facilitator notes or the materials list. */
import { ctxFromEvent } from '$lib/server/http/api';
import { getProgram } from '$lib/server/programs/service';
import { pageFailure } from '$lib/server/resources/form-pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	try {
		const p = await getProgram(await ctxFromEvent(event), event.params.id);
		// The notes and materials never reach a learner's browser, not even in the page data.
		const content = {
			...p.content,
			sessions: p.content.sessions.map((s) => ({ ...s, facilitator_notes: '', materials: '' }))
		};
		return { program: { ...p, content } };
	} catch (e) {
		pageFailure(event, e);
	}
};
