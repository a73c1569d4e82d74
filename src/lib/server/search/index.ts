/** Search's public face: what routes, the CLI and the resources service may use. */
export { search, FACETS, PER_PAGE_MAX, PER_PAGE_DEFAULT } from './service';
export type { SearchQuery, SearchHit, SearchResult, Facet, SortOrder, Duration } from './service';
export { indexResource, reindexAll, checkIndex, indexIsEmpty } from './upkeep';
export type { IndexDrift, ReindexProgress } from './upkeep';
