/**
 * The languages people have asked translations into, and the resource page's "Request a
 * translation" form (?/request). A refusal (NoDerivatives, same language, a translation or a
 * request already there) re-renders this page with the reason and a way back to the resource.
 */
import { redirect, type RequestEvent } from '@sveltejs/kit';
import { primaryLanguage } from '$lib/domain/resources';
import { localizeHref } from '$lib/i18n/locales';
import { ctxFromEvent } from '$lib/server/http/api';
import { loginHref, runForm } from '$lib/server/http/forms';
import { translationRequestForm, uuid } from '$lib/server/resources/schemas';
import { listOpenRequests, requestTranslation } from '$lib/server/resources/service';
import type { Actions, PageServerLoad } from './$types';

interface LanguageCount {
	language: string;
	open: number;
	claimed: number;
}

export const load: PageServerLoad = async (event) => {
	const requests = await listOpenRequests(await ctxFromEvent(event));
	const byLanguage = new Map<string, LanguageCount>();
	for (const r of requests) {
		const language = primaryLanguage(r.language);
		const c = byLanguage.get(language) ?? { language, open: 0, claimed: 0 };
		if (r.status === 'claimed') c.claimed += 1;
		else c.open += 1;
		byLanguage.set(language, c);
	}
	const languages = [...byLanguage.values()].sort(
		(a, b) => b.open + b.claimed - (a.open + a.claimed) || a.language.localeCompare(b.language)
	);
	return { languages };
};

/** The resource a request form was sent from, when its id looks like one (for links back). */
async function resourceOf(event: RequestEvent): Promise<string | null> {
	const data = await event.request
		.clone()
		.formData()
		.catch(() => null);
	const parsed = uuid.safeParse(data?.get('resource_id'));
	return parsed.success ? parsed.data : null;
}

export const actions = {
	request: async (event) => {
		const resourceId = await resourceOf(event);
		if (!event.locals.actor) {
			// Back to the resource after logging in: the form is there, not here.
			redirect(303, loginHref(event, resourceId ? `/resources/${resourceId}` : '/translations'));
		}
		const r = await runForm(
			event,
			translationRequestForm,
			(input, ctx) =>
				requestTranslation(ctx, input.resource_id, {
					language: input.language,
					...(input.id ? { id: input.id } : {})
				}),
			{ form: 'request' }
		);
		if (!('ok' in r)) return r;
		redirect(
			303,
			localizeHref(`/resources/${r.value.resource_id}?notice=translation_requested`, event.locals.locale)
		);
	}
} satisfies Actions;
