import { describe, expect, it } from 'vitest';
import { durationBand, indexTokens, makeSnippet, snippetParts } from './search';

describe('search, pure parts', () => {
	it('bands durations at 30, 90 and 240 minutes', () => {
		expect([null, 0, 30, 31, 90, 91, 240, 241].map(durationBand)).toEqual([
			null,
			'short',
			'short',
			'medium',
			'medium',
			'long',
			'long',
			'extended'
		]);
	});

	it('keeps letters and digits only, whole, and drops over-long tokens', () => {
		expect(indexTokens(['كتاب', 'a"b', 'x*', 'हिन्दी', 'x'.repeat(65), '', 'l’ecole'])).toEqual([
			'كتاب',
			'a',
			'b',
			'x',
			'हनद',
			'l',
			'ecole'
		]);
	});

	it('marks matched words and cuts long text around the first match', () => {
		const s = makeSnippet('Shared leadership in community groups.', (w) => w.toLowerCase() === 'leadership');
		expect(s).toEqual({ text: 'Shared leadership in community groups.', marks: [[7, 17]] });
		expect(snippetParts(s)).toEqual([
			{ text: 'Shared ', mark: false },
			{ text: 'leadership', mark: true },
			{ text: ' in community groups.', mark: false }
		]);
		const long = 'word '.repeat(100) + 'target ' + 'word '.repeat(100);
		const cut = makeSnippet(long, (w) => w === 'target', 80);
		expect(cut.text.startsWith('… ')).toBe(true);
		expect(cut.text.endsWith(' …')).toBe(true);
		const [start, end] = cut.marks[0]!;
		expect(cut.text.slice(start, end)).toBe('target');
		expect(makeSnippet('<b>x</b>', () => false)).toEqual({ text: '<b>x</b>', marks: [] });
	});
});
