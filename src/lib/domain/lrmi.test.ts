import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCE_TYPES } from './resources';
import {
	LRMI_RESOURCE_TYPE,
	authorType,
	isoDuration,
	jsonLdScript,
	learningResource,
	serializeJsonLd,
	type LrmiInput
} from './lrmi';

const LRMI = path.resolve(import.meta.dirname, '../../../../shared/fixtures/lrmi');

/** An example's JSON-LD, without the <script> element some of them are wrapped in. */
function example(file: string): Record<string, unknown> {
	const raw = fs.readFileSync(path.join(LRMI, 'examples', file), 'utf8');
	return JSON.parse(raw.replace(/<\/?script[^>]*>/g, '')) as Record<string, unknown>;
}

const input: LrmiInput = {
	url: 'https://circles.example/resources/r1',
	name: 'Problem tree: roots, trunk and branches',
	description: 'A drawing activity.',
	inLanguage: 'en',
	type: 'activity',
	themes: [
		{
			key: 'selecting-a-problem',
			label: 'Selecting a problem',
			url: 'https://circles.example/themes/selecting-a-problem'
		}
	],
	themeSetUrl: 'https://circles.example/themes',
	tags: ['root causes'],
	audience: 'community facilitators',
	durationMinutes: 75,
	licenceUrl: 'http://creativecommons.org/licenses/by-nc-sa/4.0/',
	authors: ['Circles Editorial Collective', 'Fatou D.'],
	library: { name: 'Demo', url: 'https://circles.example/libraries/demo' },
	isBasedOn: [],
	accessibilityFeatures: ['alternativeText', 'structuralNavigation'],
	dateModified: '2026-01-01T00:00:00.000Z',
	version: 2
};

/** What kind of JSON value this is, one level deep, with a typed object's @type. */
function shape(v: unknown): string {
	if (Array.isArray(v)) return 'array';
	if (v && typeof v === 'object') {
		const type = (v as Record<string, unknown>)['@type'];
		return `object:${String(type).replace(/^schema:/, '')}`;
	}
	return typeof v;
}

describe('learningResource', () => {
	it('carries the fields the issue asks for', () => {
		const doc = learningResource(input);
		expect(doc).toMatchObject({
			'@context': 'https://schema.org',
			'@type': 'LearningResource',
			name: input.name,
			description: input.description,
			inLanguage: 'en',
			educationalLevel: 'community facilitators',
			timeRequired: 'PT1H15M',
			license: input.licenceUrl,
			accessibilityFeature: ['alternativeText', 'structuralNavigation'],
			url: input.url,
			dateModified: input.dateModified,
			isPartOf: { '@type': 'Collection', name: 'Demo', url: input.library.url },
			about: [
				{
					'@type': 'DefinedTerm',
					name: 'Selecting a problem',
					termCode: 'selecting-a-problem',
					inDefinedTermSet: 'https://circles.example/themes'
				}
			],
			author: [
				{ '@type': 'Organization', name: 'Circles Editorial Collective' },
				{ '@type': 'Person', name: 'Fatou D.' }
			]
		});
		expect(doc.learningResourceType).toEqual([
			'activity',
			expect.objectContaining({ '@type': 'DefinedTerm', termCode: 'activityPlan' })
		]);
		expect(doc).not.toHaveProperty('isBasedOn');
	});

	it('has the shape of the LRMI examples for the properties they share', () => {
		const doc = learningResource(input);
		const examples = ['type+audience+level_jsonld.json', 'alignmentsUK_jsonld.json'].map(example);
		for (const ex of examples) {
			expect(String(ex['@context'])).toMatch(/^https?:\/\/schema\.org\/?$/);
			// Ours is the more specific LearningResource, schema.org's type for what LRMI describes.
			expect(['CreativeWork', 'WebPage']).toContain(ex['@type']);
			expect(shape(doc.audience)).toBe(shape(ex.audience));
			expect(shape(doc.url)).toBe(shape(ex.url));
			expect(shape(doc.name)).toBe(shape(ex.name));
		}
		const [level, uk] = examples as [Record<string, unknown>, Record<string, unknown>];
		expect(Object.keys(doc.audience as object).sort()).toEqual(Object.keys(level.audience as object).sort());
		// The examples write learningResourceType as text or a list of text; we add the LRMI concept.
		expect(shape(level.learningResourceType)).toBe('array');
		expect(typeof uk.timeRequired).toBe('string');
		expect(doc.timeRequired).toMatch(/^PT(?:\d+H)?(?:\d+M)?$/);
		// alignmentsUK names what it is based on by URL (the older isBasedOnUrl); isBasedOn takes a URL or a work.
		expect(typeof uk.isBasedOnUrl).toBe('string');
	});

	it('credits the library when no author is named, and names what an adaptation is based on', () => {
		const doc = learningResource({
			...input,
			authors: [],
			isBasedOn: [{ name: 'Problem tree', url: 'https://circles.example/resources/r0' }]
		});
		expect(doc.author).toEqual([{ '@type': 'Organization', name: 'Demo', url: input.library.url }]);
		expect(doc.isBasedOn).toEqual([
			{ '@type': 'CreativeWork', name: 'Problem tree', url: 'https://circles.example/resources/r0' }
		]);
	});

	it('leaves out what the resource does not say', () => {
		const doc = learningResource({
			...input,
			description: '',
			tags: [],
			audience: null,
			durationMinutes: null,
			licenceUrl: null
		});
		for (const k of ['description', 'keywords', 'audience', 'educationalLevel', 'timeRequired', 'license'])
			expect(doc).not.toHaveProperty(k);
	});

	it('maps every resource type to a concept of the LRMI learning resource type scheme', () => {
		const ttl = fs.readFileSync(path.join(LRMI, 'vocabs/learningResourceType.ttl'), 'utf8');
		for (const type of RESOURCE_TYPES) {
			const { code, name } = LRMI_RESOURCE_TYPE[type];
			const concept = new RegExp(
				`^resourceType:${code} a skos:Concept ;\\s*\\n\\s*skos:prefLabel "${name}"@en-US`,
				'm'
			);
			expect(ttl, `${type} → ${code}`).toMatch(concept);
		}
	});
});

