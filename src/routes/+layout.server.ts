import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	actor: locals.actor ? { handle: locals.actor.handle, isAdmin: locals.actor.isAdmin } : null
});
