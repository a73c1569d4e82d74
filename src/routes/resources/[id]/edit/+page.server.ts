/**
 * Editing a resource: the form prefilled from the newest version; saving makes a new
 * version (a draft for contributors, published at once when a curator asks). The
 * current files are listed with "keep" boxes and one more may be added.
 */
import { error, redirect } from '@sveltejs/kit';
import { newId } from '$lib/domain/ids';
import { localizeHref } from '$lib/i18n/locales';
import { versionFormValues } from '$lib/resources/form-values';
import { savedNoticeQuery } from '$lib/resources/notices';
import { ctxFromEvent } from '$lib/server/http/api';
import { requireActor, runForm } from '$lib/server/http/forms';
import {
	maxUploadMegabytes,
	pageFailure,
	themeChoices,
	uploadsFromForm
} from '$lib/server/resources/form-pages';
import { saveVersionForm } from '$lib/server/resources/schemas';
import { getResource, saveVersion } from '$lib/server/resources/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireActor(event);
	const ctx = await ctxFromEvent(event);
	try {
		const [resource, themes] = await Promise.all([
			getResource(ctx, event.params.id),
			themeChoices(ctx, event.locals.locale)
		]);
		if (!resource.viewer.role) error(403, event.locals.t.t('resource_not_member'));
		if (!resource.viewer.propose) error(403, event.locals.t.t('resource_library_suspended'));
		const v = resource.version;
		return {
			resource: {
				id: resource.id,
				language: resource.language,
				library: resource.library,
				title: v.title,
				number: v.number
			},
			role: resource.viewer.role,
			canPublish: resource.viewer.publish,
			prefill: versionFormValues(v),
			attachments: resource.attachments.map((a) => ({
				id: a.id,
				fileName: a.fileName,
				title: a.title,
				size: a.size
			})),
			themes,
			versionId: newId(),
			maxMegabytes: maxUploadMegabytes()
		};
	} catch (e) {
		pageFailure(event, e);
	}
};

export const actions = {
	default: async (event) => {
		requireActor(event);
		const r = await runForm(event, saveVersionForm, async ({ input, upload }, ctx, data) => ({
			version: await saveVersion(ctx, event.params.id, input, await uploadsFromForm(data, upload)),
			// Only words the notice: a curator's draft is "saved", a contributor's "proposed".
			curator: data.get('curator') === '1'
		}));
		if (!('ok' in r)) return r;
		const { version, curator } = r.value;
		redirect(
			303,
			localizeHref(
				`/resources/${version.resource_id}?${savedNoticeQuery(version, curator)}`,
				event.locals.locale
			)
		);
	}
} satisfies Actions;
