/**
 * A search as it travels in a URL: `?q=&type=&theme=…` on the page (a GET form, so
 * checkboxes repeat their name) and on the API (where a list may also be written
 * comma-separated, since the JSON chain keeps one value per name). One schema checks
 * both: the API answers 400 for what it refuses, the page drops what it does not
 * understand and still shows a search, so a shared or hand-edited link never breaks.
 */
import { z } from 'zod';
import { THEME_KEY, ACCESSIBILITY_FEATURES, RESOURCE_TYPES } from '../../domain/resources';
import { LIBRARY_SLUG_MAX } from '../../domain/libraries';
import {
	DURATION_BANDS,
	LIST_FILTERS,
	SEARCH_SORTS,
	type ListFilter,
	type NormalizedSearch
} from '../../domain/search-url';
import { languageTag, resourceLicence } from '../resources/schemas';
import { PAGE_MAX, PER_PAGE_DEFAULT, PER_PAGE_MAX, type SearchQuery } from './service';

/** Longer queries are refused by the API and cut by the page: nobody types more, and terms cost time. */
export const SEARCH_QUERY_MAX = 200;
/** How many values one filter may carry at once. */
export const SEARCH_LIST_MAX = 30;

const slug = z
	.string()
	.max(LIBRARY_SLUG_MAX)
	.regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/);
/** Regions are the authors' own words ("Beirut", "global"): any short line of text. */
const region = z
	.string()
	.max(120)
	.transform((s) => s.normalize('NFC').trim())
	.refine((s) => s !== '' && !/[\p{Cc}\p{Cf}]/u.test(s));

/** The schema of one value of each list filter. */
export const FILTER_VALUE: Record<ListFilter, z.ZodType<string, string>> = {
	language: languageTag,
	type: z.enum(RESOURCE_TYPES),
	theme: z.string().max(64).regex(THEME_KEY),
	license: resourceLicence,
	duration: z.enum(DURATION_BANDS),
	library: slug,
	region: region as unknown as z.ZodType<string, string>,
	accessibility: z.enum(ACCESSIBILITY_FEATURES)
};

/** "a,b" → ['a', 'b'], blanks dropped; absent or empty → undefined. */
function splitList(s: string | undefined): string[] | undefined {
	if (s === undefined) return undefined;
	const items = [
		...new Set(
			s
				.split(',')
				.map((v) => v.trim())
				.filter(Boolean)
		)
	];
	return items.length > 0 ? items : undefined;
}

const list = (item: z.ZodType<string, string>) =>
	z
		.string()
		.max(4000)
		.optional()
		.transform(splitList)
		.pipe(z.array(item).max(SEARCH_LIST_MAX).optional())
		.describe('One value, or several separated by commas');

const flag = z
	.enum(['true', 'false', '1', '0', ''])
	.optional()
	.transform((s) => (s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : undefined))
	.describe('true or false');

const whole = (max: number) =>
	z
		.string()
		.max(12)
		.optional()
		.transform((s) => (s === undefined || s.trim() === '' ? undefined : Number(s)))
		.pipe(z.number().int().min(1).max(max).optional())
		.describe('A whole number');

/** `GET /api/v1/search` and the page: every parameter is text, as a URL carries it. */
export const searchParamsSchema = z.object({
	q: z
		.string()
		.max(SEARCH_QUERY_MAX)
		.optional()
		.transform((s) => (s ?? '').normalize('NFC').trim())
		.describe('The words to look for; the last one also matches as the start of a word'),
	lang: languageTag
		.optional()
		.describe("The reader's language: resources in it come first, the others are still found"),
	language: list(FILTER_VALUE.language),
	type: list(FILTER_VALUE.type),
	theme: list(FILTER_VALUE.theme),
	license: list(FILTER_VALUE.license),
	duration: list(FILTER_VALUE.duration),
	library: list(FILTER_VALUE.library),
	region: list(FILTER_VALUE.region),
	accessibility: list(FILTER_VALUE.accessibility),
	may_adapt: flag,
	may_commercial: flag,
	sort: z.enum(SEARCH_SORTS).optional(),
	page: whole(PAGE_MAX),
	per_page: whole(PER_PAGE_MAX)
});

