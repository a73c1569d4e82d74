/**
 * The printable facilitator guide: cover, outcomes, each session's plan with timings,
 * materials and notes, reflection questions, and the attributions.
 */
import { ctxFromEvent } from '$lib/server/http/api';
import { creditsOf, programOutputs } from '$lib/server/programs/outputs';
import { pageFailure } from '$lib/server/resources/form-pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	try {
		const { program, resources } = await programOutputs(await ctxFromEvent(event), event.params.id);
		return { program, credits: creditsOf(resources), origin: event.url.origin };
	} catch (e) {
		pageFailure(event, e);
	}
};
