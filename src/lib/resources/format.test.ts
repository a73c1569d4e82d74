import { describe, expect, it } from 'vitest';
import { autonym, humanSize, languageName, languageParts } from './format';

describe('humanSize', () => {
	it('picks a unit and formats the number for the reader', () => {
		expect(humanSize(850, 'en')).toBe('850 bytes');
		expect(humanSize(3240, 'en')).toBe('3.2 kB');
		expect(humanSize(1_400_000, 'en')).toBe('1.4 MB');
		expect(humanSize(250_000_000, 'en')).toBe('250 MB');
		expect(humanSize(3240, 'fr')).toMatch(/^3,2\s?ko$/);
		expect(humanSize(3240, 'ar')).toContain('كيلوبايت');
	});
});

describe('languageName', () => {
	it('names a language in the reader’s language, and in itself', () => {
		expect(languageName('fr', 'en')).toBe('French');
		expect(languageName('fr', 'ar')).toBe('الفرنسية');
		expect(autonym('ar')).toBe('العربية');
		expect(languageName('zz-!!', 'en')).toBe('zz-!!');
	});
});

describe('languageParts', () => {
	it('gives the language’s own name only when it differs', () => {
		expect(languageParts('fr', 'en')).toEqual({ name: 'French', autonym: 'français' });
		expect(languageParts('en', 'en')).toEqual({ name: 'English', autonym: null });
	});
});
