/** A new program: title, format, languages, and whether to start from the format's template (in the page's language). */
import { redirect } from '@sveltejs/kit';
import { newId } from '$lib/domain/ids';
import { localizeHref } from '$lib/i18n/locales';
import { requireActor, runForm } from '$lib/server/http/forms';
import { newProgramForm } from '$lib/server/programs/forms';
import { createProgram } from '$lib/server/programs/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	return { id: newId() };
};

export const actions = {
	default: async (event) => {
		requireActor(event);
		const r = await runForm(event, newProgramForm(event.locals.locale), (input, ctx) =>
			createProgram(ctx, input)
		);
		if (!('ok' in r)) return r;
		redirect(303, localizeHref(`/programs/${r.value.id}/edit?notice=created`, event.locals.locale));
	}
} satisfies Actions;
