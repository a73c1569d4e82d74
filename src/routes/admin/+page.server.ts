/**
 * Instance administration: every library with a suspend or lift form. Only the
 * instance administrator sees it; others get a 403 page that says so. The service
 * checks again on every action, so the page hiding is not the protection.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { isDomainError } from '$lib/domain/errors';
import { localizeHref } from '$lib/i18n/locales';
import { ctxFromEvent } from '$lib/server/http/api';
import { requireActor, runForm } from '$lib/server/http/forms';
import { parseOrThrow } from '$lib/server/http/validation';
import { liftSuspensionForm, listQuery, suspendForm } from '$lib/server/libraries/schemas';
import { liftSuspension, listLibraries, suspendLibrary } from '$lib/server/libraries/service';
import type { Actions, PageServerLoad } from './$types';

const PER_PAGE = 50;
const NOTICES = {
	suspended: 'library_notice_suspended',
	unsuspended: 'library_notice_unsuspended'
} as const;

function requireAdmin(event: RequestEvent) {
	const actor = requireActor(event);
	if (!actor.isAdmin) error(403, event.locals.t.t('library_admin_forbidden'));
	return actor;
}

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	let page = 1;
	try {
		page = parseOrThrow(listQuery, { page: event.url.searchParams.get('page') ?? undefined }).page;
	} catch (e) {
		if (!isDomainError(e)) throw e;
	}
	const libraries = await listLibraries(await ctxFromEvent(event), { page, per_page: PER_PAGE });
	const notice = event.url.searchParams.get('notice') ?? '';
	return {
		libraries,
		pages: Math.max(1, Math.ceil(libraries.total / PER_PAGE)),
		notice: Object.hasOwn(NOTICES, notice) ? NOTICES[notice as keyof typeof NOTICES] : null
	};
};

const back = (event: RequestEvent, notice: keyof typeof NOTICES) =>
	redirect(303, localizeHref(`/admin?notice=${notice}`, event.locals.locale));

export const actions = {
	suspend: async (event) => {
		const r = await runForm(
			event,
			suspendForm,
			(input, ctx) => suspendLibrary(ctx, input.slug, input.reason),
			{
				form: 'suspend'
			}
		);
		if (!('ok' in r)) return r;
		back(event, 'suspended');
	},
	unsuspend: async (event) => {
		const r = await runForm(event, liftSuspensionForm, (input, ctx) => liftSuspension(ctx, input.slug), {
			form: 'unsuspend'
		});
		if (!('ok' in r)) return r;
		back(event, 'unsuspended');
	}
} satisfies Actions;
