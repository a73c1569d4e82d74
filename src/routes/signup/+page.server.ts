/** Sign up with a handle and a passphrase; the new account is logged in at once. */
import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/locales';
import { sessionRequest, setSessionCookie } from '$lib/server/accounts/cookies';
import { signupForm } from '$lib/server/accounts/schemas';
import { signUp } from '$lib/server/accounts/service';
import { runForm, safeNext } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'), '');
	if (locals.actor) redirect(303, next || localizeHref('/account', locals.locale));
	return { next };
};

export const actions: Actions = {
	default: async (event) => {
		const result = await runForm(event, signupForm, (input, ctx) =>
			signUp(ctx, { ...input, locale: event.locals.locale }, { session: sessionRequest(event) })
		);
		if (!('ok' in result)) return result;
		if (result.value.session) setSessionCookie(event, result.value.session);
		redirect(303, safeNext(event.url.searchParams.get('next'), localizeHref('/', event.locals.locale)));
	}
};
