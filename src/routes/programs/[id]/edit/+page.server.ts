/**
 * The builder: every change is one small form posting one edit (a new version), so the
 * whole builder works without JavaScript; with it, the same actions are called by the
 * keyboard and drag reordering. Only co-authors may edit (the service decides); others
 * are sent to the program page's refusal.
 */
import { error, redirect } from '@sveltejs/kit';
import { newId } from '$lib/domain/ids';
import { localizeHref } from '$lib/i18n/locales';
import { ctxFromEvent } from '$lib/server/http/api';
import { requireActor, runForm } from '$lib/server/http/forms';
import { editForm, inviteForm, visibilityForm } from '$lib/server/programs/forms';
import { editProgram, getProgram, inviteAuthor, setVisibility } from '$lib/server/programs/service';
import { pageFailure } from '$lib/server/resources/form-pages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	requireActor(event);
	try {
		const program = await getProgram(await ctxFromEvent(event), event.params.id);
		if (!program.viewer.edit) error(403, event.locals.t.t('program_not_author'));
		return { program, clientId: newId() };
	} catch (e) {
		pageFailure(event, e);
	}
};

/** Back to the part of the builder the form was in (an element id the page made), with a notice. */
function back(event: RequestEvent, notice: string, anchor: unknown, extra = ''): never {
	const hash = typeof anchor === 'string' && /^[a-z0-9-]{1,80}$/.test(anchor) ? `#${anchor}` : '';
	redirect(
		303,
		localizeHref(`/programs/${event.params.id}/edit?notice=${notice}${extra}`, event.locals.locale) + hash
	);
}

const anchorOf = async (event: RequestEvent) => {
	const data = await event.request
		.clone()
		.formData()
		.catch(() => null);
	return data?.get('anchor');
};

export const actions = {
	edit: async (event) => {
		requireActor(event);
		const anchor = await anchorOf(event);
		const r = await runForm(event, editForm, (input, ctx) => editProgram(ctx, event.params.id, input));
		if (!('ok' in r)) return r;
		back(event, 'saved', anchor, `&version=${r.value.head_number}`);
	},
	visibility: async (event) => {
		requireActor(event);
		const r = await runForm(event, visibilityForm, (input, ctx) =>
			setVisibility(ctx, event.params.id, input)
		);
		if (!('ok' in r)) return r;
		back(event, 'visibility', 'sharing');
	},
	invite: async (event) => {
		requireActor(event);
		const r = await runForm(event, inviteForm, (input, ctx) => inviteAuthor(ctx, event.params.id, input));
		if (!('ok' in r)) return r;
		back(event, 'invited', 'authors');
	}
} satisfies Actions;
