// The translating and adapting form schemas: what the pages post becomes exactly what
// requestTranslation, createTranslation and adaptResource accept.
import { describe, expect, it } from 'vitest';
import { parseOrThrow } from '../http/validation';
import { refusedFields } from '../testing/refusals';
import {
	adaptResourceBody,
	adaptResourceForm,
	createTranslationBody,
	createTranslationForm,
	translationRequestForm
} from './schemas';

const LIBRARY = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const VERSION = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a6c';

const posted = {
	title: 'Cercles d’appartenance',
	summary: 'Une activité.',
	body: 'Étape 1.',
	type: 'activity',
	themes: 'who-is-my-community',
	tags: 'carte, communauté',
	sdg: '4.7',
	authors: 'Amina\nYusuf',
	duration_minutes: '٤٥',
	license: 'CC-BY-NC-SA-4.0',
	change_note: '',
	// Fields the shared form may send that these services do not take are dropped.
	file_alt: 'ignored'
};

describe('translating forms', () => {
	it('a translation form becomes createTranslation input', () => {
		const input = parseOrThrow(createTranslationForm, { ...posted, language: 'FR', publish: '1' });
		expect(input).toMatchObject({
			language: 'fr',
			publish: true,
			themes: ['who-is-my-community'],
			tags: ['carte', 'communauté'],
			authors: ['Amina', 'Yusuf'],
			duration_minutes: 45
		});
		expect(input).not.toHaveProperty('file_alt');
		expect(() => parseOrThrow(createTranslationBody, input)).not.toThrow();
		expect(refusedFields(createTranslationForm, { ...posted, language: 'not a tag' })).toEqual({
			language: 'resource_language_invalid'
		});
	});

	it('an adaptation needs a change log and a library, and names its source version', () => {
		const form = { ...posted, language: 'fr', library_id: LIBRARY, source_version_id: VERSION };
		const { source_version_id, ...input } = parseOrThrow(adaptResourceForm, {
			...form,
			change_log: '  Raccourcie pour des jeunes.  '
		});
		expect(source_version_id).toBe(VERSION);
		expect(input).toMatchObject({
			change_log: 'Raccourcie pour des jeunes.',
			publish: false,
			library_id: LIBRARY
		});
		expect(() => parseOrThrow(adaptResourceBody, input)).not.toThrow();
		expect(refusedFields(adaptResourceForm, { ...form, change_log: '   ' })).toEqual({
			change_log: 'field_required'
		});
		expect(refusedFields(adaptResourceForm, { ...form, change_log: 'x', library_id: '' })).toHaveProperty(
			'library_id'
		);
	});

	it('a request names a resource and a language', () => {
		expect(parseOrThrow(translationRequestForm, { resource_id: VERSION, language: 'ar-eg' })).toEqual({
			resource_id: VERSION,
			language: 'ar-EG',
			id: undefined
		});
		expect(refusedFields(translationRequestForm, { resource_id: VERSION, language: '' })).toEqual({
			language: 'resource_language_invalid'
		});
	});
});
