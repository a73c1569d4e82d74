/**
 * A resource's versions, newest first (readers see the published ones only), a form to
 * compare any two, and the curators' actions: publish a version, unpublish, restore an
 * old version as a new one. Each action is one service call and redirects back with a notice.
 */
import { redirect, type RequestEvent } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/locales';
import { historyNotice } from '$lib/resources/notices';
import { ctxFromEvent } from '$lib/server/http/api';
import { requireActor, runForm } from '$lib/server/http/forms';
import { pageFailure } from '$lib/server/resources/form-pages';
import { unpublishForm, versionActionForm } from '$lib/server/resources/schemas';
import {
	getResource,
	listVersions,
	publishVersion,
	restoreVersion,
	unpublish
} from '$lib/server/resources/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await ctxFromEvent(event);
	try {
		const [resource, versions] = await Promise.all([
			getResource(ctx, event.params.id),
			listVersions(ctx, event.params.id)
		]);
		return {
			resource: {
				id: resource.id,
				language: resource.language,
				library: resource.library,
				title: resource.version.title,
				published: resource.published_version_id !== null
			},
			viewer: resource.viewer,
			versions,
			notice: historyNotice(event.url.searchParams)
		};
	} catch (e) {
		pageFailure(event, e);
	}
};

const back = (event: RequestEvent, query: string) =>
	redirect(303, localizeHref(`/resources/${event.params.id}/history?${query}`, event.locals.locale));

export const actions = {
	publish: async (event) => {
		requireActor(event);
		const r = await runForm(event, versionActionForm, async (input, ctx) => {
			await publishVersion(ctx, event.params.id ?? '', input.version_id);
			return input.number;
		});
		if (!('ok' in r)) return r;
		back(event, `notice=published${r.value === undefined ? '' : `&version=${r.value}`}`);
	},
	unpublish: async (event) => {
		requireActor(event);
		const r = await runForm(event, unpublishForm, (_input, ctx) => unpublish(ctx, event.params.id ?? ''));
		if (!('ok' in r)) return r;
		back(event, 'notice=unpublished');
	},
	restore: async (event) => {
		requireActor(event);
		const r = await runForm(event, versionActionForm, (input, ctx) =>
			restoreVersion(ctx, event.params.id ?? '', input.version_id, {
				change_note:
					input.number === undefined
						? undefined
						: event.locals.t.t('history_restored_note', { number: input.number })
			})
		);
		if (!('ok' in r)) return r;
		back(event, `notice=restored&version=${r.value.number}`);
	}
} satisfies Actions;
