/**
 * A search's address: the filters a search can carry and how a settled search is
 * written back into `/search?…`, the same way the page's GET form writes it (a
 * checkbox group repeats its name), so a link the page builds and a submitted form
 * give the same URL. Pure: the page's links, the server and the tests share it.
 */
export { DURATION_BANDS, type DurationBand } from './search';

export const SEARCH_SORTS = ['relevance', 'newest', 'title'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The filters that take a list of values, in the order the page shows them. */
export const LIST_FILTERS = [
	'language',
	'type',
	'theme',
	'license',
	'duration',
	'library',
	'region',
	'accessibility'
] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];
export const FLAG_FILTERS = ['may_adapt', 'may_commercial'] as const;
export type FlagFilter = (typeof FLAG_FILTERS)[number];

/** A search with every field settled: what the page shows in its form and builds links from. */
export interface NormalizedSearch {
	q: string;
	filters: Record<ListFilter, string[]>;
	may_adapt: boolean;
	may_commercial: boolean;
	sort: SearchSort;
	page: number;
	per_page: number;
}

/** The query string of a search (defaults left out, so URLs stay short); `page` overrides its page. */
export function searchParamsOf(s: NormalizedSearch, page = s.page): URLSearchParams {
	const p = new URLSearchParams();
	if (s.q) p.set('q', s.q);
	for (const f of LIST_FILTERS) for (const v of s.filters[f]) p.append(f, v);
	for (const f of FLAG_FILTERS) if (s[f]) p.set(f, 'true');
	if (s.sort !== 'relevance') p.set('sort', s.sort);
	if (page > 1) p.set('page', String(page));
	return p;
}

/** `/search?…` for a search (a router path: localize it with href()). */
export function searchPath(s: NormalizedSearch, page = s.page): string {
	const qs = searchParamsOf(s, page).toString();
	return qs ? `/search?${qs}` : '/search';
}

/** Whether any filter narrows the search (the words aside). */
export function isFiltered(s: NormalizedSearch): boolean {
	return LIST_FILTERS.some((f) => s.filters[f].length > 0) || FLAG_FILTERS.some((f) => s[f]);
}

/**
 * `/search?…` from a search form's fields as the browser would send them, leaving
 * out blanks and the default sort, so links made while typing stay short.
 */
export function searchPathFromFields(fields: Iterable<[string, unknown]>): string {
	const params = new URLSearchParams();
	for (const [name, value] of fields) {
		if (typeof value !== 'string' || value.trim() === '') continue;
		if (name === 'sort' && value === 'relevance') continue;
		params.append(name, value);
	}
	const qs = params.toString();
	return qs ? `/search?${qs}` : '/search';
}
