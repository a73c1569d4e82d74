/**
 * "Add to program": the resource (as readers see it) and the person's programs with their
 * sessions; one form puts it in an existing session, a new session, or a new program.
 */
import { error, redirect } from '@sveltejs/kit';
import { newId } from '$lib/domain/ids';
import { localizeHref } from '$lib/i18n/locales';
import { ctxFromEvent } from '$lib/server/http/api';
import { requireActor, runForm } from '$lib/server/http/forms';
import { addChoices, addToProgram } from '$lib/server/programs/adding';
import { addForm } from '$lib/server/programs/forms';
import { uuid } from '$lib/server/programs/schemas';
import { pageFailure } from '$lib/server/resources/form-pages';
import type { Actions, PageServerLoad } from './$types';

const idParam = (v: string | null) => (v && uuid.safeParse(v).success ? v : undefined);

export const load: PageServerLoad = async (event) => {
	requireActor(event);
	const resource = idParam(event.url.searchParams.get('resource'));
	if (!resource) error(404, event.locals.t.t('program_resource_not_available'));
	try {
		const choices = await addChoices(
			await ctxFromEvent(event),
			resource,
			idParam(event.url.searchParams.get('version'))
		);
		return {
			choices,
			ids: { program: newId(), session: newId(), item: newId(), v1: newId(), v2: newId() }
		};
	} catch (e) {
		pageFailure(event, e);
	}
};

export const actions = {
	default: async (event) => {
		requireActor(event);
		const r = await runForm(event, addForm(event.locals.locale), (input, ctx) => addToProgram(ctx, input));
		if (!('ok' in r)) return r;
		redirect(
			303,
			localizeHref(`/programs/${r.value.program_id}?notice=added`, event.locals.locale) +
				`#session-${r.value.session_id}`
		);
	}
} satisfies Actions;
