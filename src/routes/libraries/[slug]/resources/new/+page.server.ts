/**
 * Adding a resource to a library: any member. A contributor's save is a draft (a
 * proposal); a curator may publish at once. The form carries client-made ids so a
 * double submit creates one resource, and may carry one file.
 */
import { error, redirect } from '@sveltejs/kit';
import { newId } from '$lib/domain/ids';
import { localizeHref } from '$lib/i18n/locales';
import { createdNoticeQuery } from '$lib/resources/notices';
import { ctxFromEvent } from '$lib/server/http/api';
import { requireActor, runForm } from '$lib/server/http/forms';
import { getLibrary } from '$lib/server/libraries/service';
import {
	maxUploadMegabytes,
	pageFailure,
	themeChoices,
	uploadsFromForm
} from '$lib/server/resources/form-pages';
import { createResourceForm } from '$lib/server/resources/schemas';
import { createResource } from '$lib/server/resources/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireActor(event);
	const ctx = await ctxFromEvent(event);
	try {
		const [library, themes] = await Promise.all([
			getLibrary(ctx, event.params.slug),
			themeChoices(ctx, event.locals.locale)
		]);
		if (!library.viewer.role) error(403, event.locals.t.t('resource_not_member'));
		if (library.suspended) error(403, event.locals.t.t('resource_library_suspended'));
		return {
			library: { id: library.id, slug: library.slug, name: library.name },
			role: library.viewer.role,
			themes,
			ids: { id: newId(), version_id: newId() },
			maxMegabytes: maxUploadMegabytes()
		};
	} catch (e) {
		pageFailure(event, e);
	}
};

export const actions = {
	default: async (event) => {
		requireActor(event);
		const r = await runForm(event, createResourceForm, async ({ input, upload }, ctx, data) =>
			createResource(ctx, input, await uploadsFromForm(data, upload))
		);
		if (!('ok' in r)) return r;
		redirect(
			303,
			localizeHref(`/resources/${r.value.id}?${createdNoticeQuery(r.value)}`, event.locals.locale)
		);
	}
} satisfies Actions;
