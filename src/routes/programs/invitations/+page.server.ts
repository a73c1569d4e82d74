/** Invitations to co-author a program: accept (become a co-author) or decline. */
import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/locales';
import { ctxFromEvent } from '$lib/server/http/api';
import { requireActor, runForm } from '$lib/server/http/forms';
import { invitationForm } from '$lib/server/programs/forms';
import { acceptInvitation, declineInvitation, myInvitations } from '$lib/server/programs/service';
import { pageFailure } from '$lib/server/resources/form-pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireActor(event);
	try {
		return { invitations: await myInvitations(await ctxFromEvent(event)) };
	} catch (e) {
		pageFailure(event, e);
	}
};

export const actions = {
	accept: async (event) => {
		requireActor(event);
		const r = await runForm(event, invitationForm, (input, ctx) => acceptInvitation(ctx, input.program_id));
		if (!('ok' in r)) return r;
		redirect(303, localizeHref(`/programs/${r.value.id}?notice=joined`, event.locals.locale));
	},
	decline: async (event) => {
		requireActor(event);
		const r = await runForm(event, invitationForm, (input, ctx) => declineInvitation(ctx, input.program_id));
		if (!('ok' in r)) return r;
		redirect(303, localizeHref('/programs/invitations?notice=declined', event.locals.locale));
	}
} satisfies Actions;
