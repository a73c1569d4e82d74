/**
 * Translating a resource: the original's published version shown read-only beside a form
 * prefilled from it. The service decides who may write it (members of the original's
 * library; whoever claimed the request for that language) and whether it is published.
 * Without ?language= the page asks which language; an ND original gets the reason, no form.
 */
import { redirect } from '@sveltejs/kit';
import { newId } from '$lib/domain/ids';
import { adaptVerdict } from '$lib/domain/licence-compat';
import { isLicenceId } from '$lib/domain/licences';
import { localizeHref } from '$lib/i18n/locales';
import { createdNoticeQuery } from '$lib/resources/notices';
import { versionFormValues } from '$lib/resources/form-values';
import { ctxFromEvent } from '$lib/server/http/api';
import { requireActor, runForm } from '$lib/server/http/forms';
import { pageFailure, themeChoices } from '$lib/server/resources/form-pages';
import { createTranslationForm } from '$lib/server/resources/schemas';
import { createTranslation, translationPlan } from '$lib/server/resources/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireActor(event);
	const ctx = await ctxFromEvent(event);
	const asked = event.url.searchParams.get('language')?.trim() || undefined;
	try {
		const [plan, themes] = await Promise.all([
			translationPlan(ctx, event.params.id, asked),
			themeChoices(ctx, event.locals.locale)
		]);
		const { original } = plan;
		const v = original.version;
		const verdict = isLicenceId(v.license) ? adaptVerdict([v.license]) : null;
		return {
			original: {
				id: original.id,
				language: original.language,
				library: original.library,
				number: v.number,
				title: v.title,
				summary: v.summary,
				body: v.body,
				license: v.license
			},
			asked: asked ?? null,
			language: plan.language,
			refusal: plan.refusal,
			requests: plan.requests,
			request: plan.request,
			viewer: plan.viewer,
			allowedLicences: verdict?.ok ? [...verdict.allowedLicences] : [v.license],
			prefill: { ...versionFormValues(v), language: plan.language ?? '' },
			themes,
			ids: { id: newId(), version_id: newId() }
		};
	} catch (e) {
		pageFailure(event, e);
	}
};

export const actions = {
	default: async (event) => {
		requireActor(event);
		const r = await runForm(event, createTranslationForm, (input, ctx) =>
			createTranslation(ctx, event.params.id, input)
		);
		if (!('ok' in r)) return r;
		redirect(
			303,
			localizeHref(`/resources/${r.value.id}?${createdNoticeQuery(r.value)}`, event.locals.locale)
		);
	}
} satisfies Actions;
