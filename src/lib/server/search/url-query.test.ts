import { describe, expect, it } from 'vitest';
import { searchPath, searchPathFromFields } from '../../domain/search-url';
import { parseOrThrow } from '../http/validation';
import {
	SEARCH_QUERY_MAX,
	searchFromUrl,
	searchParamsSchema,
	settleApiQuery,
	toServiceQuery
} from './url-query';

const params = (s: string) => new URLSearchParams(s);

describe('searchFromUrl (the page: never refuses)', () => {
	it('reads repeated and comma-separated lists, flags, sort and page', () => {
		const s = searchFromUrl(
			params(
				'q=دائرة&theme=group-process&theme=leadership&license=CC-BY-4.0,CC-BY-NC-SA-4.0&may_adapt=true&sort=title&page=2'
			)
		);
		expect(s.q).toBe('دائرة');
		expect(s.filters.theme).toEqual(['group-process', 'leadership']);
		expect(s.filters.license).toEqual(['CC-BY-4.0', 'CC-BY-NC-SA-4.0']);
		expect(s.may_adapt).toBe(true);
		expect(s.may_commercial).toBe(false);
		expect(s.sort).toBe('title');
		expect(s.page).toBe(2);
		expect(s.per_page).toBe(20);
	});

	it('drops what it does not understand, one value at a time, and cuts an over-long query', () => {
		const s = searchFromUrl(
			params(
				`q=${'a'.repeat(5000)}&type=activity&type=<script>&theme=../../etc&language=xx-!!&sort=random&page=-3&per_page=9999&may_commercial=maybe`
			)
		);
		expect([...s.q].length).toBe(SEARCH_QUERY_MAX);
		expect(s.filters.type).toEqual(['activity']);
		expect(s.filters.theme).toEqual([]);
		expect(s.filters.language).toEqual([]);
		expect(s.sort).toBe('relevance');
		expect(s.page).toBe(1);
		expect(s.per_page).toBe(20);
		expect(s.may_commercial).toBe(false);
	});

	it('round-trips through searchPath, the way the GET form writes it', () => {
		const url =
			'/search?q=water&type=activity&type=handout&license=CC-BY-4.0&may_adapt=true&sort=newest&page=3';
		const s = searchFromUrl(new URL(url, 'http://x').searchParams);
		expect(searchPath(s)).toBe(url);
		expect(searchPath(s, 1)).toBe(url.replace('&page=3', ''));
	});

	it('keeps a region with a comma whole, as its checkbox sends it', () => {
		const s = searchFromUrl(params('region=Beirut%2C+Lebanon&region=global'));
		expect(s.filters.region).toEqual(['Beirut, Lebanon', 'global']);
	});

	it('turns a settled search into the service query, the reader language preferred', () => {
		const s = searchFromUrl(params('q=x&duration=short&library=demo'));
		expect(toServiceQuery(s, 'ar')).toEqual({
			q: 'x',
			lang: 'ar',
			duration: ['short'],
			library: ['demo'],
			sort: 'relevance',
			page: 1,
			per_page: 20
		});
	});
});

describe('searchParamsSchema (the API: refuses with a field)', () => {
	const parse = (s: string) => parseOrThrow(searchParamsSchema, Object.fromEntries(params(s)));

	it('accepts the issue’s parameters', () => {
		const settled = settleApiQuery(parse('q=كتاب&lang=ar&type=activity,handout&per_page=5&page=2'));
		expect(settled).toMatchObject({ q: 'كتاب', lang: 'ar', page: 2, per_page: 5 });
		expect(settled.filters.type).toEqual(['activity', 'handout']);
	});

	it.each([
		[`q=${'x'.repeat(SEARCH_QUERY_MAX + 1)}`, 'q'],
		['type=weapon', 'type'],
		['per_page=1000', 'per_page'],
		['page=0', 'page'],
		['page=1e9', 'page'],
		['sort=random', 'sort'],
		['may_adapt=perhaps', 'may_adapt'],
		[`theme=${Array.from({ length: 40 }, (_, i) => `t${i}`).join(',')}`, 'theme']
	])('refuses %s', (query, field) => {
		try {
			parse(query);
			expect.unreachable();
		} catch (e) {
			expect((e as { fields: { field: string }[] }).fields.map((f) => f.field.split('.')[0])[0]).toBe(field);
		}
	});
});

describe('searchPathFromFields (what the page navigates to while typing)', () => {
	it('leaves out blanks and the default sort, and keeps repeated boxes', () => {
		expect(
			searchPathFromFields([
				['q', 'دائرة'],
				['theme', 'group-process'],
				['theme', 'leadership'],
				['sort', 'relevance'],
				['may_adapt', '']
			])
		).toBe(`/search?q=${encodeURIComponent('دائرة')}&theme=group-process&theme=leadership`);
		expect(searchPathFromFields([['q', '  ']])).toBe('/search');
	});
});
