/** Change passphrase: needs the current one; every other session is ended. */
import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/locales';
import { currentToken } from '$lib/server/accounts/cookies';
import { passphraseForm } from '$lib/server/accounts/schemas';
import { changePassphrase } from '$lib/server/accounts/service';
import { requireActor, runForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		requireActor(event);
		const result = await runForm(event, passphraseForm, (input, ctx) =>
			changePassphrase(ctx, input, currentToken(event))
		);
		if (!('ok' in result)) return result;
		redirect(303, localizeHref('/account?passphrase-changed', event.locals.locale));
	}
};
