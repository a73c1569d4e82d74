/**
 * "Adapt this resource": a new resource derived from the published version, in one of the
 * viewer's libraries, under a licence the source's licence allows (adaptVerdict lists them),
 * with a change log. NoDerivatives (and all-rights-reserved links) get the reason, no form.
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
import { adaptResourceForm } from '$lib/server/resources/schemas';
import { adaptResource, adaptationPlan } from '$lib/server/resources/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireActor(event);
	const ctx = await ctxFromEvent(event);
	try {
		const [plan, themes] = await Promise.all([
			adaptationPlan(ctx, event.params.id),
			themeChoices(ctx, event.locals.locale)
		]);
		const { source } = plan;
		const v = source.version;
		const verdict = isLicenceId(v.license) ? adaptVerdict([v.license]) : null;
		const allowed = verdict?.ok ? [...verdict.allowedLicences] : [];
		const home = plan.libraries.find((l) => l.id === source.library.id) ?? plan.libraries[0];
		return {
			source: {
				id: source.id,
				language: source.language,
				library: source.library,
				version_id: v.id,
				number: v.number,
				title: v.title,
				license: v.license
			},
			refusal: plan.refusal,
			libraries: plan.libraries.map((l) => ({ id: l.id, name: l.name, role: l.role })),
			allowedLicences: allowed,
			requirements: verdict?.ok ? verdict.requirements : null,
			prefill: {
				...versionFormValues(v),
				license: allowed.includes(v.license as (typeof allowed)[number]) ? v.license : (allowed[0] ?? ''),
				language: source.language,
				library_id: home?.id ?? '',
				change_log: ''
			},
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
		const r = await runForm(event, adaptResourceForm, ({ source_version_id, ...input }, ctx) =>
			adaptResource(ctx, source_version_id, input)
		);
		if (!('ok' in r)) return r;
		redirect(
			303,
			localizeHref(`/resources/${r.value.id}?${createdNoticeQuery(r.value)}`, event.locals.locale)
		);
	}
} satisfies Actions;