describe('isoDuration', () => {
	it('writes minutes as an ISO 8601 duration', () => {
		expect(isoDuration(45)).toBe('PT45M');
		expect(isoDuration(60)).toBe('PT1H');
		expect(isoDuration(90)).toBe('PT1H30M');
		expect(isoDuration(0)).toBe('PT0M');
	});
});

describe('authorType', () => {
	it('tells groups from people by the words in their name', () => {
		expect(authorType('Circles Editorial Collective')).toBe('Organization');
		expect(authorType("The Riverside Tenants' Union")).toBe('Organization');
		expect(authorType('Équipe pédagogique')).toBe('Organization');
		expect(authorType('الجمعية النسائية')).toBe('Organization');
		expect(authorType('Amal N.')).toBe('Person');
		expect(authorType('Teamster Jo')).toBe('Person');
	});
});

describe('serializeJsonLd', () => {
	it('keeps a hostile title inside the script element, and it still parses to the same text', () => {
		const hostile = [
			'</script><script>window.__pwned=1</script>',
			'<!-- <script>',
			'</SCRIPT >',
			'a & b > c \u2028 \u2029',
			...fs
				.readFileSync(path.join(LRMI, '../hostile-input/xss.txt'), 'utf8')
				.split('\n')
				.filter((l) => l !== '')
		];
		for (const name of hostile) {
			const html = jsonLdScript(learningResource({ ...input, name, description: name, authors: [name] }));
			const open = '<script type="application/ld+json">';
			expect(html.startsWith(open)).toBe(true);
			expect(html.endsWith('</script>')).toBe(true);
			const inner = html.slice(open.length, -'</script>'.length);
			// Nothing an HTML parser could read as markup inside the element.
			expect(inner).not.toMatch(/[<>]/);
			const parsed = JSON.parse(inner) as { name: string; description: string; author: { name: string }[] };
			expect(parsed.name).toBe(name);
			expect(parsed.author[0]?.name).toBe(name);
		}
	});

	it('is plain JSON', () => {
		const doc = learningResource(input);
		expect(JSON.parse(serializeJsonLd(doc))).toEqual(doc);
	});
});
