import fs from 'node:fs';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { emptySession, type ProgramContent } from '../../domain/programs';
import { translator } from '../../i18n/catalogues';
import {
	PAGE,
	buildOfflineSite,
	keepLinksInside,
	safeName,
	type OfflineInput,
	type OfflineResource
} from './offline';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/hostile-input');
const xss = fs
	.readFileSync(path.join(FIXTURES, 'xss.txt'), 'utf8')
	.split('\n')
	.filter((l) => l.trim() !== '');

const ids = {
	s1: '0190a0a0-0000-7000-8000-000000000001',
	s2: '0190a0a0-0000-7000-8000-000000000002',
	r1: '0190a0a0-0000-7000-8000-0000000000a1',
	item1: '0190a0a0-0000-7000-8000-0000000000b1',
	item2: '0190a0a0-0000-7000-8000-0000000000b2',
	gone: '0190a0a0-0000-7000-8000-0000000000b3',
	att: '0190a0a0-0000-7000-8000-0000000000c1',
	att2: '0190a0a0-0000-7000-8000-0000000000c2'
};

function input(
	text: (i: number) => string = (i) => `Text ${i}`,
	locale: 'en' | 'ar' | 'fr' = 'en'
): OfflineInput {
	const content: ProgramContent = {
		title: text(0),
		summary: text(1),
		languages: ['en'],
		audience: text(2),
		format: 'one_day_training',
		layout: 'sequence',
		outcomes: [text(3), text(4)],
		licence: 'CC-BY-SA-4.0',
		sessions: [
			{
				...emptySession(ids.s1, text(5)),
				objectives: text(6),
				materials: text(7),
				facilitator_notes: `NOTES ${text(8)}`,
				duration_minutes: 90,
				reflection_questions: [text(9)],
				items: [
					{
						id: ids.item1,
						kind: 'resource',
						resource_id: ids.r1,
						version_id: null,
						note: text(10),
						duration_minutes: 20
					},
					{
						id: ids.item2,
						kind: 'activity',
						activity: 'talking_circle',
						title: text(11),
						instructions: text(12),
						duration_minutes: 30,
						based_on: []
					},
					{
						id: ids.gone,
						kind: 'resource',
						resource_id: ids.r1,
						version_id: ids.r1,
						note: '',
						duration_minutes: null
					}
				]
			},
			{
				...emptySession(ids.s2, text(13)),
				items: [
					{
						id: '0190a0a0-0000-7000-8000-0000000000b4',
						kind: 'link',
						url: 'javascript:alert(1)',
						title: text(14),
						note: '',
						duration_minutes: 5
					},
					{
						id: '0190a0a0-0000-7000-8000-0000000000b5',
						kind: 'link',
						url: 'https://example.org/a',
						title: text(15),
						note: '',
						duration_minutes: 5
					}
				]
			}
		]
	};
	const resource: OfflineResource = {
		item_id: ids.item1,
		resource_id: ids.r1,
		version_number: 3,
		title: text(16),
		language: 'ar',
		summary: text(17),
		body: `# ${text(18)}\n\n![a diagram](diagram.png)\n\n![far](https://tracker.example/pixel.png)\n\n[next page](other.html) and [site](https://example.org) and [${text(19)}](/resources/x)\n\n${text(20)}`,
		library_name: text(21),
		license: 'CC-BY-4.0',
		duration_minutes: 20,
		attachments: [
			{
				id: ids.att,
				fileName: 'diagram.png',
				kind: 'image',
				altText: 'A diagram',
				title: null,
				transcript: null,
				size: 10
			},
			{
				id: ids.att2,
				fileName: `${text(22)}.pdf`,
				kind: 'document',
				altText: null,
				title: text(23),
				transcript: null,
				size: 10
			}
		],
		attribution: {
			title: text(16),
			authors: [text(24)],
			sourceUrl: 'javascript:alert(1)',
			licenceId: 'CC-BY-4.0',
			licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
			changes: text(25)
		}
	};
	return {
		program: { id: 'p', content, authors: ['amina', null], version_number: 4, forked_from: null },
		resources: [resource],
		origin: 'https://circles.example',
		tr: translator(locale)
	};
}

interface Found {
	elements: { name: string; attrs: Record<string, string> }[];
	text: string;
}

function parse(html: string): Found {
	const found: Found = { elements: [], text: '' };
	const parser = new Parser(
		{
			onopentag: (name, attrs) => found.elements.push({ name, attrs }),
			ontext: (t) => (found.text += t)
		},
		{ decodeEntities: true }
	);
	parser.write(html);
	parser.end();
	return found;
}

