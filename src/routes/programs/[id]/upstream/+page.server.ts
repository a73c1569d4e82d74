/**
 * What changed in the original since this remix was made, by session and item, with both
 * sides' values; taking a whole session, a single item or the program's own details is one
 * form post (the pressed button says what), conflicts settled by the radios next to them.
 */
import { redirect } from '@sveltejs/kit';
import { newId } from '$lib/domain/ids';
import { localizeHref } from '$lib/i18n/locales';
import { ctxFromEvent } from '$lib/server/http/api';
import { requireActor, runForm } from '$lib/server/http/forms';
import { takeForm } from '$lib/server/programs/output-forms';
import { upstreamPage } from '$lib/server/programs/outputs';
import { takeUpstream } from '$lib/server/programs/service';
import { pageFailure } from '$lib/server/resources/form-pages';
import type { Actions, PageServerLoad } from './$types';

const count = (v: string | null) => {
	const n = Number(v);
	return v !== null && Number.isInteger(n) && n >= 0 && n < 100_000 ? n : null;
};

export const load: PageServerLoad = async (event) => {
	try {
		const u = await upstreamPage(await ctxFromEvent(event), event.params.id);
		const q = event.url.searchParams;
		const taken = count(q.get('taken'));
		return {
			fork: u.fork,
			upstream: u.upstream,
			changes: u.changes,
			notice: taken === null ? null : { taken, left: count(q.get('left')) ?? 0 },
			clientId: newId()
		};
	} catch (e) {
		pageFailure(event, e);
	}
};

export const actions = {
	take: async (event) => {
		requireActor(event);
		const r = await runForm(event, takeForm, (input, ctx) => takeUpstream(ctx, event.params.id, input));
		if (!('ok' in r)) return r;
		redirect(
			303,
			localizeHref(
				`/programs/${event.params.id}/upstream?taken=${r.value.taken.length}&left=${r.value.conflicts.length}`,
				event.locals.locale
			)
		);
	}
} satisfies Actions;
