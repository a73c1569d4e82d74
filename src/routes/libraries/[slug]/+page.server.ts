/**
 * A library's page and its member forms: add, change role, remove, leave. Each
 * action is one service call; a refusal re-renders the page with the reason,
 * a success redirects (303) back with a notice.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { isDomainError } from '$lib/domain/errors';
import { localizeHref } from '$lib/i18n/locales';
import { ctxFromEvent } from '$lib/server/http/api';
import { runForm } from '$lib/server/http/forms';
import { addMemberForm, changeRoleForm, leaveForm, memberForm } from '$lib/server/libraries/schemas';
import { libraryResources } from '$lib/server/resources/reading';
import {
	addMember,
	changeMemberRole,
	getLibrary,
	leaveLibrary,
	removeMember
} from '$lib/server/libraries/service';
import type { Actions, PageServerLoad } from './$types';

/** Notices a redirect may ask for; anything else in ?notice= is ignored. */
const NOTICES = {
	created: 'library_notice_created',
	member_added: 'library_notice_member_added',
	role_changed: 'library_notice_role_changed',
	member_removed: 'library_notice_member_removed',
	left: 'library_notice_left'
} as const;

const LIBRARY_PAGE_RESOURCES = 5;

export const load: PageServerLoad = async (event) => {
	try {
		const ctx = await ctxFromEvent(event);
		const library = await getLibrary(ctx, event.params.slug);
		const notice = event.url.searchParams.get('notice') ?? '';
		return {
			library,
			/** The newest few resources; the full list is /libraries/[slug]/resources. */
			resources: await libraryResources(
				ctx,
				library.slug,
				{ page: 1, per_page: LIBRARY_PAGE_RESOURCES },
				event.locals.locale
			),
			notice: Object.hasOwn(NOTICES, notice) ? NOTICES[notice as keyof typeof NOTICES] : null,
			/** Without JavaScript, "Remove" links here with ?remove=<handle> to show the confirmation. */
			removing: event.url.searchParams.get('remove')
		};
	} catch (e) {
		if (isDomainError(e) && e.kind === 'not_found') error(404, event.locals.t.t('library_not_found'));
		throw e;
	}
};

const back = (event: RequestEvent, notice: keyof typeof NOTICES, anchor = '') =>
	redirect(
		303,
		localizeHref(
			`/libraries/${encodeURIComponent(event.params.slug ?? '')}?notice=${notice}${anchor}`,
			event.locals.locale
		)
	);

export const actions = {
	add: async (event) => {
		const r = await runForm(event, addMemberForm, (input, ctx) => addMember(ctx, event.params.slug, input), {
			form: 'add'
		});
		if (!('ok' in r)) return r;
		back(event, 'member_added', '#members');
	},
	role: async (event) => {
		const r = await runForm(
			event,
			changeRoleForm,
			(input, ctx) => changeMemberRole(ctx, event.params.slug, input.handle, input.role),
			{ form: 'role' }
		);
		if (!('ok' in r)) return r;
		back(event, 'role_changed', '#members');
	},
	remove: async (event) => {
		const r = await runForm(
			event,
			memberForm,
			(input, ctx) => removeMember(ctx, event.params.slug, input.handle),
			{
				form: 'remove'
			}
		);
		if (!('ok' in r)) return r;
		back(event, 'member_removed', '#members');
	},
	leave: async (event) => {
		const r = await runForm(event, leaveForm, (_input, ctx) => leaveLibrary(ctx, event.params.slug), {
			form: 'leave'
		});
		if (!('ok' in r)) return r;
		back(event, 'left');
	}
} satisfies Actions;
