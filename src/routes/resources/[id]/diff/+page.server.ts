/**
 * A readable diff between two versions of a resource (title and summary by words, the
 * body by lines). Without ?from=&to=, the previous version against the newest. Readers
 * may compare published versions; members any.
 */
import { ctxFromEvent } from '$lib/server/http/api';
import { pageFailure } from '$lib/server/resources/form-pages';
import { diffVersions, getResource, listVersions } from '$lib/server/resources/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = await ctxFromEvent(event);
	const id = event.params.id;
	try {
		const [resource, versions] = await Promise.all([getResource(ctx, id), listVersions(ctx, id)]);
		const from = event.url.searchParams.get('from') || versions[1]?.id;
		const to = event.url.searchParams.get('to') || versions[0]?.id;
		const diff = from && to && versions.length >= 2 ? await diffVersions(ctx, id, from, to) : null;
		return {
			resource: {
				id: resource.id,
				language: resource.language,
				library: resource.library,
				title: resource.version.title
			},
			versions: versions.map((v) => ({ id: v.id, number: v.number })),
			diff
		};
	} catch (e) {
		pageFailure(event, e);
	}
};
