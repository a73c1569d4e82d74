/**
 * Remix: GET shows what a remix is and a confirm form (a title, prefilled); POST forks the
 * newest version into a private copy with provenance and redirects to it. The program
 * page's Remix button posts here directly. A client id in the form makes a double click
 * one remix.
 */
import { redirect } from '@sveltejs/kit';
import { newId } from '$lib/domain/ids';
import { localizeHref } from '$lib/i18n/locales';
import { ctxFromEvent } from '$lib/server/http/api';
import { requireActor, runForm } from '$lib/server/http/forms';
import { forkForm } from '$lib/server/programs/output-forms';
import { forkProgram, getProgram } from '$lib/server/programs/service';
import { pageFailure } from '$lib/server/resources/form-pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	try {
		const p = await getProgram(await ctxFromEvent(event), event.params.id);
		return {
			program: {
				id: p.id,
				title: p.content.title,
				language: p.content.languages[0] ?? 'und',
				version: p.head_number
			},
			may: p.viewer.fork,
			signedIn: event.locals.actor !== null,
			clientId: newId()
		};
	} catch (e) {
		pageFailure(event, e);
	}
};

export const actions = {
	default: async (event) => {
		requireActor(event);
		const r = await runForm(event, forkForm, (input, ctx) => forkProgram(ctx, event.params.id, input));
		if (!('ok' in r)) return r;
		redirect(303, localizeHref(`/programs/${r.value.id}?notice=remixed`, event.locals.locale));
	}
} satisfies Actions;
