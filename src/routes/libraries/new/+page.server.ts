/** Creating a library: anyone signed in. The form carries a client-made id so a double submit creates one library. */
import { redirect } from '@sveltejs/kit';
import { newId } from '$lib/domain/ids';
import { localizeHref } from '$lib/i18n/locales';
import { requireActor, runForm } from '$lib/server/http/forms';
import { createLibraryForm } from '$lib/server/libraries/schemas';
import { createLibrary } from '$lib/server/libraries/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	return { id: newId() };
};

export const actions = {
	default: async (event) => {
		const r = await runForm(event, createLibraryForm, (input, ctx) => createLibrary(ctx, input));
		if (!('ok' in r)) return r;
		redirect(303, localizeHref(`/libraries/${r.value.slug}?notice=created`, event.locals.locale));
	}
} satisfies Actions;
