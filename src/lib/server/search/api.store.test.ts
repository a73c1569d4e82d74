/**
 * GET /api/v1/search through its route handler, on both engines: the JSON
 * shape (checked against the schema the OpenAPI document publishes), filters written
 * comma-separated, the reader's language first, and hostile or oversized queries
 * answered with problem+json or an empty result, never a 500.
 */
import { beforeEach, expect, it } from 'vitest';
import type { Ctx } from '../context';
import { setDb } from '../db';
import { describeEachDialect } from '../db/testing';
import * as libraries from '../libraries/service';
import * as resources from '../resources/service';
import { buildAccount } from '../testing/factories';
import { callRoute } from '../testing/requests';
import { xssLines } from '../testing/hostile';
import { searchOut } from './api-spec';
import { SEARCH_QUERY_MAX } from './url-query';
import * as searchRoute from '../../../routes/api/v1/search/+server';

const get = (query: string) => callRoute(searchRoute.GET, { url: `/api/v1/search?${query}` });

describeEachDialect('search API', ({ db }) => {
	let ids: { en: string; ar: string; other: string };

	beforeEach(async () => {
		setDb(db());
		const curator = await buildAccount(db(), 'curator');
		const ctx: Ctx = { db: db(), actor: curator, addressHash: 't', now: () => new Date() };
		const lib = await libraries.createLibrary(ctx, { name: 'Commons', slug: 'commons' });
		const base = {
			library_id: lib.id,
			type: 'activity' as const,
			license: 'CC BY-NC-SA 4.0',
			themes: ['group-process'],
			publish: true
		};
		const en = await resources.createResource(ctx, {
			...base,
			language: 'en',
			title: 'Talking circle basics',
			summary: 'Sit in a circle and pass the talking piece.'
		});
		const ar = await resources.createTranslation(ctx, en.id, {
			language: 'ar',
			title: 'أساسيات دائرة الحديث',
			summary: 'نجلس في دائرة ونمرر قطعة الحديث.',
			type: 'activity',
			themes: ['group-process'],
			publish: true
		});
		const other = await resources.createResource(ctx, {
			...base,
			language: 'en',
			type: 'handout',
			license: 'CC BY 4.0',
			themes: ['leadership'],
			title: 'A circle of leaders',
			summary: 'Shared leadership.'
		});
		ids = { en: en.id, ar: ar.id, other: other.id };
	});

	it('answers the issue’s shape, with facets as value → count', async () => {
		const res = await get('q=circle');
		expect(res.status, res.text.slice(0, 300)).toBe(200);
		const body = searchOut.strict().parse(res.json);
		expect(body.total).toBe(2);
		expect(body.page).toBe(1);
		expect(body.per_page).toBe(20);
		expect(Object.keys(body.hits[0]!).sort()).toEqual(
			[
				'id',
				'title',
				'summary',
				'language',
				'type',
				'themes',
				'license',
				'url',
				'snippet',
				'translations'
			].sort()
		);
		const en = body.hits.find((h) => h.id === ids.en)!;
		expect(en.translations).toEqual([{ language: 'ar', id: ids.ar }]);
		expect(en.url).toBe(`/resources/${ids.en}`);
		expect(body.facets.type).toEqual({ activity: 1, handout: 1 });
		expect(body.facets.license).toEqual({ 'CC-BY-NC-SA-4.0': 1, 'CC-BY-4.0': 1 });
	});

	it('filters with comma-separated lists and pages with per_page', async () => {
		const both = searchOut.parse((await get('type=activity,handout&per_page=1')).json);
		expect(both.total).toBe(3);
		expect(both.hits).toHaveLength(1);
		const one = searchOut.parse((await get('theme=leadership&license=CC-BY-4.0')).json);
		expect(one.hits.map((h) => h.id)).toEqual([ids.other]);
	});

	it('puts the reader’s language first without hiding the others', async () => {
		const body = searchOut.parse((await get('lang=ar&type=activity')).json);
		expect(body.hits.map((h) => h.id)).toEqual([ids.ar, ids.en]);
	});

	it('refuses an oversized query and bad parameters with problem+json in the asked language', async () => {
		for (const q of [
			`q=${'x'.repeat(SEARCH_QUERY_MAX + 1)}`,
			'type=weapon',
			'per_page=100000',
			'page=-1',
			'sort=drop%20table',
			`theme=${Array.from({ length: 100 }, (_, i) => `t${i}`).join(',')}`
		]) {
			const res = await get(`${q}&lang=ar`);
			expect(res.status, q).toBe(422);
			expect(res.headers.get('content-type')).toContain('application/problem+json');
			expect((res.json as { title: string }).title).toMatch(/[\u0600-\u06FF]/);
		}
	});

	it('answers hostile text with a valid result, never a 500', async () => {
		const odd = [
			'"unclosed',
			'circle*',
			'NEAR(a b)',
			'a OR b AND NOT c',
			"'; drop table search_documents; --",
			'!!!',
			'\u0000\u202e',
			'ـــ',
			'%'
		];
		for (const q of [...xssLines, ...odd]) {
			const res = await get(`q=${encodeURIComponent(q.slice(0, SEARCH_QUERY_MAX))}`);
			expect(res.status, q).toBe(200);
			searchOut.parse(res.json);
		}
	});
});
