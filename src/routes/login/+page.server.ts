/**
 * Log in. The session is rotated (a new token every time), and the person goes
 * back to `?next=` (a same-site path) or to the home page in their own language.
 */
import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/locales';
import { sessionRequest, setSessionCookie } from '$lib/server/accounts/cookies';
import { loginForm } from '$lib/server/accounts/schemas';
import { logIn } from '$lib/server/accounts/service';
import { runForm, safeNext } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'), '');
	if (locals.actor) redirect(303, next || localizeHref('/account', locals.locale));
	return { next };
};

export const actions: Actions = {
	default: async (event) => {
		const result = await runForm(event, loginForm, (input, ctx) => logIn(ctx, input, sessionRequest(event)));
		if (!('ok' in result)) return result;
		setSessionCookie(event, result.value);
		redirect(303, safeNext(event.url.searchParams.get('next'), localizeHref('/', result.value.locale)));
	}
};
