import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json';
import { deedUrl, isPublicDomainTool, licenceName, licenceWords } from './licence-words';
import { licenceIds } from './licences';

describe('licenceWords', () => {
	it('says what each 4.0 licence lets people do, from its facts', () => {
		expect(licenceWords('CC-BY-NC-SA-4.0')).toEqual({
			may: [
				'read_licence_permits_reproduction',
				'read_licence_permits_distribution',
				'read_licence_permits_derivative_works'
			],
			must: [
				'read_licence_requires_attribution',
				'read_licence_requires_notice',
				'read_licence_requires_share_alike'
			],
			mayNot: ['read_licence_prohibits_commercial_use']
		});
		expect(licenceWords('CC-BY-ND-4.0').mayNot).toEqual(['read_licence_not_derivative_works']);
		expect(licenceWords('CC0-1.0')).toEqual({
			may: expect.arrayContaining(['read_licence_permits_derivative_works']),
			must: [],
			mayNot: []
		});
		expect(licenceWords('all-rights-reserved')).toEqual({
			may: [],
			must: [],
			mayNot: ['read_licence_all_rights_reserved']
		});
	});

	it('has a sentence in the catalogue for every fact of every licence', () => {
		for (const id of licenceIds) {
			const w = licenceWords(id);
			for (const key of [...w.may, ...w.must, ...w.mayNot]) expect(Object.hasOwn(en, key), key).toBe(true);
			expect(w.may.length + w.must.length + w.mayNot.length).toBeGreaterThan(0);
		}
	});
});

describe('licenceName', () => {
	it('uses the names Creative Commons uses', () => {
		expect(licenceName('CC-BY-NC-SA-4.0', 'ar')).toBe('CC BY-NC-SA 4.0');
		expect(licenceName('CC-BY-2.5', 'en')).toBe('CC BY 2.5');
		expect(licenceName('CC0-1.0', 'fr')).toBe('CC0 1.0');
		expect(licenceName('PDM-1.0', 'fr')).toBe('marque du domaine public 1.0');
		expect(licenceName('PDM-1.0', 'en-GB')).toBe('Public Domain Mark 1.0');
		expect(licenceName('all-rights-reserved', 'en')).toBeNull();
	});
});

describe('deedUrl', () => {
	it('points at the deed in the reader’s language, over https', () => {
		expect(deedUrl('CC-BY-ND-4.0', 'ar')).toBe('https://creativecommons.org/licenses/by-nd/4.0/deed.ar');
		expect(deedUrl('CC0-1.0', 'fr')).toBe('https://creativecommons.org/publicdomain/zero/1.0/deed.fr');
		expect(deedUrl('all-rights-reserved', 'en')).toBeNull();
	});
});

describe('isPublicDomainTool', () => {
	it('is true for CC0 and the mark only', () => {
		expect(isPublicDomainTool('CC0-1.0')).toBe(true);
		expect(isPublicDomainTool('PDM-1.0')).toBe(true);
		expect(isPublicDomainTool('CC-BY-4.0')).toBe(false);
		expect(isPublicDomainTool('all-rights-reserved')).toBe(false);
	});
});
