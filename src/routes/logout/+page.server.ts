/** Log out: a POST (from the header's button or this page) ends the session. */
import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/locales';
import { clearSessionCookie, currentToken } from '$lib/server/accounts/cookies';
import { logOut } from '$lib/server/accounts/service';
import { ctxFromEvent } from '$lib/server/http/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.actor) redirect(303, localizeHref('/', locals.locale));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		await logOut(await ctxFromEvent(event), currentToken(event));
		clearSessionCookie(event);
		redirect(303, localizeHref('/', event.locals.locale));
	}
};
