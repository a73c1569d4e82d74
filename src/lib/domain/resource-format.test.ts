/** The Markdown import/export format: field checks, canonical form, and round trips. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	ACCESSIBILITY_FEATURES,
	parseResourceFile,
	RESOURCE_TYPES,
	serializeResourceFile,
	type ParseResult,
	type ResourceFileData,
	type ResourceFileError
} from './resource-format';
import { licenceIds } from './licences';

const demoDir = path.resolve(import.meta.dirname, '../../../content/demo');
const demoFiles = readdirSync(demoDir).filter((f) => f.endsWith('.md') && f !== 'README.md');

const minimal = `---
id: talking-circle
title: Talking circle
language: en
type: activity
license: CC-BY-4.0
---

Body.
`;

function errorsOf(result: ParseResult): readonly ResourceFileError[] {
	if (result.ok) throw new Error('expected errors');
	return result.errors;
}
function resourceOf(result: ParseResult): ResourceFileData {
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.resource;
}
const withFront = (front: string, body = 'Body.') => `---\n${front}\n---\n\n${body}\n`;
const base = 'title: T\nlanguage: en\ntype: activity\nlicense: CC-BY-4.0';

describe('the demo library', () => {
	it('has files', () => {
		expect(demoFiles.length).toBeGreaterThanOrEqual(24);
	});

	it.each(demoFiles)('%s parses and is in canonical form', (file) => {
		const text = readFileSync(path.join(demoDir, file), 'utf8');
		const resource = resourceOf(parseResourceFile(text, file));
		expect(resource.id).toBe(file.replace(/\.md$/, ''));
		expect(serializeResourceFile(resource)).toBe(text);
	});
});

describe('parseResourceFile', () => {
	it('reads a minimal file, with the body verbatim', () => {
		expect(resourceOf(parseResourceFile(minimal, 'talking-circle.md'))).toEqual({
			id: 'talking-circle',
			title: 'Talking circle',
			language: 'en',
			type: 'activity',
			themes: [],
			tags: [],
			license: 'CC-BY-4.0',
			authors: [],
			sdg: [],
			accessibility: [],
			attachments: [],
			body: 'Body.'
		});
		expect(serializeResourceFile(resourceOf(parseResourceFile(minimal, 'x.md')))).toBe(minimal);
	});

	it('reads every field', () => {
		const text = withFront(`id: a
title: "Problem tree: roots"
summary: |-
  Two lines,
  here.
language: pt-br
type: case-story
themes:
  - group-process
tags:
  - "#tag"
license: CC BY-NC-SA 4.0
authors:
  - A. Author
source_url: https://example.org/x
translation_of: b
duration_minutes: 45
audience: mobilizers
region: West Africa
sdg:
  - "4.7"
  - 6.b
accessibility:
  - captions
attachments:
  - a.pdf
  - file: b.png
    alt: "A tree"
    title: Tree
  - file: talk.mp3
    transcript: talk.txt
    captions: talk.vtt`);
		const r = resourceOf(parseResourceFile(text, 'a.md'));
		expect(r).toMatchObject({
			summary: 'Two lines,\nhere.',
			language: 'pt-BR',
			type: 'case-story',
			license: 'CC-BY-NC-SA-4.0',
			sourceUrl: 'https://example.org/x',
			translationOf: 'b',
			durationMinutes: 45,
			region: 'West Africa',
			sdg: ['4.7', '6.b'],
			tags: ['#tag'],
			attachments: [
				{ file: 'a.pdf' },
				{ file: 'b.png', alt: 'A tree', title: 'Tree' },
				{ file: 'talk.mp3', transcript: 'talk.txt', captions: 'talk.vtt' }
			]
		});
	});

	it('takes the id from the file name when the front matter has none', () => {
		expect(resourceOf(parseResourceFile(withFront(base), 'some/dir/river-of-life.md')).id).toBe(
			'river-of-life'
		);
		expect(errorsOf(parseResourceFile(withFront(base), 'River Of Life.md'))).toEqual([
			expect.objectContaining({ field: 'id', code: 'missing' })
		]);
	});

	it('accepts CRLF, a byte-order mark and an empty body', () => {
		const r = resourceOf(
			parseResourceFile(`\ufeff---\r\nid: a\r\n${base.replace(/\n/g, '\r\n')}\r\n---\r\n`, 'a.md')
		);
		expect(r.body).toBe('');
		expect(serializeResourceFile(r)).toBe(`---\nid: a\n${base}\n---\n`);
	});

	it('accepts all rights reserved only for a link', () => {
		const arr = 'id: a\ntitle: T\nlanguage: en\ntype: reading\nlicense: All rights reserved';
		expect(errorsOf(parseResourceFile(withFront(arr), 'a.md'))).toEqual([
			expect.objectContaining({ field: 'license', code: 'licence-needs-source' })
		]);
		const r = resourceOf(parseResourceFile(withFront(`${arr}\nsource_url: https://example.org/`), 'a.md'));
		expect(r.license).toBe('all-rights-reserved');
	});

	it.each([
		['no front matter', 'Just text\n', 'front-matter', 'no-front-matter'],
		['an unclosed front matter', '---\nid: a\n', 'front-matter', 'unclosed-front-matter'],
		['a list as front matter', '---\n- a\n---\n', 'front-matter', 'not-a-mapping']
	])('reports %s', (_name, text, field, code) => {
		expect(errorsOf(parseResourceFile(text, 'a.md'))).toEqual([expect.objectContaining({ field, code })]);
	});

	it('reports YAML syntax errors with the line in the file', () => {
		const errors = errorsOf(parseResourceFile('---\nid: a\ntitle: "unclosed\nlanguage: en\n---\n', 'a.md'));
		expect(errors[0]).toMatchObject({ field: 'front-matter', code: 'yaml-syntax' });
		expect(errors[0]?.line).toBeGreaterThanOrEqual(3);
		expect(errorsOf(parseResourceFile(withFront(`${base}\ntitle: again`), 'a.md'))[0]).toMatchObject({
			code: 'yaml-syntax'
		});
	});

	it('refuses aliases', () => {
		const errors = errorsOf(parseResourceFile(withFront(`${base}\ntags: &t\n  - a\nauthors: *t`), 'a.md'));
		expect(errors).toContainEqual(expect.objectContaining({ field: 'authors', code: 'yaml-syntax' }));
	});

	it('reports every bad field at once, with its line', () => {
		const errors = errorsOf(
			parseResourceFile(
				withFront(`id: Not A Slug
licence: CC-BY-4.0
title: 3
language: english!
type: poem
themes: group-process
license: CC-BY-9.0
duration_minutes: -5
source_url: javascript:alert(1)
sdg:
  - 4.7
  - "99.1"
accessibility:
  - easyRead
attachments:
  - ../secret.txt
  - file: a.png
    alt: [1]
    colour: red
  - {}`),
				'a.md'
			)
		);
		const pairs = errors.map((e) => `${e.field}:${e.code}`);
		expect(pairs).toEqual(
			expect.arrayContaining([
				'licence:unknown-key',
				'id:invalid-id',
				'title:wrong-type',
				'language:invalid-language',
				'type:invalid-type',
				'themes:wrong-type',
				'license:invalid-licence',
				'duration_minutes:out-of-range',
				'source_url:invalid-url',
				'sdg[0]:wrong-type',
				'sdg[1]:invalid-sdg',
				'accessibility[0]:invalid-accessibility',
				'attachments[0]:invalid-file-name',
				'attachments[1].alt:wrong-type',
				'attachments[1].colour:unknown-key',
				'attachments[2].file:missing'
			])
		);
		expect(errors.find((e) => e.field === 'licence')?.line).toBe(3);
		expect(errors.find((e) => e.field === 'type')?.line).toBe(6);
	});

	it('reports missing required fields, too-long values and duplicates', () => {
		const pairs = (front: string) =>
			errorsOf(parseResourceFile(withFront(front), 'a.md')).map((e) => `${e.field}:${e.code}`);
		expect(pairs('id: a')).toEqual(['title:missing', 'language:missing', 'type:missing', 'license:missing']);
		expect(pairs(`${base.replace('title: T', `title: ${'x'.repeat(201)}`)}`)).toEqual(['title:too-long']);
		expect(pairs(`${base}\ntags:\n  - a\n  - a`)).toEqual(['tags[1]:duplicate']);
		expect(pairs(`${base}\ntitle2: x`)).toEqual(['title2:unknown-key']);
		expect(pairs(`id: a\n${base}\ntranslation_of: a`)).toEqual(['translation_of:self-translation']);
		expect(pairs(`${base.replace('title: T', 'title: "a\\u0000b"')}`)).toEqual(['title:invalid-characters']);
		expect(pairs(`${base}\nduration_minutes: 1.5`)).toEqual(['duration_minutes:wrong-type']);
	});
});

describe('serializeResourceFile', () => {
	it('writes the canonical form', () => {
		const text = serializeResourceFile({
			id: 'x',
			title: 'Colon: here',
			summary: 'Line one\nline two',
			language: 'ar',
			type: 'handout',
			themes: ['leadership'],
			tags: [],
			license: 'CC-BY-ND-4.0',
			authors: ['- dash', '#hash', "it's"],
			sdg: ['4.7'],
			accessibility: [],
			attachments: [{ file: 'a.png', alt: 'Alt' }, { file: 'b.pdf' }],
			body: '# Heading\n\ntext'
		});
		expect(text).toBe(`---
id: x
title: "Colon: here"
summary: |-
  Line one
  line two
language: ar
type: handout
themes:
  - leadership
license: CC-BY-ND-4.0
authors:
  - "- dash"
  - "#hash"
  - it's
sdg:
  - "4.7"
attachments:
  - file: a.png
    alt: Alt
  - b.pdf
---

# Heading

text
`);
	});
});

describe('round trip property', () => {
	const chars = fc.constantFrom(
		...'abz AZ09:#-\'"?!,.&*|>%@`{}[]~'.split(''),
		'ال',
		'عربي',
		'é',
		'ç',
		'—',
		'\u00a0',
		'null',
		'true',
		'4.7',
		'- ',
		': ',
		' #',
		'---',
		'\\'
	);
	const line = fc
		.array(chars, { minLength: 1, maxLength: 12 })
		.map((a) => a.join('').trim())
		.filter((s) => s !== '' && !s.includes('\u00a0\u00a0'))
		.map((s) => s.trim())
		.filter((s) => s !== '');
	const multiLine = fc
		.array(line, { minLength: 1, maxLength: 3 })
		.chain((lines) => fc.constantFrom('\n', '\n  ', '\n\n', '\n- ').map((sep) => lines.join(sep)));
	const slug = fc.stringMatching(/^[a-z0-9]{1,8}(?:-[a-z0-9]{1,8}){0,2}$/);
	const unique = <T>(arb: fc.Arbitrary<T>) =>
		fc.uniqueArray(arb, { maxLength: 4, selector: (v) => JSON.stringify(v) });
	const fileName = fc.stringMatching(/^[a-z0-9][a-z0-9 ._-]{0,10}[a-z0-9]$/);
	const attachment = fc.record(
		{ file: fileName, alt: line, title: line, transcript: fileName, captions: fileName },
		{ requiredKeys: ['file'] }
	);
	const resource: fc.Arbitrary<ResourceFileData> = fc
		.record(
			{
				id: slug,
				title: line,
				summary: fc.oneof(line, multiLine),
				language: fc.constantFrom('en', 'ar', 'fr', 'pt-BR', 'zh-Hant'),
				type: fc.constantFrom(...RESOURCE_TYPES),
				themes: unique(slug),
				tags: unique(line),
				license: fc.constantFrom(...licenceIds),
				authors: unique(line),
				sourceUrl: fc.constantFrom('https://example.org/a?b=c#d', 'http://example.org/'),
				translationOf: slug,
				durationMinutes: fc.integer({ min: 1, max: 10_000 }),
				audience: line,
				region: line,
				sdg: unique(fc.constantFrom('4.3', '4.4', '4.5', '4.7', '16.7', '6.b', '17.10')),
				accessibility: unique(fc.constantFrom(...ACCESSIBILITY_FEATURES)),
				attachments: unique(attachment),
				body: fc.oneof(
					fc.constantFrom(
						'',
						'\n',
						'\n\nafter blank lines\n\n',
						'---\nnot: front matter\n---',
						'\u0645\u0631\u062d\u0628\u0627'
					),
					fc.string({ maxLength: 200 }),
					multiLine
				)
			},
			{
				requiredKeys: [
					'id',
					'title',
					'language',
					'type',
					'themes',
					'tags',
					'license',
					'authors',
					'sdg',
					'accessibility',
					'attachments',
					'body'
				]
			}
		)
		.filter((r) => r.translationOf !== r.id);

	it('parse(serialize(x)) equals x, and serialize is stable', () => {
		fc.assert(
			fc.property(resource, (x) => {
				const text = serializeResourceFile(x);
				const parsed = parseResourceFile(text, 'file.md');
				expect(parsed).toEqual({ ok: true, resource: x });
				expect(serializeResourceFile(resourceOf(parsed))).toBe(text);
			}),
			{ numRuns: 400 }
		);
	});
});