function settle(
	parsed: z.output<typeof searchParamsSchema>,
	perPage: number
): NormalizedSearch & { lang?: string } {
	const filters = Object.fromEntries(LIST_FILTERS.map((f) => [f, parsed[f] ?? []])) as Record<
		ListFilter,
		string[]
	>;
	return {
		q: parsed.q,
		...(parsed.lang ? { lang: parsed.lang } : {}),
		filters,
		may_adapt: parsed.may_adapt === true,
		may_commercial: parsed.may_commercial === true,
		sort: parsed.sort ?? 'relevance',
		page: parsed.page ?? 1,
		per_page: parsed.per_page ?? perPage
	};
}

/** The API's parsed query, settled (defaults filled in). */
export function settleApiQuery(
	parsed: z.output<typeof searchParamsSchema>
): NormalizedSearch & { lang?: string } {
	return settle(parsed, PER_PAGE_DEFAULT);
}

/**
 * The page's reading of its URL: never refuses. Each parameter is checked on its own;
 * a bad one is dropped (a bad value in a list drops only that value), and an over-long
 * query is cut rather than refused.
 */
export function searchFromUrl(params: URLSearchParams): NormalizedSearch {
	const shape = searchParamsSchema.shape;
	const raw: Record<string, string> = {};
	for (const key of Object.keys(shape)) {
		const value = params.get(key);
		if (value !== null && !LIST_FILTERS.includes(key as ListFilter)) raw[key] = value;
	}
	if (raw.q !== undefined) raw.q = [...raw.q].slice(0, SEARCH_QUERY_MAX).join('');
	const parsed: Record<string, unknown> = {};
	for (const [key, field] of Object.entries(shape) as [keyof typeof shape, z.ZodType][]) {
		if (LIST_FILTERS.includes(key as ListFilter)) continue;
		const r = field.safeParse(raw[key]);
		if (r.success) parsed[key] = r.data;
		else if (key === 'q') parsed[key] = '';
	}
	// A hand-made link may list several values in one, comma-separated; a region is the authors' text and may hold a comma.
	for (const key of LIST_FILTERS) {
		const item = FILTER_VALUE[key];
		const pieces = params
			.getAll(key)
			.flatMap((value) => (key === 'region' ? [value] : (splitList(value) ?? [])));
		const kept = pieces.flatMap((v) => {
			const r = item.safeParse(v);
			return r.success ? [r.data] : [];
		});
		const unique = [...new Set(kept)].slice(0, SEARCH_LIST_MAX);
		parsed[key] = unique.length > 0 ? unique : undefined;
	}
	// The page's size is the page's: a link cannot make it heavier.
	const settled = settle(
		{ ...(parsed as z.output<typeof searchParamsSchema>), per_page: undefined },
		PER_PAGE_DEFAULT
	);
	delete (settled as { lang?: string }).lang;
	return settled;
}

/** The search service's input for a settled search, preferring `lang` (the reader's language). */
export function toServiceQuery(s: NormalizedSearch, lang: string | undefined): SearchQuery {
	const { duration, ...lists } = s.filters;
	return {
		q: s.q,
		...(lang ? { lang } : {}),
		...Object.fromEntries(Object.entries(lists).filter(([, v]) => v.length > 0)),
		...(duration.length > 0 ? { duration: duration as SearchQuery['duration'] } : {}),
		...(s.may_adapt ? { may_adapt: true } : {}),
		...(s.may_commercial ? { may_commercial: true } : {}),
		sort: s.sort,
		page: s.page,
		per_page: s.per_page
	};
}
