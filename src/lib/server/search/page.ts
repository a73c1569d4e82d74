/**
 * What the search page needs for one URL: the search as understood (for the form and
 * its links), the service's answer, and the labels only the server knows (themes in
 * the reader's language, library names for the library facet). Facets are trimmed to
 * their most frequent values plus the ticked ones, so a large instance does not send
 * hundreds of checkboxes.
 */
import type { NormalizedSearch } from '../../domain/search-url';
import type { Ctx } from '../context';
import { libraryRefBySlug } from '../libraries/service';
import { listThemes } from '../resources/service';
import { search, type SearchResult } from './service';
import { searchFromUrl, toServiceQuery } from './url-query';

/** How many values of one facet the page offers (the ticked ones come on top of these). */
export const FACET_SHOWN = 12;

export interface SearchPage {
	query: NormalizedSearch;
	result: SearchResult;
	/** theme key → label in the reader's language. */
	themeLabels: Record<string, string>;
	/** library slug → name, for the library facet and the hits. */
	libraryNames: Record<string, string>;
}

/** The most frequent values of a facet, ties by value, plus every selected one (count 0 when absent). */
export function shownFacet(
	counts: Record<string, number>,
	selected: string[],
	limit = FACET_SHOWN
): Record<string, number> {
	const top = Object.entries(counts)
		.filter(([, n]) => n > 0)
		.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
		.slice(0, limit);
	const shown = Object.fromEntries(top);
	for (const v of selected) shown[v] = counts[v] ?? 0;
	return shown;
}

export async function searchPage(
	ctx: Pick<Ctx, 'db'>,
	params: URLSearchParams,
	locale: string
): Promise<SearchPage> {
	const query = searchFromUrl(params);
	const [raw, themes] = await Promise.all([
		search(ctx, toServiceQuery(query, locale)),
		listThemes(ctx, locale)
	]);
	const facets = { ...raw.facets };
	for (const name of Object.keys(facets) as (keyof typeof facets)[]) {
		const selected = name in query.filters ? query.filters[name as keyof NormalizedSearch['filters']] : [];
		facets[name] = shownFacet(facets[name] ?? {}, selected);
	}
	const libraryNames: Record<string, string> = {};
	for (const hit of raw.hits) libraryNames[hit.library.slug] = hit.library.name;
	for (const slug of Object.keys(facets.library ?? {})) {
		if (libraryNames[slug] !== undefined) continue;
		const ref = await libraryRefBySlug(ctx.db.kysely, slug);
		if (ref) libraryNames[slug] = ref.name;
	}
	return {
		query,
		result: { ...raw, facets },
		themeLabels: Object.fromEntries(themes.map((th) => [th.key, th.label])),
		libraryNames
	};
}
