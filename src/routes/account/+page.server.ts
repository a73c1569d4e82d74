/** My account: what is stored, email and language, sessions, and links to the other account pages. */
import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/locales';
import { currentToken } from '$lib/server/accounts/cookies';
import { profileForm } from '$lib/server/accounts/schemas';
import { getAccountOverview, updateProfile } from '$lib/server/accounts/service';
import { deviceLabel } from '$lib/server/accounts/user-agent';
import { ctxFromEvent } from '$lib/server/http/api';
import { requireActor, runForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireActor(event);
	const { me, sessions } = await getAccountOverview(await ctxFromEvent(event), currentToken(event));
	return {
		me,
		sessions: sessions.map((s) => ({
			created_at: s.created_at,
			expires_at: s.expires_at,
			current: s.current,
			device: deviceLabel(s.user_agent)
		})),
		saved: event.url.searchParams.has('saved'),
		passphraseChanged: event.url.searchParams.has('passphrase-changed')
	};
};

export const actions: Actions = {
	default: async (event) => {
		requireActor(event);
		const result = await runForm(event, profileForm, (input, ctx) => updateProfile(ctx, input));
		if (!('ok' in result)) return result;
		redirect(303, localizeHref('/account?saved', event.locals.locale));
	}
};
