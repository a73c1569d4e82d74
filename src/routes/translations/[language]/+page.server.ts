/**
 * The unfinished translation requests into one language, and ?/claim: whoever claims one is
 * sent to the translation form (the claim lets them publish it in the original's library).
 */
import { error, redirect } from '@sveltejs/kit';
import { canonicalLanguage, primaryLanguage } from '$lib/domain/resources';
import { localizeHref } from '$lib/i18n/locales';
import { ctxFromEvent } from '$lib/server/http/api';
import { loginHref, runForm } from '$lib/server/http/forms';
import { claimRequestForm } from '$lib/server/resources/schemas';
import { claimRequest, listOpenRequests } from '$lib/server/resources/service';
import type { Actions, PageServerLoad } from './$types';

/** Whether Intl has a name for the language (so /translations/xx is not a page of its own). */
function knownLanguage(tag: string): boolean {
	try {
		return new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(tag) !== undefined;
	} catch {
		return false;
	}
}

export const load: PageServerLoad = async (event) => {
	const { t } = event.locals.t;
	const tag = canonicalLanguage(event.params.language);
	if (!tag) error(404, t('tr_language_not_found'));
	// One page per language: /translations/fr-CA and /translations/FR show /translations/fr.
	const language = primaryLanguage(tag);
	if (event.params.language !== language) {
		redirect(308, localizeHref(`/translations/${language}`, event.locals.locale));
	}
	const requests = await listOpenRequests(await ctxFromEvent(event), language);
	if (requests.length === 0 && !knownLanguage(language)) error(404, t('tr_language_not_found'));
	return { language, requests };
};

export const actions = {
	claim: async (event) => {
		if (!event.locals.actor) redirect(303, loginHref(event, event.url.pathname));
		const r = await runForm(event, claimRequestForm, (input, ctx) => claimRequest(ctx, input.request_id), {
			form: 'claim'
		});
		if (!('ok' in r)) return r;
		const { resource_id, language, id } = r.value;
		redirect(
			303,
			localizeHref(
				`/resources/${resource_id}/translate?language=${encodeURIComponent(language)}&request=${id}`,
				event.locals.locale
			)
		);
	}
} satisfies Actions;
