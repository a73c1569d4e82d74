import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ar from '../../../messages/ar.json';
import en from '../../../messages/en.json';
import fr from '../../../messages/fr.json';
import type { Catalogue } from '../i18n/keys';
import { createTranslator } from '../i18n/translate';
import { buildAttribution, escapeHtml, type AttributionContext, type AttributionData } from './attribution';

const catalogues = { en, ar, fr } as unknown as Record<'en' | 'ar' | 'fr', Catalogue>;

function ctx(locale: 'en' | 'ar' | 'fr' = 'en', over: Partial<AttributionContext> = {}): AttributionContext {
	return {
		pageUrl: 'https://circles.example/resources/0190a0b0-0000-7000-8000-000000000001',
		fallbackAuthor: 'Demo library',
		resourceUrl: (id) => `https://circles.example/resources/${id}`,
		locale,
		t: createTranslator(locale, catalogues[locale]).t,
		...over
	};
}

const work: AttributionData = {
	title: 'Problem tree',
	authors: ['Circles Editorial Collective', 'Fatou D.'],
	sourceUrl: null,
	licenceId: 'CC-BY-NC-SA-4.0',
	licenceUrl: 'http://creativecommons.org/licenses/by-nc-sa/4.0/'
};

/** The HTML as a browser would show it: tags dropped, entities decoded. */
const shown = (html: string) =>
	html
		.replace(/<br>\n/g, '\n')
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');

describe('buildAttribution', () => {
	it('credits title, authors, source and licence (TASL) as text with addresses', () => {
		const a = buildAttribution(work, ctx());
		expect(a.text).toBe(
			'“Problem tree” <https://circles.example/resources/0190a0b0-0000-7000-8000-000000000001> by ' +
				'Circles Editorial Collective and Fatou D. is licensed under CC BY-NC-SA 4.0 ' +
				'<http://creativecommons.org/licenses/by-nc-sa/4.0/>.'
		);
	});

	it('as HTML links the title to its source and the licence with rel=license', () => {
		const a = buildAttribution(work, ctx());
		expect(a.html).toBe(
			'<p><a href="https://circles.example/resources/0190a0b0-0000-7000-8000-000000000001">“Problem tree”</a> by ' +
				'Circles Editorial Collective and Fatou D. is licensed under ' +
				'<a href="http://creativecommons.org/licenses/by-nc-sa/4.0/" rel="license">CC BY-NC-SA 4.0</a>.</p>'
		);
	});

	it('links to the original source when the resource names one', () => {
		const a = buildAttribution({ ...work, sourceUrl: 'https://example.org/tree' }, ctx());
		expect(a.text).toContain('“Problem tree” <https://example.org/tree>');
	});

	it('credits the library when no author is named', () => {
		const a = buildAttribution({ ...work, authors: [] }, ctx());
		expect(a.text).toContain(' by Demo library is licensed');
	});

	it('words public domain tools and all-rights-reserved links differently', () => {
		const cc0 = buildAttribution(
			{ ...work, licenceId: 'CC0-1.0', licenceUrl: 'http://creativecommons.org/publicdomain/zero/1.0/' },
			ctx()
		);
		expect(cc0.text).toContain(
			'is in the public domain (CC0 1.0 <http://creativecommons.org/publicdomain/zero/1.0/>).'
		);
		const arr = buildAttribution({ ...work, licenceId: 'all-rights-reserved', licenceUrl: null }, ctx());
		expect(arr.text).toMatch(/ by Circles Editorial Collective and Fatou D\., all rights reserved\.$/);
	});

	it('for an adaptation adds the changes and credits the source in turn', () => {
		const a = buildAttribution(
			{
				...work,
				title: 'Problem tree for youth groups',
				authors: ['Amal N.'],
				changes: 'Shorter steps.\nExamples from youth groups.',
				basedOn: { ...work, resourceId: 'abc' }
			},
			ctx()
		);
		const lines = a.text.split('\n');
		expect(lines).toHaveLength(3);
		expect(lines[1]).toBe(
			'Adapted from “Problem tree” <https://circles.example/resources/abc> by Circles Editorial Collective ' +
				'and Fatou D., licensed under CC BY-NC-SA 4.0 <http://creativecommons.org/licenses/by-nc-sa/4.0/>.'
		);
		expect(lines[2]).toBe('Changes: Shorter steps. Examples from youth groups.');
		expect(shown(a.html)).toBe(lines.map((l) => l.replace(/ <https?:[^>]+>/g, '')).join('\n'));
	});

	it('for a translation credits the original', () => {
		const a = buildAttribution(
			work,
			ctx('fr', { translatedFrom: { title: 'Problem tree', url: 'https://circles.example/resources/en1' } })
		);
		expect(a.text.split('\n')[1]).toBe(
			'Traduit de « Problem tree » <https://circles.example/resources/en1>.'
		);
	});

	it('is written in the reader’s language', () => {
		const text = buildAttribution(work, ctx('ar')).text.replace(/[\u2066-\u2069]/g, '');
		expect(text).toContain('«Problem tree»');
		expect(text).toContain('مرخّص بموجب CC BY-NC-SA 4.0');
		expect(text).toContain('Circles Editorial Collective و');
	});

	it('escapes everything people typed in the HTML, and never links a non-web address', () => {
		const xss = fs
			.readFileSync(
				path.resolve(import.meta.dirname, '../../../../shared/fixtures/hostile-input/xss.txt'),
				'utf8'
			)
			.split('\n')
			.filter((l) => l.trim() !== '');
		for (const payload of xss) {
			const a = buildAttribution(
				{
					...work,
					title: payload,
					authors: [payload],
					sourceUrl: payload,
					changes: payload,
					basedOn: { ...work, title: payload, authors: [payload], sourceUrl: payload, resourceId: 'x' }
				},
				ctx()
			);
			// The only tags are ours; every < a person wrote is an entity.
			const tags = a.html.match(/<[^>]*>/g) ?? [];
			for (const tag of tags)
				expect(tag).toMatch(/^<(?:\/?p|br|\/a|a href="https?:[^"<>]*"(?: rel="license")?)>$/);
			expect(a.html).not.toMatch(/href="(?!https?:)/i);
			expect(shown(a.html)).toContain(payload.replace(/\s*\n\s*/g, ' '));
		}
	});
});

describe('escapeHtml', () => {
	it('escapes the five characters that matter in text and attributes', () => {
		expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
			'&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;'
		);
	});
});

describe('buildAttribution in a right-to-left language', () => {
	it('isolates titles, names and addresses in the text so they keep their order; the HTML needs no marks', () => {
		const a = buildAttribution(work, ctx('ar'));
		const FSI = '\u2068';
		const LRI = '\u2066';
		const PDI = '\u2069';
		expect(a.text).toContain(`«${FSI}Problem tree${PDI}» ${LRI}<https://circles.example/resources/`);
		expect(a.text).toContain(`${FSI}Fatou D.${PDI}`);
		expect(a.html).not.toMatch(/[\u2066-\u2069]/);
		expect(buildAttribution(work, ctx('en')).text).not.toMatch(/[\u2066-\u2069]/);
	});
});
