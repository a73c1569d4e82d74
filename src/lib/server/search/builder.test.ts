import { describe, expect, it } from 'vitest';
import { documentBuilder, inProcessBuilder } from './builder';
import { buildDocument, type SourceRow } from './documents';

function source(i: number, language: string, title: string, body: string): SourceRow {
	return {
		resource_id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
		library_id: '0190a000-0000-7000-8000-000000000001',
		language,
		translation_group: '0190a000-0000-7000-8000-000000000002',
		version_id: `0190a000-0000-7000-9000-${String(i).padStart(12, '0')}`,
		updated_at: '2026-12-01T10:00:00.000Z',
		published_at: '2026-12-01T10:00:00.000Z',
		title,
		summary: `${title}: a summary`,
		body,
		type: 'activity',
		themes: '["leadership","group-process"]',
		tags: '["circle"]',
		authors: '["Circles team"]',
		audience: null,
		duration_minutes: 45,
		region: null,
		accessibility: '["transcript"]',
		license: 'CC-BY-NC-SA-4.0'
	};
}

const SOURCES = [
	source(1, 'en', 'Organizing our communities', 'Communities organize. **Organizers** listen first.'),
	source(2, 'ar', 'التعبئة المجتمعية', 'المُجْتَمَعات تتعلّم معاً، والكتاب مفتوح.'),
	source(3, 'fr', 'Les communautés en mouvement', "L'évaluation participative des communautés.")
];

describe('document builder', () => {
	it('builds on a worker thread exactly what this thread builds', async () => {
		const builder = await documentBuilder();
		expect(builder).not.toBe(inProcessBuilder);
		try {
			const [a, b] = await Promise.all([builder.build(SOURCES), builder.build(SOURCES.slice(1))]);
			expect(a).toEqual(SOURCES.map(buildDocument));
			expect(b).toEqual(SOURCES.slice(1).map(buildDocument));
		} finally {
			await builder.close();
		}
	});

	it('gives each term once, in the order it first appears', () => {
		const doc = buildDocument(source(4, 'en', 'Circle circle', 'listen listen listen speak'));
		expect(doc.row.title_terms).toBe('circl');
		expect(
			String(doc.row.terms)
				.split(' ')
				.filter((t) => t === 'listen')
		).toHaveLength(1);
	});
});
