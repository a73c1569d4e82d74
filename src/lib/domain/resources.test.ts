import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	ACCESSIBILITY_FEATURES,
	canonicalLanguage,
	decideResource,
	isResourceType,
	isSdgTarget,
	originalChangedSince,
	parseAccessibilityFeature,
	primaryLanguage,
	resourceKind,
	stateOfSave,
	THEME_KEY,
	SEED_THEME_KEYS
} from './resources';

const TTL = path.resolve(
	import.meta.dirname,
	'../../../../shared/fixtures/lrmi/vocabs/accessibilityFeature.ttl'
);

describe('resources domain', () => {
	it('matches the LRMI accessibilityFeature vocabulary', () => {
		const ttl = fs.readFileSync(TTL, 'utf8');
		const terms = [...ttl.matchAll(/accessibilityFeature\/([A-Za-z]+)> a skos:Concept/g)].map((m) => m[1]);
		expect([...ACCESSIBILITY_FEATURES].sort()).toEqual(terms.sort());
	});

	it('parses accessibility features as people write them', () => {
		expect(parseAccessibilityFeature('Alternative text')).toBe('alternativeText');
		expect(parseAccessibilityFeature('sign-language')).toBe('signLanguage');
		expect(parseAccessibilityFeature('captions')).toBe('captions');
		expect(parseAccessibilityFeature('subtitles please')).toBeNull();
	});

	it('canonicalises BCP 47 tags and refuses what is not one', () => {
		expect(canonicalLanguage('EN-gb')).toBe('en-GB');
		expect(canonicalLanguage('ar')).toBe('ar');
		expect(canonicalLanguage('fr-CA')).toBe('fr-CA');
		for (const bad of ['', 'english please', 'x', '<script>', 'a'.repeat(50), 'en_GB', '12']) {
			expect(canonicalLanguage(bad)).toBeNull();
		}
		expect(primaryLanguage('fr-CA')).toBe('fr');
	});

	it('knows SDG target shapes', () => {
		for (const ok of ['4', '4.3', '4.7', '16.b', '17.19']) expect(isSdgTarget(ok)).toBe(true);
		for (const bad of ['0', '18', '4.', '4.0', 'four', '4.7.1', ' 4.7']) expect(isSdgTarget(bad)).toBe(false);
	});

	it('types and theme keys', () => {
		expect(isResourceType('case-story')).toBe(true);
		expect(isResourceType('podcast')).toBe(false);
		for (const k of SEED_THEME_KEYS) expect(THEME_KEY.test(k)).toBe(true);
		expect(THEME_KEY.test('Bad Key')).toBe(false);
	});

	it('a link is a resource with no body and a source', () => {
		expect(resourceKind({ body: '  ', source_url: 'https://example.org' })).toBe('link');
		expect(resourceKind({ body: 'text', source_url: 'https://example.org' })).toBe('hosted');
		expect(resourceKind({ body: '', source_url: null })).toBe('hosted');
	});

	it('contributors propose, curators publish', () => {
		const a = { id: 'a' };
		const open = { suspended: false };
		expect(decideResource(a, 'propose', 'contributor', open).ok).toBe(true);
		expect(decideResource(a, 'publish', 'contributor', open)).toMatchObject({
			ok: false,
			reason: 'resource_curator_only'
		});
		expect(decideResource(a, 'publish', 'curator', open).ok).toBe(true);
		expect(decideResource(a, 'restore', 'curator', open).ok).toBe(true);
		expect(decideResource(a, 'create', null, open)).toMatchObject({ ok: false, kind: 'forbidden' });
		expect(decideResource(null, 'create', null, open)).toMatchObject({ ok: false, kind: 'unauthenticated' });
		expect(decideResource(a, 'create', 'curator', { suspended: true }).ok).toBe(false);
		expect(decideResource(null, 'read_drafts', null, open).ok).toBe(false);
		expect(decideResource(a, 'read_drafts', 'contributor', open).ok).toBe(true);
		expect(stateOfSave('contributor', true)).toBe('draft');
		expect(stateOfSave('curator', true)).toBe('published');
		expect(stateOfSave('curator', false)).toBe('draft');
	});

	it('the original has changed when its published version is newer', () => {
		expect(originalChangedSince(1, 2)).toBe(true);
		expect(originalChangedSince(2, 2)).toBe(false);
		expect(originalChangedSince(null, 2)).toBe(false);
		expect(originalChangedSince(1, null)).toBe(false);
	});
});
