/** The theme taxonomy, labelled in the reader's language; curators of any library may add a theme. */
import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/locales';
import { ctxFromEvent } from '$lib/server/http/api';
import { requireActor, runForm } from '$lib/server/http/forms';
import { addThemeForm } from '$lib/server/resources/schemas';
import { addTheme, themeIndex } from '$lib/server/resources/service';
import { newId } from '$lib/domain/ids';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	...(await themeIndex(await ctxFromEvent(event), event.locals.locale)),
	// A client-made id makes a double submit add the theme once.
	id: newId(),
	added: event.url.searchParams.get('notice') === 'added' ? event.url.searchParams.get('theme') : null
});

export const actions = {
	add: async (event) => {
		requireActor(event);
		const r = await runForm(event, addThemeForm, (input, ctx) => addTheme(ctx, input));
		if (!('ok' in r)) return r;
		redirect(
			303,
			localizeHref(`/themes?notice=added&theme=${encodeURIComponent(r.value.key)}`, event.locals.locale)
		);
	}
} satisfies Actions;
