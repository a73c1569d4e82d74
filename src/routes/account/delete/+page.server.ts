/** Delete my account: confirmed with the passphrase; personal data erased, contributions kept. */
import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/locales';
import { clearSessionCookie } from '$lib/server/accounts/cookies';
import { deleteForm } from '$lib/server/accounts/schemas';
import { deleteAccount } from '$lib/server/accounts/service';
import { requireActor, runForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		requireActor(event);
		const result = await runForm(event, deleteForm, (input, ctx) => deleteAccount(ctx, input));
		if (!('ok' in result)) return result;
		clearSessionCookie(event);
		redirect(303, localizeHref('/account/deleted', event.locals.locale));
	}
};
