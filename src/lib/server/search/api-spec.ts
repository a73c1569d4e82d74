/**
 * The search API: `GET /api/v1/search`, public. The query is the page's own schema
 * (url-query.ts); the answer is the shape: hits with the fields a client
 * lists and links with, and every facet as value → count.
 */
import { z } from 'zod';
import type { ApiOperation } from '../http/openapi';
import { FACETS, type SearchResult } from './service';
import { searchParamsSchema } from './url-query';

const hitOut = z.object({
	id: z.string(),
	title: z.string(),
	summary: z.string(),
	language: z.string().describe('BCP 47 tag'),
	type: z.string(),
	themes: z.array(z.string()).describe('Theme keys'),
	license: z.string().describe('SPDX-style id, or all-rights-reserved'),
	url: z.string().describe('The resource page, relative to the site'),
	snippet: z
		.object({
			text: z.string().describe('Plain text (not HTML)'),
			marks: z
				.array(z.tuple([z.number(), z.number()]))
				.describe('[start, end) UTF-16 offsets of matched words')
		})
		.describe('Text around the first match, with the matches to highlight'),
	translations: z
		.array(z.object({ language: z.string(), id: z.string() }))
		.describe('The other published languages')
});

export const searchOut = z.object({
	total: z.number().int(),
	page: z.number().int(),
	per_page: z.number().int(),
	hits: z.array(hitOut),
	facets: z
		.object(Object.fromEntries(FACETS.map((f) => [f, z.record(z.string(), z.number().int())])))
		.describe(
			"Each facet's values with their counts, every other filter applied (may_adapt, may_commercial: true/false)"
		)
});

/** The service's answer in the API's shape (hits without the page-only fields). */
export function searchAnswer(result: SearchResult): z.output<typeof searchOut> {
	return {
		total: result.total,
		page: result.page,
		per_page: result.per_page,
		hits: result.hits.map((h) => ({
			id: h.id,
			title: h.title,
			summary: h.summary,
			language: h.language,
			type: h.type,
			themes: h.themes,
			license: h.license,
			url: h.url,
			snippet: h.snippet,
			translations: h.translations
		})),
		facets: result.facets
	};
}

export const searchApi: ApiOperation[] = [
	{
		method: 'get',
		path: '/api/v1/search',
		summary:
			'Search everything public in any language, with filters and facet counts; lang ranks the reader’s language first without hiding the others',
		query: searchParamsSchema,
		response: searchOut,
		auth: false
	}
];