describe('buildOfflineSite', () => {
	const site = buildOfflineSite(input());
	const paths = new Set([...site.pages.map((p) => p.path), ...site.files.map((f) => f.path)]);

	it('makes every page: index, learner view, guide, attributions, each session, each resource', () => {
		expect(site.pages.map((p) => p.path).sort()).toEqual(
			[
				'index.html',
				'learn.html',
				'guide.html',
				'attributions.html',
				'session-1.html',
				'session-2.html',
				PAGE.resource({ resource_id: ids.r1, version_number: 3 })
			].sort()
		);
		expect(site.files.map((f) => f.attachment_id).sort()).toEqual([ids.att, ids.att2].sort());
	});

	it('links only relatively to what is inside the copy, and loads nothing from anywhere', () => {
		for (const p of site.pages) {
			const { elements } = parse(p.html);
			for (const el of elements) {
				expect(el.name, p.path).not.toMatch(/^(script|iframe|object|embed|link|base|form)$/);
				for (const name of Object.keys(el.attrs)) expect(name, p.path).not.toMatch(/^on/);
				if (el.attrs.src !== undefined) {
					expect(paths.has(el.attrs.src), `${p.path}: src ${el.attrs.src}`).toBe(true);
				}
				const href = el.attrs.href;
				if (href === undefined) continue;
				expect(el.name).toBe('a');
				if (/^(https?:|mailto:)/.test(href)) continue;
				expect(href, p.path).not.toMatch(/^[a-z][\w+.-]*:|^\/|^\\/i);
				expect(paths.has(href.split('#')[0] ?? ''), `${p.path}: href ${href}`).toBe(true);
			}
			expect(p.html).not.toMatch(/url\(/);
		}
	});

	it('puts the body image in the copy and turns the outside image and dead relative links into text', () => {
		const r = site.pages.find((p) => p.path.startsWith('resource-'))!;
		const { elements, text } = parse(r.html);
		const img = elements.find((x) => x.name === 'img');
		expect(img?.attrs.src).toBe(PAGE.file({ id: ids.att, fileName: 'diagram.png' }));
		expect(img?.attrs.alt).toBe('a diagram');
		expect(elements.some((x) => x.attrs.src?.includes('tracker'))).toBe(false);
		expect(text).toContain('next page');
		expect(elements.some((x) => x.attrs.href === 'other.html')).toBe(false);
		expect(elements.some((x) => x.attrs.href === 'https://example.org')).toBe(true);
	});

	it('keeps facilitator notes and materials out of the learner view only', () => {
		const text = (p: string) => parse(site.pages.find((x) => x.path === p)!.html).text;
		expect(text('learn.html')).not.toContain('NOTES');
		expect(text('learn.html')).not.toContain('Text 7');
		expect(text('guide.html')).toContain('NOTES Text 8');
		expect(text('session-1.html')).toContain('Text 7');
		expect(text('guide.html')).toContain('0:20');
	});

	it('credits every resource in the guide and on the attributions page', () => {
		for (const p of ['guide.html', 'attributions.html']) {
			const { text } = parse(site.pages.find((x) => x.path === p)!.html);
			expect(text).toContain('Text 16');
			expect(text).toContain('Text 24');
			expect(text).toContain('CC BY 4.0');
			expect(text).toContain('Text 25');
		}
	});

	it('renders every hostile title, note and body as text', () => {
		const hostile = buildOfflineSite(input((i) => xss[i % xss.length]!));
		for (const p of hostile.pages) {
			const { elements } = parse(p.html);
			for (const el of elements) {
				expect(el.name, p.path).not.toMatch(
					/^(script|iframe|object|embed|svg|math|form|input|marquee|video|audio)$/
				);
				for (const [name, value] of Object.entries(el.attrs)) {
					expect(name, `${p.path} <${el.name} ${name}>`).not.toMatch(/^on/);
					expect(value, p.path).not.toMatch(/^\s*(javascript|data|vbscript):/i);
				}
			}
			// Each page has exactly the one style element it brings.
			expect(elements.filter((x) => x.name === 'style')).toHaveLength(1);
		}
		const index = hostile.pages.find((p) => p.path === 'index.html')!;
		expect(index.html).toContain(
			`<title>${xss[0]!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}</title>`
		);
	});

	it('speaks the reader language, right to left in Arabic', () => {
		const ar = buildOfflineSite(input(undefined, 'ar'));
		const index = ar.pages.find((p) => p.path === 'index.html')!;
		expect(index.html).toMatch(/<html lang="ar" dir="rtl">/);
		expect(parse(index.html).text).toContain(translator('ar').t('prog_out_offline_nav_program'));
		expect(
			ar.pages.every(
				(p) => !/\b(left|right)\b/.test(p.html.slice(p.html.indexOf('<style>'), p.html.indexOf('</style>')))
			)
		).toBe(true);
	});
});

describe('keepLinksInside and safeName', () => {
	it('unlinks relative links to pages that are not in the copy', () => {
		expect(keepLinksInside('<a href="x.html">x</a><a href="a.html#b">y</a>', new Set(['a.html']))).toBe(
			'<a>x</a><a href="a.html#b">y</a>'
		);
	});
	it('makes names safe in a URL and on any file system', () => {
		expect(safeName('notes (v2).pdf')).toBe('notes_v2.pdf');
		expect(safeName('../../etc/passwd')).toBe('etc_passwd');
		expect(safeName('خريطة.png')).toBe('file.png');
	});
});
