import { areasFor } from '$lib/i18n/areas';
import { loadCatalogue } from '$lib/i18n/load';
import type { LayoutLoad } from './$types';

// Messages come from cached chunks per language, not from the serialized page data: the
// core part everywhere, the rest only on routes that need it (areas.ts). Reading route.id
// makes this run again when a client-side navigation enters a route that needs more.
export const load: LayoutLoad = async ({ data, route }) => ({
	...data,
	messages: await loadCatalogue(data.locale, areasFor(route.id))
});
