/**
 * Every component of a program with its full attribution, in the reader's language, and
 * what the program's own text is shared under.
 */
import { resourceItems } from '$lib/domain/programs';
import { ctxFromEvent } from '$lib/server/http/api';
import { creditsOf, programOutputs } from '$lib/server/programs/outputs';
import { pageFailure } from '$lib/server/resources/form-pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	try {
		const { program, resources } = await programOutputs(await ctxFromEvent(event), event.params.id);
		return {
			program: {
				id: program.id,
				title: program.content.title,
				language: program.content.languages[0] ?? 'und',
				licence: program.content.licence,
				authors: program.authors.map((a) => a.handle),
				forked_from: program.forked_from
			},
			credits: creditsOf(resources),
			unavailable: resourceItems(program.content).filter((i) => !program.resources[i.id]?.available).length,
			origin: event.url.origin
		};
	} catch (e) {
		pageFailure(event, e);
	}
};
