import { catalogues } from '$lib/i18n/catalogues';
import type { LayoutServerLoad } from './$types';

// Ships only the current language's messages; language changes are full page loads.
export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	messages: catalogues[locals.locale],
	actor: locals.actor ? { handle: locals.actor.handle, isAdmin: locals.actor.isAdmin } : null
});
