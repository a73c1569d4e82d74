import { loadCatalogue } from '$lib/i18n/load';
import type { LayoutLoad } from './$types';

// Messages come from a cached chunk per language, not from the serialized page data.
// Language changes are full page loads, so this runs once per visit in the browser.
export const load: LayoutLoad = async ({ data }) => ({
	...data,
	messages: await loadCatalogue(data.locale)
});
